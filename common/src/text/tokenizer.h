// ICU text pipeline shared by indexer and searcher: word breaking and term folding.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::text {

/// What a token is, from ICU's word-break rule status.
enum class TokenKind {
  word,         ///< letters (Latin, Cyrillic, Hangul, ...)
  number,       ///< digits, possibly with , . inside ("5.93", "155,221")
  ideographic,  ///< a CJK/Thai/Kana word found by ICU's dictionary segmentation
  punct,        ///< punctuation or symbol (only when asked for)
};

/// A token: byte range [begin, end) of the UTF-8 input, and its kind.
struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;
  TokenKind kind = TokenKind::word;
};

/// Splits UTF-8 `text` by UAX #29 word boundaries (ICU, with dictionary segmentation for
/// Chinese, Japanese, Thai, ...). Spaces are never returned; punctuation only when
/// `with_punct`. Invalid UTF-8 must have been repaired before. Thread-safe.
std::vector<Token> tokenize(std::string_view text, bool with_punct = false);

/// Folds one token to its index form: NFKC, case folding, diacritics removed, typographic
/// apostrophes made ASCII, and a trailing possessive "'s"/"s'" dropped ("Russia’s" -> "russia",
/// "Kúrsk" -> "kursk", "ＫＵＲＳＫ" -> "kursk"). Returns "" for a token with nothing left.
/// Thread-safe.
std::string fold(std::string_view token);

/// Folds a whole phrase: tokenize + fold each word, joined by single spaces
/// ("Kim  Jong-Un" -> "kim jong un"). Thread-safe.
std::string fold_phrase(std::string_view text);

/// Replaces invalid UTF-8 sequences by U+FFFD. Returns the number of replacements.
std::size_t repair_utf8(std::string& text);

/// Converts Latin-1 bytes to UTF-8.
std::string latin1_to_utf8(std::string_view bytes);

}  // namespace newsdex::text
