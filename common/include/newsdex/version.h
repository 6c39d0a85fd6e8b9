// Version numbers of the library, the index schema and the text normaliser.
#pragma once

namespace newsdex {

/// Library version.
inline constexpr const char* kVersion = "0.1.0";
/// Index schema version, stored in each database's metadata and checked on open.
inline constexpr int kSchemaVersion = 2;  // 2: facet value slots, entity ids in data
/// Version of the text normaliser; bumped whenever indexed terms would change.
inline constexpr int kNormaliserVersion = 1;
/// Version of the --json output schema (docs/json.md).
inline constexpr int kJsonSchemaVersion = 1;

}  // namespace newsdex
