// Date, time and white-space helpers shared by the text, JSON Lines and Reuters parsers.
#include "corpus/format_parsers.h"

namespace newsdex::corpus {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int two_digits(std::string_view s, std::size_t at) {
  return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

}  // namespace

bool looks_like_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!is_digit(s[i])) return false;
  }
  return true;
}

bool valid_day(int year, int month, int day) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int last = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= last;
}

bool parse_time(std::string_view s, std::size_t& pos, std::string& out, bool& valid) {
  std::size_t i = pos;
  std::size_t hour_digits = 0;
  while (i < s.size() && is_digit(s[i]) && hour_digits < 3) {
    ++i;
    ++hour_digits;
  }
  if (hour_digits == 0 || hour_digits > 2 || i + 2 >= s.size() || s[i] != ':' ||
      !is_digit(s[i + 1]) || !is_digit(s[i + 2])) {
    return false;
  }
  const int hour = hour_digits == 1 ? s[pos] - '0' : two_digits(s, pos);
  const int minute = two_digits(s, i + 1);
  i += 3;
  int second = 0;
  if (i + 2 < s.size() && s[i] == ':' && is_digit(s[i + 1]) && is_digit(s[i + 2])) {
    second = two_digits(s, i + 1);
    i += 3;
    if (i + 1 < s.size() && (s[i] == '.' || s[i] == ',') && is_digit(s[i + 1])) {
      ++i;
      while (i < s.size() && is_digit(s[i])) ++i;
    }
  }
  out.clear();
  if (hour_digits == 1) out.push_back('0');
  out.append(s.substr(pos, i - pos));
  if (out.size() > 8 && out[8] == ',') out[8] = '.';
  valid = hour <= 23 && minute <= 59 && second <= 60;
  pos = i;
  return true;
}

bool parse_zone(std::string_view s, std::size_t& pos, std::string& out) {
  const std::string_view rest = s.substr(pos);
  if (rest.substr(0, 3) == "UTC" || rest.substr(0, 3) == "GMT") {
    out = "Z";
    pos += 3;
    return true;
  }
  if (!rest.empty() && (rest[0] == 'Z' || rest[0] == 'z')) {
    out = "Z";
    pos += 1;
    return true;
  }
  if (rest.size() < 3 || (rest[0] != '+' && rest[0] != '-') || !is_digit(rest[1]) ||
      !is_digit(rest[2])) {
    return false;
  }
  std::size_t used = 3;
  std::string minutes = "00";
  if (rest.size() >= 6 && rest[3] == ':' && is_digit(rest[4]) && is_digit(rest[5])) {
    minutes = std::string(rest.substr(4, 2));
    used = 6;
  } else if (rest.size() >= 5 && is_digit(rest[3]) && is_digit(rest[4])) {
    minutes = std::string(rest.substr(3, 2));
    used = 5;
  }
  if (two_digits(rest, 1) > 14 || std::stoi(minutes) > 59) return false;
  out.assign(1, rest[0]);
  out.append(rest.substr(1, 2)).append(":").append(minutes);
  pos += used;
  return true;
}

Timestamp parse_timestamp(std::string_view s) {
  Timestamp result;
  s = trim(s);
  const std::string_view date = s.substr(0, 10);
  if (!looks_like_date(date)) {
    result.error = "invalid date '" + std::string(s) + "'";
    return result;
  }
  if (!valid_day(std::stoi(std::string(date.substr(0, 4))), two_digits(date, 5),
                 two_digits(date, 8))) {
    result.error = "invalid date '" + std::string(date) + "'";
    return result;
  }
  result.date = std::string(date);
  if (s.size() == 10) return result;
  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') {
    result.error = "invalid date '" + std::string(s) + "'";
    return result;
  }
  std::size_t pos = 11;
  bool valid = false;
  std::string time;
  if (!parse_time(s, pos, time, valid) || !valid) {
    result.error = "invalid time '" + std::string(s.substr(11)) + "'";
    return result;
  }
  std::string zone;
  if (pos < s.size() && s[pos] == ' ') ++pos;  // "2025-07-13 14:05 +0300"
  if (pos < s.size() && !parse_zone(s, pos, zone)) pos = std::string_view::npos;
  if (pos != s.size()) {
    result.error = "invalid time '" + std::string(s.substr(11)) + "'";
    return result;
  }
  result.time = time + zone;
  return result;
}

std::size_t text_line_end(std::string_view data, std::size_t pos, std::size_t& next) {
  const std::size_t end = data.find_first_of("\r\n", pos);
  if (end == std::string_view::npos) {
    next = data.size();
    return data.size();
  }
  next = end + 1;
  if (data[end] == '\r' && next < data.size() && data[next] == '\n') ++next;
  return end;
}

std::size_t count_text_lines(std::string_view data) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (data[i] == '\n' || (data[i] == '\r' && (i + 1 == data.size() || data[i + 1] != '\n'))) {
      ++n;
    }
  }
  return n;
}

std::string_view strip_bom(std::string_view data) {
  if (data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
  return data;
}

bool is_blank(std::string_view s) {
  for (const char c : s) {
    if (!is_space(c)) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace newsdex::corpus
