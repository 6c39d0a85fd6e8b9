// Resolution of the data directory shared by the gazetteer and the tagger model lookup.
#include "entities/data_dir.h"

#include <dlfcn.h>

#include <newsdex/error.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

// The prefix an installed copy lives under. `cmake --install` writes it over the bytes after
// the marker, in the installed library and executables (cmake/relocate.pl), so an install
// given any --prefix (or DESTDIR) finds its data; in a build tree nothing follows the marker.
// Not const: the compiler must read the bytes at run time, not fold the initial value.
extern "C" {
__attribute__((used, visibility("hidden"))) char newsdex_install_prefix_slot[4096] =
    "NEWSDEX_INSTALL_PREFIX_SLOT=";
}

namespace newsdex::entities {
namespace {

constexpr std::size_t kMarkerLength = sizeof("NEWSDEX_INSTALL_PREFIX_SLOT=") - 1;

bool has_gazetteer(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_directory(dir / "gazetteer", ec);
}

// share/newsdex next to the module holding this code, for an installed prefix that was moved
// after installing: a shared library in LIBDIR, or an executable (static link) in BINDIR.
std::string module_relative_data_dir() {
#if defined(NEWSDEX_LIB_TO_DATA) && defined(NEWSDEX_BIN_TO_DATA)
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&module_relative_data_dir), &info) == 0 ||
      info.dli_fname == nullptr) {
    return {};
  }
  std::error_code ec;
  const std::filesystem::path module = std::filesystem::canonical(info.dli_fname, ec);
  if (ec) return {};
  for (const char* relative : {NEWSDEX_LIB_TO_DATA, NEWSDEX_BIN_TO_DATA}) {
    const std::filesystem::path dir = (module.parent_path() / relative).lexically_normal();
    if (has_gazetteer(dir)) return dir.string();
  }
#endif
  return {};
}

}  // namespace

std::string installed_prefix() {
  // (The marker is not compared with a string literal: the literal would be a second match
  // for cmake/relocate.pl.)
  const char* prefix = newsdex_install_prefix_slot + kMarkerLength;
  return std::string(prefix, strnlen(prefix, sizeof(newsdex_install_prefix_slot) - kMarkerLength));
}

std::string resolve_data_dir(const std::string& explicit_dir) {
  if (!explicit_dir.empty()) return explicit_dir;
  // getenv is safe here: nothing in the library calls setenv.
  if (const char* env = std::getenv("NEWSDEX_DATA_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  const std::string prefix = installed_prefix();
#ifdef NEWSDEX_INSTALL_DATA_SUBDIR
  if (!prefix.empty()) {
    const std::filesystem::path dir = std::filesystem::path(prefix) / NEWSDEX_INSTALL_DATA_SUBDIR;
    if (has_gazetteer(dir)) return dir.string();
  }
#endif
  if (std::string dir = module_relative_data_dir(); !dir.empty()) return dir;
#ifdef NEWSDEX_SOURCE_DATA_DIR
  // A build tree is used from its sources (tests, developers); an installed copy is not.
  if (prefix.empty() && has_gazetteer(NEWSDEX_SOURCE_DATA_DIR)) return NEWSDEX_SOURCE_DATA_DIR;
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

std::vector<std::string> table_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::io, "cannot read gazetteer table " + path);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    lines.push_back(line);
  }
  return lines;
}

}  // namespace newsdex::entities
