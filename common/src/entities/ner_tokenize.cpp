// CoNLL-style tokenisation and sentence splitting on top of the ICU word breaker.
#include "entities/ner_tokenize.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "text/tokenizer.h"

namespace newsdex::entities {
namespace {

// Abbreviations after which a full stop does not end the sentence ("Mr. Lavrov").
constexpr std::array<std::string_view, 36> kAbbreviations = {
    "Mr",  "Mrs", "Ms",   "Dr",  "St",   "Ft",  "Mt",   "Jr",  "Sr",  "Gen", "Col", "Lt",  "Sgt", "Gov",
    "Sen", "Rep", "Corp", "Inc", "Co",   "Ltd", "Bros", "No",  "Jan", "Feb", "Mar", "Apr",
    "Jun", "Jul", "Aug",  "Sep", "Sept", "Oct", "Nov",  "Dec", "vs",  "Prof"};

bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }

// "St", or "ST" as datelines write it ("ST. LOUIS"): one of kAbbreviations, any case.
bool is_abbreviation(std::string_view word) {
  for (std::string_view a : kAbbreviations) {
    if (a.size() != word.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < a.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(a[i])) ==
             std::tolower(static_cast<unsigned char>(word[i]));
    }
    if (same) return true;
  }
  return false;
}

// Typographic quotes and apostrophes as the ASCII the CoNLL data uses.
std::string ner_form(std::string_view s) {
  if (std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; })) {
    return std::string(s);  // the usual case: nothing typographic in it
  }
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kMap = {{
      {"\u201C", "\""},
      {"\u201D", "\""},
      {"\u201E", "\""},
      {"\u00AB", "\""},
      {"\u00BB", "\""},
      {"\u2018", "'"},
      {"\u2019", "'"},
      {"\u2032", "'"},
  }};
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    bool replaced = false;
    for (const auto& [from, to] : kMap) {
      if (s.compare(i, from.size(), from) == 0) {
        out += to;
        i += from.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += s[i++];
  }
  return out;
}

// Length in bytes of a trailing apostrophe (ASCII or U+2019) followed by `suffix`, or 0.
std::size_t apostrophe_suffix(std::string_view w, std::string_view suffix) {
  if (w.size() <= suffix.size() + 1) return 0;
  std::string_view head = w.substr(0, w.size() - suffix.size());
  std::string_view tail = w.substr(w.size() - suffix.size());
  if (tail != suffix && !(std::equal(tail.begin(), tail.end(), suffix.begin(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == b;
      }))) {
    return 0;
  }
  if (head.size() >= 2 && head.back() == '\'') return suffix.size() + 1;
  if (head.size() >= 4 && head.substr(head.size() - 3) == "\u2019") return suffix.size() + 3;
  return 0;
}

}  // namespace

std::vector<NerSentence> ner_tokenize(std::string_view text) {
  return ner_tokenize(text, text::tokenize(text, /*with_punct=*/true));
}

std::vector<NerSentence> ner_tokenize(std::string_view text, const std::vector<text::Token>& raw) {
  // 1. Merge what CoNLL keeps as one token: "Jong-Un", "U.S." and initials "J.".
  std::vector<NerToken> tokens;
  tokens.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    NerToken t{std::string(), raw[i].begin, raw[i].end, raw[i].kind != text::TokenKind::punct};
    if (t.is_word) {
      while (i + 2 < raw.size() && raw[i + 1].begin == t.end &&
             text.substr(raw[i + 1].begin, raw[i + 1].end - raw[i + 1].begin) == "-" &&
             raw[i + 2].begin == raw[i + 1].end && raw[i + 2].kind != text::TokenKind::punct) {
        t.end = raw[i + 2].end;
        i += 2;
      }
      std::string_view w = text.substr(t.begin, t.end - t.begin);
      bool dotted =
          w.find('.') != std::string_view::npos || (w.size() == 1 && is_upper_ascii(w[0]));
      if (dotted && i + 1 < raw.size() && raw[i + 1].begin == t.end &&
          text.substr(raw[i + 1].begin, 1) == ".") {
        t.end = raw[i + 1].end;
        ++i;
      }
    }
    tokens.push_back(std::move(t));
  }
  // 2. Split "Russia's" -> "Russia" "'s" and "don't" -> "do" "n't"; build sentences.
  std::vector<NerSentence> sentences;
  NerSentence current;
  auto flush = [&] {
    if (!current.empty()) sentences.push_back(std::move(current));
    current.clear();
  };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    NerToken t = std::move(tokens[i]);
    // A line break between tokens ends the sentence (headlines, paragraphs).
    if (!current.empty()) {
      std::string_view gap = text.substr(current.back().end, t.begin - current.back().end);
      if (gap.find('\n') != std::string_view::npos) flush();
    }
    std::string_view w = text.substr(t.begin, t.end - t.begin);
    if (t.is_word) {
      std::size_t split = apostrophe_suffix(w, "s");
      if (split == 0) {
        // "n't": the n belongs to the clitic.
        std::size_t nt = apostrophe_suffix(w, "t");
        if (nt != 0 && w.size() > nt + 1 &&
            std::tolower(static_cast<unsigned char>(w[w.size() - nt - 1])) == 'n') {
          split = nt + 1;
        }
      }
      if (split != 0 && split < w.size()) {
        NerToken head{std::string(w.substr(0, w.size() - split)), t.begin, t.end - split, true};
        NerToken tail{ner_form(w.substr(w.size() - split)), t.end - split, t.end, false};
        current.push_back(std::move(head));
        current.push_back(std::move(tail));
        continue;
      }
    }
    t.text = ner_form(w);
    const bool stop = !t.is_word && (w == "." || w == "!" || w == "?");
    current.push_back(std::move(t));
    if (!stop) continue;
    // End the sentence unless an abbreviation precedes or no capitalised word/quote follows.
    const NerToken* prev = current.size() >= 2 ? &current[current.size() - 2] : nullptr;
    if (prev != nullptr && w == "." && is_abbreviation(prev->text)) continue;
    if (i + 1 < tokens.size()) {
      std::string_view next = text.substr(tokens[i + 1].begin, 1);
      unsigned char c = static_cast<unsigned char>(next[0]);
      bool starts = std::isupper(c) || std::isdigit(c) || c >= 0x80 || next == "\"" ||
                    next == "(" || next == "'";
      if (!starts) continue;
    }
    flush();
  }
  flush();
  return sentences;
}

std::string fold_name(std::string_view s) {
  bool simple = !s.empty() && s.front() != ' ' && s.back() != ' ';
  for (std::size_t i = 0; simple && i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    simple = std::isalpha(c) || (c == ' ' && s[i - 1] != ' ');
  }
  if (!simple) return text::fold_phrase(s);
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_all_caps(std::string_view source, const NerSentence& sentence) {
  std::size_t upper = 0;
  std::size_t lower = 0;
  for (const NerToken& t : sentence) {
    if (!t.is_word) continue;
    for (std::size_t i = t.begin; i < t.end; ++i) {
      unsigned char c = static_cast<unsigned char>(source[i]);
      if (std::isupper(c)) ++upper;
      if (std::islower(c)) ++lower;
    }
  }
  return upper >= 4 && lower * 5 < upper;  // tolerate "'s" and a stray lower-case word
}

}  // namespace newsdex::entities
