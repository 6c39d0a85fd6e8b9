// newsdex-search: parse options, run one query or a file of them through libnewsdex, print with a
// Printer (text, JSON Lines or CSV), optionally plot the timelines.
#include <newsdex/cli.h>
#include <newsdex/newsdex.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
// cxxopts splits each value of a vector option at commas: the query words would lose theirs
// (near:51.73,36.19/10km, "Paris, France") and so would a --db path. An argument cannot hold
// a NUL, so with NUL as the delimiter every argument stays whole.
#define CXXOPTS_VECTOR_DELIMITER '\0'
#include <cxxopts.hpp>
#include <fstream>
#include <iostream>
#include <optional>

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
  near:Kursk/200km near:"New York"/50mi  near:51.73,36.19/10km
                   a place named within the radius (km, mi, m); only near: ranks by distance
A query that starts with '-' goes after --:  newsdex-search -- '-oil gas'

Answers in numbers (exact, over all matches, not just the page shown):
  --count                          the number of matching stories (a story's copies, wire
                                   resends and corrections, count once; --all-copies: articles)
  --facets actor,place --limit 0   the commonest actors and places of the matches
  --timeline month --normalize     matches per month, as a share of all stories that month
  --timeline month --plot oil.svg  the same as an SVG line chart
One article (ids as the hits print them, e.g. reuters:2954):
  --show ID                        the whole article: title, date, source, URL, body, entities
  --like ID                        the articles most like it (its most telling words)
  --like ID date:1987-04 coffee    ... that also match the query (it narrows, words add weight)
Exploring a story (one query; docs/json.md for the fields):
  --related actor 'actor:"Kim Jong Un"'        the actors most specific to the matches, with
                                               matching and all-article counts and JLH score
  --network actor --output opec.graphml opec   who is named with whom: GraphML for Gephi or
                                               networkx (--format json: one JSON object)
Many queries in one run (the database is opened once):
  --queries FILE (or - for stdin)  one query per line; blank lines and lines starting with #
                                   are skipped; every result carries its line number
  --format csv --fields query,count --count          one CSV row per query
  --format csv --fields query,month,count --timeline month
CSV columns (--fields), by what the rows are:
  hits:      line, query, rank, id, date, time, title, score, percent, source, url, path, lang,
             snippet, actors, places
  --count:   line, query, count, elapsed_ms
  --facets:  line, query, facet, id, name, country, count
  --timeline P: line, query, P (the period, e.g. month), first_day, last_day, count, total, share

Exit status: 0 if something matched, 1 if nothing did or no article has the id of --show or
--like, 2 on error (with --queries: 2 if any line was bad; the other lines still run).
Environment: NEWSDEX_DB (default database), NO_COLOR.
)";

// Splits "a,b , c" into its non-empty names.
std::vector<std::string> split_list(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    std::string name = list.substr(start, comma - start);
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    if (!name.empty()) out.push_back(name);
    start = comma + 1;
  }
  return out;
}

// The first argument that looks like a query word starting with '-' ("-oil") rather than an
// option: a single dash, then a letter that is not a short option, or a short option letter
// followed by more letters ("-nuclear"). Values of options that take one are skipped.
std::optional<std::string> dash_word(int argc, char** argv) {
  static const char* kWithValue[] = {
      "-d",        "--db",        "-n",        "--limit",       "--offset",
      "-s",        "--sort",      "--facets",  "--facet-limit", "--timeline",
      "--plot",    "--queries",   "--format",  "--fields",      "--color",
      "--related", "--min-count", "--network", "--min-weight",  "--max-nodes",
      "--output",  "--like",      "--show"};
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--") break;
    if (std::find(std::begin(kWithValue), std::end(kWithValue), a) != std::end(kWithValue)) {
      ++i;
      continue;
    }
    if (a.size() < 2 || a[0] != '-' || a[1] == '-') continue;
    const char c = a[1];
    if (!std::isalpha(static_cast<unsigned char>(c))) continue;
    const bool short_option = c == 'd' || c == 'n' || c == 's' || c == 'h';
    if (!short_option) return a;
    // -n5, -dnews.db, -s-date are an option with its value; -nuclear is a word.
    if (c == 'n' && a.size() > 2 && !std::isdigit(static_cast<unsigned char>(a[2]))) return a;
    if (c == 'h' && a.size() > 2) return a;
  }
  return std::nullopt;
}

// --show ID: prints one whole article with `printer`; Error(not_found) (exit 1) if no database
// holds the id.
int show_article(const cxxopts::ParseResult& args, newsdex::output::Printer& printer) {
  const std::string id = args["show"].as<std::string>();
  std::vector<std::string> dbs;
  if (args.count("db")) dbs = args["db"].as<std::vector<std::string>>();
  newsdex::Searcher searcher(newsdex::cli::database_paths(dbs));
  const auto stored = searcher.get_article(id);
  if (!stored) {
    throw newsdex::Error(newsdex::ErrorCode::not_found, "no article with id '" + id + "'",
                         "give an id as the hits show it (the id field of --json)");
  }
  printer.article(*stored);
  std::cout.flush();
  if (!std::cout && errno != EPIPE) {
    throw newsdex::Error(newsdex::ErrorCode::io, std::string("cannot write the article: ") +
                                                     std::strerror(errno ? errno : EIO));
  }
  return newsdex::cli::kExitOk;
}

// The query words given on the command line, joined.
std::string joined_query(const cxxopts::ParseResult& args) {
  std::string query;
  for (const auto& word : args["query"].as<std::vector<std::string>>()) {
    if (!query.empty()) query += ' ';
    query += word;
  }
  return query;
}

// --related and --network: one query, its related entities or its co-mention network.
int explore_story(const cxxopts::ParseResult& args) {
  using newsdex::Error;
  using newsdex::ErrorCode;
  const bool related = args.count("related") > 0;
  const char* mode = related ? "--related" : "--network";
  if (related && args.count("network")) {
    throw Error(ErrorCode::input, "--related and --network are separate outputs",
                "give one of them");
  }
  for (const char* other :
       {"queries", "count", "facets", "timeline", "plot", "fields", "like", "show"}) {
    if (args.count(other)) {
      throw Error(ErrorCode::input, std::string(mode) + " and --" + other + " do not combine",
                  std::string(mode) + " takes one query and prints only its entities");
    }
  }
  for (const char* only : {"min-weight", "max-nodes", "output"}) {
    if (related && args.count(only)) {
      throw Error(ErrorCode::input, std::string("--") + only + " applies to --network",
                  "use --limit and --min-count with --related");
    }
  }
  if (!related && args.count("min-count")) {
    throw Error(ErrorCode::input, "--min-count applies to --related",
                "use --min-weight and --max-nodes with --network");
  }
  if (!args.count("query")) {
    newsdex::cli::print_error(kProgram, "no query given",
                              std::string("newsdex-search ") + mode + " actor opec");
    return newsdex::cli::kExitError;
  }
  std::string format = args.count("format") ? args["format"].as<std::string>() : "";
  if (args.count("json")) {
    if (!format.empty() && format != "json") {
      throw Error(ErrorCode::input, "--json and --format " + format + " conflict");
    }
    format = "json";
  }
  const std::string query = joined_query(args);
  std::vector<std::string> dbs;
  if (args.count("db")) dbs = args["db"].as<std::vector<std::string>>();

  if (related) {
    newsdex::RelatedOptions options;
    options.kind = newsdex::parse_entity_kind(args["related"].as<std::string>());
    options.limit = args["limit"].as<std::size_t>();
    options.min_count = args["min-count"].as<std::size_t>();
    options.all_copies = args.count("all-copies") > 0;
    newsdex::output::RelatedFormat how = newsdex::output::RelatedFormat::text;
    if (format == "json") {
      how = newsdex::output::RelatedFormat::json;
    } else if (format == "csv") {
      how = newsdex::output::RelatedFormat::csv;
    } else if (!format.empty() && format != "text") {
      throw Error(ErrorCode::input, "unknown format '" + format + "' for --related",
                  "--related prints text, json or csv");
    }
    newsdex::Searcher searcher(newsdex::cli::database_paths(dbs));
    const newsdex::RelatedEntities result = searcher.related(query, options);
    newsdex::output::print_related(result, query, how, std::cout);
    std::cout.flush();
    if (!std::cout && errno != EPIPE) {
      throw Error(ErrorCode::io, std::string("cannot write the results: ") + std::strerror(errno));
    }
    return result.fg_size > 0 ? newsdex::cli::kExitOk : newsdex::cli::kExitNone;
  }

  newsdex::NetworkOptions options;
  options.kind = newsdex::parse_network_kind(args["network"].as<std::string>());
  options.min_weight = args["min-weight"].as<std::size_t>();
  options.max_nodes = args["max-nodes"].as<std::size_t>();
  options.all_copies = args.count("all-copies") > 0;
  if (format == "text" || format == "csv") {
    throw Error(ErrorCode::input, "--network writes graphml or json, not " + format,
                "use --format graphml (the default) or --format json");
  }
  const auto how = newsdex::output::parse_network_format(format.empty() ? "graphml" : format);
  const std::string path = args.count("output") ? args["output"].as<std::string>() : "";
  // Writable before the search runs.
  if (!path.empty()) newsdex::output::check_output_path(path);
  newsdex::Searcher searcher(newsdex::cli::database_paths(dbs));
  const newsdex::Network network = searcher.network(query, options);
  if (network.truncated) {
    const char* what = options.kind == newsdex::NetworkKind::actor   ? "actors"
                       : options.kind == newsdex::NetworkKind::place ? "places"
                                                                     : "actors and places";
    std::cerr << kProgram << ": note: the matches name " << network.candidates << " " << what
              << "; the network keeps the " << network.nodes.size()
              << " in most matches (--max-nodes 0 keeps all)\n";
  }
  if (!path.empty()) {
    newsdex::output::write_network_file(network, query, how, path);
  } else {
    newsdex::output::write_network(network, query, how, std::cout);
    std::cout.flush();
    if (!std::cout && errno != EPIPE) {
      throw Error(ErrorCode::io, std::string("cannot write the network: ") + std::strerror(errno));
    }
  }
  return network.matches > 0 ? newsdex::cli::kExitOk : newsdex::cli::kExitNone;
}

int run(int argc, char** argv) {
  cxxopts::Options options(kProgram, "Search a newsdex database of news articles.");
  options.custom_help("[OPTIONS]");
  options.positional_help("QUERY...");
  // clang-format off
  options.add_options()
    ("d,db", "database to search: a directory, a Xapian stub file, or tcp://HOST:PORT served by "
     "xapian-tcpsrv (repeat to search several; default $NEWSDEX_DB or ./newsdex.db)",
     cxxopts::value<std::vector<std::string>>())
    ("n,limit", "number of hits to show (0: none, e.g. with --facets)",
     cxxopts::value<std::size_t>()->default_value("10"))
    ("offset", "hits to skip first (for paging)", cxxopts::value<std::size_t>()->default_value("0"))
    ("s,sort", "relevance, date (oldest first, by date and time of day), -date (newest first) "
     "or distance (nearest first to the query's near:)",
     cxxopts::value<std::string>()->default_value("relevance"))
    ("count", "print only the exact number of matching stories (articles with --all-copies)")
    ("all-copies", "list every copy of a story (wire resends, corrections) as its own hit, and "
     "count copies in --count, --facets, --timeline, --related, --network and a 'did you mean'; "
     "by default copies collapse into one hit that says how many there are, and count once")
    ("facets", "count matches by actor, place, country, source, lang, year, month "
     "(comma-separated)", cxxopts::value<std::string>())
    ("facet-limit", "values to show per facet, most frequent first (0: all)",
     cxxopts::value<std::size_t>()->default_value("10"))
    ("timeline", "count matches per day, week, month or year", cxxopts::value<std::string>())
    ("normalize", "timeline: also each period's share of all stories (articles with "
     "--all-copies) in it")
    ("plot", "draw the timeline(s) as an SVG chart in FILE (implies --timeline month)",
     cxxopts::value<std::string>())
    ("queries", "run one query per line of FILE (- for stdin)", cxxopts::value<std::string>())
    ("like", "rank articles by how like article ID they are (its most telling words); a query "
     "only narrows them down (e.g. date:1987-04)", cxxopts::value<std::string>(), "ID")
    ("show", "print the whole article ID (text or json) instead of searching",
     cxxopts::value<std::string>(), "ID")
    ("format", "output: text, json (JSON Lines, docs/json.md) or csv; with --network graphml "
     "(the default there) or json", cxxopts::value<std::string>())
    ("fields", "CSV columns, comma-separated (see below)", cxxopts::value<std::string>())
    ("json", "the same as --format json")
    ("color", "colour: auto, always or never", cxxopts::value<std::string>()->default_value("auto"))
    ("related", "list the actors or places (actor|place) most associated with the matches, "
     "against all stories (JLH score; --limit of them; not those the query asks for)",
     cxxopts::value<std::string>())
    ("min-count", "--related: matching stories an entity must be in",
     cxxopts::value<std::size_t>()->default_value("3"))
    ("network", "write the co-mention network (actor|place|both) of the matches as GraphML or "
     "JSON (--format)", cxxopts::value<std::string>())
    ("min-weight", "--network: drop edges between entities in fewer matching stories together",
     cxxopts::value<std::size_t>()->default_value("1"))
    ("max-nodes", "--network: the entities in most matches to keep as nodes (0: all)",
     cxxopts::value<std::size_t>()->default_value("100"))
    ("output", "--network: write to FILE (atomically) instead of stdout",
     cxxopts::value<std::string>())
    ("version", "print the version")
    ("h,help", "print this help")
    ("query", "query words", cxxopts::value<std::vector<std::string>>());
  // clang-format on
  options.parse_positional({"query"});
  // A query word such as -oil would be read as options: say how to pass it.
  if (auto word = dash_word(argc, argv)) {
    newsdex::cli::print_error(kProgram, "'" + *word + "' is not an option",
                              "to search for a query that starts with '-', put it after --: " +
                                  std::string(kProgram) + " -- '" + *word + "'");
    return newsdex::cli::kExitError;
  }
  cxxopts::ParseResult args;
  if (auto status = newsdex::cli::parse_options(options, argc, argv, kProgram, kQueryHelp, args)) {
    return *status;
  }

  const bool explore = args.count("related") || args.count("network");
  if (explore) return explore_story(args);
  for (const char* only : {"min-count", "min-weight", "max-nodes", "output"}) {
    if (args.count(only)) {
      throw newsdex::Error(newsdex::ErrorCode::input,
                           std::string("--") + only + " applies to " +
                               (std::string(only) == "min-count" ? "--related" : "--network"),
                           std::string(only) == "min-count" ? "add --related actor|place"
                                                            : "add --network actor|place|both");
    }
  }
  std::string format = args.count("format") ? args["format"].as<std::string>() : "text";
  if (args.count("json")) {
    if (args.count("format") && format != "json") {
      throw newsdex::Error(newsdex::ErrorCode::input,
                           "--json and --format " + format + " conflict");
    }
    format = "json";
  }
  if (format == "graphml") {
    throw newsdex::Error(newsdex::ErrorCode::input, "--format graphml writes a network",
                         "add --network actor|place|both, or use text, json or csv");
  }
  if (format != "text" && format != "json" && format != "csv") {
    throw newsdex::Error(newsdex::ErrorCode::input, "unknown format '" + format + "'",
                         "formats are text, json and csv (graphml with --network)");
  }
  if (args.count("fields") && format != "csv") {
    throw newsdex::Error(newsdex::ErrorCode::input, "--fields chooses CSV columns",
                         "add --format csv");
  }
  if (args.count("show")) {
    // One article, no search: the options that shape a search have nothing to act on.
    for (const char* option : {"query", "queries", "like", "count", "facets", "facet-limit",
                               "timeline", "normalize", "plot", "sort", "limit", "offset"}) {
      if (args.count(option)) {
        throw newsdex::Error(
            newsdex::ErrorCode::input,
            std::string("--show prints one article: ") +
                (std::string(option) == "query" ? "a query" : "--" + std::string(option)) +
                " has nothing to act on",
            "newsdex-search --show ID [--json]");
      }
    }
    if (format == "csv") {
      throw newsdex::Error(newsdex::ErrorCode::input, "--show prints text or json, not csv");
    }
    std::unique_ptr<newsdex::output::Printer> printer =
        format == "json"
            ? newsdex::output::make_json_printer(std::cout)
            : newsdex::output::make_text_printer(
                  std::cout, newsdex::cli::use_color(args["color"].as<std::string>(), 1));
    return show_article(args, *printer);
  }
  const bool batch = args.count("queries") > 0;
  if (batch && args.count("query")) {
    throw newsdex::Error(newsdex::ErrorCode::input, "give a query or --queries FILE, not both");
  }
  if (!batch && !args.count("query") && !args.count("like")) {
    newsdex::cli::print_error(kProgram, "no query given", "newsdex-search 'oil date:1987-03'");
    return newsdex::cli::kExitError;
  }

  newsdex::SearchOptions search_options;
  search_options.limit = args["limit"].as<std::size_t>();
  search_options.offset = args["offset"].as<std::size_t>();
  search_options.sort = newsdex::parse_sort_order(args["sort"].as<std::string>());
  const bool count_only = args.count("count") > 0;
  if (count_only) {
    search_options.exact_count = true;
    search_options.limit = 0;
  }
  if (args.count("facets")) {
    search_options.facets = newsdex::parse_facet_fields(args["facets"].as<std::string>());
  }
  search_options.facet_limit = args["facet-limit"].as<std::size_t>();
  if (args.count("timeline")) {
    search_options.timeline = newsdex::parse_period(args["timeline"].as<std::string>());
  }
  search_options.normalize = args.count("normalize") > 0;
  if (args.count("like")) {
    search_options.like = args["like"].as<std::string>();
    // (The library reads an empty id as no --like at all.)
    if (search_options.like.empty()) {
      throw newsdex::Error(newsdex::ErrorCode::not_found, "no article with id ''",
                           "give an id as the hits show it (the id field of --json)");
    }
  }
  search_options.all_copies = args.count("all-copies") > 0;
  const std::string plot_path = args.count("plot") ? args["plot"].as<std::string>() : "";
  if (!plot_path.empty()) {
    if (!search_options.timeline) search_options.timeline = newsdex::Period::month;
    // Writable before any query runs, so a typo does not cost a long batch.
    newsdex::output::check_plot_path(plot_path);
  }
  if (search_options.normalize && !search_options.timeline) {
    throw newsdex::Error(newsdex::ErrorCode::input, "--normalize applies to a timeline",
                         "add --timeline day|week|month|year");
  }

  std::unique_ptr<newsdex::output::Printer> printer;
  if (format == "csv") {
    using newsdex::output::CsvRows;
    // One kind of row per CSV. --count makes the rows counts (a timeline may still be computed
    // for --plot); otherwise timeline periods, facet values or hits.
    CsvRows rows = CsvRows::hits;
    if (count_only && !search_options.facets.empty()) {
      throw newsdex::Error(newsdex::ErrorCode::input,
                           "with --count, CSV rows are counts: the facets would not be shown",
                           "drop --count for facet rows, or use --format json");
    }
    if (!count_only && search_options.timeline && !search_options.facets.empty()) {
      throw newsdex::Error(newsdex::ErrorCode::input,
                           "CSV rows are either timeline periods or facet values, not both",
                           "drop --facets or --timeline, or use --format json");
    }
    if (count_only) {
      rows = CsvRows::counts;
    } else if (search_options.timeline) {
      rows = CsvRows::timeline;
    } else if (!search_options.facets.empty()) {
      rows = CsvRows::facets;
    }
    const auto fields = args.count("fields") ? split_list(args["fields"].as<std::string>())
                                             : std::vector<std::string>{};
    printer =
        newsdex::output::make_csv_printer(std::cout, rows, fields, batch, search_options.timeline);
  } else if (format == "json") {
    printer = newsdex::output::make_json_printer(std::cout, batch);
  } else {
    const bool color = newsdex::cli::use_color(args["color"].as<std::string>(), /*stdout*/ 1);
    printer = newsdex::output::make_text_printer(std::cout, color, batch);
  }

  std::vector<std::string> dbs;
  if (args.count("db")) dbs = args["db"].as<std::vector<std::string>>();
  newsdex::Searcher searcher(newsdex::cli::database_paths(dbs));

  std::vector<std::pair<std::string, newsdex::Timeline>> plotted;
  bool any_match = false, any_bad = false;
  // Runs one query and prints it; false if the query was bad (already reported).
  auto run_query = [&](const newsdex::output::QueryContext& context, const std::string& where) {
    printer->begin(context);
    const auto start = std::chrono::steady_clock::now();
    newsdex::SearchResult result;
    try {
      result = searcher.search(context.query, search_options);
    } catch (const newsdex::QueryError& e) {
      newsdex::cli::print_query_error(kProgram, where, context.query, e);
      printer->failure({context, e.what(), e.hint(), e.column()});
      return false;
    } catch (const newsdex::Error& e) {
      // A query that cannot run for another reason of its own (bad input) fails its line
      // only; database and I/O failures end the run (run_main reports them).
      if (!batch || e.code() != newsdex::ErrorCode::input) throw;
      newsdex::cli::print_error(kProgram, where + e.what(), e.hint());
      printer->failure({context, e.what(), e.hint(), 0});
      return false;
    }
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    for (const auto& hit : result.hits) printer->hit(hit);
    if (!result.facets.empty()) printer->facets(result.facets);
    if (result.timeline) printer->timeline(*result.timeline);
    newsdex::output::Summary summary;
    summary.context = context;
    summary.matches = result.matches;
    summary.stories = result.stories;
    summary.all_copies = search_options.all_copies;
    summary.matches_estimated = result.matches_estimated;
    summary.stories_estimated = result.stories_estimated;
    summary.returned = result.hits.size();
    summary.offset = search_options.offset;
    summary.limit = search_options.limit;
    summary.count_only = count_only;
    summary.elapsed_ms = ms;
    summary.suggestion = result.suggestion;
    summary.suggestion_matches = result.suggestion_matches;
    printer->summary(summary);
    // "Did you mean" goes in the JSON summary, else on stderr (stdout keeps the results).
    if (result.suggestion && format != "json") {
      newsdex::cli::print_suggestion(kProgram, where, *result.suggestion, result.suggestion_matches,
                                     !search_options.all_copies);
    }
    if (result.matches.value_or(result.matches_estimated) > 0) any_match = true;
    if (!plot_path.empty() && result.timeline) {
      plotted.emplace_back(context.query, std::move(*result.timeline));
    }
    return true;
  };

  std::string title;  // of the plot: the query, or the first few queries of a batch
  if (!batch) {
    std::string query;
    const auto words = args.count("query") ? args["query"].as<std::vector<std::string>>()
                                           : std::vector<std::string>{};  // --like alone
    for (const auto& word : words) {
      if (!query.empty()) query += ' ';
      query += word;
    }
    if (!run_query({0, query}, "")) return newsdex::cli::kExitError;
    title = query;
  } else {
    const std::string path = args["queries"].as<std::string>();
    std::ifstream file;
    if (path != "-") {
      file.open(path);
      if (!file) {
        throw newsdex::Error(newsdex::ErrorCode::io,
                             "cannot read queries from " + path + ": " + std::strerror(errno));
      }
    }
    std::istream& in = path == "-" ? std::cin : file;
    const std::string name = path == "-" ? "<stdin>" : path;
    std::string line;
    std::size_t line_no = 0;
    while (std::getline(in, line)) {
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const auto first = line.find_first_not_of(" \t");
      if (first == std::string::npos || line[first] == '#') continue;
      line.erase(line.find_last_not_of(" \t") + 1);
      const std::string query = line.substr(first);
      if (!run_query({line_no, query}, name + ":" + std::to_string(line_no) + ": ")) {
        any_bad = true;
      }
      if (!std::cout) break;
    }
    if (in.bad()) {
      throw newsdex::Error(newsdex::ErrorCode::io, "error reading queries from " + name);
    }
  }
  std::cout.flush();
  if (!std::cout) {
    const int error = errno;
    if (error == EPIPE) return newsdex::cli::kExitOk;  // `| head` closed the pipe
    // A full disk or a closed terminal: the results are incomplete, so say so.
    throw newsdex::Error(newsdex::ErrorCode::io, std::string("cannot write the results: ") +
                                                     std::strerror(error ? error : EIO));
  }
  if (!plot_path.empty()) {
    const std::string period = newsdex::to_string(*search_options.timeline);
    if (batch) {
      for (std::size_t i = 0; i < plotted.size() && i < 4; ++i) {
        title += (i ? ", " : "") + (i < 3 ? plotted[i].first : std::string("…"));
      }
    }
    title = (title.empty() ? "" : title + ": ") +
            (search_options.normalize
                 ? std::string("share of all ") +
                       (search_options.all_copies ? "articles" : "stories") + " per "
                 : std::string("matches per ")) +
            period;
    newsdex::output::write_svg_plot_file(newsdex::output::timeline_plot(plotted, title), plot_path);
  }
  if (any_bad) return newsdex::cli::kExitError;
  return any_match ? newsdex::cli::kExitOk : newsdex::cli::kExitNone;
}

}  // namespace

int main(int argc, char** argv) {
  return newsdex::cli::run_main(kProgram, [&] { return run(argc, argv); });
}
