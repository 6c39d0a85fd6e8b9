// The language an article is recognised in: its `lang` header, else a cheap detection by script
// and, for Latin script, by a vote of common function words.
#pragma once

#include <newsdex/article.h>

#include <string>
#include <string_view>

namespace newsdex::entities {

/// The primary subtag of a language tag, lower case ("pt-BR" -> "pt", "zh_Hant" -> "zh",
/// " EN " -> "en"), with ISO 639-2 codes and English names of common languages mapped to their
/// ISO 639-1 code ("eng", "English" -> "en"); empty if `tag` has no letters first.
std::string normalize_language(std::string_view tag);

/// Detects the language of `text` from its first few kilobytes: the script most letters are in
/// (Cyrillic: "ru", or "uk" when Ukrainian-only letters appear; Hangul: "ko"; Kana: "ja"; Han:
/// "zh"; Greek: "el"; Arabic: "ar"; Hebrew: "he"; Thai: "th"), and for Latin script a vote of
/// frequent function words between en, de, fr, es, it, nl and pt: another language must clearly
/// beat English, else "en". Text with no letters is "en". Costs a few microseconds; thread-safe.
std::string detect_language(std::string_view title, std::string_view body);

/// The language `article` is recognised in: normalize_language(article.lang) when set, else
/// detect_language(article.title, article.body). Thread-safe.
std::string article_language(const Article& article);

/// True for languages written without spaces between words, whose names are matched as
/// character sequences rather than words ("zh", "ja", "th").
bool is_unspaced_language(std::string_view lang);

}  // namespace newsdex::entities
