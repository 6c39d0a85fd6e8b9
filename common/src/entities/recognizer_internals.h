// What the library's own indexer uses of the recogniser beyond its public API: recognising an
// article whose word breaking is already done, so ICU runs once per text for both indexing and
// entity recognition.
#pragma once

#include <newsdex/entities.h>

#include <vector>

#include "text/tokenizer.h"

namespace newsdex {

/// The tokens of an article's title and body as text::tokenize(text, /*with_punct=*/true)
/// returns them.
struct ArticleTokens {
  std::vector<text::Token> title;
  std::vector<text::Token> body;
};

/// Word-breaks the title and body of `article` once.
ArticleTokens tokenize_article(const Article& article);

/// EntityRecognizer::recognize(article), from tokens made by tokenize_article(article).
ArticleEntities recognize_tokens(const EntityRecognizer& recognizer, const Article& article,
                                 const ArticleTokens& tokens);

}  // namespace newsdex
