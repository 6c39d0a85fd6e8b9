// Library-level search: the public Indexer/Searcher API, query errors with columns, dates,
// snippets.
#include <newsdex/error.h>
#include <newsdex/indexer.h>
#include <newsdex/searcher.h>
#include <xapian.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "search/query_parser.h"
#include "search/snippet.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace {

using newsdex::test::article;
using newsdex::test::TempDb;

// A fresh database per test, removed afterwards.

std::vector<std::string> ids(newsdex::Searcher& s, const std::string& q,
                             newsdex::SearchOptions o = {}) {
  std::vector<std::string> out;
  for (const auto& h : s.search(q, o).hits) out.push_back(h.id);
  return out;
}

void index_three(const fs::path& db) {
  newsdex::IndexOptions opts;
  opts.db_path = db.string();
  opts.recognize_entities = false;
  newsdex::Indexer ix(opts);
  ix.add(article("a", "2025-06-30", "Oil prices", "Crude oil rose in Kúrsk on Monday."));
  ix.add(article("b", "2025-07-01", "Grain talks", "Ministers talked about grain and oil."));
  ix.add(article("c", "2025-07-31", "Oil, oil, oil", "Oil oil oil: prices of oil rose again."));
  ix.commit();
}

}  // namespace

TEST_CASE("date fields select days, months, years and inclusive ranges", "[search]") {
  TempDb db;
  index_three(db.path);
  newsdex::Searcher s({db.path.string()});
  struct Case {
    const char* query;
    std::vector<std::string> expected;  // sorted by date
  };
  const Case cases[] = {
      {"date:2025-07", {"b", "c"}},
      {"date:2025-06-30", {"a"}},
      {"date:2025", {"a", "b", "c"}},
      {"date:2024", {}},
      {"date:2025-06-30..2025-07-01", {"a", "b"}},
      {"date:2025-07..", {"b", "c"}},
      {"date:..2025-06", {"a"}},
      {"oil date:2025-07-01..2025-07-31", {"b", "c"}},
  };
  newsdex::SearchOptions by_date;
  by_date.sort = newsdex::SortOrder::date_ascending;
  for (const auto& c : cases) {
    CAPTURE(c.query);
    CHECK(ids(s, c.query, by_date) == c.expected);
  }
}

TEST_CASE("malformed queries throw QueryError pointing at the column", "[search]") {
  TempDb db;
  index_three(db.path);
  newsdex::Searcher s({db.path.string()});
  struct Case {
    const char* query;
    std::size_t column;
  };
  const Case cases[] = {
      {"date:2025-13-45", 6},
      {"oil date:2025-02-30", 10},
      {"\"oil prices", 1},
      {"oil (gas OR coal", 5},
      {"oil)", 4},
      {"oil AND", 5},
      {"date:2025-07-01..2025-7", 18},
      {"", 1},
  };
  for (const auto& c : cases) {
    CAPTURE(c.query);
    try {
      s.search(c.query);
      FAIL("no exception");
    } catch (const newsdex::QueryError& e) {
      CHECK(e.column() == c.column);
      CHECK(e.code() == newsdex::ErrorCode::query);
    }
  }
}

TEST_CASE("ranking favours more matches and the title, stems and folding reach variants",
          "[search]") {
  TempDb db;
  index_three(db.path);
  newsdex::Searcher s({db.path.string()});
  const auto oil = ids(s, "oil");
  REQUIRE(oil.size() == 3);  // (front() of an empty result was undefined behaviour)
  CHECK(oil.front() == "c");
  CHECK(ids(s, "talk") == std::vector<std::string>{"b"});  // "talked" and "talks" stem to talk
  CHECK(ids(s, "KURSK") == std::vector<std::string>{"a"});
  CHECK(ids(s, "\"crude oil\"") == std::vector<std::string>{"a"});
  CHECK(ids(s, "title:grain") == std::vector<std::string>{"b"});
  CHECK(ids(s, "oil NOT grain").size() == 2);
  CHECK(ids(s, "nonexistentword").empty());
}

TEST_CASE("re-adding an id replaces the document", "[index]") {
  TempDb db;
  index_three(db.path);
  newsdex::IndexOptions opts;
  opts.db_path = db.path.string();
  opts.recognize_entities = false;
  {
    newsdex::Indexer ix(opts);
    ix.add(article("a", "2025-06-30", "Changed", "Now about copper."));
    ix.commit();
    CHECK(ix.doc_count() == 3);
  }
  newsdex::Searcher s({db.path.string()});
  CHECK(ids(s, "copper") == std::vector<std::string>{"a"});
  CHECK(ids(s, "kursk").empty());
}

TEST_CASE("opening a missing or foreign database is a clear Error, not a Xapian trace",
          "[search]") {
  TempDb db;
  CHECK_THROWS_MATCHES(newsdex::Searcher({db.path.string()}), newsdex::Error,
                       Catch::Predicate<newsdex::Error>([](const newsdex::Error& e) {
                         return e.code() == newsdex::ErrorCode::database &&
                                std::string(e.what()).find("no such database") != std::string::npos;
                       }));
  fs::create_directories(db.path);
  CHECK_THROWS_AS(newsdex::Searcher({db.path.string()}), newsdex::Error);
}

TEST_CASE("a second writer gets a 'locked' error", "[index]") {
  TempDb db;
  newsdex::IndexOptions opts;
  opts.db_path = db.path.string();
  opts.recognize_entities = false;
  newsdex::Indexer first(opts);
  try {
    newsdex::Indexer second(opts);
    FAIL("second writer opened");
  } catch (const newsdex::Error& e) {
    CHECK(e.code() == newsdex::ErrorCode::locked);
  }
}

TEST_CASE("snippets centre on the matches and mark each matched word", "[search]") {
  const std::string body =
      "A long opening about the weather and nothing else in particular, repeated to fill space. "
      "Later the minister Lavrov met Wang Yi and Lavrov said the talks went well. The end.";
  newsdex::search::MatchTerms terms;
  terms.exact = {"lavrov"};
  const auto s = newsdex::search::make_snippet(body, terms, "en", 80);
  REQUIRE(s.highlights.size() >= 1);
  for (const auto& h : s.highlights) CHECK(s.text.substr(h.begin, h.end - h.begin) == "Lavrov");
  CHECK(s.text.size() < 120);
  const auto none = newsdex::search::make_snippet(body, {}, "en", 40);
  CHECK(none.highlights.empty());
  CHECK(none.text.rfind("A long opening", 0) == 0);
}

TEST_CASE("a database from another schema or text normaliser version is refused with a way out",
          "[search]") {
  // (Issue 9, row 15: the normaliser version was written but never read.)
  for (const char* key : {"newsdex:schema", "newsdex:normaliser"}) {
    CAPTURE(key);
    TempDb db;
    index_three(db.path);
    {
      Xapian::WritableDatabase w(db.path.string(), Xapian::DB_OPEN);
      w.set_metadata(key, "999");
      w.commit();
    }
    try {
      newsdex::Searcher s({db.path.string()});
      FAIL("opened a database of another version");
    } catch (const newsdex::Error& e) {
      CHECK(e.code() == newsdex::ErrorCode::database);
      CHECK(std::string(e.what()).find("999") != std::string::npos);
      CHECK(e.hint().find("re-index") != std::string::npos);
    }
  }
}
