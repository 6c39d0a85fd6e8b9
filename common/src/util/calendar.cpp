// Parsing and formatting of calendar days.
#include "util/calendar.h"

#include <cstdio>

namespace newsdex::util {

bool parse_compact_day(std::string_view ymd, CivilDay& out) {
  if (ymd.size() != 8) return false;
  int v[8];
  for (int i = 0; i < 8; ++i) {
    if (ymd[i] < '0' || ymd[i] > '9') return false;
    v[i] = ymd[i] - '0';
  }
  const int y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
  const unsigned m = static_cast<unsigned>(v[4] * 10 + v[5]);
  const unsigned d = static_cast<unsigned>(v[6] * 10 + v[7]);
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return false;
  out = {y, m, d};
  return true;
}

std::string compact_day(CivilDay c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02u%02u", c.year, c.month, c.day);
  return buf;
}

std::string iso_day(CivilDay c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.year, c.month, c.day);
  return buf;
}

}  // namespace newsdex::util
