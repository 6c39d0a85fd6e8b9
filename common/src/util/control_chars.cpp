// Finding, blanking and escaping control characters in UTF-8 text.
#include "util/control_chars.h"

#include <cstdio>

namespace newsdex::util {
namespace {

// Bytes of the control character at s[i] (1 for C0/DEL, 2 for a C1 as UTF-8), or 0 if there
// is none there. Tab and line feed count only when `newlines` is false.
std::size_t control_at(std::string_view s, std::size_t i, bool newlines_are_control) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c == '\t' || c == '\n') return newlines_are_control ? 1 : 0;
  if (c < 0x20 || c == 0x7F) return 1;
  if (c == 0xC2 && i + 1 < s.size()) {
    const auto d = static_cast<unsigned char>(s[i + 1]);
    if (d >= 0x80 && d <= 0x9F) return 2;
  }
  return 0;
}

}  // namespace

std::size_t count_control_chars(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = control_at(s, i, false);
    n += len != 0;
    i += len ? len : 1;
  }
  return n;
}

std::size_t blank_control_chars(std::string& s, bool keep_newlines) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = control_at(s, i, !keep_newlines);
    if (len == 0) {
      ++i;
      continue;
    }
    ++n;
    for (std::size_t k = 0; k < len; ++k) s[i + k] = ' ';
    i += len;
  }
  return n;
}

std::string escape_control_chars(std::string_view s, bool keep_newlines) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = control_at(s, i, !keep_newlines);
    if (len == 0) {
      out.push_back(s[i++]);
      continue;
    }
    const unsigned code =
        len == 2 ? static_cast<unsigned char>(s[i + 1]) : static_cast<unsigned char>(s[i]);
    char buf[8];
    std::snprintf(buf, sizeof buf, len == 2 ? "\\u%04X" : "\\x%02X", code);
    out += buf;
    i += len;
  }
  return out;
}

}  // namespace newsdex::util
