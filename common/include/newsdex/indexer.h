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

/// Most threads an Indexer uses (IndexOptions::jobs): far more than the analysis can use.
inline constexpr unsigned kMaxJobs = 256;

/// Options for Indexer.
struct IndexOptions {
  std::string db_path = "newsdex.db";  ///< database directory; created if missing
  /// Commit after this many documents (a crash loses at most the last batch). 0, the CLI's
  /// default: sized by memory, and index_inputs() into an empty database writes fresh part
  /// databases merged by compaction at the end (all or nothing after a crash; bench/README.md,
  /// section bench/scale). add() with 0 commits when the pending batch is large.
  std::size_t batch_size = 1000;
  bool recognize_entities = true;  ///< run the entity recogniser (actors, places)
  RecognizerOptions recognizer;    ///< model/gazetteer locations and user aliases
  /// Threads to use. 1 = everything on the calling thread; 0 = one per core; at most kMaxJobs
  /// (more are treated as kMaxJobs). With N > 1, for a load into an empty database
  /// (batch_size 0), N threads each analyse and write whole chunks of 2,000 articles into part
  /// databases of their own while the calling thread reads input (and merges at the end);
  /// otherwise N - 1 threads analyse articles (tokenise, recognise entities, build documents)
  /// while the calling thread reads input and writes the database. Threads that cannot be
  /// started are an Error(io) before indexing.
  unsigned jobs = 0;
  /// Incremental re-indexing (index_inputs): a file whose record in the database says it is
  /// unchanged is not read. false = read every file again (its records are still written);
  /// use it after changing what the files do not show: the aliases file, the model, the data
  /// directory.
  bool incremental = true;
};

/// Totals of one indexing run. read == indexed + skipped and indexed == added + updated,
/// exactly. Articles of unchanged files are not read, so they are in neither.
struct IndexStats {
  std::size_t read = 0;             ///< articles (or would-be articles) read this run
  std::size_t indexed = 0;          ///< articles written this run
  std::size_t skipped = 0;          ///< articles dropped with a Diagnostic of severity skipped
  std::size_t warnings = 0;         ///< Diagnostics of severity warning
  std::size_t unchanged = 0;        ///< articles of unchanged files (as recorded), not read
  std::size_t unchanged_files = 0;  ///< files skipped because their record matched
  std::size_t added = 0;    ///< indexed articles of files the database had no record of, or stdin
  std::size_t updated = 0;  ///< indexed articles of files that changed since recorded
  std::size_t updated_files = 0;  ///< files that changed since recorded (re-read)
  /// Documents deleted and not written again: a changed file's surplus (3 articles before,
  /// 2 now: 1), and what prune() and delete_ids() removed.
  std::size_t removed = 0;
  std::size_t doc_count = 0;  ///< documents in the database after the final commit
  /// Indexer::cancel() stopped the run early: what was read before is written and committed;
  /// the file being read when it stopped gets no record, so the next run reads it again.
  bool cancelled = false;
};

/// Outcome of Indexer::delete_ids().
struct DeleteResult {
  std::size_t removed = 0;           ///< documents deleted
  std::vector<std::string> missing;  ///< ids that matched no document, in the order given
};

/// Progress report passed to the progress callback every few hundred articles (with more
/// than one job: after each written batch of 128, or chunk of 2,000 in a first load), on the
/// thread that called index_inputs().
struct IndexProgress {
  std::size_t read = 0;
  std::size_t indexed = 0;
  std::string current_path;
};

/// Writes articles into a database. Holds the database's write lock for its lifetime (another
/// Indexer on the same database, in this process or another, gets Error(locked)); Searchers
/// may read it meanwhile and see each commit after Searcher::reopen(). Re-adding an article
/// with the same id replaces the earlier document. Not thread-safe: use one Indexer from one
/// thread, except cancel(), which any thread (or a callback) may call at any time.
class NEWSDEX_EXPORT Indexer {
 public:
  /// Opens or creates the database. Throws Error(locked) if another writer holds it,
  /// Error(database) if it is not a newsdex database or has another schema version.
  explicit Indexer(const IndexOptions& options);
  ~Indexer();  ///< commits pending documents (errors are swallowed: call commit() to see them)
  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;

  /// Adds or replaces one article (commits every batch_size documents). Throws
  /// Error(database) or Error(io) when Xapian fails, Error from the recogniser's loading.
  void add(const Article& article);
  /// Commits pending documents; after it returns they survive a crash. First regroups the
  /// copies of each story (near duplicates; SearchOptions::all_copies) over the whole database
  /// (a pass over two value streams, plus a rewrite of the documents whose group changed) and
  /// brings the spelling dictionary ("did you mean", SearchResult::suggestion) up to date (a
  /// pass over the vocabulary, about 0.05-0.08 s on Reuters-21578 when nothing changed), as
  /// index_inputs(), prune() and delete_ids() do by themselves (the commits add() makes every
  /// batch_size documents, and the destructor's, do not): commit in batches, not per article.
  /// Throws Error(database) or Error(io) when Xapian fails (a full disk, a database directory
  /// deleted meanwhile).
  void commit();
  /// Number of documents in the database, including uncommitted ones. Throws Error(database)
  /// when Xapian fails.
  std::size_t doc_count() const;

  /// Reads `inputs` (see read_articles: files, directories walked the same way, "-" for stdin)
  /// and indexes every good article, then commits. Articles are analysed on
  /// `IndexOptions::jobs` threads but written in input order, so a later article with the same
  /// id still replaces an earlier one.
  ///
  /// Incremental: each file read gets a record in the database (its absolute path, size,
  /// mtime, FNV-1a content hash, article count, format, id base, entities on/off), and each of
  /// its documents a term naming the file. With `IndexOptions::incremental`, a file whose size
  /// and mtime match its record (and whose format, id base and entity setting are the same) is
  /// not read: it counts as unchanged. When only size or mtime differ, the content hash decides
  /// (`touch` re-indexes nothing). A changed file's documents are all deleted, then it is read
  /// again, so articles it no longer holds go too. Stdin has no record: always indexed.
  /// A file is handled once per call, under the first input that reaches it.
  ///
  /// Crash safety: a file's record is written after all its articles, in the same commit as
  /// its last one or a later one. After a crash (kill -9) the database holds whole articles
  /// of committed batches; a file whose record is missing or old is redone by the next run.
  /// A file that cannot be read keeps its documents and record (reported as a skipped read).
  ///
  /// Diagnostics go to `on_diagnostic`; files not read report nothing again. `on_progress`
  /// (may be empty) is called now and then. Both callbacks run on the calling thread, never
  /// on the analysis threads, one at a time; they may call cancel(). Throws Error(database)
  /// on a Xapian failure, Error(io) when threads cannot be started, Error(io)/Error(input)
  /// when the entity recogniser cannot load, and whatever a callback throws; what was
  /// committed before stays. After cancel() it returns early with IndexStats::cancelled set.
  IndexStats index_inputs(const std::vector<std::string>& inputs, const ReadOptions& read_options,
                          const std::function<void(const Diagnostic&)>& on_diagnostic,
                          const std::function<void(const IndexProgress&)>& on_progress = {});

  /// Deletes the articles and records of recorded files that no longer exist (stat fails with
  /// "no such file"), among those at or under `inputs` (files or directories, as given to
  /// index_inputs; "-" is ignored); every recorded file when `inputs` is empty. A file that
  /// exists but cannot be read is kept. Returns the number of documents deleted; commits.
  /// Throws Error(database) on a Xapian failure.
  std::size_t prune(const std::vector<std::string>& inputs);

  /// Groups the actor names of the whole database that name one actor (a surname with the one
  /// frequent full name that has it, an acronym with its long form; docs/entities.md, "One
  /// name across the corpus") and applies the user aliases of `aliases_path` (the
  /// RecognizerOptions::aliases_file format), which win and are kept for later runs; with an
  /// empty path, the aliases kept from an earlier run. Reads no article: actor: queries and
  /// the actor facet follow the new groups at once. index_inputs(), prune() and delete_ids()
  /// do the grouping by themselves (with IndexOptions' aliases file, if any). Commits.
  /// Returns the number of actor names now grouped under another. Throws Error(io) or
  /// Error(input) for the file (nothing is changed then), Error(database) on a Xapian failure.
  std::size_t apply_aliases(const std::string& aliases_path);

  /// Asks a running index_inputs() to stop at the next article or input: it then writes and
  /// commits what it has read and returns with IndexStats::cancelled; the request is then
  /// cleared. A request made while no index_inputs() runs stops the next one before it reads
  /// anything. add(), commit(), prune() and delete_ids() ignore it. Thread-safe and
  /// async-signal-safe (a SIGINT handler may call it).
  void cancel() noexcept;

  /// Deletes the article with this id, if there is one; commits. Returns whether it existed.
  /// Throws Error(database) on a Xapian failure. See delete_ids().
  bool remove(const std::string& id);

  /// Deletes the articles with these ids (as shown by newsdex-search, e.g. "en/kursk.txt#2",
  /// "reuters:17"); ids with no document are returned in `missing`, not an error. The source
  /// file's record keeps saying unchanged (its count lowered), so a later run does not bring the
  /// article back until the file changes. Commits. Throws Error(database) on a Xapian failure.
  DeleteResult delete_ids(const std::vector<std::string>& ids);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
