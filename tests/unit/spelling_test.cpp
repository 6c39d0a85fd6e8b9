// "Did you mean" (issue 11): the spelling dictionary built at index time, and the corrections a
// search offers for a query that finds little.
#include "index/spelling.h"

#include <newsdex/indexer.h>
#include <newsdex/searcher.h>
#include <xapian.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "test_support.h"

namespace {

using newsdex::test::article;
using newsdex::test::TempDb;

// "petroleum" in 11 articles and the typo "petrolium" in one (a typo of the corpus must not
// become a correction); "parts" and "open" in 12; "lire" in 5, "lira" in one; one article about
// Paris and OPEC.
std::vector<newsdex::Article> corpus() {
  std::vector<newsdex::Article> out;
  for (int i = 0; i < 10; ++i) {
    out.push_back(article("petroleum" + std::to_string(i), "2025-07-0" + std::to_string(i % 9 + 1),
                          "Petroleum exports", "Petroleum exports rose in the pipeline region."));
  }
  out.push_back(article("typo", "2025-07-10", "Refinery", "A petrolium refinery closed."));
  for (int i = 0; i < 12; ++i) {
    out.push_back(article("parts" + std::to_string(i), "2025-07-11", "Trade",
                          "Spare parts were on open sale in the north."));
  }
  out.push_back(article("paris", "2025-07-12", "Heat in Paris",
                        "The heat in Paris was the talk of the OPEC meeting on petroleum."));
  for (int i = 0; i < 5; ++i) {
    out.push_back(article("lire" + std::to_string(i), "2025-07-13", "Currencies",
                          "The lire fell against the dollar."));
  }
  out.push_back(article("lira", "2025-07-14", "Currencies", "The lira rose."));
  return out;
}

void index_all(const std::string& path, const std::vector<newsdex::Article>& articles,
               bool entities = false) {
  newsdex::IndexOptions opts;
  opts.db_path = path;
  opts.jobs = 1;
  opts.recognize_entities = entities;
  newsdex::Indexer ix(opts);
  for (const auto& a : articles) ix.add(a);
  ix.commit();
}

std::string suggestion(newsdex::Searcher& s, const std::string& q) {
  return s.search(q).suggestion.value_or("");
}

}  // namespace

TEST_CASE("the spelling dictionary holds words of letters, of three or more", "[index]") {
  using newsdex::index::spelling_word;
  CHECK(spelling_word("petroleum"));
  CHECK(spelling_word("oil"));
  CHECK(spelling_word("кремль"));
  CHECK_FALSE(spelling_word("on"));
  CHECK_FALSE(spelling_word("g7s"));
  CHECK_FALSE(spelling_word("1987"));
  CHECK_FALSE(spelling_word("北京市"));
}

TEST_CASE("a misspelt word gets the correction, with what it matches", "[search]") {
  TempDb db;
  index_all(db.path.string(), corpus());
  newsdex::Searcher s({db.path.string()});

  const newsdex::SearchResult r = s.search("petrolium");
  CHECK(r.hits.size() == 1);  // the corpus's own typo is found...
  REQUIRE(r.suggestion.has_value());
  CHECK(*r.suggestion == "petroleum");  // ...and the common word is offered
  CHECK(r.suggestion_matches == 11);

  // Everything else of the query stays as typed: operators, phrases, fields, brackets.
  CHECK(suggestion(s, "petrolium exports") == "petroleum exports");
  CHECK(suggestion(s, "title:Petrolium -parts") == "title:petroleum -parts");
  CHECK(suggestion(s, "(\"petrolium exports\" OR kerosene) date:2025-07") ==
        "(\"petroleum exports\" OR kerosene) date:2025-07");
  CHECK(suggestion(s, "petrolium*") == "");  // a wildcard is not a misspelling

  // Correct words get none, even when together they find little.
  const newsdex::SearchResult right = s.search("petroleum refinery");
  CHECK(right.hits.empty());
  CHECK_FALSE(right.suggestion.has_value());
  CHECK(suggestion(s, "parts pipeline") == "");

  // A word in no article takes any near word of the dictionary; one the corpus has (a name in
  // an article or two) only a word in ten times as many articles.
  CHECK(suggestion(s, "lirx") == "lire");
  CHECK(suggestion(s, "lira") == "");        // "lire": 5 articles, "lira": 1
  CHECK(suggestion(s, "paris") == "parts");  // "parts": 12 articles, "paris": 1
  // Words of up to five letters are corrected by one edit only, longer ones by two.
  CHECK(suggestion(s, "pirtz") == "");
  CHECK(suggestion(s, "petrolxum") == "petroleum");

  // Only when the query finds little (fewer than suggest_below articles).
  newsdex::SearchOptions never;
  never.suggest_below = 0;
  CHECK_FALSE(s.search("petrolium", never).suggestion.has_value());
}

TEST_CASE("an actor: or place: value that exists is never corrected", "[search]") {
  TempDb db;
  index_all(db.path.string(), corpus(), /*entities=*/true);
  newsdex::Searcher s({db.path.string()});
  // Without entities the word "paris" is corrected to "parts" (previous test case); here it
  // names a place, in a field or not, and "opec" an actor.
  for (const char* q :
       {"place:paris", "place:Paris", "actor:opec", "actor:OPEC", "paris", "Paris", "opec"}) {
    CAPTURE(q);
    const newsdex::SearchResult r = s.search(q);
    REQUIRE(r.hits.size() == 1);  // the value exists
    CHECK_FALSE(r.suggestion.has_value());
  }
  // A misspelt word beside them is corrected; the field's value stays as typed.
  CHECK(suggestion(s, "place:Paris petrolium") == "place:Paris petroleum");
}

TEST_CASE("the dictionary follows deletions and re-indexing", "[index]") {
  TempDb db;
  const auto articles = corpus();
  index_all(db.path.string(), articles);
  {
    newsdex::Searcher s({db.path.string()});
    REQUIRE(suggestion(s, "petrolium") == "petroleum");
  }
  newsdex::IndexOptions opts;
  opts.db_path = db.path.string();
  opts.recognize_entities = false;
  std::vector<std::string> gone;
  for (int i = 0; i < 9; ++i) gone.push_back("petroleum" + std::to_string(i));
  {
    // Nine of the eleven "petroleum" articles go: in 2 it is no longer a correction.
    newsdex::Indexer ix(opts);
    CHECK(ix.delete_ids(gone).removed == 9);
  }
  {
    newsdex::Searcher s({db.path.string()});
    CHECK(s.search("petroleum").hits.size() == 2);
    CHECK(suggestion(s, "petrolium") == "");
  }
  {
    // Back again (re-indexed one by one): a correction again, with the right count.
    newsdex::Indexer ix(opts);
    for (int i = 0; i < 9; ++i) ix.add(articles[i]);
    ix.commit();
  }
  {
    newsdex::Searcher s({db.path.string()});
    const newsdex::SearchResult r = s.search("petrolium");
    REQUIRE(r.suggestion.has_value());
    CHECK(*r.suggestion == "petroleum");
    CHECK(r.suggestion_matches == 11);
  }
  {
    // Replacing an article by its id does not count its words twice.
    newsdex::Indexer ix(opts);
    ix.add(articles[0]);
    ix.add(articles[0]);
    ix.commit();
  }
  Xapian::Database x(db.path.string());
  auto it = x.spellings_begin();
  it.skip_to("petroleum");
  REQUIRE(it != x.spellings_end());
  CHECK(*it == "petroleum");
  CHECK(it.get_termfreq() == 11);
}
