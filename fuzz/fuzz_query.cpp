// libFuzzer target: any bytes as a query, run on a small database built once (query_fuzz.h).
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "query_fuzz.h"

namespace {

std::filesystem::path db_dir;
std::unique_ptr<newsdex::Searcher> searcher;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  db_dir =
      std::filesystem::temp_directory_path() / ("newsdex-fuzz-query-" + std::to_string(::getpid()));
  std::filesystem::remove_all(db_dir);
  std::atexit([] { std::filesystem::remove_all(db_dir); });
  newsdex::fuzz::build_query_db(db_dir.string());
  searcher = std::make_unique<newsdex::Searcher>(std::vector<std::string>{db_dir.string()});
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::fuzz::check_query(*searcher, std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
