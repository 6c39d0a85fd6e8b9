// Where the places an article mentions are: their gazetteer coordinates, for near: queries.
#pragma once

#include <newsdex/entities.h>

#include <optional>
#include <string>
#include <vector>

namespace newsdex::entities {

struct Place;

/// A point on the earth, degrees (WGS84, as GeoNames gives it).
struct LatLon {
  double latitude = 0.0;
  double longitude = 0.0;
};

/// The coordinates of `place` (an Entity of type place, found by its id in the gazetteer), or
/// nullopt if the gazetteer has none for it (countries, unknown ids). Loads the gazetteer on
/// first use (Gazetteer::shared()); throws Error(io) as that does. Thread-safe.
std::optional<LatLon> place_coordinates(const Entity& place);

/// Of the places named `name` (as typed: any case, accents), the one a near: query means: the
/// first with coordinates in the gazetteer's order (countries first, then largest first, an
/// alias's reading first), as place: reads a name. nullptr if no place with coordinates has
/// that name; then `*without` (if given) is set to the first place of that name (one without
/// coordinates, e.g. a country), or nullptr if the name is unknown. Thread-safe.
const Place* near_place(const std::string& name, const Place** without = nullptr);

}  // namespace newsdex::entities
