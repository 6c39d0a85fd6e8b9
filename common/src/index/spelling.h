// The spelling dictionary (Xapian's spelling table) behind "did you mean": kept equal to the
// corpus's words after every change to the documents.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>

namespace newsdex::index {

/// Shortest word (in characters) in the dictionary, and the shortest a suggestion corrects:
/// within two edits of a two-letter word lies nearly every short word.
inline constexpr std::size_t kMinSpellingChars = 3;
/// Fewest articles a word must be in to be a correction: typos of the corpus itself ("petrolium"
/// in one story) are not offered as corrections. Reuters-21578 bench/README.md figures.
inline constexpr Xapian::doccount kMinSpellingArticles = 3;

/// True if `term` (a folded, unprefixed term) may be in the dictionary: at least
/// kMinSpellingChars characters, all letters, none of a script written without spaces (Han,
/// kana, Thai...: their words are dictionary segments, not spelt letter by letter).
bool spelling_word(const std::string& term);

/// Makes `db`'s spelling table hold each spelling_word() term that is in at least
/// kMinSpellingArticles documents, with its term frequency (the number of articles it is in)
/// as its frequency, and nothing else: adds and removes only the differences, so it is cheap
/// after a small change. Call after the documents changed, before the commit. Returns the
/// number of words whose frequency changed. Throws Xapian errors.
std::size_t update_spelling(Xapian::WritableDatabase& db);

}  // namespace newsdex::index
