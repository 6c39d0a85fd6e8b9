// Place coordinates from the gazetteer: what an article's places are indexed with (schema
// kCoordsSlot) and where a near: query's place name is.
#include "entities/place_coords.h"

#include "entities/gazetteer.h"
#include "text/tokenizer.h"

namespace newsdex::entities {
namespace {

// Looked up once: Gazetteer::shared() resolves the data directory (a few stat calls) on every
// call, which every place of every article indexed would pay.
const Gazetteer& gazetteer() {
  static const std::shared_ptr<const Gazetteer> loaded = Gazetteer::shared();
  return *loaded;
}

}  // namespace

std::optional<LatLon> place_coordinates(const Entity& place) {
  if (place.id.empty()) return std::nullopt;
  const Place* p = gazetteer().place_by_id(place.id);
  if (p == nullptr || !p->has_coordinates()) return std::nullopt;
  return LatLon{p->latitude, p->longitude};
}

const Place* near_place(const std::string& name, const Place** without) {
  if (without != nullptr) *without = nullptr;
  const std::string folded = text::fold_phrase(name);
  if (folded.empty()) return nullptr;
  const auto& places = gazetteer().places(folded);
  for (const Place* p : places) {
    if (p->has_coordinates()) return p;
  }
  if (without != nullptr && !places.empty()) *without = places.front();
  return nullptr;
}

}  // namespace newsdex::entities
