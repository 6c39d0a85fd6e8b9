// Bulk loading: documents go into fresh part databases beside the target, merged by compaction.
#include "index/bulk_writer.h"

#include <fcntl.h>
#include <newsdex/error.h>
#include <stdio.h>
#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include "util/xapian_error.h"

namespace newsdex::index {

namespace {

namespace fs = std::filesystem;

// Parts merged at once: a merge of many inputs in one pass writes each posting once. Only
// loads of more than this many parts (some 500,000 news articles) merge in more than one
// level. Each open part holds a handful of files, so the limit on open files may lower it.
constexpr std::size_t kMaxFanIn = 256;
constexpr std::size_t kFilesPerPart = 6;

// Raises the soft limit on open files towards what a full merge needs, within the hard limit
// (as Go's runtime does for every program: the soft limit of 1,024 is a relic of select()).
std::size_t fan_in_for_open_files() {
  struct rlimit lim {};
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0 || lim.rlim_cur == RLIM_INFINITY) return kMaxFanIn;
  const rlim_t wanted = 64 + kMaxFanIn * kFilesPerPart;
  if (lim.rlim_cur < wanted && (lim.rlim_max == RLIM_INFINITY || lim.rlim_cur < lim.rlim_max)) {
    struct rlimit raised = lim;
    raised.rlim_cur = lim.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, lim.rlim_max);
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) lim = raised;
  }
  // Room for what else is open: the target, the input, the repeats and the merge's output.
  const std::size_t spare = 64;
  const std::size_t n = lim.rlim_cur > spare ? (lim.rlim_cur - spare) / kFilesPerPart : 0;
  return std::clamp<std::size_t>(n, 8, kMaxFanIn);
}

// Rough bytes Xapian 1.4 buffers per posting and per position until a commit (its inverter
// keeps a map node per term and document, and the encoded positions); calibrated with peak RSS
// on Reuters-21578 x 20 (bench/scale).
constexpr std::size_t kBytesPerPosting = 160;
constexpr std::size_t kBytesPerPosition = 2;

std::string bulk_dir(const std::string& target) {
  // A sibling of the target: the final swap is a rename, so it must be on the same file system.
  fs::path p(target);
  if (!p.has_filename()) p = p.parent_path();  // "db/" -> "db"
  return p.string() + ".newsdex-bulk";
}

void remove_dir(const std::string& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
  if (ec) throw Error(ErrorCode::io, path + ": cannot remove: " + ec.message());
}

// Reports compaction progress as "table: status".
class StatusCompactor : public Xapian::Compactor {
 public:
  explicit StatusCompactor(std::function<void(const std::string&)> status)
      : status_(std::move(status)) {}
  void set_status(const std::string& table, const std::string& status) override {
    if (status_) status_(status.empty() ? table : table + ": " + status);
  }

 private:
  std::function<void(const std::string&)> status_;
};

}  // namespace

std::size_t BulkWriter::estimate_bytes(const Xapian::Document& doc) {
  std::size_t bytes = doc.get_data().size();
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    bytes += kBytesPerPosting + (*t).size() + kBytesPerPosition * t.positionlist_count();
  }
  return bytes;
}

BulkWriter::BulkWriter(Xapian::WritableDatabase& target, std::string target_path,
                       std::size_t max_docs, std::size_t max_bytes)
    : db_(target),
      target_(std::move(target_path)),
      dir_(bulk_dir(target_)),
      max_docs_(std::max<std::size_t>(1, max_docs)),
      max_bytes_(max_bytes),
      fan_in_(fan_in_for_open_files()) {
  std::error_code ec;
  fs::create_directory(dir_, ec);
  if (ec) throw Error(ErrorCode::io, dir_ + ": cannot create: " + ec.message());
  // What is pending is the new database's schema metadata, at most (the target is empty):
  // committed now, so a crash during the load leaves an empty newsdex database, not a bare one.
  xapian_try("loading " + target_, [&] {
    db_.commit();
    db_.begin_transaction(false);
  });
}

BulkWriter::~BulkWriter() {
  if (finished_) return;
  current_.reset();
  try {
    if (repeats_open_) repeats_db_.close();
  } catch (...) {
  }
  try {
    db_.cancel_transaction();
  } catch (...) {
  }
  std::error_code ec;
  fs::remove_all(dir_, ec);  // best effort; remove_leftovers() catches the rest next time
}

void BulkWriter::remove_leftovers(const std::string& target_path) {
  const std::string dir = bulk_dir(target_path);
  std::error_code ec;
  if (fs::exists(dir, ec)) remove_dir(dir);
}

std::string BulkWriter::new_part_path(unsigned level) {
  return dir_ + "/part-" + std::to_string(level) + "-" + std::to_string(next_part_++);
}

PartWriter::PartWriter(std::string base_path, std::size_t max_docs, std::size_t max_bytes)
    : base_(std::move(base_path)),
      max_docs_(std::max<std::size_t>(1, max_docs)),
      max_bytes_(max_bytes) {}

PartWriter::~PartWriter() {
  if (!open_) return;
  try {
    db_.close();
  } catch (...) {
  }
}

void PartWriter::add(const Xapian::Document& doc) {
  if (!open_) {
    path_ = base_ + "-" + std::to_string(next_++);
    // Not synced: a part is scratch until the merge, whose output is synced before the swap;
    // after a crash the load is redone from the input anyway.
    xapian_try("creating " + path_, [&] {
      db_ = Xapian::WritableDatabase(path_, Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
    });
    open_ = true;
  }
  xapian_try("indexing into " + path_, [&] { db_.add_document(doc); });
  ++docs_;
  ++part_docs_;
  part_bytes_ += BulkWriter::estimate_bytes(doc);
  if (part_docs_ >= max_docs_ || part_bytes_ >= max_bytes_) close();
}

void PartWriter::close() {
  if (!open_) return;
  xapian_try("committing " + path_, [&] {
    db_.commit();
    db_.close();
  });
  open_ = false;
  closed_.push_back(path_);
  part_docs_ = 0;
  part_bytes_ = 0;
}

std::string BulkWriter::chunk_base(std::size_t n) const {
  return dir_ + "/chunk-" + std::to_string(n);
}

void BulkWriter::adopt(std::vector<std::string> parts, std::size_t docs) {
  for (std::string& p : parts) parts_.push_back({std::move(p), 0});
  added_ += docs;
  merge_full_levels();
}

void BulkWriter::add(const std::string& id_term, const Xapian::Document& doc, bool repeat) {
  if (repeat) return add_repeat(id_term, doc);
  if (!current_) current_ = std::make_unique<PartWriter>(dir_ + "/serial", max_docs_, max_bytes_);
  current_->add(doc);
  ++added_;
  take_parts();
}

void BulkWriter::add_repeat(const std::string& id_term, const Xapian::Document& doc) {
  // Kept aside and written over the first copy after the merge, in place, as
  // replace_document() does: deleting copies would leave document id gaps, and Xapian 1.4.22
  // then fails exact boolean counts ("Unexpected end of posting list").
  xapian_try("indexing into " + dir_ + "/repeats", [&] {
    if (!repeats_open_) {
      repeats_db_ = Xapian::WritableDatabase(dir_ + "/repeats", Xapian::DB_CREATE);
      repeats_open_ = true;
    }
    repeats_db_.replace_document(id_term, doc);
  });
  repeats_.push_back(id_term);
  ++added_;
}

void BulkWriter::take_parts() {
  if (!current_) return;
  for (std::string& p : current_->take_closed()) parts_.push_back({std::move(p), 0});
  merge_full_levels();
}

void BulkWriter::merge_full_levels() {
  // Like a log-structured merge: fan_in_ parts of one level become one part of the next, so
  // the number of open inputs stays bounded and each posting is copied once per level.
  while (parts_.size() >= fan_in_) {
    const unsigned level = parts_.back().level;
    const std::size_t first = parts_.size() - fan_in_;
    for (std::size_t i = first; i < parts_.size(); ++i) {
      if (parts_[i].level != level) return;
    }
    const std::string out = new_part_path(level + 1);
    xapian_try("merging parts into " + out, [&] {
      Xapian::Database in;
      for (std::size_t i = first; i < parts_.size(); ++i)
        in.add_database(Xapian::Database(parts_[i].path));
      in.compact(out, Xapian::Compactor::FULL);
    });
    for (std::size_t i = first; i < parts_.size(); ++i) remove_dir(parts_[i].path);
    parts_.resize(first);
    parts_.push_back({out, level + 1});
  }
}

void BulkWriter::finish(const std::function<void(const std::string&)>& status,
                        const std::function<void(Xapian::WritableDatabase&)>& before_commit) {
  Xapian::WritableDatabase& target = db_;
  if (current_) {
    current_->close();
    take_parts();
  }
  if (parts_.empty()) {
    if (before_commit) before_commit(target);
    xapian_try("committing to " + target_, [&] { target.commit_transaction(); });
    finished_ = true;
    remove_dir(dir_);
    return;
  }
  const std::string merged = dir_ + "/merged";
  const std::string what = "merging " + std::to_string(parts_.size()) + " part" +
                           (parts_.size() == 1 ? "" : "s") + " into " + target_;
  if (status) status(what);
  xapian_try(what, [&] {
    Xapian::Database in;
    for (const Part& p : parts_) in.add_database(Xapian::Database(p.path));
    StatusCompactor compactor([&](const std::string& s) {
      if (status) status(what + ": " + s);
    });
    in.compact(merged, Xapian::Compactor::FULL, 0, compactor);
  });
  // The target's metadata (schema version, anything set during the load, committed or not)
  // goes into the merged database, whose parts carry none. Articles whose id came again replace
  // their first copy.
  xapian_try("merging the metadata of " + target_, [&] {
    Xapian::WritableDatabase out(merged, Xapian::DB_OPEN);
    if (repeats_open_) {
      if (status) status(what + ": " + std::to_string(repeats_.size()) + " repeated ids");
      repeats_db_.commit();
      std::sort(repeats_.begin(), repeats_.end());
      repeats_.erase(std::unique(repeats_.begin(), repeats_.end()), repeats_.end());
      for (const std::string& term : repeats_) {
        out.replace_document(term, repeats_db_.get_document(*repeats_db_.postlist_begin(term)));
      }
    }
    for (auto k = target.metadata_keys_begin(); k != target.metadata_keys_end(); ++k) {
      out.set_metadata(*k, target.get_metadata(*k));
    }
    if (before_commit) before_commit(out);
    out.commit();
    out.close();
  });
  // Release the target's lock, swap the directories in one step (readers see the old database
  // or the merged one, never neither), and take the lock on the merged one.
  xapian_try("closing " + target_, [&] {
    target.cancel_transaction();
    target.close();
  });
  if (renameat2(AT_FDCWD, merged.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) != 0) {
    const int err = errno;
    throw Error(ErrorCode::io,
                "swapping " + merged + " for " + target_ + ": " + std::strerror(err));
  }
  if (repeats_open_) repeats_db_.close();
  xapian_try("reopening " + target_,
             [&] { target = Xapian::WritableDatabase(target_, Xapian::DB_OPEN); });
  finished_ = true;
  remove_dir(dir_);  // the parts and, under "merged", the database the load started from
}

}  // namespace newsdex::index
