// Small text helpers the recogniser's stages share (entities/mention.h).
#include "entities/mention.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>

#include "text/tokenizer.h"

namespace newsdex::entities {

std::vector<std::string> split_words(const std::string& folded) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start <= folded.size()) {
    std::size_t sp = folded.find(' ', start);
    if (sp == std::string::npos) sp = folded.size();
    if (sp > start) words.push_back(folded.substr(start, sp - start));
    start = sp + 1;
  }
  return words;
}

bool has_lower(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool has_letter(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
  });
}

// "KIM JONG UN" -> "Kim Jong Un"; short all-caps words ("KCNA", "U.S.") stay acronyms.
std::string title_case(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  icu::UnicodeString out;
  int32_t i = 0;
  while (i < u.length()) {
    int32_t j = i;
    while (j < u.length() && !u_isspace(u.charAt(j))) ++j;
    icu::UnicodeString word(u, i, j - i);
    if (word.length() > 4 && word.indexOf(u'.') < 0) {
      icu::UnicodeString rest(word, 1);
      rest.toLower();
      word = icu::UnicodeString(word, 0, 1) + rest;
    }
    out += word;
    while (j < u.length() && u_isspace(u.charAt(j))) out += u.charAt(j++);
    i = j;
  }
  std::string r;
  out.toUTF8String(r);
  return r;
}

std::string lower_key(std::string_view w) {
  bool ascii = std::all_of(w.begin(), w.end(), [](char c) { return (c & 0x80) == 0; });
  if (!ascii) return text::fold(w);
  std::string out(w);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace newsdex::entities
