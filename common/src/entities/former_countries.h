// Former countries (ISO 3166-3): which country a place belonged to on an article's date.
#pragma once

#include <string>
#include <string_view>

#include "entities/gazetteer.h"

namespace newsdex::entities {

/// The ISO 3166 alpha-2 code of the country `place` belonged to on `date` ("YYYY-MM-DD"; empty:
/// today). Places of the former Soviet Union before 1991-12-26 are SU; of East Germany (the
/// five eastern states; Berlin stays DE) before 1990-10-03, DD; of Czechoslovakia before
/// 1993-01-01, CS; of Yugoslavia, YU (Slovenia and Croatia until 1992-01-15, Bosnia until
/// 1992-04-06, Macedonia until 1993-04-08, Serbia, Montenegro and Kosovo until 2003-02-04,
/// when the federation became Serbia and Montenegro). Otherwise `place.country`.
std::string country_on(const Place& place, std::string_view date);

/// True if the country of ISO code `iso2` did not exist yet on `date` and a place then
/// belonged to a former country (UA in 1987): a reading of the name as that country is
/// unlikely ("Georgia" in 1987 is the US state).
bool is_successor_before_independence(std::string_view iso2, std::string_view date);

}  // namespace newsdex::entities
