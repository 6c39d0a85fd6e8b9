// Script-aware stemming: a query word is stemmed the way the indexer stemmed it.
#include "text/stemmer.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <map>
#include <mutex>

namespace newsdex::text {
namespace {

// Script of the first letter of a UTF-8 word.
UScriptCode script_of(std::string_view word) {
  int32_t i = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(word.data());
  const auto n = static_cast<int32_t>(word.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) continue;
    if (u_isalpha(c)) {
      UErrorCode status = U_ZERO_ERROR;
      return uscript_getScript(c, &status);
    }
  }
  return USCRIPT_COMMON;
}

const char* default_lang_for(UScriptCode script) {
  switch (script) {
    case USCRIPT_LATIN:
      return "en";
    case USCRIPT_CYRILLIC:
      return "ru";
    case USCRIPT_GREEK:
      return "el";
    case USCRIPT_ARABIC:
      return "ar";
    default:
      return nullptr;
  }
}

bool script_fits(UScriptCode script, const std::string& lang) {
  if (lang == "ru" || lang == "uk" || lang == "bg" || lang == "sr")
    return script == USCRIPT_CYRILLIC;
  if (lang == "el") return script == USCRIPT_GREEK;
  if (lang == "ar") return script == USCRIPT_ARABIC;
  return script == USCRIPT_LATIN;
}

// Xapian::Stem objects are cheap to copy but not thread-safe; keep one set per thread.
Xapian::Stem* stemmer_for(const std::string& lang) {
  thread_local std::map<std::string, Xapian::Stem> cache;
  auto it = cache.find(lang);
  if (it == cache.end()) {
    Xapian::Stem stem;
    try {
      stem = Xapian::Stem(lang);
    } catch (const Xapian::InvalidArgumentError&) {
      // Unknown language: no stemmer (an empty Stem returns the word unchanged).
    }
    it = cache.emplace(lang, stem).first;
  }
  if (it->second.is_none()) return nullptr;
  return &it->second;
}

class ScriptStemmer : public Xapian::StemImplementation {
 public:
  explicit ScriptStemmer(std::string latin_lang) : latin_lang_(std::move(latin_lang)) {}
  std::string operator()(const std::string& word) override {
    const UScriptCode script = script_of(word);
    const char* lang = script == USCRIPT_LATIN ? latin_lang_.c_str() : default_lang_for(script);
    if (!lang) return word;
    Xapian::Stem* stem = stemmer_for(lang);
    return stem ? (*stem)(word) : word;
  }
  std::string get_description() const override {
    return "newsdex script stemmer (" + latin_lang_ + ")";
  }

 private:
  std::string latin_lang_;
};

}  // namespace

std::vector<std::string> index_stems(std::string_view folded_word, const std::string& lang) {
  std::vector<std::string> stems;
  const UScriptCode script = script_of(folded_word);
  const std::string word(folded_word);
  auto add = [&](const char* l) {
    if (!l) return;
    Xapian::Stem* stem = stemmer_for(l);
    if (!stem) return;
    std::string s = (*stem)(word);
    if (s.empty()) return;
    for (const auto& have : stems) {
      if (have == s) return;
    }
    stems.push_back(std::move(s));
  };
  if (!lang.empty() && script_fits(script, lang)) add(lang.c_str());
  add(default_lang_for(script));
  // Xapian's QueryParser asks for a Z term for every word that starts with a letter (CJK and
  // Hangul included); where no stemmer applies, the stem is the word itself.
  if (stems.empty() && script != USCRIPT_COMMON) stems.push_back(word);
  return stems;
}

Xapian::Stem query_stemmer(const std::string& latin_lang) {
  return Xapian::Stem(new ScriptStemmer(latin_lang.empty() ? "en" : latin_lang));
}

}  // namespace newsdex::text
