// The one JSON shape of an entity: stored in document data, printed by --json and --entities.
#pragma once

#include <newsdex/entities.h>

#include <nlohmann/json.hpp>
#include <vector>

namespace newsdex::entities {

/// {"type","name","mentions"} plus "country"/"region" when known (docs/json.md).
nlohmann::json to_json(const Entity& entity);
/// JSON array of entities.
nlohmann::json to_json(const std::vector<Entity>& entities);
/// The inverse of to_json(vector); tolerates missing fields and non-arrays (returns what it can).
std::vector<Entity> entities_from_json(const nlohmann::json& array);

}  // namespace newsdex::entities
