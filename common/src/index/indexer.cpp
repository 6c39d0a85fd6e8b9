// Indexer: owns the writable database, batches commits, replaces documents by unique id.
#include <newsdex/error.h>
#include <newsdex/indexer.h>
#include <newsdex/version.h>
#include <xapian.h>

#include <atomic>
#include <deque>
#include <filesystem>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

#include "index/document_builder.h"
#include "index/schema.h"
#include "util/xapian_error.h"

namespace newsdex {

struct Indexer::Impl {
  IndexOptions options;
  Xapian::WritableDatabase db;
  std::optional<EntityRecognizer> recognizer;
  std::size_t pending = 0;
  // While the database started empty, ids not seen in this run cannot exist yet, so the
  // document is added without the replace-by-term lookup.
  bool started_empty = false;
  std::unordered_set<std::string> seen_ids;

  // Analysis: everything but the write; thread-safe (the recogniser is const).
  Xapian::Document analyse(const Article& article) const {
    if (!recognizer) return index::build_document(article, nullptr);
    // One word breaking serves both the recogniser and the index terms.
    const ArticleTokens tokens = tokenize_article(article);
    const ArticleEntities entities = RecognizerInternals::recognize(*recognizer, article, tokens);
    return index::build_document(article, &entities, tokens);
  }

  void add(const Article& article) { write(article.id, analyse(article)); }

  void write(const std::string& id, const Xapian::Document& doc) {
    const std::string term = index::id_term(id);
    xapian_try("indexing " + id, [&] {
      if (started_empty && seen_ids.insert(term).second) {
        db.add_document(doc);
      } else {
        db.replace_document(term, doc);
      }
    });
    if (++pending >= options.batch_size) commit();
  }

  // Threads in all: the caller's (reading and writing) plus jobs - 1 analysing. One per core
  // by default: the writer is the critical path, so more threads than cores only slow it.
  unsigned thread_count() const {
    if (options.jobs) return options.jobs;
    return std::max(1u, std::thread::hardware_concurrency());
  }

  // A batch of articles being analysed by several threads at once: each takes the next
  // unclaimed article, so the writer thread can join in whenever it has nothing to write.
  struct Batch {
    std::vector<Article> articles;
    std::vector<Xapian::Document> docs;
    std::atomic<std::size_t> next{0};
    std::mutex error_mutex;
    std::exception_ptr error;
  };

  void analyse_some(Batch& batch) const {
    for (std::size_t i; (i = batch.next.fetch_add(1)) < batch.articles.size();) {
      try {
        batch.docs[i] = analyse(batch.articles[i]);
      } catch (...) {
        std::lock_guard<std::mutex> lock(batch.error_mutex);
        if (!batch.error) batch.error = std::current_exception();
      }
    }
  }

  void commit() {
    xapian_try("committing to " + options.db_path, [&] { db.commit(); });
    pending = 0;
  }
};

Indexer::Indexer(const IndexOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  const std::string& path = options.db_path;
  std::error_code ec;
  if (std::filesystem::exists(path, ec) && !std::filesystem::is_directory(path, ec)) {
    throw Error(ErrorCode::database, path + ": exists and is not a database directory",
                "choose another --db");
  }
  // Like mkdir -p: a database path in a directory that does not exist yet is created.
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty() && !std::filesystem::exists(parent, ec)) {
    std::filesystem::create_directories(parent, ec);
    if (ec) throw Error(ErrorCode::io, parent.string() + ": cannot create: " + ec.message());
  }
  xapian_try("opening " + path,
             [&] { impl_->db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN); });
  xapian_try("opening " + path, [&] {
    schema::check_schema(impl_->db, path);
    impl_->started_empty = impl_->db.get_doccount() == 0;
    if (impl_->db.get_metadata(schema::kMetaSchema).empty()) {
      impl_->db.set_metadata(schema::kMetaSchema, std::to_string(kSchemaVersion));
      impl_->db.set_metadata(schema::kMetaNormaliser, std::to_string(kNormaliserVersion));
    }
  });
  if (options.recognize_entities) impl_->recognizer.emplace(options.recognizer);
}

Indexer::~Indexer() {
  try {
    if (impl_ && impl_->pending) impl_->commit();
  } catch (...) {
    // Destructors must not throw; callers who care call commit() themselves.
  }
}

void Indexer::add(const Article& article) { impl_->add(article); }

void Indexer::commit() { impl_->commit(); }

std::size_t Indexer::doc_count() const { return impl_->db.get_doccount(); }

IndexStats Indexer::index_inputs(const std::vector<std::string>& inputs,
                                 const ReadOptions& read_options,
                                 const std::function<void(const Diagnostic&)>& on_diagnostic,
                                 const std::function<void(const IndexProgress&)>& on_progress) {
  IndexStats stats;
  IndexProgress progress;
  std::size_t written = 0;
  auto report = [&](const std::string& path) {
    if (!on_progress) return;
    progress.indexed = written;
    progress.read = written + stats.skipped;
    progress.current_path = path;
    on_progress(progress);
  };
  const unsigned threads = impl_->thread_count();
  // Pipeline: helper threads analyse the batches in flight while this thread reads input and
  // writes the oldest batch; before writing it, this thread helps finish it, so neither side
  // waits for the other. Helpers keep the newer batches. With one thread, all runs here.
  constexpr std::size_t kBatch = 128;
  std::vector<Article> batch;
  // Two batches in flight, so helpers still have work while this thread commits.
  constexpr std::size_t kDepth = 2;
  struct InFlight {
    std::shared_ptr<Impl::Batch> batch;
    std::vector<std::future<void>> helpers;
  };
  std::deque<InFlight> in_flight;
  auto wait_helpers = [&] {
    for (auto& f : in_flight) {
      for (auto& h : f.helpers) h.wait();
    }
  };
  auto drain_oldest = [&] {
    InFlight oldest = std::move(in_flight.front());
    in_flight.pop_front();
    impl_->analyse_some(*oldest.batch);  // finish it alongside the helpers, then write it
    for (auto& h : oldest.helpers) h.wait();
    Impl::Batch& done = *oldest.batch;
    if (done.error) std::rethrow_exception(done.error);
    for (std::size_t i = 0; i < done.docs.size(); ++i)
      impl_->write(done.articles[i].id, done.docs[i]);
    written += done.docs.size();
    if (!done.articles.empty()) report(done.articles.back().path);
  };
  auto dispatch = [&] {
    if (batch.empty()) return;
    auto next = std::make_shared<Impl::Batch>();
    next->articles = std::move(batch);
    next->docs.resize(next->articles.size());
    batch.clear();
    InFlight flight{next, {}};
    for (unsigned t = 1; t < threads; ++t) {
      flight.helpers.push_back(
          std::async(std::launch::async, [this, next] { impl_->analyse_some(*next); }));
    }
    in_flight.push_back(std::move(flight));
    if (in_flight.size() > kDepth) drain_oldest();
  };
  auto on_article = [&](Article&& article) {
    if (threads <= 1) {
      impl_->add(article);
      if (++written % 500 == 0) report(article.path);
      return;
    }
    batch.push_back(std::move(article));
    if (batch.size() >= kBatch) dispatch();
  };
  auto on_diag = [&](const Diagnostic& d) {
    if (d.severity == Diagnostic::Severity::skipped) ++stats.skipped;
    on_diagnostic(d);
  };
  ReadCounts counts;
  try {
    counts = read_articles(inputs, read_options, on_article, on_diag);
    dispatch();
    while (!in_flight.empty()) drain_oldest();
  } catch (...) {
    wait_helpers();  // never leave a helper touching freed state
    throw;
  }
  impl_->commit();
  stats.read = counts.read;
  stats.indexed = counts.accepted;
  stats.skipped = counts.skipped;
  stats.warnings = counts.warnings;
  stats.doc_count = impl_->db.get_doccount();
  return stats;
}

}  // namespace newsdex
