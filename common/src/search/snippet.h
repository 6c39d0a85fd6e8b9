// Snippets: the passage of an article that best shows why it matched, with the words marked.
#pragma once

#include <newsdex/searcher.h>

#include <string>
#include <unordered_map>
#include <unordered_set>

namespace newsdex::search {

/// Words a query looks for, as folded exact terms and as stems. One per search: it also
/// remembers which words were found to stem to a query stem, as the hits of a search share
/// most of their vocabulary (so not safe to share between threads).
struct MatchTerms {
  std::unordered_set<std::string> exact;
  std::unordered_set<std::string> stems;
  /// language, '\0', folded word -> the query stem the word stems to, or "" if none (filled by
  /// the snippet code)
  mutable std::unordered_map<std::string, std::string> stemmed;
};

/// Picks about `max_chars` characters of `body` around the densest cluster of matching words
/// and marks every matching word. Without any match, returns the opening of the body.
Snippet make_snippet(const std::string& body, const MatchTerms& terms, const std::string& lang,
                     std::size_t max_chars);

/// Marks matching words in a short text (a title) without cutting it.
std::vector<Highlight> highlight_all(const std::string& text, const MatchTerms& terms,
                                     const std::string& lang);

}  // namespace newsdex::search
