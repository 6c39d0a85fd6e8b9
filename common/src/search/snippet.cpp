// Snippet selection: a sliding window over matched words, scored by distinct words covered.
#include "search/snippet.h"

#include "text/stemmer.h"
#include "text/tokenizer.h"

namespace newsdex::search {
namespace {

struct Match {
  std::size_t begin, end;
  std::string term;
};

std::vector<Match> find_matches(const std::string& text, const MatchTerms& terms,
                                const std::string& lang) {
  std::vector<Match> matches;
  if (terms.exact.empty() && terms.stems.empty()) return matches;
  // Stemming every word of every hit's body was over half the cost of a search. Snowball
  // stemmers rewrite endings only, so a word can only stem to a query stem that shares its
  // first two bytes (english's irregular forms too: skies/sky, dying/die): others are skipped.
  std::unordered_set<std::string> stem_heads;
  for (const std::string& stem : terms.stems) stem_heads.insert(stem.substr(0, 2));
  auto may_stem_to_query = [&](const std::string& word) {
    return stem_heads.count(word.substr(0, 2)) > 0 || stem_heads.count(word.substr(0, 1)) > 0;
  };
  for (const auto& t : text::tokenize(text)) {
    std::string folded = text::fold(std::string_view(text).substr(t.begin, t.end - t.begin));
    if (folded.empty()) continue;
    bool hit = terms.exact.count(folded) > 0;
    if (!hit && !terms.stems.empty() && t.kind == text::TokenKind::word &&
        may_stem_to_query(folded)) {
      std::string key = lang + '\0' + folded;  // stems depend on the article's language
      auto known = terms.stemmed.find(key);
      if (known == terms.stemmed.end()) {
        std::string stem;
        for (const auto& s : text::index_stems(folded, lang)) {
          if (terms.stems.count(s)) {
            stem = s;
            break;
          }
        }
        known = terms.stemmed.emplace(std::move(key), std::move(stem)).first;
      }
      if (!known->second.empty()) {
        hit = true;
        folded = known->second;
      }
    }
    if (hit) matches.push_back({t.begin, t.end, folded});
  }
  return matches;
}

// Moves a byte offset back to the start of a UTF-8 character.
std::size_t char_start(const std::string& s, std::size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

// Byte offset of a boundary near `i` that falls on white space, searching backwards (or
// forwards when `forward`) at most 20 bytes, so snippets do not cut words in half.
std::size_t word_boundary(const std::string& s, std::size_t i, bool forward) {
  if (i >= s.size()) return s.size();
  for (std::size_t k = 0; k < 20; ++k) {
    const std::size_t j = forward ? i + k : (i >= k ? i - k : 0);
    if (j >= s.size()) return s.size();
    if (s[j] == ' ' || s[j] == '\n') return forward ? j : j + 1;
    if (j == 0) return 0;
  }
  return char_start(s, i);
}

std::string flatten(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  }
  return s;
}

}  // namespace

Snippet make_snippet(const std::string& body, const MatchTerms& terms, const std::string& lang,
                     std::size_t max_chars) {
  Snippet snippet;
  const std::vector<Match> matches = find_matches(body, terms, lang);
  std::size_t begin = 0, end = std::min(body.size(), max_chars);
  if (!matches.empty()) {
    // Window starting a little before a match; best = most distinct terms, then most matches.
    std::size_t best_distinct = 0, best_count = 0, best_start = 0;
    for (std::size_t i = 0; i < matches.size(); ++i) {
      std::unordered_set<std::string> distinct;
      std::size_t count = 0;
      for (std::size_t j = i; j < matches.size() && matches[j].end <= matches[i].begin + max_chars;
           ++j) {
        distinct.insert(matches[j].term);
        ++count;
      }
      if (distinct.size() > best_distinct ||
          (distinct.size() == best_distinct && count > best_count)) {
        best_distinct = distinct.size();
        best_count = count;
        best_start = matches[i].begin;
      }
    }
    const std::size_t lead = max_chars / 4;
    begin = best_start > lead ? best_start - lead : 0;
    end = std::min(body.size(), begin + max_chars);
  }
  if (begin > 0) begin = word_boundary(body, begin, false);
  if (end < body.size()) end = word_boundary(body, end, true);
  begin = char_start(body, begin);
  end = char_start(body, end);
  const std::string prefix = begin > 0 ? "…" : "";
  snippet.text = prefix + flatten(body.substr(begin, end - begin)) + (end < body.size() ? "…" : "");
  for (const Match& m : matches) {
    if (m.begin >= begin && m.end <= end) {
      snippet.highlights.push_back(
          {m.begin - begin + prefix.size(), m.end - begin + prefix.size()});
    }
  }
  return snippet;
}

std::vector<Highlight> highlight_all(const std::string& text, const MatchTerms& terms,
                                     const std::string& lang) {
  std::vector<Highlight> out;
  for (const Match& m : find_matches(text, terms, lang)) out.push_back({m.begin, m.end});
  return out;
}

}  // namespace newsdex::search
