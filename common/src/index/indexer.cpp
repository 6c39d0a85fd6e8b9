// Indexer: owns the writable database, batches commits, replaces documents by unique id.
#include <xapian.h>

#include <newsdex/error.h>
#include <newsdex/indexer.h>
#include <newsdex/version.h>

#include <filesystem>
#include <optional>
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

  void add(const Article& article) {
    std::optional<ArticleEntities> entities;
    if (recognizer) entities = recognizer->recognize(article);
    Xapian::Document doc = index::build_document(article, entities ? &*entities : nullptr);
    const std::string term = index::id_term(article.id);
    xapian_try("indexing " + article.id, [&] {
      if (started_empty && seen_ids.insert(term).second) {
        db.add_document(doc);
      } else {
        db.replace_document(term, doc);
      }
    });
    if (++pending >= options.batch_size) commit();
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
  auto on_article = [&](Article&& article) {
    impl_->add(article);
    ++stats.indexed;
    if (on_progress && stats.indexed % 500 == 0) {
      progress.indexed = stats.indexed;
      progress.read = stats.indexed + stats.skipped;
      progress.current_path = article.path;
      on_progress(progress);
    }
  };
  auto on_diag = [&](const Diagnostic& d) {
    if (d.severity == Diagnostic::Severity::skipped) ++stats.skipped;
    on_diagnostic(d);
  };
  const ReadCounts counts = read_articles(inputs, read_options, on_article, on_diag);
  impl_->commit();
  stats.read = counts.read;
  stats.indexed = counts.accepted;
  stats.skipped = counts.skipped;
  stats.warnings = counts.warnings;
  stats.doc_count = impl_->db.get_doccount();
  return stats;
}

}  // namespace newsdex
