// Query front end: newsdex query syntax -> Xapian::Query, with errors that point at a column.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace newsdex::search {

/// A parsed query and the words to highlight in snippets.
struct ParsedQuery {
  Xapian::Query query;
  std::vector<std::string> exact_terms;  ///< folded words the query looks for
  std::vector<std::string> stem_terms;   ///< stems (without the Z prefix) the query looks for
};

/// Parses `text` (Xapian QueryParser syntax plus title:, date:, actor:, place:, country:,
/// source:, lang:; see docs/query.md). `db` is used for wildcard expansion. Throws
/// newsdex::QueryError with a 1-based column on malformed input or a bad date.
ParsedQuery parse_query(const std::string& text, const Xapian::Database& db,
                        const std::string& lang = "en");

/// Parses one date: value ("2025", "2025-07", "2025-07-13", "A..B", "..B", "A..") into a
/// query; throws QueryError (column relative to `value`, 1-based) if it is not a valid date.
Xapian::Query date_query(const std::string& value);

}  // namespace newsdex::search
