// The two word breakers behind tokenize(), exposed so tests can prove they agree on ASCII.
#pragma once

#include <string_view>
#include <vector>

#include "text/tokenizer.h"

namespace newsdex::text::internal {

/// tokenize() through ICU's word BreakIterator, for any valid UTF-8. Thread-safe.
std::vector<Token> tokenize_icu(std::string_view text, bool with_punct);

/// tokenize() for pure-ASCII `text` only (bytes >= 0x80 give wrong tokens): ICU 72's root word
/// break rules and rule statuses, restricted to ASCII, without ICU. tokenize() uses it for
/// ASCII text when built with ICU 72. Thread-safe.
std::vector<Token> tokenize_ascii(std::string_view text, bool with_punct);

}  // namespace newsdex::text::internal
