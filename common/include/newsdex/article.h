// Article: one dated news story as read from any input format, before indexing.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace newsdex {

/// One article. Readers fill it; the indexer turns it into a document. All strings are UTF-8.
struct Article {
  std::string id;  ///< unique id: the input's `id`, else relative path (+ "#N" when N > 1 per file)
  std::string date;      ///< publication date, always "YYYY-MM-DD" (validated by the reader)
  std::string time;      ///< optional time of day and zone as given ("14:05:00+03:00"), else empty
  std::string title;     ///< headline, may be empty
  std::string body;      ///< story text; paragraphs separated by '\n'
  std::string source;    ///< publisher or feed name, may be empty
  std::string url;       ///< may be empty
  std::string lang;      ///< ISO 639-1 code when known ("en", "ru"), else empty
  std::string path;      ///< file it came from ("-" for stdin)
  std::size_t line = 0;  ///< 1-based line where the article starts in `path` (0 if unknown)
  /// Labels an editor attached that are not indexed (e.g. Reuters PLACES/PEOPLE/ORGS/TOPICS,
  /// LEWISSPLIT): pairs of (label kind, value), e.g. {"places", "usa"}.
  std::vector<std::pair<std::string, std::string>> labels;
};

}  // namespace newsdex
