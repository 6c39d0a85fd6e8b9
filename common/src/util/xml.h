// Escaping text for XML (SVG charts, GraphML networks).
#pragma once

#include <string>
#include <string_view>

namespace newsdex::util {

/// `s` with the five characters XML reserves written as entities, fit for element text and for
/// attribute values in either kind of quotes. Validity of the UTF-8 is the caller's concern.
inline std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace newsdex::util
