// newsdex-search: parse options, run the query through libnewsdex, print with a Printer.
#include <newsdex/error.h>
#include <newsdex/searcher.h>
#include <newsdex/version.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cxxopts.hpp>
#include <iostream>

#include "cli/cli_util.h"
#include "output/printer.h"

namespace {

constexpr const char* kProgram = "newsdex-search";

constexpr const char* kQueryHelp = R"(
Query syntax (see docs/query.md):
  words            all must match (stemmed: talks finds talked); ranked by BM25
  "a phrase"       words in this order        a NEAR b, a NEAR/3 b
  a OR b, a NOT b, -word, +word, (brackets), wor*  (operators in upper case)
  title:word       in the headline
  actor:lavrov     actor:"Kim Jong Un"        a surname or alias reaches the full name
  place:Kursk      place:"North Korea"        a country also finds its cities
  country:KP       country:"North Korea"
  date:2025        date:2025-07   date:2025-07-13
  date:2025-07-01..2025-07-31     date:..2025-07-01     date:2025-07-01..
  source:reuters   lang:ru

Exit status: 0 if something matched, 1 if nothing did, 2 on error.
Environment: NEWSDEX_DB (default database), NO_COLOR.
)";

int run(int argc, char** argv) {
  cxxopts::Options options(kProgram, "Search a newsdex database of news articles.");
  options.custom_help("[OPTIONS]");
  options.positional_help("QUERY...");
  // clang-format off
  options.add_options()
    ("d,db", "database to search (repeat to search several; default $NEWSDEX_DB or ./newsdex.db)",
     cxxopts::value<std::vector<std::string>>())
    ("n,limit", "number of hits to show", cxxopts::value<std::size_t>()->default_value("10"))
    ("offset", "hits to skip first (for paging)", cxxopts::value<std::size_t>()->default_value("0"))
    ("s,sort", "relevance, date (oldest first) or -date (newest first)",
     cxxopts::value<std::string>()->default_value("relevance"))
    ("json", "print JSON Lines (docs/json.md) instead of text")
    ("color", "colour: auto, always or never", cxxopts::value<std::string>()->default_value("auto"))
    ("count", "print only the estimated number of matches")
    ("version", "print the version")
    ("h,help", "print this help")
    ("query", "query words", cxxopts::value<std::vector<std::string>>());
  // clang-format on
  options.parse_positional({"query"});
  cxxopts::ParseResult args;
  if (auto status = newsdex::cli::parse_options(options, argc, argv, kProgram, kQueryHelp, args)) {
    return *status;
  }
  if (!args.count("query")) {
    newsdex::cli::print_error(kProgram, "no query given", "newsdex-search 'oil date:1987-03'");
    return newsdex::cli::kExitError;
  }
  std::string query;
  for (const auto& word : args["query"].as<std::vector<std::string>>()) {
    if (!query.empty()) query += ' ';
    query += word;
  }
  const bool json = args.count("json") > 0;
  const bool color =
      !json && newsdex::cli::use_color(args["color"].as<std::string>(), STDOUT_FILENO);

  std::vector<std::string> dbs;
  if (args.count("db")) dbs = args["db"].as<std::vector<std::string>>();
  newsdex::Searcher searcher(newsdex::cli::database_paths(dbs));

  newsdex::SearchOptions search_options;
  search_options.limit = args["limit"].as<std::size_t>();
  search_options.offset = args["offset"].as<std::size_t>();
  search_options.sort = newsdex::parse_sort_order(args["sort"].as<std::string>());

  const auto start = std::chrono::steady_clock::now();
  newsdex::SearchResult result;
  try {
    result = searcher.search(query, search_options);
  } catch (const newsdex::QueryError& e) {
    newsdex::cli::print_error(kProgram, std::string("bad query: ") + e.what(), e.hint());
    if (e.column() > 0) {
      // Point at the problem under the query itself (columns count characters, not bytes).
      std::cerr << "  " << query << "\n  " << std::string(e.column() - 1, ' ') << "^\n";
    }
    return newsdex::cli::kExitError;
  }
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

  if (args.count("count")) {
    std::cout << result.matches_estimated << "\n";
  } else {
    auto printer = json ? newsdex::output::make_json_printer(std::cout)
                        : newsdex::output::make_text_printer(std::cout, color);
    for (const auto& hit : result.hits) printer->hit(hit);
    newsdex::output::Summary summary;
    summary.query = query;
    summary.matches_estimated = result.matches_estimated;
    summary.returned = result.hits.size();
    summary.offset = search_options.offset;
    summary.limit = search_options.limit;
    summary.elapsed_ms = ms;
    printer->summary(summary);
  }
  std::cout.flush();
  if (!std::cout && errno == EPIPE) return newsdex::cli::kExitOk;  // `| head` closed the pipe
  return result.matches_estimated > 0 ? newsdex::cli::kExitOk : newsdex::cli::kExitNone;
}

}  // namespace

int main(int argc, char** argv) {
  return newsdex::cli::run_main(kProgram, [&] { return run(argc, argv); });
}
