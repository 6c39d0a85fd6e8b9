// One printer interface for search results, with text (people), JSON Lines and CSV (scripts)
// back ends: what newsdex-search prints, for embedders who want the same output.
#pragma once

#include <newsdex/article.h>
#include <newsdex/entities.h>
#include <newsdex/export.h>
#include <newsdex/searcher.h>

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace newsdex::output {

/// Which query a result belongs to: `line` is its 1-based line in a --queries file, 0 for a
/// query given on the command line.
struct QueryContext {
  std::size_t line = 0;
  std::string query;
};

/// Totals printed after the hits (and facets and timeline) of one query.
struct Summary {
  QueryContext context;
  std::optional<std::size_t> matches;  ///< exact count of matching articles, when computed
  std::optional<std::size_t> stories;  ///< exact count of matching stories, when computed
  /// Hits list every copy (SearchOptions::all_copies): the estimate and the count the text
  /// shows first are of articles, not stories.
  bool all_copies = false;
  std::size_t matches_estimated = 0;
  std::size_t stories_estimated = 0;  ///< estimate of the matching stories
  std::size_t returned = 0;
  std::size_t offset = 0;
  std::size_t limit = 0;
  bool count_only = false;  ///< --count: the summary is the whole answer
  double elapsed_ms = 0.0;
  /// SearchResult::suggestion and suggestion_matches ("did you mean"). The JSON printer writes
  /// them into the summary; text and CSV printers leave them to the caller (newsdex-search
  /// prints them on stderr, print_suggestion() in newsdex/cli.h).
  std::optional<std::string> suggestion;
  std::size_t suggestion_matches = 0;
};

/// A query that could not run (a bad line of a --queries file).
struct QueryFailure {
  QueryContext context;
  std::string message;
  std::string hint;
  std::size_t column = 0;  ///< 1-based character column in the query, 0 if unknown
};

/// Receives, per query: begin(), hits, facets, timeline, then summary(); or begin() then
/// failure(). Implementations write to the stream given on creation, which must outlive them;
/// stream errors are left in the stream's state (nothing throws for them). A printer is used
/// by one thread at a time. article() stands alone, outside any query.
class NEWSDEX_EXPORT Printer {
 public:
  virtual ~Printer() = default;
  virtual void begin(const QueryContext& context) = 0;
  virtual void hit(const Hit& hit) = 0;
  virtual void facets(const std::vector<Facet>& facets) = 0;
  virtual void timeline(const Timeline& timeline) = 0;
  virtual void summary(const Summary& summary) = 0;
  virtual void failure(const QueryFailure& failure) = 0;
  /// One whole article on its own, outside any query (newsdex-search --show): the text printer
  /// prints a readable block (title; date, time and source; id, URL, path, language; the body
  /// line by line; actors and places), the JSON printer one object of type "article"
  /// (docs/json.md). This default, which the CSV printer keeps, throws Error(input): CSV rows
  /// have one shape, and an article is not one of them.
  virtual void article(const StoredArticle& article);
};

/// Readable text: hits with snippets, facet tables, a timeline bar chart; ANSI colour when
/// `color`. `batch` heads each query's output with its line number.
NEWSDEX_EXPORT std::unique_ptr<Printer> make_text_printer(std::ostream& out, bool color,
                                                          bool batch = false);
/// JSON Lines, schema in docs/json.md. `batch` adds "line" to every object.
NEWSDEX_EXPORT std::unique_ptr<Printer> make_json_printer(std::ostream& out, bool batch = false);

/// What the rows of CSV output are: one kind per output, so every row has the same columns.
enum class CsvRows { hits, counts, facets, timeline };

/// The columns a CSV of `rows` can have, for --help and error messages ("rank, id, ...").
NEWSDEX_EXPORT std::string csv_columns(CsvRows rows, const std::optional<Period>& period);
/// CSV (RFC 4180) with a header line. `fields` are column names (empty: the defaults for
/// `rows`); `period` names the timeline's period column. Throws Error(input) naming the valid
/// columns if a field is unknown.
NEWSDEX_EXPORT std::unique_ptr<Printer> make_csv_printer(std::ostream& out, CsvRows rows,
                                                         const std::vector<std::string>& fields,
                                                         bool batch,
                                                         const std::optional<Period>& period);

/// One JSON Lines object (no trailing newline) for the entities recognised in an article, as
/// newsdex-index --entities prints it: id, date, title, actors, places (docs/json.md shape of
/// an entity), and the article's labels when it has any. Invalid UTF-8 is replaced.
NEWSDEX_EXPORT std::string entities_json_line(const Article& article,
                                              const ArticleEntities& entities);

/// One entity as the JSON object --json prints ({"type","name","mentions"} plus "country",
/// "region" when known), serialised.
NEWSDEX_EXPORT std::string entity_json(const Entity& entity);

}  // namespace newsdex::output
