// Entity <-> JSON, shared by the document builder, the searcher and the printers.
#include "entities/entity_json.h"

namespace newsdex::entities {

nlohmann::json to_json(const Entity& e) {
  nlohmann::json j = {{"type", to_string(e.type)}, {"name", e.name}, {"mentions", e.mentions}};
  if (!e.id.empty()) j["id"] = e.id;
  if (!e.country.empty()) j["country"] = e.country;
  if (!e.region.empty()) j["region"] = e.region;
  return j;
}

nlohmann::json to_json(const std::vector<Entity>& entities) {
  nlohmann::json array = nlohmann::json::array();
  for (const Entity& e : entities) array.push_back(to_json(e));
  return array;
}

std::vector<Entity> entities_from_json(const nlohmann::json& array) {
  std::vector<Entity> out;
  if (!array.is_array()) return out;
  for (const auto& j : array) {
    if (!j.is_object()) continue;
    Entity e;
    const std::string type = j.value("type", "person");
    e.type = type == "organisation" ? EntityType::organisation
             : type == "place"      ? EntityType::place
                                    : EntityType::person;
    e.name = j.value("name", "");
    e.id = j.value("id", "");
    e.country = j.value("country", "");
    e.region = j.value("region", "");
    e.mentions = j.value("mentions", 0);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace newsdex::entities
