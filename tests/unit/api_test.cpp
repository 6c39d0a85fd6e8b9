// The embedding API of issue 12: cancelling a run, fetching by id, reopen(), entities in a string.
#include <newsdex/newsdex.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "test_support.h"

namespace fs = std::filesystem;
using newsdex::test::TempDb;

namespace {

// A JSON Lines file of `n` articles "<name>-<i>"; a bad line (no date) before article `bad`.
void write_jsonl(const fs::path& path, const std::string& name, int n, int bad = -1) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path);
  for (int i = 0; i < n; ++i) {
    if (i == bad) out << R"({"id":"bad","title":"no date"})" << '\n';
    out << R"({"id":")" << name << '-' << i << R"(","date":"2025-07-13","title":"t )" << i
        << R"(","body":"grain exports from Kursk, report )" << i << "\"}\n";
  }
}

}  // namespace

TEST_CASE("cancel() from a callback stops index_inputs, what was read is committed",
          "[api][threads]") {
  // Cancelled from the diagnostic of a bad line after 1,500 articles: on every write path
  // (one thread, analysis threads, a parallel bulk load) exactly those are kept.
  const auto [jobs, batch_size] =
      GENERATE(table<unsigned, std::size_t>({{1, 1000}, {3, 1000}, {3, 0}}));
  CAPTURE(jobs, batch_size);
  TempDb dir("cancel-in");
  TempDb db("cancel");
  write_jsonl(dir.path / "a.jsonl", "a", 3000, 1500);
  write_jsonl(dir.path / "b.jsonl", "b", 3000);
  newsdex::IndexOptions options;
  options.db_path = db.path;
  options.recognize_entities = false;
  options.jobs = jobs;
  options.batch_size = batch_size;
  {
    newsdex::Indexer indexer(options);
    const newsdex::IndexStats stats =
        indexer.index_inputs({dir.path}, {}, [&](const newsdex::Diagnostic&) { indexer.cancel(); });
    CHECK(stats.cancelled);
    CHECK(stats.indexed == 1500);
    CHECK(stats.skipped == 1);
    CHECK(stats.read == stats.indexed + stats.skipped);
    CHECK(stats.indexed == stats.added + stats.updated);
    CHECK(stats.doc_count == indexer.doc_count());
    // The request was cleared: the next run goes to the end, and re-reads the file cut short.
    const newsdex::IndexStats rest =
        indexer.index_inputs({dir.path}, {}, [](const newsdex::Diagnostic&) {});
    CHECK_FALSE(rest.cancelled);
    CHECK(rest.doc_count == 6000);
  }
  newsdex::Searcher searcher({db.path.string()});
  CHECK(searcher.doc_count() == 6000);
}

TEST_CASE("cancel() before a run stops it before it reads anything", "[api]") {
  TempDb dir("cancel-early-in");
  TempDb db("cancel-early");
  write_jsonl(dir.path / "a.jsonl", "a", 10);
  newsdex::IndexOptions options;
  options.db_path = db.path;
  options.recognize_entities = false;
  newsdex::Indexer indexer(options);
  indexer.cancel();
  const auto stats = indexer.index_inputs({dir.path}, {}, [](const newsdex::Diagnostic&) {});
  CHECK(stats.cancelled);
  CHECK(stats.indexed == 0);
  CHECK(indexer.index_inputs({dir.path}, {}, [](const newsdex::Diagnostic&) {}).indexed == 10);
}

TEST_CASE("get_article returns what was indexed, reopen() shows later commits", "[api]") {
  TempDb db("get");
  newsdex::IndexOptions options;
  options.db_path = db.path;
  newsdex::Indexer indexer(options);
  newsdex::Article a = newsdex::test::article("en/one", "2025-07-13", "Lavrov in Beijing",
                                              "Sergey Lavrov met Wang Yi in Beijing.");
  a.time = "14:05:00+03:00";
  a.source = "Wire";
  indexer.add(a);
  indexer.commit();
  newsdex::Searcher searcher({db.path.string()});
  const auto stored = searcher.get_article("en/one");
  REQUIRE(stored);
  CHECK(stored->article.body == a.body);
  CHECK(stored->article.time == a.time);
  CHECK(stored->article.source == "Wire");
  CHECK(stored->entities.actors.at(0).name == "Sergey Lavrov");
  CHECK_FALSE(searcher.get_article("en/two"));
  CHECK_FALSE(searcher.reopen());  // nothing committed since it opened

  indexer.add(newsdex::test::article("en/two", "2025-07-14", "Two", "More grain."));
  indexer.commit();
  CHECK(searcher.reopen());
  CHECK(searcher.get_article("en/two"));
  CHECK(indexer.remove("en/two"));
  CHECK_FALSE(indexer.remove("en/two"));
  searcher.reopen();
  CHECK_FALSE(searcher.get_article("en/two"));
}

TEST_CASE("recognize_text finds entities in a plain string", "[api][entities]") {
  const newsdex::EntityRecognizer recognizer;
  const auto found = recognizer.recognize_text("Sergey Lavrov flew to Beijing on Monday.");
  REQUIRE(found.actors.size() == 1);
  CHECK(found.actors[0].name == "Sergey Lavrov");
  REQUIRE_FALSE(found.places.empty());
  CHECK(found.places[0].name == "Beijing");
  CHECK(std::string(newsdex::version()) == newsdex::kVersion);
}
