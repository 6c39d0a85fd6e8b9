// Indexer: owns the writable database, batches commits, replaces documents by unique id.
#include <xapian.h>

#include <newsdex/error.h>
#include <newsdex/indexer.h>
#include <newsdex/version.h>

#include <filesystem>
#include <future>
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
    std::optional<ArticleEntities> entities;
    if (recognizer) entities = recognizer->recognize(article);
    return index::build_document(article, entities ? &*entities : nullptr);
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

  unsigned worker_count() const {
    if (options.jobs) return options.jobs;
    return std::max(1u, std::thread::hardware_concurrency());
  }

  // Analyses `batch` on `workers` threads; documents come back in input order.
  std::vector<Xapian::Document> analyse_batch(const std::vector<Article>& batch,
                                              unsigned workers) const {
    std::vector<Xapian::Document> docs(batch.size());
    std::vector<std::thread> threads;
    std::vector<std::exception_ptr> errors(workers);
    for (unsigned w = 0; w < workers; ++w) {
      threads.emplace_back([&, w] {
        try {
          for (std::size_t i = w; i < batch.size(); i += workers) docs[i] = analyse(batch[i]);
        } catch (...) {
          errors[w] = std::current_exception();
        }
      });
    }
    for (auto& t : threads) t.join();
    for (auto& e : errors) {
      if (e) std::rethrow_exception(e);
    }
    return docs;
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
  xapian_try("opening " + path, [&] {
    impl_->db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
  });
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
  const unsigned workers = impl_->worker_count();
  // Pipeline: while worker threads analyse batch k+1, this thread reads input and writes
  // batch k. With one job everything runs here, in order.
  constexpr std::size_t kBatch = 256;
  std::vector<Article> batch;
  std::future<std::pair<std::vector<Article>, std::vector<Xapian::Document>>> in_flight;
  auto drain = [&] {
    if (!in_flight.valid()) return;
    auto [articles, docs] = in_flight.get();
    for (std::size_t i = 0; i < docs.size(); ++i) impl_->write(articles[i].id, docs[i]);
    written += docs.size();
    if (!articles.empty()) report(articles.back().path);
  };
  auto dispatch = [&] {
    if (batch.empty()) return;
    auto next = std::async(std::launch::async, [this, workers, b = std::move(batch)]() mutable {
      auto docs = impl_->analyse_batch(b, workers);
      return std::make_pair(std::move(b), std::move(docs));
    });
    batch.clear();
    drain();
    in_flight = std::move(next);
  };
  auto on_article = [&](Article&& article) {
    if (workers <= 1) {
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
    drain();
  } catch (...) {
    if (in_flight.valid()) in_flight.wait();  // never leave a worker touching freed state
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
