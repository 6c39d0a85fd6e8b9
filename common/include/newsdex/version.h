// Version numbers of the library, the index schema and the text normaliser.
#pragma once

namespace newsdex {

/// Library version.
inline constexpr const char* kVersion = "0.1.0";
/// Index schema version, stored in each database's metadata and checked on open.
// 2: facet value slots, entity ids in data.
// 3: XF<hash> source-file terms and newsdex:file:<hash> records (incremental re-indexing);
//    ids over 240 bytes hashed with FNV-1a instead of std::hash (which may change per build).
inline constexpr int kSchemaVersion = 3;
/// Version of the text normaliser; bumped whenever indexed terms would change.
inline constexpr int kNormaliserVersion = 1;
/// Version of the --json output schema (docs/json.md).
inline constexpr int kJsonSchemaVersion = 1;

}  // namespace newsdex
