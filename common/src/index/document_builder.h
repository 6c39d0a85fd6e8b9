// Turns an Article (and its entities) into a Xapian document following index/schema.h.
#pragma once

#include <newsdex/article.h>
#include <newsdex/entities.h>
#include <xapian.h>

#include <string>

#include "entities/recognizer_internals.h"

namespace newsdex::index {

/// Builds the document: positional words and stems of title and body, title words with prefix S,
/// Q<id>, date terms and value, source/lang terms, entity terms (when `entities` is given), and
/// the JSON document data the searcher shows. Thread-safe.
Xapian::Document build_document(const Article& article, const ArticleEntities* entities);

/// The same, from the article's tokens (tokenize_article), so word breaking is not repeated.
Xapian::Document build_document(const Article& article, const ArticleEntities* entities,
                                const ArticleTokens& tokens);

/// The sort key of schema::kDateTimeSlot for an article's date ("YYYY-MM-DD") and time as the
/// readers write it ("HH:MM[:SS[.fff]]" then "", "Z" or "+HH:MM"/"-HH:MM"): "YYYYMMDD" then
/// "HHMMSS" and the fraction's digits, moved to UTC when there is a zone. An empty or
/// unrecognised time gives the day alone.
std::string date_time_key(const std::string& date, const std::string& time);

/// The unique id term of an article ("Q" + id).
std::string id_term(const std::string& id);

}  // namespace newsdex::index
