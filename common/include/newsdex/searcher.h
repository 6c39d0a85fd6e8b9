// Running ranked queries against one or more newsdex databases.
#pragma once

#include <newsdex/entities.h>
#include <newsdex/export.h>

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace newsdex {

/// Result order.
enum class SortOrder { relevance, date_ascending, date_descending };

/// Parses "relevance", "date", "-date"; throws Error(input) otherwise.
NEWSDEX_EXPORT SortOrder parse_sort_order(const std::string& name);

/// Options for Searcher::search().
struct SearchOptions {
  SortOrder sort = SortOrder::relevance;
  std::size_t limit = 10;           ///< hits to return
  std::size_t offset = 0;           ///< hits to skip
  std::size_t snippet_chars = 200;  ///< approximate snippet length in characters
};

/// A highlighted range in a snippet: byte offsets into Snippet::text, end exclusive.
struct Highlight {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// A short extract of the article around the matched words.
struct Snippet {
  std::string text;                   ///< plain UTF-8 text; "…" marks elided text
  std::vector<Highlight> highlights;  ///< matched words, in order, not overlapping
};

/// One search result.
struct Hit {
  std::size_t rank = 0;  ///< 1-based position in the full result list
  double score = 0.0;    ///< BM25 weight (0 for pure boolean queries)
  int percent = 0;       ///< Xapian's relevance percentage
  std::string id;
  std::string date;  ///< "YYYY-MM-DD"
  std::string title;
  std::vector<Highlight> title_highlights;  ///< matched words in the title
  std::string source;
  std::string url;
  std::string path;
  std::string lang;
  Snippet snippet;
  std::vector<Entity> actors;
  std::vector<Entity> places;
};

/// The hits of one query and the totals around them.
struct SearchResult {
  std::size_t matches_estimated = 0;  ///< Xapian's estimate of all matching documents
  std::size_t matches_lower_bound = 0;
  std::size_t matches_upper_bound = 0;
  std::vector<Hit> hits;
};

/// Opens databases read-only and runs queries over all of them as one. Each Searcher must be
/// used by one thread at a time; open one per thread for concurrent searches.
class NEWSDEX_EXPORT Searcher {
 public:
  /// Opens each path (a database directory or a Xapian stub file). Throws Error(database) if a
  /// path is missing, not a newsdex database, or built with another schema version.
  explicit Searcher(const std::vector<std::string>& db_paths);
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  /// Runs `query` (see docs/query.md). Throws QueryError with the column of the problem.
  SearchResult search(const std::string& query, const SearchOptions& options = {});
  /// Number of documents in all databases.
  std::size_t doc_count() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
