// The conventions of the newsdex commands (newsdex/cli.h); in the library so both executables
// stay thin and include only public headers.
#include <newsdex/cli.h>
#include <newsdex/error.h>
#include <newsdex/version.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <iostream>

#include "util/control_chars.h"

namespace newsdex::cli {

std::vector<std::string> database_paths(const std::vector<std::string>& from_option) {
  if (!from_option.empty()) return from_option;
  if (const char* env = std::getenv("NEWSDEX_DB"); env && *env) return {env};
  return {"newsdex.db"};
}

bool is_terminal(int fd) noexcept { return isatty(fd) != 0; }

bool use_color(const std::string& mode, int fd) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  if (mode != "auto") {
    throw Error(ErrorCode::input, "--color must be auto, always or never, not '" + mode + "'");
  }
  if (const char* nc = std::getenv("NO_COLOR"); nc && *nc) return false;
  if (const char* term = std::getenv("TERM"); term && std::string(term) == "dumb") return false;
  return isatty(fd) != 0;
}

void print_error(const std::string& program, const std::string& message, const std::string& hint) {
  // Messages quote input (a query, a file name): its control characters are shown escaped.
  std::cerr << program << ": error: " << util::escape_control_chars(message) << "\n";
  if (!hint.empty()) std::cerr << "hint: " << util::escape_control_chars(hint) << "\n";
}

void print_suggestion(const std::string& program, const std::string& where,
                      const std::string& suggestion, std::size_t matches, bool stories) {
  const char* unit = stories ? (matches == 1 ? " story)" : " stories)")
                             : (matches == 1 ? " article)" : " articles)");
  std::cerr << program << ": " << util::escape_control_chars(where)
            << "did you mean: " << util::escape_control_chars(suggestion) << "? (" << matches
            << unit << "\n";
}

void ignore_sigpipe() { std::signal(SIGPIPE, SIG_IGN); }

std::optional<int> handle_help_and_version(const std::string& program, bool help, bool version,
                                           const std::string& help_text) {
  if (help) {
    std::cout << help_text;
    return kExitOk;
  }
  if (version) {
    std::cout << program << " " << kVersion << "\n";
    return kExitOk;
  }
  return std::nullopt;
}

void print_query_error(const std::string& program, const std::string& where,
                       const std::string& query, const QueryError& e) {
  print_error(program, where + "bad query: " + e.what(), e.hint());
  // Columns count characters, not bytes; a query with control characters is not echoed raw
  // (nor pointed into: escapes would shift the caret).
  if (e.column() > 0 && util::count_control_chars(query) == 0 &&
      query.find_first_of("\t\n") == std::string::npos) {
    std::cerr << "  " << query << "\n  " << std::string(e.column() - 1, ' ') << "^\n";
  }
}

int run_main(const std::string& program, const std::function<int()>& body) {
  ignore_sigpipe();
  try {
    return body();
  } catch (const QueryError& e) {
    print_error(program, std::string("bad query: ") + e.what(), e.hint());
  } catch (const Error& e) {
    print_error(program, e.what(), e.hint());
    // Like a search without hits: what was asked for is not there (an unknown article id).
    if (e.code() == ErrorCode::not_found) return kExitNone;
  } catch (const std::exception& e) {
    print_error(program, std::string("internal error: ") + e.what());
  }
  return kExitError;
}

}  // namespace newsdex::cli
