// Stemming shared by indexer and query parser: Snowball stemmers chosen by script and language.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace newsdex::text {

/// Stems of one folded word for indexing: the stem in the article's language (when Xapian has
/// a stemmer for it) and the stem in the default language of the word's script (Latin: English,
/// Cyrillic: Russian, Greek: Greek, Arabic: Arabic), without duplicates. For letters of scripts
/// without a stemmer (CJK, Hangul) the word itself; empty for numbers. Thread-safe.
std::vector<std::string> index_stems(std::string_view folded_word, const std::string& lang);

/// A Xapian::Stem for the query parser that picks a stemmer by each word's script: Latin words
/// in `latin_lang` (default English), Cyrillic in Russian, and so on. Matches index_stems().
Xapian::Stem query_stemmer(const std::string& latin_lang = "en");

}  // namespace newsdex::text
