// The conventions newsdex-index and newsdex-search share, public so that a program embedding
// libnewsdex can behave the same: grep's exit statuses, the default database, the colour
// decision, one-line errors with hints. Nothing here is needed to index or search.
#pragma once

#include <newsdex/error.h>
#include <newsdex/export.h>

#include <cstddef>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace newsdex::cli {

/// Exit statuses shared by both programs (like grep).
inline constexpr int kExitOk = 0;
inline constexpr int kExitNone = 1;  ///< search: no hits; index: some inputs skipped
inline constexpr int kExitError = 2;

/// Database paths from --db (may repeat), else $NEWSDEX_DB, else "newsdex.db". Never throws
/// but std::bad_alloc; reads the environment (not thread-safe against setenv).
NEWSDEX_EXPORT std::vector<std::string> database_paths(const std::vector<std::string>& from_option);

/// Whether file descriptor `fd` is a terminal.
NEWSDEX_EXPORT bool is_terminal(int fd) noexcept;

/// Whether to colour output for --color=auto|always|never ("auto": `fd` is a terminal,
/// NO_COLOR unset, TERM not "dumb"). Throws Error(input) on another value.
NEWSDEX_EXPORT bool use_color(const std::string& mode, int fd);

/// Prints "<program>: error: <message>" (+ "hint: <hint>") to stderr, control characters
/// escaped (messages quote input).
NEWSDEX_EXPORT void print_error(const std::string& program, const std::string& message,
                                const std::string& hint = {});

/// Prints a bad query's error ("<where>bad query: ...") and, when the column is known and the
/// query prints safely, the query with a caret under the column.
NEWSDEX_EXPORT void print_query_error(const std::string& program, const std::string& where,
                                      const std::string& query, const QueryError& error);

/// Prints "<program>: <where>did you mean: <suggestion>? (<matches> articles)" to stderr
/// ("stories" when `stories`: what SearchResult::suggestion_matches counts by default),
/// control characters escaped: a search's spelling suggestion (SearchResult::suggestion) in
/// text and CSV output, which keep stdout for results. `where` prefixes it ("FILE:LINE: " in
/// batch mode, or empty).
NEWSDEX_EXPORT void print_suggestion(const std::string& program, const std::string& where,
                                     const std::string& suggestion, std::size_t matches,
                                     bool stories = false);

/// Makes writes to a closed pipe fail with EPIPE instead of killing the process.
NEWSDEX_EXPORT void ignore_sigpipe();

/// What a program does after parsing its options: nullopt to go on, or an exit status when
/// --help (prints `help` to stdout, kExitOk) or --version (prints "<program> <version>",
/// kExitOk) was given.
NEWSDEX_EXPORT std::optional<int> handle_help_and_version(const std::string& program, bool help,
                                                          bool version,
                                                          const std::string& help_text);

/// Parses argv with a cxxopts-style `options` (parse(argc, argv), help(), and a result with
/// count(name)) into `args`, and handles what both programs share: a usage error (message,
/// hint, kExitError), --help (options' help, then `more_help`) and --version. Returns the
/// exit status when the program should stop there, nullopt when it should go on. A template
/// so that this header needs no option library.
template <class Options, class Result>
std::optional<int> parse_options(Options& options, int argc, char** argv,
                                 const std::string& program, const char* more_help, Result& args) {
  try {
    args = options.parse(argc, argv);
  } catch (const std::exception& e) {  // the parser's usage errors
    print_error(program, e.what(), "see " + program + " --help");
    return kExitError;
  }
  return handle_help_and_version(program, args.count("help") > 0, args.count("version") > 0,
                                 args.count("help") ? options.help() + more_help : std::string());
}

/// The whole of main(): ignores SIGPIPE, runs `body`, and maps a newsdex::Error (or any other
/// exception, as an internal error) to "<program>: error: ..." and kExitError, except
/// Error(not_found) (an unknown article id), which exits kExitNone.
NEWSDEX_EXPORT int run_main(const std::string& program, const std::function<int()>& body);

}  // namespace newsdex::cli
