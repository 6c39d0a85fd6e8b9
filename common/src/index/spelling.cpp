// The spelling dictionary: Xapian's spelling table synced from the unprefixed term list.
#include "index/spelling.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <unordered_map>
#include <utility>
#include <vector>

namespace newsdex::index {

bool spelling_word(const std::string& term) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(term.data());
  const auto length = static_cast<int32_t>(term.size());
  std::size_t chars = 0;
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0 || !u_isalpha(c)) return false;
    UErrorCode status = U_ZERO_ERROR;
    switch (uscript_getScript(c, &status)) {
      case USCRIPT_HAN:
      case USCRIPT_HIRAGANA:
      case USCRIPT_KATAKANA:
      case USCRIPT_HANGUL:
      case USCRIPT_THAI:
      case USCRIPT_LAO:
      case USCRIPT_KHMER:
      case USCRIPT_MYANMAR:
        return false;
      default:
        break;
    }
    ++chars;
  }
  return chars >= kMinSpellingChars;
}

std::size_t update_spelling(Xapian::WritableDatabase& db) {
  // What the dictionary should hold. Prefixed terms start with an ASCII capital (schema.h), so
  // words are the terms from "a" on: lower-case ASCII, then every non-ASCII lead byte.
  std::unordered_map<std::string, Xapian::doccount> wanted;
  Xapian::TermIterator t = db.allterms_begin();
  t.skip_to("a");
  for (; t != db.allterms_end(); ++t) {
    const Xapian::doccount tf = t.get_termfreq();
    if (tf < kMinSpellingArticles) continue;
    const std::string term = *t;
    if (spelling_word(term)) wanted.emplace(term, tf);
  }
  // What it holds; read whole before anything is changed.
  std::vector<std::pair<std::string, Xapian::doccount>> held;
  for (auto s = db.spellings_begin(); s != db.spellings_end(); ++s) {
    held.emplace_back(*s, s.get_termfreq());
  }
  std::size_t changed = 0;
  for (const auto& [word, freq] : held) {
    const auto it = wanted.find(word);
    const Xapian::doccount want = it == wanted.end() ? 0 : it->second;
    if (want > freq) db.add_spelling(word, want - freq);
    if (want < freq) db.remove_spelling(word, freq - want);
    if (want != freq) ++changed;
    if (it != wanted.end()) wanted.erase(it);
  }
  for (const auto& [word, want] : wanted) {
    db.add_spelling(word, want);
    ++changed;
  }
  return changed;
}

}  // namespace newsdex::index
