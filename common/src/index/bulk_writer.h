// Bulk loading: documents go into fresh part databases beside the target, merged by compaction.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace newsdex::index {

/// Writes consecutive documents into fresh part databases, each committed once and closed
/// when it holds `max_docs` documents or about `max_bytes` of buffered postings. One thread per
/// PartWriter; several PartWriters may write at once on different threads, each under its own
/// base path (BulkWriter::chunk_base()). Throws Error(database) or Error(io).
class PartWriter {
 public:
  PartWriter(std::string base_path, std::size_t max_docs, std::size_t max_bytes);
  /// Closes an open part without committing it (the load failed; its directory goes with the
  /// BulkWriter's).
  ~PartWriter();
  PartWriter(const PartWriter&) = delete;
  PartWriter& operator=(const PartWriter&) = delete;

  void add(const Xapian::Document& doc);
  /// Commits and closes the open part, if any.
  void close();
  /// The parts closed so far, in the order of their documents; handed over and forgotten.
  std::vector<std::string> take_closed() { return std::exchange(closed_, {}); }
  std::size_t docs() const { return docs_; }  ///< documents added in all

 private:
  std::string base_;
  std::size_t max_docs_;
  std::size_t max_bytes_;
  Xapian::WritableDatabase db_;
  bool open_ = false;
  std::string path_;
  std::size_t part_docs_ = 0;
  std::size_t part_bytes_ = 0;
  std::size_t next_ = 0;
  std::size_t docs_ = 0;
  std::vector<std::string> closed_;
};

/// Writes a large load into a database that was empty when the load began, at a cost per
/// document that does not grow with the database (DESIGN.md, "Write path").
///
/// A Xapian commit rewrites every B-tree block the batch touched, so committing into an ever
/// larger database writes ever more bytes per document. Here each part is a fresh database
/// written with one commit, closed when it holds `max_docs` documents or about `max_bytes` of
/// buffered postings, whichever comes first, so memory stays bounded. Small parts are cheaper
/// to write: Xapian's inverter keeps a map per term with a node per document, and a lookup in
/// a map of 2,000 documents misses the cache far less than one of 10,000 (a part of 2,000 costs
/// about 30% less CPU per document; bench/README.md). finish() merges the parts with
/// Xapian's compaction into a new database beside the target and swaps the two directories
/// in one rename (RENAME_EXCHANGE).
///
/// Crash safety: nothing is committed to the target before the swap (its changes meanwhile,
/// such as metadata, wait in a transaction and are carried into the merged database). A kill at
/// any moment leaves the target as it was before the load, or the whole merged load;
/// remove_leftovers() clears what an interrupted run left beside it, and a rerun redoes the
/// load.
///
/// Parts come from add() (one thread, in order), or from PartWriters that other threads fill
/// with consecutive runs of documents (chunk_base(), then adopt() in document order): the
/// merged database numbers documents in the order of its parts, so the input order is kept.
///
/// Not thread-safe, but for chunk_base(): one thread calls everything else.
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

  /// Where chunk `n`'s PartWriter writes (a load's chunks are numbered from 0). Thread-safe.
  std::string chunk_base(std::size_t n) const;
  /// Takes the closed parts of a PartWriter, in document order: each chunk's after the chunks
  /// before it. `docs` is the number of documents they hold.
  void adopt(std::vector<std::string> parts, std::size_t docs);
  /// A document whose id came earlier in this load: written over the earlier copy after the
  /// merge (in adopt() order, so the last copy wins).
  void add_repeat(const std::string& id_term, const Xapian::Document& doc);

  /// Documents added so far (a replaced one counts once per add()).
  std::size_t added() const { return added_; }

  /// Merges the parts and the target's metadata (committed or not) into a new database and
  /// swaps it in for the target, which is reopened afterwards. Without parts, commits the
  /// target's transaction. `status` (may be empty) hears what the merge is doing, one short
  /// phrase at a time. `before_commit` (may be empty) is given the database about to be swapped
  /// in (or the target, without parts), with every document and the metadata, before its one
  /// commit: what it writes is committed with them. Throws Error(database) or Error(io); the
  /// target is then unchanged.
  void finish(const std::function<void(const std::string&)>& status,
              const std::function<void(Xapian::WritableDatabase&)>& before_commit = {});

  /// Rough bytes Xapian buffers for `doc` until the next commit (for memory-sized batches).
  static std::size_t estimate_bytes(const Xapian::Document& doc);

 private:
  struct Part {
    std::string path;
    unsigned level = 0;  // 0 = written by a PartWriter; k = merged from fan_in_ of level k - 1
  };

  void take_parts();
  void merge_full_levels();
  std::string new_part_path(unsigned level);

  Xapian::WritableDatabase& db_;  // the target
  std::string target_;
  std::string dir_;  // <target>.newsdex-bulk
  std::size_t max_docs_;
  std::size_t max_bytes_;
  std::size_t fan_in_;
  std::vector<Part> parts_;              // closed, committed parts
  std::unique_ptr<PartWriter> current_;  // add()'s parts
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
