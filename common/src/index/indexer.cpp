// Indexer: owns the writable database, batches commits, replaces documents by unique id.
#include <fcntl.h>
#include <newsdex/error.h>
#include <newsdex/indexer.h>
#include <newsdex/version.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <filesystem>
#include <future>
#include <mutex>
#include <optional>
#include <set>
#include <system_error>
#include <thread>
#include <unordered_set>
#include <utility>

#include "entities/actor_canon.h"
#include "index/bulk_writer.h"
#include "index/document_builder.h"
#include "index/duplicates.h"
#include "index/parallel_load.h"
#include "index/schema.h"
#include "index/spelling.h"
#include "util/hash.h"
#include "util/threads.h"
#include "util/xapian_error.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

// A file modified less than this before it was read may change again within the same mtime
// tick without its size or mtime showing it (file systems stamp from a coarse clock): its
// record is marked racy, so the next run compares contents instead of trusting the stamp
// (git's "racy clean" problem and answer).
constexpr std::int64_t kRacyNs = 2'000'000'000;

// What an input file looked like when its articles were last written; stored as the value of
// schema::kMetaFilePrefix + hex, fields separated by NUL (paths cannot hold one).
struct FileRecord {
  std::string path;  // absolute, lexically normal
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  bool racy = false;
  std::string content_hash;  // FNV-1a of the raw bytes, 16 hex digits
  std::size_t articles = 0;  // articles written from it (accepted by the reader)
  // What else decides its documents: reading it differently means re-reading it.
  int format = 0;
  bool entities = false;
  std::string id_base;

  std::string encode() const {
    const std::string fields[] = {"1",
                                  std::to_string(size),
                                  std::to_string(mtime_ns),
                                  racy ? "1" : "0",
                                  content_hash,
                                  std::to_string(articles),
                                  std::to_string(format),
                                  entities ? "1" : "0",
                                  id_base,
                                  path};
    std::string out;
    for (const std::string& f : fields) {
      if (!out.empty()) out += '\0';
      out += f;
    }
    return out;
  }

  // nullopt for an empty or unreadable value (then the file is simply read again).
  static std::optional<FileRecord> decode(const std::string& value) {
    std::vector<std::string> f;
    std::size_t start = 0;
    for (;;) {
      const std::size_t end = value.find('\0', start);
      f.push_back(value.substr(start, end - start));
      if (end == std::string::npos) break;
      start = end + 1;
    }
    if (f.size() != 10 || f[0] != "1") return std::nullopt;
    try {
      FileRecord r;
      r.size = std::stoull(f[1]);
      r.mtime_ns = std::stoll(f[2]);
      r.racy = f[3] == "1";
      r.content_hash = f[4];
      r.articles = std::stoull(f[5]);
      r.format = std::stoi(f[6]);
      r.entities = f[7] == "1";
      r.id_base = f[8];
      r.path = f[9];
      return r;
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
};

// The 16 hex digits naming a file in its kFile term and its record's key.
std::string file_hex(const std::string& abs_path) { return util::hex64(util::fnv1a64(abs_path)); }

std::string record_key(const std::string& hex) { return schema::kMetaFilePrefix + hex; }

// Absolute and lexically normal, without a trailing slash ("/" stays "/"). Not canonical:
// two symbolic links to one file give two ids (ids follow the path), so they are two files.
std::string absolute_path(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  if (ec) p = path;
  std::string s = p.lexically_normal().generic_string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

// A file to index, as the reader lists it, and the absolute path (normalised, symlinks kept:
// two links to one file are two files, as their article ids differ) that names its record.
struct FileToIndex {
  InputFile file;
  std::string abs_path;
};

// FNV-1a of a file's bytes as 16 hex digits, read in pieces (files may be large); false with
// errno's text when it cannot be read.
bool hash_file(const std::string& path, std::string& hash, std::string& error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  std::uint64_t h = util::fnv1a64({});
  std::vector<char> buffer(1 << 20);
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n > 0) {
      h = util::fnv1a64(std::string_view(buffer.data(), static_cast<std::size_t>(n)), h);
    } else if (n == 0) {
      break;
    } else if (errno != EINTR) {
      error = std::strerror(errno);
      ::close(fd);
      return false;
    }
  }
  ::close(fd);
  hash = util::hex64(h);
  return true;
}

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

// Thrown by index_inputs()'s article callback after cancel(), to leave the reader; caught
// there. Not an Error: it never leaves the library.
namespace {
struct Cancelled {};
}  // namespace

struct __attribute__((visibility("hidden"))) Indexer::Impl {  // no part of the ABI
  IndexOptions options;
  std::atomic<bool> cancelled{false};  // cancel() was called; index_inputs() clears it
  Xapian::WritableDatabase db;
  // Loaded in the background (model and gazetteers take a few tenths of a second), so reading
  // input starts at once; the first analysis waits for it, and load errors surface there.
  std::shared_future<std::shared_ptr<const EntityRecognizer>> recognizer;
  bool tagger_checked = false;

  // Before the first document with entities is written (on the writer's thread): the database
  // records which model recognised its entities, and refuses entities of another one, which
  // would make actor:, place: and the facets answer differently for old and new articles.
  void check_tagger() {
    tagger_checked = true;
    const std::string& mine = recognizer.get()->model_version();
    xapian_try("opening " + options.db_path, [&] {
      const std::string stored = db.get_metadata(schema::kMetaTagger);
      if (stored.empty()) {
        db.set_metadata(schema::kMetaTagger, mine);
      } else if (stored != mine) {
        throw Error(ErrorCode::database,
                    options.db_path + ": its actors and places were recognised by tagger model " +
                        stored + ", this newsdex's model is " + mine,
                    "re-index into a new --db, or add --no-entities");
      }
    });
  }
  std::size_t pending = 0;
  // While the database started empty, ids not seen in this run cannot exist yet, so the
  // document is added without the replace-by-term lookup.
  bool started_empty = false;
  std::unordered_set<std::string> seen_ids;
  // Set while index_inputs() loads a database that was empty (batch_size 0): documents go to
  // fresh parts merged at the end, and the target stays untouched until then.
  std::unique_ptr<index::BulkWriter> bulk;
  std::size_t pending_bytes = 0;  // estimated bytes Xapian buffers for the pending documents

  // With batch_size 0 (sized by memory): what one commit or one bulk part may hold. Xapian 1.4
  // commits by itself every 10,000 documents (XAPIAN_FLUSH_THRESHOLD), so no more than that.
  static constexpr std::size_t kAutoDocs = 10000;
  static constexpr std::size_t kAutoBytes = std::size_t{384} << 20;
  // A bulk load's parts: small ones cost less CPU per document to write (BulkWriter), and each
  // worker of a parallel load writes one chunk of this many consecutive articles at a time.
  static constexpr std::size_t kBulkPartDocs = 2000;

  // Analysis: everything but the write; thread-safe (the recogniser is const).
  // Xapian's Document can throw (an empty term): as Error, like every Xapian failure.
  Xapian::Document analyse(const Article& article) const {
    try {
      if (!recognizer.valid()) return index::build_document(article, nullptr);
      const EntityRecognizer& r = *recognizer.get();
      // One word breaking serves both the recogniser and the index terms.
      const ArticleTokens tokens = tokenize_article(article);
      const ArticleEntities entities = recognize_tokens(r, article, tokens);
      return index::build_document(article, &entities, tokens);
    } catch (const Xapian::Error& e) {
      rethrow_xapian(e, "indexing " + article.id);
    }
  }

  void add(const Article& article) { write(article.id, analyse(article)); }

  void write(const std::string& id, const Xapian::Document& doc) {
    if (!tagger_checked && recognizer.valid()) check_tagger();
    const std::string term = index::id_term(id);
    if (bulk) {
      bulk->add(term, doc, !seen_ids.insert(term).second);
      return;
    }
    xapian_try("indexing " + id, [&] {
      if (started_empty && seen_ids.insert(term).second) {
        db.add_document(doc);
      } else {
        db.replace_document(term, doc);
      }
    });
    ++pending;
    if (options.batch_size) {
      if (pending >= options.batch_size) commit();
    } else {
      pending_bytes += index::BulkWriter::estimate_bytes(doc);
      if (pending >= kAutoDocs || pending_bytes >= kAutoBytes) commit();
    }
  }

  // Threads in all: the caller's (reading and writing) plus jobs - 1 analysing. One per core
  // by default: the writer is the critical path, so more threads than cores only slow it.
  unsigned thread_count() const {
    if (options.jobs) return std::min(options.jobs, kMaxJobs);
    return std::max(1u, std::thread::hardware_concurrency());
  }

  // A batch of articles being analysed by several threads at once: each takes the next
  // unclaimed article, so the writer thread can join in whenever it has nothing to write.
  struct Batch {
    std::vector<Article> articles;
    std::vector<std::string> file_terms;  // per article: its file's kFile term ("" for stdin)
    // File records to write after the batch's documents: each file's last article is in this
    // batch or an earlier one.
    std::vector<std::pair<std::string, std::string>> records;
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
      util::start_threads(threads_, workers, [this] { work(); }, [this] {
            {
              std::lock_guard<std::mutex> lock(mutex_);
              stop_ = true;
            }
            work_ready_.notify_all();
          }, "analysis threads");
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
          if (!batch.file_terms[i].empty()) batch.docs[i].add_boolean_term(batch.file_terms[i]);
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
    pending_bytes = 0;
  }

  // After the documents changed, before the commit that writes them (so the database never
  // holds documents without the table computed over them): the corpus's actor groups
  // (entities/actor_canon.h), with the --aliases file when entities are recognised (it replaces
  // the user aliases stored), else those stored; and the spelling dictionary (index/spelling.h).
  void update_actors(Xapian::WritableDatabase& target) {
    std::optional<std::vector<entities::UserAlias>> user;
    if (options.recognize_entities && !options.recognizer.aliases_file.empty()) {
      user = entities::read_user_aliases(options.recognizer.aliases_file);
    }
    entities::ActorCanonOptions canon;
    canon.data_dir = options.recognizer.data_dir;
    xapian_try("grouping the actors of " + options.db_path,
               [&] { entities::update_actor_aliases(target, user ? &*user : nullptr, canon); });
    // The spelling dictionary follows the documents too, in the same commit.
    xapian_try("updating the spelling dictionary of " + options.db_path,
               [&] { index::update_spelling(target); });
  }

  // After the documents changed, with update_actors(): regroups the copies of each story
  // (index/duplicates.h), as a copy indexed in this run may belong to a story indexed in an
  // earlier one, and a deleted copy may leave its story with none.
  void update_duplicates(Xapian::WritableDatabase& target) {
    xapian_try("grouping the duplicates of " + options.db_path,
               [&] { index::update_duplicates(target); });
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
  // Parts of a bulk load that a crash interrupted (we hold the write lock, so nobody else's).
  index::BulkWriter::remove_leftovers(path);
  if (options.recognize_entities) {
    try {
      impl_->recognizer = std::async(std::launch::async, [opts = options.recognizer] {
                            return std::make_shared<const EntityRecognizer>(opts);
                          }).share();
    } catch (const std::system_error& e) {
      // Out of threads (ulimit -u): an Error like the analysis pool's, not a std::system_error.
      throw Error(ErrorCode::io, "cannot start a thread to load the entity recogniser: " +
                                     e.code().message(),
                  "raise the limit on processes (ulimit -u)");
    }
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

void Indexer::commit() {
  // Documents added one by one get their words into the spelling dictionary here (index_inputs,
  // prune and the deletions do it themselves, before their commit).
  xapian_try("updating the spelling dictionary of " + impl_->options.db_path,
             [&] { index::update_spelling(impl_->db); });
  // Articles added one by one may be copies of each other or of stories already indexed.
  impl_->update_duplicates(impl_->db);
  impl_->commit();
}

std::size_t Indexer::doc_count() const {
  return xapian_try("counting documents", [&] { return impl_->db.get_doccount(); });
}

IndexStats Indexer::index_inputs(const std::vector<std::string>& inputs,
                                 const ReadOptions& read_options,
                                 const std::function<void(const Diagnostic&)>& on_diagnostic,
                                 const std::function<void(const IndexProgress&)>& on_progress) {
  IndexStats stats;
  IndexProgress progress;
  std::size_t written = 0;
  // Sized by memory into an empty database: a bulk load through fresh parts merged at the end
  // (DESIGN.md, "Write path"). Dropped on the way out; on an error that cancels the load.
  struct EndBulk {
    Impl& impl;
    ~EndBulk() { impl.bulk.reset(); }
  } end_bulk{*impl_};
  if (impl_->options.batch_size == 0 && doc_count() == 0) {
    impl_->bulk = std::make_unique<index::BulkWriter>(impl_->db, impl_->options.db_path,
                                                      Impl::kBulkPartDocs, Impl::kAutoBytes);
  }
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
  std::vector<std::string> batch_terms;
  // Records of files read to the end whose last article is in `batch` or an earlier batch.
  std::vector<std::pair<std::string, std::string>> pending_records;
  // Two batches in flight, so helpers still have work while this thread commits. While the
  // recogniser is still loading, reading goes on ahead, up to kReadAhead batches.
  constexpr std::size_t kDepth = 2;
  constexpr std::size_t kReadAhead = 64;
  auto analysis_ready = [&] {
    return !impl_->recognizer.valid() ||
           impl_->recognizer.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
  };
  std::deque<std::shared_ptr<Impl::Batch>> in_flight;
  auto write_record = [&](const std::string& key, const std::string& value) {
    xapian_try("recording " + key, [&] { impl_->db.set_metadata(key, value); });
  };
  std::optional<Impl::AnalysisPool> pool;
  // A bulk load on several threads: each worker analyses and writes whole chunks; this thread
  // reads and hands the chunks' parts over in input order (index/parallel_load.h).
  std::optional<index::ParallelLoad> load;
  if (threads > 1 && impl_->bulk) {
    auto on_retired = [&](const index::ParallelLoad::Retired& r) {
      if (!impl_->tagger_checked && impl_->recognizer.valid()) impl_->check_tagger();
      for (const auto& [key, value] : r.records) write_record(key, value);
      written += r.articles;
      if (r.articles) report(r.last_path);
    };
    const std::size_t part_bytes = std::max(Impl::kAutoBytes / threads, std::size_t{64} << 20);
    load.emplace(*impl_->bulk, [this](const Article& a) { return impl_->analyse(a); }, threads,
                 Impl::kBulkPartDocs, Impl::kBulkPartDocs, part_bytes, on_retired);
  } else if (threads > 1) {
    pool.emplace(*impl_, threads - 1);
  }
  auto drain_oldest = [&] {
    std::shared_ptr<Impl::Batch> oldest = std::move(in_flight.front());
    in_flight.pop_front();
    pool->finish(*oldest);
    for (std::size_t i = 0; i < oldest->docs.size(); ++i)
      impl_->write(oldest->articles[i].id, oldest->docs[i]);
    // After the documents: a commit holding a file's record holds all its articles.
    for (const auto& [key, value] : oldest->records) write_record(key, value);
    written += oldest->docs.size();
    if (!oldest->articles.empty()) report(oldest->articles.back().path);
  };
  auto dispatch = [&] {
    if (batch.empty()) return;
    auto next = std::make_shared<Impl::Batch>();
    next->articles = std::move(batch);
    next->file_terms = std::move(batch_terms);
    next->records = std::move(pending_records);
    next->docs.resize(next->articles.size());
    batch.clear();
    batch_terms.clear();
    pending_records.clear();
    pool->submit(next);
    in_flight.push_back(std::move(next));
    if (in_flight.size() <= kDepth) return;
    if (in_flight.size() < kReadAhead && !analysis_ready()) return;
    while (in_flight.size() > kDepth) drain_oldest();
  };
  // While a recorded file is read: its kFile term ("" for stdin and other unrecorded inputs).
  std::string file_term;
  std::size_t taken = 0;        // articles passed on to be written, for the totals after cancel()
  bool reading_old = false;     // the file being read had a record: its articles are updates
  bool reading_file = false, read_error = false;
  auto on_article = [&](Article&& article) {
    if (impl_->cancelled.load(std::memory_order_relaxed)) throw Cancelled{};
    ++taken;
    if (load) {
      std::string term = index::id_term(article.id);
      const bool repeat = !impl_->seen_ids.insert(term).second;
      load->add(std::move(article), file_term, std::move(term), repeat);
      return;
    }
    if (threads <= 1) {
      Xapian::Document doc = impl_->analyse(article);
      if (!file_term.empty()) doc.add_boolean_term(file_term);
      impl_->write(article.id, doc);
      if (++written % 500 == 0) report(article.path);
      return;
    }
    batch.push_back(std::move(article));
    batch_terms.push_back(file_term);
    if (batch.size() >= kBatch) dispatch();
  };
  ReadCounts counts;
  auto on_diag = [&](const Diagnostic& d) {
    if (d.severity == Diagnostic::Severity::skipped) ++stats.skipped;
    // The file could not be read (whole or part): no record, so the next run tries again.
    if (reading_file && d.message.rfind("cannot read:", 0) == 0) read_error = true;
    on_diagnostic(d);
  };
  auto add_counts = [&](const ReadCounts& c) {
    counts.read += c.read;
    counts.accepted += c.accepted;
    counts.skipped += c.skipped;
    counts.warnings += c.warnings;
  };
  auto skip_file = [&](const InputFile& file, const std::string& why) {
    ++counts.read;
    ++counts.skipped;
    on_diag(Diagnostic{Diagnostic::Severity::skipped, file.path, 0, why});
  };
  const int format = static_cast<int>(read_options.format);
  const bool entities = impl_->options.recognize_entities;
  std::unordered_set<std::string> files_seen;
  std::string error;

  // One recorded file: skipped when its record says unchanged, else its old documents are
  // deleted and it is read again; its record follows its last article.
  auto index_file = [&](const FileToIndex& to_index) {
    const InputFile& file = to_index.file;
    if (!file.error.empty()) return skip_file(file, file.error);
    const std::string hex = file_hex(to_index.abs_path);
    if (!files_seen.insert(hex).second) return;  // reached twice in one run: once is enough
    const std::string key = record_key(hex);
    // Before the stat: a change after this instant shows in the stamp unless it falls in the
    // same clock tick as the stamp itself (then the stamp is recent: racy).
    const std::int64_t checked_at = now_ns();
    struct stat st {};
    if (::stat(file.path.c_str(), &st) != 0) {
      return skip_file(file, std::string("cannot read: ") + std::strerror(errno));
    }
    const auto mtime =
        static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    std::optional<FileRecord> old;
    xapian_try("reading " + key, [&] { old = FileRecord::decode(impl_->db.get_metadata(key)); });
    if (old && old->path != to_index.abs_path) old.reset();  // a hash collision: not our record
    const bool same_reading =
        old && old->format == format && old->entities == entities && old->id_base == file.id_base;
    const bool incremental = impl_->options.incremental && same_reading;
    if (incremental && !old->racy && old->size == static_cast<std::uint64_t>(st.st_size) &&
        old->mtime_ns == mtime) {
      stats.unchanged += old->articles;
      ++stats.unchanged_files;
      return;
    }
    std::string hash;
    if (!hash_file(file.path, hash, error)) {
      // Its documents and record stay: the next run tries again.
      return skip_file(file, "cannot read: " + error);
    }
    FileRecord record;
    record.path = to_index.abs_path;
    record.size = static_cast<std::uint64_t>(st.st_size);
    record.mtime_ns = mtime;
    record.racy = checked_at - mtime < kRacyNs;
    record.content_hash = hash;
    record.format = format;
    record.entities = entities;
    record.id_base = file.id_base;
    if (incremental && old->content_hash == record.content_hash) {
      // Touched, not changed: only the record moves on.
      record.articles = old->articles;
      write_record(key, record.encode());
      stats.unchanged += old->articles;
      ++stats.unchanged_files;
      return;
    }
    // Every document the file gave last time goes, so an article it no longer holds does not
    // linger; the new ones are written after this. A crash in between loses them until the
    // next run, which finds the record old (or missing) and reads the file again.
    const std::string term = schema::kFile + hex;
    Xapian::doccount old_docs = 0;
    xapian_try("deleting the articles of " + file.path, [&] {
      old_docs = impl_->db.get_termfreq(term);
      if (old_docs) impl_->db.delete_document(term);
    });
    file_term = term;
    reading_old = old.has_value();
    reading_file = true;
    read_error = false;
    const ReadCounts c = read_input_file(file, read_options, on_article, on_diag);
    reading_file = false;
    file_term.clear();
    add_counts(c);
    (old ? stats.updated : stats.added) += c.accepted;
    if (old) ++stats.updated_files;
    if (old_docs > c.accepted) stats.removed += old_docs - c.accepted;
    record.articles = c.accepted;
    if (read_error) return;
    if (load) {
      load->add_record(key, record.encode());
    } else if (threads <= 1) {
      write_record(key, record.encode());
    } else {
      pending_records.emplace_back(key, record.encode());
    }
  };

  // On an error, the pool's destructor stops and joins the helpers before anything they use
  // goes away (the batches themselves are shared with them). After cancel(), the file being
  // read gets no record (the next run reads it again); what was read is written and committed.
  struct ClearCancel {
    Impl& impl;
    ~ClearCancel() { impl.cancelled = false; }
  } clear_cancel{*impl_};
  try {
  for (const std::string& input : inputs) {
    if (impl_->cancelled) throw Cancelled{};
    struct stat st {};
    const bool exists = input != "-" && ::stat(input.c_str(), &st) == 0;
    if (exists && (S_ISDIR(st.st_mode) || S_ISREG(st.st_mode))) {
      // The files the reader would read, each checked against its record first.
      for (InputFile& file : list_input_files(input)) {
        std::string abs = absolute_path(file.path);
        index_file(FileToIndex{std::move(file), std::move(abs)});
      }
    } else {
      // Stdin, pipes, devices and what cannot be found: no record; read (or reported) as ever.
      const ReadCounts c = read_articles({input}, read_options, on_article, on_diag);
      add_counts(c);
      stats.added += c.accepted;
    }
  }
  } catch (const Cancelled&) {
    // The read that was interrupted returned no counts: its articles taken so far are written.
    stats.cancelled = true;
    const std::size_t partial = taken - counts.accepted;
    (reading_file && reading_old ? stats.updated : stats.added) += partial;
    counts.accepted = taken;
    counts.skipped = stats.skipped;
    counts.read = counts.accepted + counts.skipped;
    reading_file = false;
  }
  if (load) load->finish();
  if (pool) {
    dispatch();
    while (!in_flight.empty()) drain_oldest();
  }
  for (const auto& [key, value] : pending_records) write_record(key, value);
  // A model or gazetteer that failed to load is an error even when there was nothing to read.
  if (impl_->recognizer.valid()) impl_->recognizer.get();
  if (impl_->bulk) {
    impl_->bulk->finish([&](const std::string& status) { report(status); },
                        [&](Xapian::WritableDatabase& out) {
                          impl_->update_actors(out);
                          impl_->update_duplicates(out);
                        });
  } else {
    impl_->update_actors(impl_->db);
    impl_->update_duplicates(impl_->db);
    impl_->commit();
  }
  stats.read = counts.read;
  stats.indexed = counts.accepted;
  stats.skipped = counts.skipped;
  stats.warnings = counts.warnings;
  stats.doc_count = doc_count();
  return stats;
}

std::size_t Indexer::prune(const std::vector<std::string>& inputs) {
  std::vector<std::string> roots;
  for (const std::string& input : inputs) {
    if (input != "-") roots.push_back(absolute_path(input));
  }
  auto in_scope = [&](const std::string& path) {
    if (inputs.empty()) return true;
    return std::any_of(roots.begin(), roots.end(), [&](const std::string& root) {
      if (path == root) return true;
      const std::string dir = root == "/" ? root : root + "/";
      return path.compare(0, dir.size(), dir) == 0;
    });
  };
  std::size_t removed = 0;
  xapian_try("pruning " + impl_->options.db_path, [&] {
    Xapian::WritableDatabase& db = impl_->db;
    std::vector<std::string> keys;
    const std::string prefix = schema::kMetaFilePrefix;
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k)
      keys.push_back(*k);
    for (const std::string& key : keys) {
      const std::optional<FileRecord> record = FileRecord::decode(db.get_metadata(key));
      if (!record || !in_scope(record->path)) continue;
      struct stat st {};
      // Only a file that is gone: one we may not read (EACCES, EIO) keeps its articles.
      if (::stat(record->path.c_str(), &st) == 0 || (errno != ENOENT && errno != ENOTDIR)) continue;
      const std::string term = schema::kFile + key.substr(prefix.size());
      const Xapian::doccount n = db.get_termfreq(term);
      if (n) db.delete_document(term);
      db.set_metadata(key, {});
      removed += n;
    }
  });
  if (removed) {
    impl_->update_actors(impl_->db);
    impl_->update_duplicates(impl_->db);
  }
  impl_->commit();
  return removed;
}

std::size_t Indexer::apply_aliases(const std::string& path) {
  std::optional<std::vector<entities::UserAlias>> user;
  if (!path.empty()) user = entities::read_user_aliases(path);
  std::size_t grouped = 0;
  xapian_try("grouping the actors of " + impl_->options.db_path, [&] {
    entities::ActorCanonOptions canon;
    canon.data_dir = impl_->options.recognizer.data_dir;
    grouped = entities::update_actor_aliases(impl_->db, user ? &*user : nullptr, canon).size();
  });
  impl_->commit();
  return grouped;
}

void Indexer::cancel() noexcept { impl_->cancelled = true; }

bool Indexer::remove(const std::string& id) { return delete_ids({id}).removed > 0; }

DeleteResult Indexer::delete_ids(const std::vector<std::string>& ids) {
  DeleteResult result;
  xapian_try("deleting from " + impl_->options.db_path, [&] {
    Xapian::WritableDatabase& db = impl_->db;
    for (const std::string& id : ids) {
      const std::string term = index::id_term(id);
      std::vector<Xapian::docid> docs;
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) docs.push_back(*p);
      if (docs.empty()) {
        result.missing.push_back(id);
        continue;
      }
      for (const Xapian::docid did : docs) {
        // Lower the source file's recorded count, so "unchanged" stays exact on the next run.
        const Xapian::Document doc = db.get_document(did);
        auto t = doc.termlist_begin();
        t.skip_to(schema::kFile);
        if (t != doc.termlist_end() && (*t).rfind(schema::kFile, 0) == 0) {
          const std::string key = record_key((*t).substr(std::strlen(schema::kFile)));
          std::optional<FileRecord> record = FileRecord::decode(db.get_metadata(key));
          if (record && record->articles > 0) {
            --record->articles;
            db.set_metadata(key, record->encode());
          }
        }
        db.delete_document(did);
        ++result.removed;
      }
    }
  });
  if (result.removed) {
    impl_->update_actors(impl_->db);
    impl_->update_duplicates(impl_->db);
  }
  impl_->commit();
  return result;
}

}  // namespace newsdex
