// Replays the fuzz targets' inputs in the normal build: the committed seeds and every crash a
// fuzzer once found (tests/data/fuzz-regressions/<target>/), through the same checks
// (fuzz/reader_fuzz.h, fuzz/query_fuzz.h), so a fixed crash stays fixed without clang.
#include <malloc.h>
#include <newsdex/error.h>
#include <newsdex/searcher.h>
#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "../../fuzz/query_fuzz.h"
#include "../../fuzz/reader_fuzz.h"
#include "search/query_parser.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace {

const std::string kData = NEWSDEX_TEST_DATA_DIR;

// The seeds and the regressions of `target`, sorted; a missing directory has none.
std::vector<fs::path> inputs_of(const std::string& target) {
  std::vector<fs::path> files;
  for (const char* dir : {"fuzz", "fuzz-regressions"}) {
    const fs::path d = fs::path(kData) / dir / target;
    if (!fs::is_directory(d)) continue;
    for (const auto& entry : fs::directory_iterator(d)) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("fuzz inputs of the readers keep their contracts", "[fuzz][reader]") {
  struct Target {
    const char* name;
    newsdex::InputFormat format;
  };
  for (const Target& t : {Target{"fuzz_text_reader", newsdex::InputFormat::text},
                          Target{"fuzz_jsonl_reader", newsdex::InputFormat::jsonl},
                          Target{"fuzz_reuters_reader", newsdex::InputFormat::reuters_sgml}}) {
    const auto files = inputs_of(t.name);
    CHECK(files.size() >= 3);  // the seeds are there
    for (const fs::path& file : files) {
      CAPTURE(file.string());
      const std::string data = slurp(file);
      CHECK_NOTHROW(newsdex::fuzz::check_reader(reinterpret_cast<const std::uint8_t*>(data.data()),
                                                data.size(), t.format));
    }
  }
}

TEST_CASE("fuzz inputs of the query front end keep its contracts", "[fuzz][query]") {
  newsdex::test::TempDb db("fuzz-query");
  newsdex::fuzz::build_query_db(db.path.string());
  newsdex::Searcher searcher({db.path.string()});
  const auto files = inputs_of("fuzz_query");
  CHECK(files.size() >= 3);
  for (const fs::path& file : files) {
    CAPTURE(file.string());
    CHECK_NOTHROW(newsdex::fuzz::check_query(searcher, slurp(file)));
  }
}

TEST_CASE("queries that made Xapian's parser leak do not leak", "[fuzz][query]") {
  // The fuzzer saw these leak under LeakSanitizer (fuzz_query-leak-*); a normal build has none,
  // so the heap in use is measured over many parses: Xapian lost 96 bytes per parse.
  newsdex::test::TempDb db("fuzz-leak");
  newsdex::fuzz::build_query_db(db.path.string());
  const Xapian::Database xdb(db.path.string());
  const fs::path dir = fs::path(kData) / "fuzz-regressions" / "fuzz_query";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) files.push_back(entry.path());
  CHECK(files.size() >= 3);
  for (const fs::path& file : files) {
    CAPTURE(file.string());
    const std::string query = slurp(file);
    const auto parse = [&] {
      try {
        newsdex::search::parse_query(query, xdb);
      } catch (const newsdex::QueryError&) {
      }
    };
    parse();  // caches (stemmers, gazetteer) fill on first use
    constexpr int kParses = 2000;
    const std::size_t before = mallinfo2().uordblks;
    for (int i = 0; i < kParses; ++i) parse();
    const std::size_t after = mallinfo2().uordblks;
    CHECK(after < before + kParses * 96 / 4);
  }
}
