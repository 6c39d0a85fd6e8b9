// Incremental re-indexing through the library: file records, prune, delete_ids, stable hashes.
#include <newsdex/indexer.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "index/document_builder.h"
#include "test_support.h"
#include "util/hash.h"

namespace fs = std::filesystem;
using newsdex::test::TempDb;

namespace {

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// Stamps far enough in the past that size and mtime are trusted (not "racy").
void age(const fs::path& path) {
  fs::last_write_time(path, fs::file_time_type::clock::now() - std::chrono::hours(24));
}

newsdex::IndexStats run(const std::string& db, const std::vector<std::string>& inputs,
                        std::vector<newsdex::Diagnostic>* diags = nullptr) {
  newsdex::IndexOptions options;
  options.db_path = db;
  options.recognize_entities = false;
  options.jobs = 2;
  newsdex::Indexer indexer(options);
  return indexer.index_inputs(inputs, {}, [&](const newsdex::Diagnostic& d) {
    if (diags) diags->push_back(d);
  });
}

}  // namespace

TEST_CASE("stored hashes do not change between builds", "[index]") {
  // FNV-1a's published test vectors.
  CHECK(newsdex::util::fnv1a64("") == 0xcbf29ce484222325ULL);
  CHECK(newsdex::util::fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(newsdex::util::hex64(0xaf63dc4c8601ec8cULL) == "af63dc4c8601ec8c");
  // An over-long id is cut and hashed; the term is stored, so it must be the same everywhere.
  const std::string term = newsdex::index::id_term(std::string(300, 'x'));
  CHECK(term.size() == 240);
  CHECK(term == "Q" + std::string(222, 'x') + "#" +
                    newsdex::util::hex64(newsdex::util::fnv1a64("Q" + std::string(300, 'x'))));
  CHECK(newsdex::index::id_term("short") == "Qshort");
}

TEST_CASE("index_inputs skips unchanged files and replaces changed ones", "[index][threads]") {
  TempDb db("incremental");
  TempDb dir("incremental-corpus");
  const fs::path a = dir.path / "a.txt", b = dir.path / "sub" / "b.txt";
  write(a, "date 2025-01-01 One\nfirst body\ndate 2025-01-02 Two\nsecond body\n");
  write(b, "date 2025-02-01 Three\nthird body\n");
  age(a);
  age(b);
  const std::string db_path = db.path.string(), corpus = dir.path.string();

  auto s = run(db_path, {corpus});
  CHECK(s.read == 3);
  CHECK(s.added == 3);
  CHECK(s.updated == 0);
  CHECK(s.unchanged == 0);
  CHECK(s.doc_count == 3);

  s = run(db_path, {corpus});
  CHECK(s.read == 0);
  CHECK(s.indexed == 0);
  CHECK(s.unchanged == 3);
  CHECK(s.unchanged_files == 2);
  CHECK(s.doc_count == 3);

  // The same file named directly is another id base, so it is read again under it.
  s = run(db_path, {a.string()});
  CHECK(s.updated == 2);
  CHECK(s.doc_count == 3);

  write(a, "date 2025-01-01 One\nfirst body changed\n");
  s = run(db_path, {corpus});
  CHECK(s.read == 1);
  CHECK(s.updated == 1);
  CHECK(s.updated_files == 1);
  CHECK(s.removed == 1);  // "a.txt#2" is no longer in the file
  CHECK(s.unchanged == 1);
  CHECK(s.doc_count == 2);
  CHECK(s.read == s.indexed + s.skipped);
  CHECK(s.indexed == s.added + s.updated);

  newsdex::IndexOptions options;
  options.db_path = db_path;
  options.recognize_entities = false;
  {
    newsdex::Indexer indexer(options);
    const auto deleted = indexer.delete_ids({"sub/b.txt", "nope", "a.txt#2"});
    CHECK(deleted.removed == 1);
    CHECK(deleted.missing == std::vector<std::string>{"nope", "a.txt#2"});
    CHECK(indexer.doc_count() == 1);
  }
  // The deleted article is not read back while its file is unchanged; its record says 0.
  s = run(db_path, {corpus});
  CHECK(s.indexed == 0);
  CHECK(s.unchanged == 1);
  CHECK(s.unchanged_files == 2);

  fs::remove(a);
  {
    newsdex::Indexer indexer(options);
    CHECK(indexer.prune({(dir.path / "sub").string()}) == 0);  // a.txt is outside the scope
    CHECK(indexer.prune({corpus}) == 1);
    CHECK(indexer.doc_count() == 0);
    CHECK(indexer.prune({}) == 0);  // its record went too
  }
}

TEST_CASE("a file that cannot be read keeps its articles", "[index][threads]") {
  TempDb db("incremental-missing");
  TempDb dir("incremental-missing-corpus");
  const fs::path a = dir.path / "a.txt";
  write(a, "date 2025-01-01 One\nbody\n");
  const std::string db_path = db.path.string();
  CHECK(run(db_path, {a.string()}).doc_count == 1);
  fs::remove(a);
  std::vector<newsdex::Diagnostic> diags;
  const auto s = run(db_path, {a.string()}, &diags);
  CHECK(s.skipped == 1);
  CHECK(s.doc_count == 1);  // only prune() removes the articles of a vanished file
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].message.rfind("cannot read:", 0) == 0);
}
