// Xapian failures leave the public API as newsdex::Error, never as Xapian::Error (which is not
// even a std::exception): corrupt databases, and databases damaged or deleted while open.
#include <newsdex/error.h>
#include <newsdex/indexer.h>
#include <newsdex/searcher.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test_support.h"

namespace fs = std::filesystem;

namespace {

using newsdex::test::article;
using newsdex::test::TempDb;

newsdex::IndexOptions options_for(const fs::path& db) {
  newsdex::IndexOptions opts;
  opts.db_path = db.string();
  opts.recognize_entities = false;
  opts.jobs = 1;
  return opts;
}

// Enough articles, each with its own words, that every table spans many blocks: a reader then
// goes back to the file for most lookups instead of the blocks it already holds.
void index_many(const fs::path& db) {
  newsdex::Indexer ix(options_for(db));
  for (int i = 0; i < 3000; ++i) {
    const std::string n = std::to_string(i);
    ix.add(article("a" + n, "2025-0" + std::to_string(i % 9 + 1) + "-15", "Oil report " + n,
                   "Oil prices and grain talks, item w" + n + "x and z" + n + "q."));
  }
  ix.commit();
}

// What `f` throws: must be a newsdex::Error (anything else fails the test).
template <typename F>
newsdex::Error error_from(F&& f) {
  try {
    f();
  } catch (const newsdex::Error& e) {
    return e;
  }
  FAIL("no exception");
  throw;  // not reached
}

}  // namespace

TEST_CASE("a truncated database is an Error(database) for readers and writers", "[errors]") {
  TempDb db("truncated");
  index_many(db.path);
  fs::resize_file(db.path / "postlist.glass", 8192 + 100);
  const newsdex::Error read = error_from([&] { newsdex::Searcher s({db.path.string()}); });
  CHECK(read.code() == newsdex::ErrorCode::database);
  CHECK_THAT(read.what(), Catch::Contains(db.path.string()));
  const newsdex::Error write = error_from([&] { newsdex::Indexer ix(options_for(db.path)); });
  CHECK(write.code() == newsdex::ErrorCode::database);
}

TEST_CASE("a database truncated under an open searcher gives Error from search", "[errors]") {
  TempDb db("damaged");
  index_many(db.path);
  newsdex::Searcher s({db.path.string()});
  REQUIRE(s.search("w17x").hits.size() == 1);
  // Truncated, not overwritten with garbage: Xapian reads a garbage block past its end (ASan
  // reports it), but a missing block is a clean DatabaseError.
  for (const char* table : {"postlist.glass", "docdata.glass", "termlist.glass"}) {
    fs::resize_file(db.path / table, 0);
  }
  newsdex::SearchOptions counts;
  counts.exact_count = true;
  counts.timeline = newsdex::Period::month;
  // Words; a wildcard and an open date range, which read the database while the query is
  // parsed; hits, which read the stored articles; counts over all matches.
  const std::vector<std::string> queries = {"z2999q", "w1*", "oil date:2025-03..", "grain"};
  for (const std::string& q : queries) {
    INFO(q);
    const newsdex::Error e = error_from([&] { s.search(q, counts); });
    CHECK(e.code() == newsdex::ErrorCode::database);
  }
}

TEST_CASE("a database deleted under an indexer gives Error from commit", "[errors]") {
  TempDb db("deleted");
  newsdex::IndexOptions opts = options_for(db.path);
  opts.batch_size = 100000;
  newsdex::Indexer ix(opts);
  ix.add(article("a", "2025-01-01", "Oil", "Oil prices."));
  ix.commit();
  ix.add(article("b", "2025-01-02", "Grain", "Grain talks."));
  fs::remove_all(db.path);
  const newsdex::Error e = error_from([&] { ix.commit(); });
  CHECK_THAT(e.what(), Catch::Contains(db.path.string()));
}
