// A bulk load on several threads: chunks of consecutive articles, each analysed and written into
// its own part databases by one worker, handed to the BulkWriter in input order.
#pragma once

#include <newsdex/article.h>
#include <xapian.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "index/bulk_writer.h"

namespace newsdex::index {

/// Why: in a bulk load the Xapian writes (add_document into a part, its commit) cost more CPU
/// than the analysis, so one writer thread fed by analysis threads leaves the other cores
/// idle. Here each worker analyses a chunk and writes it into parts of its own; the caller's
/// thread reads the input and, in input order, hands each finished chunk's parts to the
/// BulkWriter (whose merge then numbers the documents in input order, whatever the threads
/// did). Memory: at most `workers + 1` chunks of articles in flight, plus each worker's part
/// buffer (BulkWriter's max_bytes).
class ParallelLoad {
 public:
  /// Thread-safe: the document for an article (throws Error).
  using Analyse = std::function<Xapian::Document(const Article&)>;
  /// What a finished chunk held, told on the caller's thread in input order after its parts
  /// are adopted: the number of articles, the last one's path, and the records queued with it.
  struct Retired {
    std::size_t articles = 0;
    std::string last_path;
    std::vector<std::pair<std::string, std::string>> records;
  };

  /// Starts `workers` threads (throws Error(io) when it cannot). `bulk` must outlive this.
  ParallelLoad(BulkWriter& bulk, Analyse analyse, unsigned workers, std::size_t chunk_docs,
               std::size_t max_part_docs, std::size_t max_part_bytes,
               std::function<void(const Retired&)> on_retired);
  /// Stops the workers (abandoning chunks not started) and joins them; parts written stay in
  /// the BulkWriter's directory, removed with it.
  ~ParallelLoad();
  ParallelLoad(const ParallelLoad&) = delete;
  ParallelLoad& operator=(const ParallelLoad&) = delete;

  /// Caller's thread. `file_term` is added to the document ("" for none); `repeat` says an
  /// earlier article of this load may have the same `id_term`. May block while the chunks in
  /// flight are full, retiring the oldest; rethrows a worker's error.
  void add(Article&& article, std::string file_term, std::string id_term, bool repeat);
  /// Caller's thread: a record to hand back (in Retired) once every article added so far is
  /// written.
  void add_record(std::string key, std::string value);
  /// Caller's thread: writes what is left and retires every chunk. Rethrows a worker's error.
  void finish();

 private:
  struct Chunk;
  void submit();
  void retire_oldest();
  void work();
  void run(Chunk& chunk);

  BulkWriter& bulk_;
  Analyse analyse_;
  std::size_t chunk_docs_;
  std::size_t max_part_docs_;
  std::size_t max_part_bytes_;
  std::function<void(const Retired&)> on_retired_;
  std::size_t max_in_flight_;
  std::size_t next_chunk_ = 0;
  std::shared_ptr<Chunk> filling_;
  std::deque<std::shared_ptr<Chunk>> in_flight_;  // caller's thread only

  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable chunk_done_;
  std::deque<std::shared_ptr<Chunk>> queue_;  // not yet taken by a worker; guarded
  bool stop_ = false;                         // guarded
  std::vector<std::thread> threads_;
};

}  // namespace newsdex::index
