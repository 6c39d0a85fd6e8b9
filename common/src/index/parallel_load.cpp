// A bulk load on several threads (see parallel_load.h).
#include "index/parallel_load.h"

#include <newsdex/error.h>

#include <algorithm>

#include "util/threads.h"

namespace newsdex::index {

struct ParallelLoad::Chunk {
  std::size_t index = 0;
  std::vector<Article> articles;
  std::vector<std::string> file_terms;
  std::vector<std::string> id_terms;
  std::vector<char> repeat;
  std::vector<std::pair<std::string, std::string>> records;
  // Written by the worker before `done`, read by the caller's thread after it.
  std::vector<std::string> parts;
  std::size_t part_docs = 0;
  std::vector<std::pair<std::string, Xapian::Document>> repeats;  // id term, document
  std::exception_ptr error;
  bool done = false;  // guarded by the mutex
};

ParallelLoad::ParallelLoad(BulkWriter& bulk, Analyse analyse, unsigned workers,
                           std::size_t chunk_docs, std::size_t max_part_docs,
                           std::size_t max_part_bytes,
                           std::function<void(const Retired&)> on_retired)
    : bulk_(bulk),
      analyse_(std::move(analyse)),
      chunk_docs_(std::max<std::size_t>(1, chunk_docs)),
      max_part_docs_(max_part_docs),
      max_part_bytes_(max_part_bytes),
      on_retired_(std::move(on_retired)),
      max_in_flight_(std::size_t{workers} + 1) {
  util::start_threads(
      threads_, workers, [this] { work(); },
      [this] {
        {
          std::lock_guard<std::mutex> lock(mutex_);
          stop_ = true;
        }
        work_ready_.notify_all();
      },
      "indexing threads");
}

ParallelLoad::~ParallelLoad() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  work_ready_.notify_all();
  for (auto& t : threads_) t.join();
}

void ParallelLoad::add(Article&& article, std::string file_term, std::string id_term, bool repeat) {
  if (!filling_) {
    filling_ = std::make_shared<Chunk>();
    filling_->index = next_chunk_++;
    filling_->articles.reserve(chunk_docs_);
  }
  filling_->articles.push_back(std::move(article));
  filling_->file_terms.push_back(std::move(file_term));
  filling_->id_terms.push_back(std::move(id_term));
  filling_->repeat.push_back(repeat ? 1 : 0);
  if (filling_->articles.size() >= chunk_docs_) submit();
}

void ParallelLoad::add_record(std::string key, std::string value) {
  // Every article added so far is in `filling_` or an earlier chunk, so handing the record back
  // with `filling_` means after them.
  if (!filling_) {
    filling_ = std::make_shared<Chunk>();
    filling_->index = next_chunk_++;
  }
  filling_->records.emplace_back(std::move(key), std::move(value));
}

void ParallelLoad::finish() {
  submit();
  while (!in_flight_.empty()) retire_oldest();
}

void ParallelLoad::submit() {
  if (!filling_) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(filling_);
  }
  work_ready_.notify_one();
  in_flight_.push_back(std::move(filling_));
  filling_.reset();
  while (in_flight_.size() > max_in_flight_) retire_oldest();
}

void ParallelLoad::retire_oldest() {
  std::shared_ptr<Chunk> chunk = std::move(in_flight_.front());
  in_flight_.pop_front();
  {
    std::unique_lock<std::mutex> lock(mutex_);
    chunk_done_.wait(lock, [&] { return chunk->done; });
  }
  if (chunk->error) std::rethrow_exception(chunk->error);
  bulk_.adopt(std::move(chunk->parts), chunk->part_docs);
  for (const auto& [term, doc] : chunk->repeats) bulk_.add_repeat(term, doc);
  Retired retired;
  retired.articles = chunk->articles.size();
  if (!chunk->articles.empty()) retired.last_path = chunk->articles.back().path;
  retired.records = std::move(chunk->records);
  if (on_retired_) on_retired_(retired);
}

void ParallelLoad::work() {
  for (;;) {
    std::shared_ptr<Chunk> chunk;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_ready_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      chunk = std::move(queue_.front());
      queue_.pop_front();
    }
    run(*chunk);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      chunk->done = true;
    }
    chunk_done_.notify_all();
  }
}

void ParallelLoad::run(Chunk& chunk) {
  try {
    if (chunk.articles.empty()) return;
    PartWriter writer(bulk_.chunk_base(chunk.index), max_part_docs_, max_part_bytes_);
    for (std::size_t i = 0; i < chunk.articles.size(); ++i) {
      Xapian::Document doc = analyse_(chunk.articles[i]);
      if (!chunk.file_terms[i].empty()) doc.add_boolean_term(chunk.file_terms[i]);
      if (chunk.repeat[i]) {
        chunk.repeats.emplace_back(chunk.id_terms[i], std::move(doc));
      } else {
        writer.add(doc);
      }
    }
    writer.close();
    chunk.parts = writer.take_closed();
    chunk.part_docs = writer.docs();
  } catch (...) {
    chunk.error = std::current_exception();
  }
}

}  // namespace newsdex::index
