// The precomputed expansion of place:/country: query values (gazetteer/query-places.tsv), so
// a query need not load the gazetteer, and the generator that derives it from the gazetteer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entities/index_terms.h"

namespace newsdex::entities {

class Gazetteer;

/// The table's path under the data directory (data_dir.h).
inline constexpr const char* kQueryPlacesFile = "gazetteer/query-places.tsv";

/// The command that regenerates the committed table, for the table's header and error hints.
inline constexpr const char* kQueryPlacesCommand =
    "build/bin/newsdex-make-query-places --output corpus/gazetteer/query-places.tsv";

/// Expansions of folded place:/country: values, as read from a query-places table. A value the
/// table does not list expands trivially: place: to XL<value> alone, country: to nothing.
/// Read-only after load(); safe for concurrent use.
class QueryPlaces {
 public:
  /// Parses the table at `path`. Throws Error(io) if it cannot be read (the hint says how to
  /// regenerate it), Error(input) naming `path:line` for a malformed line.
  static QueryPlaces load(const std::string& path);

  /// The terms of `folded` (a text::fold_phrase() result) for Field::place or Field::country,
  /// nothing if the table has no line for it. For place: the terms beyond XL<folded>, which
  /// query_terms() adds first; for country: all of them.
  std::optional<std::vector<std::string>> find(Field field, std::string_view folded) const;

  /// Number of lines (place and country) in the table.
  std::size_t size() const { return place_.size() + country_.size(); }

 private:
  // The table's text is kept as read; each line is indexed by its value, sorted, and searched
  // by bisection: with localized names the table has ~45,000 lines, which parsing into maps
  // would cost every place: query tens of milliseconds.
  struct Line {
    std::uint32_t key = 0, key_size = 0;  // the value: text_.substr(key, key_size)
    std::uint32_t terms = 0, end = 0;     // tab-separated terms: text_[terms, end)
  };
  std::string text_;
  std::vector<Line> place_, country_;
};

/// The process-wide table, loaded on first use from data_path(kQueryPlacesFile). Throws as
/// QueryPlaces::load(), on every call until a load succeeds. Thread-safe.
const QueryPlaces& query_places();

/// What query_terms() returns for place:/country: `value` computed from `gazetteer` (how it was
/// done before the table: the reference the table is generated from and tested against).
/// Field::actor: empty. Thread-safe.
std::vector<std::string> gazetteer_query_terms(const Gazetteer& gazetteer, Field field,
                                               const std::string& value);

/// Every folded value a place:/country: query could expand non-trivially through the gazetteer
/// of `data_dir`: the keys of every name source the gazetteer reads (ISO 3166 names and codes,
/// GeoNames cities and states, corpus/gazetteer tables, demonyms with their derived plurals),
/// sorted. Throws Error(io) if a table cannot be read.
std::vector<std::string> query_place_keys(const std::string& data_dir = {});

/// The text of the query-places table generated from the gazetteer of `data_dir` (header
/// comment included): what kQueryPlacesCommand writes. Loads that gazetteer itself. Throws
/// Error(io) if a table cannot be read, Error(internal) if a key or term cannot be written as
/// TSV.
std::string generate_query_places(const std::string& data_dir = {});

}  // namespace newsdex::entities
