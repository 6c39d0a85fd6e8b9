// Bulk loading: documents go into fresh part databases beside the target, merged by compaction.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace newsdex::index {

/// Writes a large load into a database that was empty when the load began, at a cost per
/// document that does not grow with the database (DESIGN.md, "Write path").
///
/// A Xapian commit rewrites every B-tree block the batch touched, so committing into an ever
/// larger database writes ever more bytes per document. Here each part is a fresh database
/// written with one commit, closed when it holds `max_docs` documents (Xapian's own flush
/// threshold, beyond which it would commit on its own) or about `max_bytes` of buffered
/// postings, whichever comes first, so memory stays bounded. finish() merges the parts with
/// Xapian's compaction into a new database beside the target and swaps the two directories
/// in one rename (RENAME_EXCHANGE).
///
/// Crash safety: nothing is committed to the target before the swap (its changes meanwhile,
/// such as metadata, wait in a transaction and are carried into the merged database). A kill at
/// any moment leaves the target as it was before the load, or the whole merged load;
/// remove_leftovers() clears what an interrupted run left beside it, and a rerun redoes the
/// load.
///
/// Not thread-safe: one writer thread.
class BulkWriter {
 public:
  /// `target` is the open database at `target_path`, with no transaction: one begins here and
  /// ends in finish() or the destructor. The parts go to `<target_path>.newsdex-bulk/`, which
  /// must not exist (see remove_leftovers). Throws Error(io) or Error(database).
  BulkWriter(Xapian::WritableDatabase& target, std::string target_path, std::size_t max_docs,
             std::size_t max_bytes);
  /// If finish() did not run (an error ended the load): cancels the target's transaction, so
  /// nothing of the load is committed, and removes the parts.
  ~BulkWriter();
  BulkWriter(const BulkWriter&) = delete;
  BulkWriter& operator=(const BulkWriter&) = delete;

  /// Removes the part directory an interrupted load left beside `target_path` (only safe while
  /// holding the target's write lock). Throws Error(io) when it cannot.
  static void remove_leftovers(const std::string& target_path);

  /// Adds a document. `id_term` is its unique id term; `repeat` says that an earlier document of
  /// this load may carry the same id term, which the new one then replaces.
  void add(const std::string& id_term, const Xapian::Document& doc, bool repeat);

  /// Documents added so far (a replaced one counts once per add()).
  std::size_t added() const { return added_; }

  /// Merges the parts and the target's metadata (committed or not) into a new database and
  /// swaps it in for the target, which is reopened afterwards. Without parts, commits the
  /// target's transaction. `status` (may be empty) hears what the merge is doing, one short
  /// phrase at a time. Throws Error(database) or Error(io); the target is then unchanged.
  void finish(const std::function<void(const std::string&)>& status);

  /// Rough bytes Xapian buffers for `doc` until the next commit (for memory-sized batches).
  static std::size_t estimate_bytes(const Xapian::Document& doc);

 private:
  struct Part {
    std::string path;
    unsigned level = 0;  // 0 = written by add(); k = merged from kFanIn parts of level k - 1
  };

  void close_part();
  void merge_full_levels();
  std::string new_part_path(unsigned level);

  Xapian::WritableDatabase& db_;  // the target
  std::string target_;
  std::string dir_;  // <target>.newsdex-bulk
  std::size_t max_docs_;
  std::size_t max_bytes_;
  std::vector<Part> parts_;                // closed, committed parts
  Xapian::WritableDatabase current_;       // the part being written, if open
  bool current_open_ = false;
  std::string current_path_;
  std::size_t current_docs_ = 0;
  std::size_t current_bytes_ = 0;
  std::size_t added_ = 0;
  std::size_t next_part_ = 0;
  // Documents whose id came again, in a side database (the latest of each); written over the
  // first copy after the merge.
  Xapian::WritableDatabase repeats_db_;
  bool repeats_open_ = false;
  std::vector<std::string> repeats_;  // their id terms
  bool finished_ = false;
};

}  // namespace newsdex::index
