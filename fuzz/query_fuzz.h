// What fuzz_query (and tests/unit/fuzz_regressions_test.cpp) share: a small database, and one
// query run by a Searcher (parse, match, snippets, facets, timeline) with the promises of
// searcher.h checked on the answer.
#pragma once

#include <newsdex/error.h>
#include <newsdex/indexer.h>
#include <newsdex/searcher.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace newsdex::fuzz {

// A broken promise; escapes LLVMFuzzerTestOneInput (a crash for libFuzzer) or fails the test.
struct QueryContractBroken : std::logic_error {
  using std::logic_error::logic_error;
};

inline Article query_article(const char* id, const char* date, const char* title, const char* body,
                             const char* source = "Wire", const char* lang = "en") {
  Article a;
  a.id = a.path = id;
  a.date = date;
  a.title = title;
  a.body = body;
  a.source = source;
  a.lang = lang;
  return a;
}

/// Writes the database the query target searches into `db_path` (with entities): a few
/// articles over four years with actors, places, sources and languages for the fields to find.
inline void build_query_db(const std::string& db_path) {
  IndexOptions options;
  options.db_path = db_path;
  options.jobs = 1;
  Indexer ix(options);
  ix.add(query_article("crude", "1987-03-05", "Crude oil falls",
                       "Crude oil prices fell as OPEC ministers met in Vienna.\nKuwait said no."));
  ix.add(query_article(
      "imf", "1987-03-06", "Fund talks",
      "The International Monetary Fund lent money to Mexico. Oil was not discussed."));
  ix.add(query_article("kim", "2025-07-13", "Kim Jong Un offers support to Russia",
                       "Kim Jong Un visited Moscow and Kursk, said KCNA. Lavrov spoke in Beijing.",
                       "Example Wire"));
  ix.add(query_article("ru", "2024-02-29", "Лавров в Пекине",
                       "Сергей Лавров прибыл в Пекин. Переговоры длились три часа.", "ТАСС", "ru"));
  ix.add(
      query_article("ja", "2024-12-31", "北京で会談", "東京と北京の首脳が会談した。", "NHK", "ja"));
  ix.commit();
}

/// Runs `query`; a QueryError is a fine answer. Throws QueryContractBroken when the answer
/// breaks a promise of searcher.h, and lets any other exception through.
inline void check_query(Searcher& searcher, const std::string& query) {
  auto fail = [](const std::string& what) {
    throw QueryContractBroken("contract broken: " + what);
  };
  SearchOptions options;
  options.limit = 3;
  options.snippet_chars = 60;
  options.facets = {FacetField::actor, FacetField::place, FacetField::month};
  options.timeline = Period::month;
  SearchResult result;
  try {
    result = searcher.search(query, options);
  } catch (const QueryError& e) {
    // The column points into the query (1-based characters: at most one past its bytes).
    if (e.column() > query.size() + 1)
      fail("QueryError column past the query: " + std::string(e.what()));
    return;
  }
  if (!result.matches) fail("no exact count with facets");
  if (result.hits.size() > options.limit || result.hits.size() > *result.matches) {
    fail("more hits than asked for or matched");
  }
  std::size_t in_timeline = 0;
  for (const auto& bucket : result.timeline->buckets) in_timeline += bucket.count;
  if (in_timeline != *result.matches) fail("timeline does not sum to the matches");
  const auto check = [&](const std::string& text, const std::vector<Highlight>& highlights) {
    std::size_t at = 0;
    for (const auto& h : highlights) {
      if (h.begin < at || h.end <= h.begin || h.end > text.size()) {
        fail("highlight out of order or range in '" + text + "'");
      }
      at = h.end;
    }
  };
  for (const Hit& hit : result.hits) {
    check(hit.title, hit.title_highlights);
    check(hit.snippet.text, hit.snippet.highlights);
  }
}

}  // namespace newsdex::fuzz
