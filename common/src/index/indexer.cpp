// Indexer: owns the writable database, batches commits, replaces documents by unique id.
#include <newsdex/error.h>
#include <newsdex/indexer.h>
#include <newsdex/version.h>
#include <xapian.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
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
  // Loaded in the background (model and gazetteers take a few tenths of a second), so reading
  // input starts at once; the first analysis waits for it, and load errors surface there.
  std::shared_future<std::shared_ptr<const EntityRecognizer>> recognizer;
  std::size_t pending = 0;
  // While the database started empty, ids not seen in this run cannot exist yet, so the
  // document is added without the replace-by-term lookup.
  bool started_empty = false;
  std::unordered_set<std::string> seen_ids;

  // Analysis: everything but the write; thread-safe (the recogniser is const).
  Xapian::Document analyse(const Article& article) const {
    if (!recognizer.valid()) return index::build_document(article, nullptr);
    const EntityRecognizer& r = *recognizer.get();
    // One word breaking serves both the recogniser and the index terms.
    const ArticleTokens tokens = tokenize_article(article);
    const ArticleEntities entities = RecognizerInternals::recognize(r, article, tokens);
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
    std::atomic<std::size_t> next{0};  // next unclaimed article
    std::atomic<std::size_t> done{0};  // articles analysed (or failed)
    std::exception_ptr error;          // the first failure; guarded by the pool's mutex
  };

  // A fixed set of helper threads analysing batches oldest first. Exactly `workers` helpers
  // plus the writer run, never more threads than asked for: oversubscribed cores slow the
  // writer, which is the critical path.
  class AnalysisPool {
   public:
    AnalysisPool(const Impl& impl, unsigned workers) : impl_(impl) {
      for (unsigned t = 0; t < workers; ++t) threads_.emplace_back([this] { work(); });
    }
    ~AnalysisPool() {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
        // Abandon what nobody has started (only reached early when indexing failed).
        for (auto& b : queue_) b->next.store(b->articles.size());
      }
      work_ready_.notify_all();
      for (auto& t : threads_) t.join();
    }
    void submit(std::shared_ptr<Batch> batch) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.push_back(std::move(batch));
      }
      work_ready_.notify_all();
    }
    // Helps analyse `batch`, then waits until every article of it is done. Rethrows the first
    // analysis error.
    void finish(Batch& batch) {
      analyse_some(batch);
      std::unique_lock<std::mutex> lock(mutex_);
      batch_done_.wait(lock, [&] { return batch.done.load() == batch.articles.size(); });
      if (batch.error) std::rethrow_exception(batch.error);
    }

   private:
    void work() {
      std::unique_lock<std::mutex> lock(mutex_);
      for (;;) {
        while (!queue_.empty() && queue_.front()->next.load() >= queue_.front()->articles.size())
          queue_.pop_front();
        if (queue_.empty()) {
          if (stop_) return;
          work_ready_.wait(lock);
          continue;
        }
        std::shared_ptr<Batch> batch = queue_.front();
        lock.unlock();
        analyse_some(*batch);
        lock.lock();
      }
    }
    void analyse_some(Batch& batch) {
      const std::size_t n = batch.articles.size();
      for (std::size_t i; (i = batch.next.fetch_add(1)) < n;) {
        try {
          batch.docs[i] = impl_.analyse(batch.articles[i]);
        } catch (...) {
          std::lock_guard<std::mutex> lock(mutex_);
          if (!batch.error) batch.error = std::current_exception();
        }
        if (batch.done.fetch_add(1) + 1 == n) {
          std::lock_guard<std::mutex> lock(mutex_);
          batch_done_.notify_all();
        }
      }
    }

    const Impl& impl_;
    std::mutex mutex_;
    std::condition_variable work_ready_;
    std::condition_variable batch_done_;
    std::deque<std::shared_ptr<Batch>> queue_;
    bool stop_ = false;
    std::vector<std::thread> threads_;
  };

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
  if (options.recognize_entities) {
    impl_->recognizer = std::async(std::launch::async, [opts = options.recognizer] {
                          return std::make_shared<const EntityRecognizer>(opts);
                        }).share();
  }
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
  // Pipeline: helper threads analyse the batches in flight, oldest first, while this thread
  // reads input and writes the oldest batch; before writing it, this thread helps finish it,
  // so neither side waits for the other. With one thread, all runs here.
  constexpr std::size_t kBatch = 128;
  std::vector<Article> batch;
  // Two batches in flight, so helpers still have work while this thread commits. While the
  // recogniser is still loading, reading goes on ahead, up to kReadAhead batches.
  constexpr std::size_t kDepth = 2;
  constexpr std::size_t kReadAhead = 64;
  auto analysis_ready = [&] {
    return !impl_->recognizer.valid() ||
           impl_->recognizer.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
  };
  std::optional<Impl::AnalysisPool> pool;
  if (threads > 1) pool.emplace(*impl_, threads - 1);
  std::deque<std::shared_ptr<Impl::Batch>> in_flight;
  auto drain_oldest = [&] {
    std::shared_ptr<Impl::Batch> oldest = std::move(in_flight.front());
    in_flight.pop_front();
    pool->finish(*oldest);
    for (std::size_t i = 0; i < oldest->docs.size(); ++i)
      impl_->write(oldest->articles[i].id, oldest->docs[i]);
    written += oldest->docs.size();
    if (!oldest->articles.empty()) report(oldest->articles.back().path);
  };
  auto dispatch = [&] {
    if (batch.empty()) return;
    auto next = std::make_shared<Impl::Batch>();
    next->articles = std::move(batch);
    next->docs.resize(next->articles.size());
    batch.clear();
    pool->submit(next);
    in_flight.push_back(std::move(next));
    if (in_flight.size() <= kDepth) return;
    if (in_flight.size() < kReadAhead && !analysis_ready()) return;
    while (in_flight.size() > kDepth) drain_oldest();
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
  // On an error, the pool's destructor stops and joins the helpers before anything they use
  // goes away (the batches themselves are shared with them).
  ReadCounts counts = read_articles(inputs, read_options, on_article, on_diag);
  if (pool) {
    dispatch();
    while (!in_flight.empty()) drain_oldest();
  }
  // A model or gazetteer that failed to load is an error even when there was nothing to read.
  if (impl_->recognizer.valid()) impl_->recognizer.get();
  impl_->commit();
  stats.read = counts.read;
  stats.indexed = counts.accepted;
  stats.skipped = counts.skipped;
  stats.warnings = counts.warnings;
  stats.doc_count = impl_->db.get_doccount();
  return stats;
}

}  // namespace newsdex
