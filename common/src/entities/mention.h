// What the recogniser's stages pass between them: entity mentions as written in one article.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "entities/gazetteer.h"

namespace newsdex::entities {

/// The tagger's span types (CoNLL PER, ORG, LOC, MISC).
enum class SpanType { per, org, loc, misc };

/// One entity mention as written in the article.
struct Mention {
  SpanType type = SpanType::per;
  std::string surface;  ///< original text, spaces as written
  std::string folded;   ///< text::fold_phrase(surface)
  bool caps = false;    ///< written in an ALL-CAPS sentence (headline, dateline)
  std::size_t order = 0;
  const Place* fixed = nullptr;  ///< a reading known for sure (demonym -> its country)
  /// Part of a wire dateline ("CLEVELAND, Feb 26 -"): names a place by convention.
  bool dateline = false;
  /// The state written after the place and a comma ("VIENNA, Va.", "Kimberley, B.C."): the
  /// place is one of this state's, or unknown.
  const Place* dateline_state = nullptr;
  /// The tagger called it a person or an organisation ("Dome", "Honda"); it was taken for a
  /// place because the name is one.
  bool from_actor = false;
};


/// User aliases (--aliases): folded alias or canonical -> canonical display name.
using UserAliases = std::unordered_map<std::string, std::string>;

/// The words of a folded name ("kim jong un" -> kim, jong, un).
std::vector<std::string> split_words(const std::string& folded);
/// True if `s` has an ASCII lower-case letter.
bool has_lower(std::string_view s);
/// True if `s` has a letter (ASCII or any non-ASCII character).
bool has_letter(std::string_view s);
/// "KIM JONG UN" -> "Kim Jong Un"; short all-caps words ("KCNA", "U.S.") stay acronyms.
std::string title_case(std::string_view s);
/// `w` in lower case (folded when not ASCII).
std::string lower_key(std::string_view w);

}  // namespace newsdex::entities
