// Small helpers the two command-line programs share: colour decision, database default, exits.
#pragma once

#include <cxxopts.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace newsdex::cli {

/// Exit statuses shared by both programs (like grep).
inline constexpr int kExitOk = 0;
inline constexpr int kExitNone = 1;  ///< search: no hits; index: some inputs skipped
inline constexpr int kExitError = 2;

/// Database paths from --db (may repeat), else $NEWSDEX_DB, else "newsdex.db".
std::vector<std::string> database_paths(const std::vector<std::string>& from_option);

/// Whether to colour output for --color=auto|always|never ("auto": stdout is a terminal,
/// NO_COLOR unset, TERM not "dumb"). Throws Error(input) on another value.
bool use_color(const std::string& mode, int fd);

/// Prints "<program>: error: <message>" (+ "hint: <hint>") to stderr.
void print_error(const std::string& program, const std::string& message,
                 const std::string& hint = {});

/// Makes writes to a closed pipe fail with EPIPE instead of killing the process.
void ignore_sigpipe();

/// Parses argv into `args` and handles what both programs share: a usage error (message, hint,
/// kExitError), --help (options, then `more_help`, kExitOk) and --version (kExitOk). Returns
/// the exit status when the program should stop there, nullopt when it should go on.
std::optional<int> parse_options(cxxopts::Options& options, int argc, char** argv,
                                 const std::string& program, const char* more_help,
                                 cxxopts::ParseResult& args);

/// The whole of main(): ignores SIGPIPE, runs `body`, and maps a newsdex::Error (or any other
/// exception, as an internal error) to "<program>: error: ..." and kExitError.
int run_main(const std::string& program, const std::function<int()>& body);

}  // namespace newsdex::cli
