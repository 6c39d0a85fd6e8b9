// newsdex-index: parse options, hand inputs to libnewsdex, report diagnostics and a summary.
#include <newsdex/cli.h>
#include <newsdex/newsdex.h>

#include <chrono>
#include <cxxopts.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace {

constexpr const char* kProgram = "newsdex-index";

constexpr const char* kMoreHelp = R"(
Inputs are files, directories (walked recursively) or - for stdin. Formats follow the file name:
.txt (text: articles start with a line 'date YYYY-MM-DD Title'), .jsonl/.ndjson (one JSON object
per line with date, title, body), .sgm (Reuters-21578); .gz files are read transparently.
Re-indexing an article with the same id replaces it. See docs/input-formats.md.

Incremental: the database records each file's size, mtime and content hash. A rerun reads only
files that are new or changed (a changed file's old articles are replaced, including those it
no longer holds); stdin is always read. --prune also removes the articles of recorded files
under the inputs (every recorded file, with no input) that no longer exist. --delete ID...
removes articles by id instead of indexing.

Problems are reported on stderr as path:line: reason; the article is skipped, the rest indexed.
Exit status: 0 if every article was indexed, 1 if some were skipped, 2 on a fatal error.
Environment: NEWSDEX_DB (default database), NEWSDEX_DATA_DIR (model and gazetteers).
)";

void print_diagnostic(const newsdex::Diagnostic& d) {
  std::cerr << d.path;
  if (d.line) std::cerr << ':' << d.line;
  std::cerr << (d.severity == newsdex::Diagnostic::Severity::warning ? ": warning: " : ": ")
            << d.message << "\n";
}

newsdex::RecognizerOptions recognizer_options(const cxxopts::ParseResult& args) {
  newsdex::RecognizerOptions r;
  if (args.count("aliases")) r.aliases_file = args["aliases"].as<std::string>();
  if (args.count("data-dir")) r.data_dir = args["data-dir"].as<std::string>();
  return r;
}

// --entities: one JSON line per article with its recognised entities; nothing is indexed.
int print_entities(const std::vector<std::string>& inputs, const newsdex::ReadOptions& read_options,
                   const newsdex::RecognizerOptions& ropts) {
  const newsdex::EntityRecognizer recognizer(ropts);
  auto on_article = [&](newsdex::Article&& a) {
    std::cout << newsdex::output::entities_json_line(a, recognizer.recognize(a)) << '\n';
  };
  const auto counts = newsdex::read_articles(inputs, read_options, on_article, print_diagnostic);
  return counts.skipped ? newsdex::cli::kExitNone : newsdex::cli::kExitOk;
}

// --tag-conll: re-emit a CoNLL-2003 file with one more column, the predicted IOB2 tag.
int tag_conll(const std::string& path, const newsdex::RecognizerOptions& ropts) {
  std::ifstream in(path);
  if (!in) throw newsdex::Error(newsdex::ErrorCode::io, path + ": cannot open");
  const newsdex::EntityRecognizer recognizer(ropts);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  // Documents run from one -DOCSTART- to the next; sentences are separated by blank lines.
  std::size_t i = 0;
  while (i < lines.size()) {
    std::size_t end = i + 1;
    while (end < lines.size() && lines[end].rfind("-DOCSTART-", 0) != 0) ++end;
    std::vector<std::vector<std::string>> doc(1);
    std::vector<std::vector<std::size_t>> where(1);
    for (std::size_t k = i; k < end; ++k) {
      const std::string& l = lines[k];
      if (l.empty() || l.rfind("-DOCSTART-", 0) == 0) {
        if (!doc.back().empty()) {
          doc.emplace_back();
          where.emplace_back();
        }
        continue;
      }
      doc.back().push_back(l.substr(0, l.find(' ')));
      where.back().push_back(k);
    }
    if (doc.back().empty()) {
      doc.pop_back();
      where.pop_back();
    }
    std::vector<std::string> tags(end - i);
    const auto predicted = recognizer.tag_document(doc);
    for (std::size_t s = 0; s < doc.size(); ++s) {
      for (std::size_t t = 0; t < doc[s].size(); ++t) tags[where[s][t] - i] = predicted[s][t];
    }
    for (std::size_t k = i; k < end; ++k) {
      std::cout << lines[k];
      if (!tags[k - i].empty()) std::cout << ' ' << tags[k - i];
      std::cout << '\n';
    }
    i = end;
  }
  return newsdex::cli::kExitOk;
}

// --apply-aliases FILE: regroup the database's actors with the file's aliases; read no article.
int apply_aliases(const cxxopts::ParseResult& args, const std::string& file) {
  newsdex::IndexOptions index_options;
  std::vector<std::string> db_option;
  if (args.count("db")) db_option.push_back(args["db"].as<std::string>());
  index_options.db_path = newsdex::cli::database_paths(db_option).front();
  index_options.recognize_entities = false;  // no article is read: no recogniser to load
  index_options.recognizer = recognizer_options(args);  // --data-dir: the first names
  std::error_code ec;
  if (!std::filesystem::is_directory(index_options.db_path, ec)) {
    newsdex::cli::print_error(kProgram, "no database at " + index_options.db_path,
                              "index articles first: newsdex-index --db " +
                                  index_options.db_path + " INPUT...");
    return newsdex::cli::kExitError;
  }
  const auto start = std::chrono::steady_clock::now();
  newsdex::Indexer indexer(index_options);
  const std::size_t grouped = indexer.apply_aliases(file);
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!args.count("quiet")) {
    std::cerr << kProgram << ": applied " << file << ": " << grouped
              << " actor names now stand for another; " << index_options.db_path << " holds "
              << indexer.doc_count() << " documents (" << static_cast<long>(secs * 1000)
              << " ms)\n";
  }
  return newsdex::cli::kExitOk;
}

int run(int argc, char** argv) {
  cxxopts::Options options(kProgram, "Index dated news articles into a newsdex database.");
  options.custom_help("[OPTIONS]");
  options.positional_help("INPUT...");
  // clang-format off
  options.add_options()
    ("d,db", "database to create or update (default $NEWSDEX_DB or ./newsdex.db)",
     cxxopts::value<std::string>())
    ("f,format", "input format: auto, text, jsonl or reuters", cxxopts::value<std::string>()->default_value("auto"))
    ("batch-size", "commit every N articles (a crash loses at most the last N); 0 = sized by "
     "memory, and a load into an empty database is committed whole at the end",
     cxxopts::value<std::size_t>()->default_value("0"))
    ("j,jobs", "threads to use: 0 = one per core; 1 = single-threaded; N: a first load into an empty database has N threads analysing and writing parts, an update N-1 analysing + 1 writing; at most 256",
     cxxopts::value<unsigned>()->default_value("0"))
    ("no-entities", "do not recognise actors and places (faster)")
    ("force", "read every file again, even those recorded as unchanged (e.g. after editing --aliases)")
    ("prune", "remove the articles of recorded files that are gone (under the inputs; all, with no input)")
    ("delete", "the arguments are article ids to remove (exit 1 if one is not found); index nothing")
    ("aliases", "TSV file of entity aliases: canonical name, then aliases", cxxopts::value<std::string>())
    ("apply-aliases", "apply a TSV aliases file (as --aliases) to the actors of the database without reading any article; index nothing",
     cxxopts::value<std::string>())
    ("data-dir", "directory with the tagger model and gazetteers", cxxopts::value<std::string>())
    ("entities", "print each article's entities as JSON Lines; index nothing")
    ("tag-conll", "tag a CoNLL-2003 file, adding a column with the predicted tag; index nothing",
     cxxopts::value<std::string>())
    ("q,quiet", "print no summary")
    ("progress", "show progress (default: only when stderr is a terminal)")
    ("version", "print the version")
    ("h,help", "print this help")
    ("inputs", "files, directories or - (with --delete: ids)", cxxopts::value<std::vector<std::string>>());
  // clang-format on
  options.parse_positional({"inputs"});
  cxxopts::ParseResult args;
  if (auto status = newsdex::cli::parse_options(options, argc, argv, kProgram, kMoreHelp, args)) {
    return *status;
  }
  const auto ropts = recognizer_options(args);
  if (args.count("tag-conll")) return tag_conll(args["tag-conll"].as<std::string>(), ropts);
  const bool prune = args.count("prune") > 0;
  const bool delete_ids = args.count("delete") > 0;
  if (args.count("apply-aliases")) {
    if (args.count("inputs") || prune || delete_ids) {
      newsdex::cli::print_error(kProgram, "--apply-aliases takes no inputs, --prune or --delete",
                                "newsdex-index --db news.db --apply-aliases aliases.tsv");
      return newsdex::cli::kExitError;
    }
    return apply_aliases(args, args["apply-aliases"].as<std::string>());
  }
  if (!args.count("inputs") && !prune) {
    newsdex::cli::print_error(kProgram, delete_ids ? "no id given" : "no input given",
                              delete_ids ? "newsdex-index --db news.db --delete en/kursk.txt"
                                         : "newsdex-index --db news.db corpus/sample");
    return newsdex::cli::kExitError;
  }
  const auto inputs = args.count("inputs") ? args["inputs"].as<std::vector<std::string>>()
                                           : std::vector<std::string>{};
  newsdex::ReadOptions read_options;
  read_options.format = newsdex::parse_input_format(args["format"].as<std::string>());
  if (args.count("entities")) return print_entities(inputs, read_options, ropts);

  newsdex::IndexOptions index_options;
  std::vector<std::string> db_option;
  if (args.count("db")) db_option.push_back(args["db"].as<std::string>());
  index_options.db_path = newsdex::cli::database_paths(db_option).front();
  index_options.batch_size = args["batch-size"].as<std::size_t>();
  index_options.recognize_entities = !args.count("no-entities");
  index_options.jobs = args["jobs"].as<unsigned>();
  index_options.recognizer = ropts;
  index_options.incremental = !args.count("force");

  const bool progress = args.count("progress") || newsdex::cli::is_terminal(2);
  const auto start = std::chrono::steady_clock::now();
  newsdex::Indexer indexer(index_options);
  auto on_progress = [&](const newsdex::IndexProgress& p) {
    if (!progress) return;
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << "\r" << p.indexed << " articles indexed ("
              << static_cast<long>(p.indexed / std::max(s, 0.001)) << "/s) " << p.current_path
              << "\033[K" << std::flush;
  };
  bool progress_shown = false;
  auto on_diag = [&](const newsdex::Diagnostic& d) {
    if (progress && !progress_shown) std::cerr << "\r\033[K";
    print_diagnostic(d);
  };
  newsdex::IndexStats stats;
  std::size_t missing = 0;
  if (delete_ids) {
    const newsdex::DeleteResult deleted = indexer.delete_ids(inputs);
    stats.removed = deleted.removed;
    // Not fatal (the others are deleted): reported like a skipped input, exit 1.
    for (const std::string& id : deleted.missing) {
      std::cerr << kProgram << ": no article with id '" << id << "' in " << index_options.db_path
                << "\nhint: ids are shown by newsdex-search --json (field \"id\")\n";
    }
    missing = deleted.missing.size();
  } else if (!inputs.empty()) {
    stats = indexer.index_inputs(inputs, read_options, on_diag, on_progress);
  }
  if (prune) stats.removed += indexer.prune(delete_ids ? std::vector<std::string>{} : inputs);
  if (progress) std::cerr << "\r\033[K";
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!args.count("quiet")) {
    std::cerr << kProgram << ": ";
    if (!delete_ids) {
      std::cerr << "read " << stats.read << " articles: " << stats.indexed << " indexed, "
                << stats.skipped << " skipped";
      if (stats.warnings) std::cerr << ", " << stats.warnings << " warnings";
      std::cerr << "; ";
    }
    // Articles, like the counts before; unchanged files were not read, so not in "read".
    std::cerr << "unchanged " << stats.unchanged << " (" << stats.unchanged_files
              << " files), added " << stats.added << ", updated " << stats.updated << " ("
              << stats.updated_files << " files), removed " << stats.removed << "; "
              << index_options.db_path << " now holds " << indexer.doc_count() << " documents ("
              << static_cast<long>(secs * 1000) << " ms)\n";
  }
  return stats.skipped || missing ? newsdex::cli::kExitNone : newsdex::cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  return newsdex::cli::run_main(kProgram, [&] { return run(argc, argv); });
}
