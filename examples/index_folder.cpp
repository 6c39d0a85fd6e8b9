// Example: index a folder of articles, with progress, diagnostics and Ctrl-C to stop early.
//   index_folder news.db corpus/sample
#include <newsdex/newsdex.h>

#include <csignal>
#include <iostream>

namespace {
newsdex::Indexer* running = nullptr;  // for the signal handler: cancel() is async-signal-safe
}

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: index_folder DB FOLDER...\n";
    return 2;
  }
  try {
    newsdex::IndexOptions options;
    options.db_path = argv[1];
    options.batch_size = 0;  // sized by memory, as newsdex-index does
    newsdex::Indexer indexer(options);
    running = &indexer;
    std::signal(SIGINT, [](int) { running->cancel(); });

    const std::vector<std::string> inputs(argv + 2, argv + argc);
    // Both callbacks run on this thread, between articles.
    auto on_problem = [](const newsdex::Diagnostic& d) {
      std::cerr << d.path << ':' << d.line << ": " << d.message << '\n';
    };
    auto on_progress = [](const newsdex::IndexProgress& p) {
      std::cerr << p.indexed << " indexed, now " << p.current_path << '\n';
    };
    const newsdex::IndexStats stats = indexer.index_inputs(inputs, {}, on_problem, on_progress);
    running = nullptr;

    std::cout << "indexed " << stats.indexed << ", skipped " << stats.skipped << ", unchanged "
              << stats.unchanged << (stats.cancelled ? " (cancelled)" : "") << "; "
              << stats.doc_count << " documents\n";
    return stats.skipped ? 1 : 0;
  } catch (const newsdex::Error& e) {
    std::cerr << "error: " << e.what() << (e.hint().empty() ? "" : "\nhint: " + e.hint()) << '\n';
    return 2;
  }
}
