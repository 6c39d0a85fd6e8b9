// Splitting article text into CoNLL-2003-style sentences of tokens for the entity tagger.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "text/tokenizer.h"

namespace newsdex::entities {

/// One token as the tagger sees it, and where it came from.
struct NerToken {
  std::string text;       ///< CoNLL form: "U.S.", "'s", "n't", "\"" for typographic quotes
  std::size_t begin = 0;  ///< byte range [begin, end) of the source text
  std::size_t end = 0;
  bool is_word = false;  ///< letters or digits (not punctuation)
};

using NerSentence = std::vector<NerToken>;

/// Splits UTF-8 `text` into sentences of CoNLL-style tokens: ICU word breaking, then the
/// CoNLL conventions (possessive "'s" and "n't" split off, "U.S." and initials keep their dot,
/// hyphenated words kept whole, typographic quotes as ASCII). Sentences end at . ! ? before a
/// capitalised word (not after "Mr" and the like) and at line breaks. Thread-safe.
std::vector<NerSentence> ner_tokenize(std::string_view text);

/// The same, from `text`'s tokens as text::tokenize(text, true) returns them, for callers that
/// need that word breaking anyway (the indexer): ICU then runs once per text, not twice.
std::vector<NerSentence> ner_tokenize(std::string_view text, const std::vector<text::Token>& raw);

/// True if most letters of the words in `sentence` are upper case ("KIM JONG UN OFFERS ...").
bool is_all_caps(std::string_view source, const NerSentence& sentence);

/// text::fold_phrase(), faster for the common case of plain ASCII letters and single spaces
/// ("Sergey Lavrov" -> "sergey lavrov"), which only need lower-casing. Same result always.
std::string fold_name(std::string_view name);

}  // namespace newsdex::entities
