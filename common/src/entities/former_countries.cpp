// Former countries (ISO 3166-3) by date. Dates are those of the successor states' independence
// as the world recognised it; the codes are ISO 3166-3's alpha-2 codes of the former states.
#include "entities/former_countries.h"

#include <array>

#include "text/tokenizer.h"

namespace newsdex::entities {
namespace {

struct Succession {
  std::string_view successor;  // ISO 3166-1 alpha-2 of today's country
  std::string_view former;     // ISO 3166-3 alpha-2 of the former one
  std::string_view until;      // first day the successor counts as itself
};

constexpr std::array<Succession, 25> kSuccessions = {{
    // The Soviet Union was dissolved on 1991-12-26.
    {"RU", "SU", "1991-12-26"},
    {"UA", "SU", "1991-12-26"},
    {"BY", "SU", "1991-12-26"},
    {"KZ", "SU", "1991-12-26"},
    {"UZ", "SU", "1991-12-26"},
    {"TM", "SU", "1991-12-26"},
    {"TJ", "SU", "1991-12-26"},
    {"KG", "SU", "1991-12-26"},
    {"GE", "SU", "1991-12-26"},
    {"AM", "SU", "1991-12-26"},
    {"AZ", "SU", "1991-12-26"},
    {"MD", "SU", "1991-12-26"},
    {"EE", "SU", "1991-09-06"},
    {"LV", "SU", "1991-09-06"},
    {"LT", "SU", "1991-09-06"},
    // Czechoslovakia split on 1993-01-01.
    {"CZ", "CS", "1993-01-01"},
    {"SK", "CS", "1993-01-01"},
    // Yugoslavia.
    {"SI", "YU", "1992-01-15"},
    {"HR", "YU", "1992-01-15"},
    {"BA", "YU", "1992-04-06"},
    {"MK", "YU", "1993-04-08"},
    {"RS", "YU", "2003-02-04"},
    {"ME", "YU", "2003-02-04"},
    {"XK", "YU", "2003-02-04"},
    // East Germany: see is_east_german().
    {"DE", "DD", "1990-10-03"},
}};

// The five states of the former GDR, as GeoNames and ISO 3166-2 name them (folded), and
// their ISO 3166-2 codes. Berlin was divided: it stays DE.
bool is_east_german(const Place& place) {
  static constexpr std::string_view kCodes[] = {"iso:DE-BB", "iso:DE-MV", "iso:DE-SN",
                                                "iso:DE-ST", "iso:DE-TH"};
  static constexpr std::string_view kStates[] = {
      "brandenburg",      "mecklenburg vorpommern", "mecklenburg western pomerania",
      "saxony",           "sachsen",                "saxony anhalt",
      "sachsen anhalt",   "thuringia",              "thuringen",
      "free state of saxony", "free state of thuringia"};
  for (std::string_view code : kCodes)
    if (place.id == code) return true;
  const std::string region =
      text::fold_phrase(place.kind == Place::Kind::city ? place.region : place.name);
  for (std::string_view state : kStates)
    if (region == state) return true;
  return false;
}

const Succession* succession(std::string_view iso2) {
  for (const Succession& s : kSuccessions)
    if (s.successor == iso2) return &s;
  return nullptr;
}

}  // namespace

std::string country_on(const Place& place, std::string_view date) {
  if (date.empty() || place.country.empty()) return place.country;
  const Succession* s = succession(place.country);
  if (s == nullptr || date >= s->until) return place.country;
  if (s->former == "DD") {
    // The country Germany itself was West Germany (the Federal Republic, code DE).
    if (place.kind == Place::Kind::country || !is_east_german(place)) return place.country;
  }
  return std::string(s->former);
}

bool is_successor_before_independence(std::string_view iso2, std::string_view date) {
  if (date.empty()) return false;
  const Succession* s = succession(iso2);
  return s != nullptr && s->former != "DD" && date < s->until;
}

}  // namespace newsdex::entities
