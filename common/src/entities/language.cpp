// Language of an article: its header, else script counts and a function-word vote.
#include "entities/language.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>
#include <unordered_map>

namespace newsdex::entities {
namespace {

// How much of an article detection reads: enough for a clear vote, little for a long one.
constexpr std::size_t kSampleBytes = 4096;
constexpr std::size_t kSampleWords = 400;

// Latin-script languages the vote tells apart; English is the default.
enum Latin : std::uint8_t { en, de, fr, es, it, nl, pt, kLatinCount };
constexpr const char* kLatinCodes[kLatinCount] = {"en", "de", "fr", "es", "it", "nl", "pt"};

// Frequent function words, lower case. A word of several languages counts for each; words
// frequent in English ("in", "a") are left out of the others.
const std::unordered_map<std::string_view, std::uint8_t>& function_words() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<std::string_view, std::uint8_t>;
    auto add = [t](Latin lang, std::initializer_list<std::string_view> words) {
      for (std::string_view w : words) (*t)[w] |= std::uint8_t(1u << lang);
    };
    add(en, {"the",   "and", "of",    "to",  "is",    "was", "said", "for",  "that", "with",
             "on",    "by",  "from",  "has", "have",  "it",  "are",  "were", "will", "this",
             "which", "its", "after", "he",  "would", "at",  "be",   "but",  "not",  "they"});
    add(de, {"der",  "die",   "das",   "und", "ist",  "nicht", "mit",  "den", "dem",  "des", "ein",
             "eine", "einen", "sich",  "auf", "für",  "von",   "zu",   "im",  "auch", "sie", "wird",
             "nach", "bei",   "wurde", "aus", "über", "hat",   "sind", "als", "er",   "es",  "am"});
    add(fr, {"le",   "la",  "les", "des", "et",   "est",   "une",  "du", "dans", "pour",
             "qui",  "que", "pas", "sur", "au",   "aux",   "avec", "ce", "il",   "elle",
             "sont", "ont", "été", "par", "mais", "cette", "ses",  "d",  "l"});
    add(es, {"el", "la", "los", "las", "y",    "del", "que", "por",  "con",   "una",   "para", "es",
             "se", "su", "al",  "fue", "como", "más", "sus", "pero", "según", "entre", "lo"});
    add(it,
        {"il", "lo",  "gli", "della", "di",    "che", "e",   "per",   "una",   "con", "non", "sono",
         "è",  "del", "nel", "alla",  "anche", "ha",  "dei", "delle", "degli", "più", "sul"});
    add(nl, {"de",  "het",  "een",   "en",   "van",  "is",  "dat",    "op",
             "te",  "voor", "met",   "niet", "zijn", "ook", "worden", "werd",
             "bij", "naar", "heeft", "om",   "aan",  "er",  "maar"});
    add(pt, {"o",   "os", "as",   "de",   "do",   "da",  "dos", "das", "e",
             "em",  "um", "uma",  "para", "com",  "não", "que", "no",  "na",
             "foi", "ao", "pelo", "pela", "mais", "seu", "sua"});
    return t;
  }();
  return *table;
}

struct Counts {
  std::size_t latin = 0, cyrillic = 0, ukrainian = 0, hangul = 0, han = 0, kana = 0, greek = 0,
              arabic = 0, hebrew = 0, thai = 0;
  std::array<std::size_t, kLatinCount> votes{};
  std::size_t words = 0;
};

void vote(Counts& counts, std::string& word) {
  if (word.empty()) return;
  ++counts.words;
  const auto& table = function_words();
  if (auto it = table.find(word); it != table.end()) {
    for (int l = 0; l < kLatinCount; ++l)
      if (it->second & (1u << l)) ++counts.votes[std::size_t(l)];
  }
  word.clear();
}

// Counts letters by script and votes on Latin words in `text`, up to `budget` bytes.
void scan(std::string_view text, std::size_t& budget, Counts& counts) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(std::min(text.size(), budget));
  budget -= std::size_t(n);
  std::string word;
  for (std::int32_t i = 0; i < n;) {
    const std::uint8_t b = s[i];
    if (b < 0x80) {
      ++i;
      if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) {
        ++counts.latin;
        word += static_cast<char>(b | 0x20);
      } else if (counts.words < kSampleWords) {
        vote(counts, word);
      } else {
        word.clear();
      }
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0 || !u_isalpha(c)) {
      if (counts.words < kSampleWords) vote(counts, word);
      word.clear();
      continue;
    }
    UErrorCode status = U_ZERO_ERROR;
    switch (uscript_getScript(c, &status)) {
      case USCRIPT_LATIN: {
        ++counts.latin;
        // Lower-case accented capitals too ("Für" at a sentence start).
        const UChar32 lower = u_tolower(c);
        char buf[U8_MAX_LENGTH];
        std::int32_t len = 0;
        UBool error = false;
        U8_APPEND(reinterpret_cast<std::uint8_t*>(buf), len, U8_MAX_LENGTH, lower, error);
        if (!error) word.append(buf, std::size_t(len));
        continue;
      }
      case USCRIPT_CYRILLIC:
        ++counts.cyrillic;
        // і ї є ґ (and capitals) are Ukrainian, not Russian.
        if (c == 0x0456 || c == 0x0457 || c == 0x0454 || c == 0x0491 || c == 0x0406 ||
            c == 0x0407 || c == 0x0404 || c == 0x0490) {
          ++counts.ukrainian;
        }
        break;
      case USCRIPT_HANGUL:
        ++counts.hangul;
        break;
      case USCRIPT_HAN:
        ++counts.han;
        break;
      case USCRIPT_HIRAGANA:
      case USCRIPT_KATAKANA:
      case USCRIPT_KATAKANA_OR_HIRAGANA:
        ++counts.kana;
        break;
      case USCRIPT_GREEK:
        ++counts.greek;
        break;
      case USCRIPT_ARABIC:
        ++counts.arabic;
        break;
      case USCRIPT_HEBREW:
        ++counts.hebrew;
        break;
      case USCRIPT_THAI:
        ++counts.thai;
        break;
      default:
        break;
    }
    if (counts.words < kSampleWords) vote(counts, word);
    word.clear();
  }
  if (counts.words < kSampleWords) vote(counts, word);
}

}  // namespace

std::string normalize_language(std::string_view tag) {
  std::string out;
  std::size_t i = 0;
  while (i < tag.size() && (tag[i] == ' ' || tag[i] == '\t')) ++i;
  for (; i < tag.size(); ++i) {
    const char c = tag[i];
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c | 0x20);
    } else if (c >= 'a' && c <= 'z') {
      out += c;
    } else {
      break;
    }
  }
  // ISO 639-2 codes and English names of the common languages, for feeds that write them.
  static const std::unordered_map<std::string_view, const char*> kAliases = {
      {"eng", "en"},        {"english", "en"},  {"deu", "de"},     {"ger", "de"},
      {"german", "de"},     {"fra", "fr"},      {"fre", "fr"},     {"french", "fr"},
      {"spa", "es"},        {"spanish", "es"},  {"ita", "it"},     {"italian", "it"},
      {"nld", "nl"},        {"dut", "nl"},      {"dutch", "nl"},   {"por", "pt"},
      {"portuguese", "pt"}, {"rus", "ru"},      {"russian", "ru"}, {"ukr", "uk"},
      {"ukrainian", "uk"},  {"zho", "zh"},      {"chi", "zh"},     {"chinese", "zh"},
      {"jpn", "ja"},        {"japanese", "ja"}, {"kor", "ko"},     {"korean", "ko"}};
  if (out.size() > 2) {
    if (auto it = kAliases.find(out); it != kAliases.end()) return it->second;
  }
  return out;
}

std::string detect_language(std::string_view title, std::string_view body) {
  Counts counts;
  std::size_t budget = kSampleBytes;
  scan(title, budget, counts);
  if (budget > 0) scan(body, budget, counts);
  const std::size_t cjk = counts.hangul + counts.han + counts.kana;
  const std::size_t others[] = {counts.cyrillic, cjk,           counts.greek,
                                counts.arabic,   counts.hebrew, counts.thai};
  const std::size_t top_other = *std::max_element(std::begin(others), std::end(others));
  // Another script wins when it has more letters than Latin (CJK letters say more per letter:
  // a Chinese story quoting a Latin brand name is still Chinese).
  if (top_other > 0 && (top_other > counts.latin || cjk * 3 > counts.latin)) {
    if (cjk == top_other || cjk * 3 > counts.latin) {
      if (counts.hangul >= counts.han + counts.kana) return "ko";
      if (counts.kana * 10 >= counts.han && counts.kana > 0) return "ja";
      if (counts.hangul > 0 && counts.hangul * 2 >= cjk) return "ko";
      return "zh";
    }
    if (counts.cyrillic == top_other) return counts.ukrainian > 0 ? "uk" : "ru";
    if (counts.greek == top_other) return "el";
    if (counts.arabic == top_other) return "ar";
    if (counts.hebrew == top_other) return "he";
    return "th";
  }
  // Latin: another language must have at least 3 function words and twice English's.
  std::size_t best = de;
  for (std::size_t l = de + 1; l < kLatinCount; ++l) {
    if (counts.votes[l] > counts.votes[best]) best = l;
  }
  if (counts.votes[best] >= 3 && counts.votes[best] > 2 * counts.votes[en]) {
    return kLatinCodes[best];
  }
  return "en";
}

std::string article_language(const Article& article) {
  if (std::string lang = normalize_language(article.lang); !lang.empty()) return lang;
  return detect_language(article.title, article.body);
}

bool is_unspaced_language(std::string_view lang) {
  return lang == "zh" || lang == "ja" || lang == "th" || lang == "lzh" || lang == "yue";
}

}  // namespace newsdex::entities
