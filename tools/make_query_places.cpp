// Writes corpus/gazetteer/query-places.tsv, the place:/country: expansions queries read instead
// of loading the gazetteer (entities/query_places.h). Run after any change to the gazetteer.
#include <newsdex/error.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

#include "entities/query_places.h"

namespace {

constexpr const char* kUsage =
    "usage: newsdex-make-query-places [--data-dir DIR] [--output FILE | --keys]\n"
    "Computes what every place:/country: query value expands to with the gazetteer of DIR\n"
    "(default: the data directory newsdex would use) and writes the table to FILE (default:\n"
    "standard output). The committed table: --output corpus/gazetteer/query-places.tsv\n"
    "--keys prints every folded place name the table considers, one a line, instead\n"
    "(tools/make-common-word-places reads them).\n";

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir, output;
  bool keys = false;
  for (int i = 1; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) {
      std::cout << kUsage;
      return 0;
    } else if (!std::strcmp(argv[i], "--data-dir") && has_value) {
      data_dir = argv[++i];
    } else if (!std::strcmp(argv[i], "--keys")) {
      keys = true;
    } else if (!std::strcmp(argv[i], "--output") && has_value) {
      output = argv[++i];
    } else {
      std::cerr << kUsage;
      return 2;
    }
  }
  try {
    if (keys) {
      for (const auto& key : newsdex::entities::query_place_keys(data_dir)) std::cout << key << '\n';
      return std::cout.flush() ? 0 : 2;
    }
    const std::string table = newsdex::entities::generate_query_places(data_dir);
    if (output.empty()) {
      std::cout << table;
      return std::cout.flush() ? 0 : 2;
    }
    // Written whole to a temporary file and renamed, so a failed run leaves the old table.
    const std::string tmp = output + ".tmp";
    std::ofstream out(tmp, std::ios::binary);
    out << table;
    out.close();
    if (!out || std::rename(tmp.c_str(), output.c_str()) != 0) {
      std::remove(tmp.c_str());
      std::cerr << "newsdex-make-query-places: cannot write " << output << "\n";
      return 2;
    }
    std::cerr << "newsdex-make-query-places: wrote " << output << " ("
              << std::count(table.begin(), table.end(), '\n') << " lines, " << table.size()
              << " bytes)\n";
    return 0;
  } catch (const newsdex::Error& e) {
    std::cerr << "newsdex-make-query-places: " << e.what() << "\n";
    if (!e.hint().empty()) std::cerr << "hint: " << e.hint() << "\n";
    return 2;
  }
}
