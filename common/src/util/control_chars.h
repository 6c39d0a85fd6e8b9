// Control characters in text from articles and users: removed at index time, never printed raw.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsdex::util {

/// Number of control characters in UTF-8 `s`: C0 (U+0000-U+001F) except tab and line feed,
/// DEL (U+007F) and C1 (U+0080-U+009F). Such characters can drive a terminal (an ESC sequence
/// can retitle the window or hide text).
std::size_t count_control_chars(std::string_view s);

/// Replaces each control character of `s` (as counted above) by spaces, one per byte, so byte
/// offsets into `s` stay valid; with `keep_newlines` false, tabs and line feeds too. Returns the
/// number replaced.
std::size_t blank_control_chars(std::string& s, bool keep_newlines = true);

/// `s` with each control character (and, unless `keep_newlines`, tab and line feed) written as
/// a visible escape such as "\x1B", for messages that quote input; each byte that is not part of
/// a well-formed UTF-8 sequence is written "\xNN" too, so the result is always valid UTF-8.
std::string escape_control_chars(std::string_view s, bool keep_newlines = false);

}  // namespace newsdex::util
