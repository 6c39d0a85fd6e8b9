// UTF-8 repair and Latin-1 conversion: the byte-level checks every reader runs before ICU sees
// text.
#include <cstdint>

#include "text/tokenizer.h"

namespace newsdex::text {

namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

// Length of the well-formed UTF-8 sequence at text[i], or 0 if it is ill-formed; `subpart` gets
// the length of its maximal ill-formed prefix (at least 1), so that each maximal subpart becomes
// one U+FFFD as Unicode (chapter 3, "U+FFFD substitution of maximal subparts") recommends.
std::size_t sequence_length(std::string_view text, std::size_t i, std::size_t& subpart) {
  const auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(text[k]); };
  const std::uint8_t lead = byte(i);
  subpart = 1;
  std::size_t need;
  std::uint8_t lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    need = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    need = 2;
    if (lead == 0xE0)
      lo = 0xA0;  // overlong
    else if (lead == 0xED)
      hi = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    need = 3;
    if (lead == 0xF0)
      lo = 0x90;  // overlong
    else if (lead == 0xF4)
      hi = 0x8F;  // beyond U+10FFFF
  } else {
    return 0;  // stray continuation byte, C0/C1 overlong lead, or F5..FF
  }
  for (std::size_t k = 1; k <= need; ++k) {
    if (i + k >= text.size()) return 0;
    const std::uint8_t b = byte(i + k);
    const std::uint8_t min = k == 1 ? lo : 0x80;
    const std::uint8_t max = k == 1 ? hi : 0xBF;
    if (b < min || b > max) return 0;
    subpart = k + 1;
  }
  return need + 1;
}

}  // namespace

std::size_t repair_utf8(std::string& text) {
  // Fast path: most input is valid, so find the first bad byte before building anything.
  std::size_t i = 0;
  std::size_t subpart = 0;
  while (i < text.size()) {
    if (static_cast<std::uint8_t>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = sequence_length(text, i, subpart);
    if (len == 0) break;
    i += len;
  }
  if (i == text.size()) return 0;

  std::string out;
  out.reserve(text.size() + 16);
  out.append(text, 0, i);
  std::size_t replaced = 0;
  while (i < text.size()) {
    if (static_cast<std::uint8_t>(text[i]) < 0x80) {
      out.push_back(text[i++]);
      continue;
    }
    const std::size_t len = sequence_length(text, i, subpart);
    if (len == 0) {
      out.append(kReplacement);
      ++replaced;
      i += subpart;
    } else {
      out.append(text, i, len);
      i += len;
    }
  }
  text.swap(out);
  return replaced;
}

std::string latin1_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (const char c : bytes) {
    const auto b = static_cast<std::uint8_t>(c);
    if (b < 0x80) {
      out.push_back(c);
    } else {
      out.push_back(static_cast<char>(0xC0 | (b >> 6)));
      out.push_back(static_cast<char>(0x80 | (b & 0x3F)));
    }
  }
  return out;
}

}  // namespace newsdex::text
