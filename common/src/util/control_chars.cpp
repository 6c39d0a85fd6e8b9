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

// Bytes of the well-formed UTF-8 sequence that starts at s[i] (RFC 3629: no overlong forms,
// surrogates or values above U+10FFFF), or 0 if none starts there.
std::size_t utf8_length_at(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return 1;
  std::size_t n;
  unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) return 0;
  }
  return n;
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
      const std::size_t valid = utf8_length_at(s, i);
      if (valid == 0) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(s[i++]));
        out += buf;
      } else {
        out.append(s, i, valid);
        i += valid;
      }
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
