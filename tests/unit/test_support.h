// Helpers the unit tests share: a temporary database directory and a ready-made article.
#pragma once

#include <newsdex/article.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

namespace newsdex::test {

/// A fresh database path under the temporary directory, removed (with what was written there)
/// when the object goes.
struct TempDb {
  std::filesystem::path path;
  explicit TempDb(const std::string& tag = "db") {
    static std::atomic<unsigned> counter{0};
    path = std::filesystem::temp_directory_path() /
           ("newsdex-test-" + tag + "-" + std::to_string(::getpid()) + "-" +
            std::to_string(counter++));
    std::filesystem::remove_all(path);
  }
  ~TempDb() { std::filesystem::remove_all(path); }
  TempDb(const TempDb&) = delete;
  TempDb& operator=(const TempDb&) = delete;
};

/// An article with the given fields; its path is its id.
inline Article article(const std::string& id, const std::string& date, const std::string& title,
                       const std::string& body) {
  Article a;
  a.id = id;
  a.date = date;
  a.title = title;
  a.body = body;
  a.path = id;
  return a;
}

/// The 22 reut2-*.sgm files of Reuters-21578 under `shared_dir` (NEWSDEX_SHARED_DIR), sorted;
/// empty when ../shared is absent (the caller skips).
inline std::vector<std::string> reuters_sgm_files(const std::string& shared_dir) {
  const std::filesystem::path corpus =
      std::filesystem::path(shared_dir) / "corpora" / "reuters21578";
  std::vector<std::string> files;
  if (!std::filesystem::exists(corpus / "reut2-000.sgm")) return files;
  for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
    if (entry.path().extension() == ".sgm") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace newsdex::test
