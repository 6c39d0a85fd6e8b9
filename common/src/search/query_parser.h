// Query front end: newsdex query syntax -> Xapian::Query, with errors that point at a column.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace newsdex::entities {
class ActorAliases;
}

namespace newsdex::search {

/// Most terms a query may have, after date ranges and entity names are expanded (1,000 OR'ed
/// words take about 0.05 s to match; the matcher's cost grows with the square of the number).
inline constexpr std::size_t kMaxQueryTerms = 1000;

/// A parsed query and the words to highlight in snippets.
struct ParsedQuery {
  Xapian::Query query;
  std::vector<std::string> exact_terms;  ///< folded words the query looks for
  std::vector<std::string> stem_terms;   ///< stems (without the Z prefix) the query looks for
  /// Bounds ("YYYYMMDD") of the query's date: filter when it has exactly one; empty otherwise.
  std::string date_first, date_last;
  /// The first near: of the query that is not negated, as a query weighted by closeness
  /// (Xapian::LatLongDistancePostingSource); an empty query if there is none. `query` already
  /// holds it as a filter, and is ranked by it when nothing else gives weight.
  Xapian::Query near;
};

/// Parses `text` (Xapian QueryParser syntax plus title:, date:, actor:, place:, country:,
/// source:, lang:, near:, field names in any case; see docs/query.md). `db` is used for wildcard
/// expansion and to bound date ranges (see date_query). Throws newsdex::QueryError with a
/// 1-based column on malformed input, an unknown field or country, a bad date, or a near:
/// value with an unknown place or a missing or bad radius.
/// `actors`: the database's actor groups (entities::load_actor_aliases(db)); null: read here.
ParsedQuery parse_query(const std::string& text, const Xapian::Database& db,
                        const std::string& lang = "en",
                        const entities::ActorAliases* actors = nullptr);

/// Parses one date: value ("2025", "2025-07", "2025-07-13", "A..B", "..B", "A..") into a pure
/// filter (weight 0); throws QueryError (column relative to `value`, 1-based) if it is not a
/// valid date. A year, month or day is its one Y/M/D term. With `db`, a range is clamped to
/// the database's first and last day and matched by the fewest Y/M/D terms that cover it
/// (MatchNothing if the database has no dates), far cheaper than a value range; without `db`
/// (or if the database's date slot does not hold dates) it is a value range on the date slot.
/// Both match the same documents.
Xapian::Query date_query(const std::string& value, const Xapian::Database* db = nullptr);

/// "Did you mean": `text` with each word that looks misspelt replaced by the correction the
/// database's spelling dictionary (index/spelling.h) gives, or "" when no word is. Only free
/// words and title: values are looked at: operators, phrases' quotes, wildcards and the values
/// of other fields (actor:, place:, ...) stay exactly as typed. A word is corrected when it is
/// not in the dictionary, is no word of a recognised actor's or place's name, and, if some
/// article has the word, Xapian's suggestion is in at least ten times as many articles. Only
/// the first 20 such words are looked up (each lookup may take tens of milliseconds). A query scan() refuses gives "". Throws Xapian
/// errors.
std::string suggest_spelling(const std::string& text, const Xapian::Database& db);

}  // namespace newsdex::search
