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

/// The unique id term of an article ("Q" + id).
std::string id_term(const std::string& id);

}  // namespace newsdex::index
