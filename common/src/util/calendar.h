// Proleptic Gregorian calendar arithmetic on "YYYYMMDD" days: one home for day counting.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace newsdex::util {

/// A calendar day.
struct CivilDay {
  int year = 1970;
  unsigned month = 1;  ///< 1-12
  unsigned day = 1;    ///< 1-31
};

/// True in a Gregorian leap year.
constexpr bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/// Days in month `m` (1-12) of year `y`.
constexpr unsigned days_in_month(int y, unsigned m) {
  constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

/// Days since 1970-01-01 (negative before); Howard Hinnant's days_from_civil.
constexpr std::int64_t days_from_civil(CivilDay c) {
  const int y = c.year - (c.month <= 2);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (c.month + (c.month > 2 ? -3 : 9)) + 2) / 5 + c.day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

/// The inverse of days_from_civil().
constexpr CivilDay civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(yoe + era * 400 + (m <= 2)), m, d};
}

/// Day of the week, 0 = Monday ... 6 = Sunday.
constexpr unsigned weekday(std::int64_t days) {
  return static_cast<unsigned>(((days % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday
}

/// Parses "YYYYMMDD"; false if it is not a valid day.
bool parse_compact_day(std::string_view ymd, CivilDay& out);
/// "YYYYMMDD".
std::string compact_day(CivilDay c);
/// "YYYY-MM-DD".
std::string iso_day(CivilDay c);

}  // namespace newsdex::util
