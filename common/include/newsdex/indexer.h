// Building and updating a newsdex database from articles.
#pragma once

#include <newsdex/article.h>
#include <newsdex/entities.h>
#include <newsdex/export.h>
#include <newsdex/reader.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace newsdex {

/// Options for Indexer.
struct IndexOptions {
  std::string db_path = "newsdex.db";  ///< database directory; created if missing
  std::size_t batch_size = 1000;       ///< commit after this many documents (see bench/README.md)
  bool recognize_entities = true;      ///< run the entity recogniser (actors, places)
  RecognizerOptions recognizer;        ///< model/gazetteer locations and user aliases
  /// Threads to use in all. With N > 1, N - 1 threads analyse articles (tokenise, recognise
  /// entities, build documents) while the calling thread reads input and writes the database;
  /// 1 = everything on the calling thread; 0 = one per core.
  unsigned jobs = 0;
};

/// Totals of one indexing run. read == indexed + skipped.
struct IndexStats {
  std::size_t read = 0;
  std::size_t indexed = 0;
  std::size_t skipped = 0;
  std::size_t warnings = 0;
  std::size_t doc_count = 0;  ///< documents in the database after the final commit
};

/// Progress report passed to the progress callback every few hundred articles.
struct IndexProgress {
  std::size_t read = 0;
  std::size_t indexed = 0;
  std::string current_path;
};

/// Writes articles into a database. Holds the database's write lock for its lifetime.
/// Re-adding an article with the same id replaces the earlier document. Not thread-safe: use
/// one Indexer from one thread.
class NEWSDEX_EXPORT Indexer {
 public:
  /// Opens or creates the database. Throws Error(locked) if another writer holds it,
  /// Error(database) if it is not a newsdex database or has another schema version.
  explicit Indexer(const IndexOptions& options);
  ~Indexer();  ///< commits pending documents (errors are swallowed: call commit() to see them)
  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;

  /// Adds or replaces one article (commits every batch_size documents).
  void add(const Article& article);
  /// Commits pending documents; after it returns they survive a crash.
  void commit();
  /// Number of documents in the database, including uncommitted ones.
  std::size_t doc_count() const;

  /// Reads `inputs` (see read_articles) and indexes every good article, then commits. Articles
  /// are analysed on `IndexOptions::jobs` threads but written in input order, so a later article
  /// with the same id still replaces an earlier one.
  /// Diagnostics go to `on_diagnostic`; `on_progress` (may be empty) is called now and then.
  IndexStats index_inputs(const std::vector<std::string>& inputs, const ReadOptions& read_options,
                          const std::function<void(const Diagnostic&)>& on_diagnostic,
                          const std::function<void(const IndexProgress&)>& on_progress = {});

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
