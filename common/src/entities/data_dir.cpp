// Resolution of the data directory shared by the gazetteer and the tagger model lookup.
#include "entities/data_dir.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace newsdex::entities {

std::string resolve_data_dir(const std::string& explicit_dir) {
  if (!explicit_dir.empty()) return explicit_dir;
  // getenv is safe here: nothing in the library calls setenv.
  if (const char* env = std::getenv("NEWSDEX_DATA_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
#ifdef NEWSDEX_SOURCE_DATA_DIR
  {
    // A build tree is used from its sources (tests, developers); an installed copy is not.
    std::error_code ec;
    if (std::filesystem::is_directory(NEWSDEX_SOURCE_DATA_DIR "/gazetteer", ec)) {
      return NEWSDEX_SOURCE_DATA_DIR;
    }
  }
#endif
#ifdef NEWSDEX_INSTALL_DATA_DIR
  return NEWSDEX_INSTALL_DATA_DIR;
#else
  return "/usr/local/share/newsdex";
#endif
}

std::string data_path(const std::string& relative, const std::string& explicit_dir) {
  std::string dir = resolve_data_dir(explicit_dir);
  if (!dir.empty() && dir.back() != '/') dir += '/';
  return dir + relative;
}

}  // namespace newsdex::entities
