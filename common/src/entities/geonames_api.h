// libgeonames, opened on first use (dlopen) by the gazetteer and the query-places generator.
#pragma once

#include <geonames/geonames.h>

namespace newsdex::entities {

/// The libgeonames functions newsdex uses. The library is opened when the cities are first
/// needed, not linked: it pulls in GLib and GIO, whose start-up (~8 ms of CPU) every run of
/// newsdex-search would otherwise pay, even for a query without place: or country:.
struct GeonamesApi {
  decltype(&geonames_get_n_cities) get_n_cities;
  decltype(&geonames_get_city) get_city;
  decltype(&geonames_city_get_name) city_name;
  decltype(&geonames_city_get_state) city_state;
  decltype(&geonames_city_get_country_code) city_country_code;
  decltype(&geonames_city_get_population) city_population;
  decltype(&geonames_city_get_latitude) city_latitude;
  decltype(&geonames_city_get_longitude) city_longitude;
  decltype(&geonames_city_free) city_free;
};

/// Opens libgeonames once per process. Throws Error(io) naming the package if it is missing.
/// Thread-safe.
const GeonamesApi& geonames();

}  // namespace newsdex::entities
