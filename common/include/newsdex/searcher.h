// Running ranked queries against one or more newsdex databases.
#pragma once

#include <newsdex/article.h>
#include <newsdex/entities.h>
#include <newsdex/export.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace newsdex {

/// Result order. `date_ascending` (oldest first) and `date_descending` (newest first) order
/// by date and time of day: times with a zone are compared in UTC, times without one as
/// written, and an article without a time comes before every time of its day (after them,
/// newest first); ties by relevance. `distance`: nearest first to the centre of the query's first
/// near: that is not negated (the place of the article nearest to it counts); Searcher::search()
/// throws Error(input) if the query has no such near:.
enum class SortOrder { relevance, date_ascending, date_descending, distance };

/// Parses "relevance", "date", "-date", "distance"; throws Error(input) otherwise.
NEWSDEX_EXPORT SortOrder parse_sort_order(const std::string& name);

/// What a facet counts matching articles by.
enum class FacetField { actor, place, country, source, lang, year, month };

/// Parses "actor", "place", "country", "source", "lang", "year", "month"; throws Error(input)
/// naming the valid ones otherwise.
NEWSDEX_EXPORT FacetField parse_facet_field(const std::string& name);
/// Parses a comma-separated list ("actor,place"); duplicates are dropped, order is kept.
/// Throws Error(input) on an unknown name or an empty list.
NEWSDEX_EXPORT std::vector<FacetField> parse_facet_fields(const std::string& list);
/// Returns the name parse_facet_field() accepts.
NEWSDEX_EXPORT const char* to_string(FacetField field) noexcept;

/// The length of a timeline's periods. Weeks are ISO 8601 weeks (Monday to Sunday).
enum class Period { day, week, month, year };

/// Parses "day", "week", "month", "year"; throws Error(input) naming the valid ones otherwise.
NEWSDEX_EXPORT Period parse_period(const std::string& name);
/// Returns the name parse_period() accepts.
NEWSDEX_EXPORT const char* to_string(Period period) noexcept;

/// Options for Searcher::search(). Counting, facets and timelines look at every matching
/// article, so they cost more than a page of hits; with none of them the search stops early
/// and SearchResult::matches is empty.
struct SearchOptions {
  SortOrder sort = SortOrder::relevance;
  std::size_t limit = 10;           ///< hits to return (0: none, e.g. only counts or facets)
  std::size_t offset = 0;           ///< hits to skip
  std::size_t snippet_chars = 200;  ///< approximate snippet length in characters
  bool exact_count = false;         ///< compute SearchResult::matches exactly
  std::vector<FacetField> facets;   ///< facets to compute over all matches (implies exact count)
  std::size_t facet_limit = 10;     ///< values per facet, most frequent first; 0 means all
  std::optional<Period> timeline;   ///< matches per period (implies exact count)
  bool normalize = false;           ///< timeline: also each period's share of all stories in it
  /// More like this: the id of an article (as Hit::id shows it); empty for none. The search
  /// then ranks articles by the words that best tell this article apart from the rest of the
  /// corpus (Xapian's expand set over a relevance set of the article), and the query only
  /// narrows them down: every hit still matches the query (which may be empty), whose words
  /// add their weight. The article itself is never a hit. Searcher::search() throws
  /// Error(not_found) when no database holds the id.
  std::string like;
  /// With `like`: how many of the article's words to look for. 40 is where more stop paying on
  /// Reuters-21578 (docs/query.md); each word costs matching time.
  std::size_t like_terms = 40;
  /// "Did you mean": when the query matches fewer articles than this, look for a spelling
  /// correction (SearchResult::suggestion); 0 never looks. The default, 3, is the fewest
  /// articles a word must be in to be a correction: a query held back by a word rarer than
  /// that (a typo, in no article or a stray one or two) finds fewer.
  std::size_t suggest_below = 3;
  /// List every copy of a story (wire resends, corrected copies: near duplicates found at index
  /// time) as its own hit, and count copies in facets and timelines. By default a story's
  /// copies collapse into one hit (its best-ranked copy, Hit::copies telling how many match),
  /// and facets and timelines count stories (SearchResult::facets_count).
  bool all_copies = false;
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
  double score = 0.0;    ///< BM25 weight (0 for pure boolean queries; by distance, see json.md)
  int percent = 0;       ///< Xapian's relevance percentage
  std::string id;
  std::string date;  ///< "YYYY-MM-DD"
  /// Time of day and zone as the article gave them ("14:05:00+03:00", "15:01:01.79", "09:30Z";
  /// see Article::time), empty when it gave none.
  std::string time;
  std::string title;
  std::vector<Highlight> title_highlights;  ///< matched words in the title
  std::string source;
  std::string url;
  std::string path;
  std::string lang;
  Snippet snippet;
  std::vector<Entity> actors;
  std::vector<Entity> places;
  /// Matching copies of the story this hit stands for, itself included: 1 for an article with
  /// no copy, and for each hit with SearchOptions::all_copies unless counts are exact. Exact
  /// when the search counts exactly (exact_count, facets, timeline); otherwise a lower bound
  /// (Xapian's collapse count: copies ranked too low to be looked at are not counted).
  std::size_t copies = 1;
  /// The key shared by all copies of the story (empty for an article with no copy).
  std::string story;
};

/// What facet and timeline counts count: stories (copies of one story count once) or
/// articles (each copy counts). Stories by default; articles with SearchOptions::all_copies,
/// and over remote shards (the stock servers' spies cannot tell copies apart).
enum class CountUnit { stories, articles };

/// Returns "stories" or "articles".
NEWSDEX_EXPORT const char* to_string(CountUnit unit) noexcept;

/// One value of a facet and how many matching articles have it.
struct FacetValue {
  /// Stable key: the canonical entity id for actor and place ("opec", "geonames:2643743"),
  /// the ISO 3166-1 code for country ("RU"), the folded name for source, the code for lang,
  /// "YYYY" for year, "YYYY-MM" for month. Searching field:id finds these articles again
  /// (place:"geonames:2643743" that place only; an actor id its alias group).
  std::string id;
  std::string name;     ///< display name ("OPEC", "Kursk", "Russia", "Reuters", "1987-03")
  std::string country;  ///< ISO 3166-1 code of a place (or of a country), else empty
  /// Matching stories (or articles: Facet::counts) with this value; each counts
  /// once. A story counts with the values of its first-indexed matching copy.
  std::size_t count = 0;
};

/// The values of one field over all matching articles.
struct Facet {
  FacetField field = FacetField::actor;
  std::vector<FacetValue> values;    ///< most frequent first, ties by id; at most facet_limit
  std::size_t distinct = 0;          ///< number of distinct values among all matches
  std::size_t articles_without = 0;  ///< matching stories (articles) with no value for this field
  CountUnit counts = CountUnit::stories;  ///< what count and articles_without count
};

/// Matches in one period of a timeline.
struct TimelineBucket {
  std::string period;     ///< "1987", "1987-03", "1987-03-02", "1987-W10" (ISO week)
  std::string first_day;  ///< "YYYY-MM-DD", first day of the period
  std::string last_day;   ///< "YYYY-MM-DD", last day of the period
  std::size_t count = 0;  ///< matching stories (articles: Timeline::counts) dated in the period
  /// All stories (articles) of the databases dated in the period (normalize only): a story on
  /// the day of its first copy, as `count` counts it.
  std::size_t total = 0;
  double share = 0.0;  ///< count / total, 0 when total is 0 (normalize only)
};

/// Matches per period, oldest first, with no gaps: periods without matches between the first
/// and the last match (widened to the bounds of the query's date: range when it has one) are
/// present with count 0. The counts sum to SearchResult::stories, or to SearchResult::matches
/// when they count articles (Timeline::counts).
struct Timeline {
  Period period = Period::month;
  bool normalized = false;  ///< total and share are filled
  /// What TimelineBucket::count and TimelineBucket::total count.
  CountUnit counts = CountUnit::stories;
  std::vector<TimelineBucket> buckets;
};

/// The hits of one query and the totals around them.
struct SearchResult {
  /// Exact number of matching articles, when the search computed it (SearchOptions::exact_count,
  /// facets or timeline); empty otherwise: then only the estimate below is known.
  std::optional<std::size_t> matches;
  /// Exact number of matching stories (a story's copies count once; an article with no copy is
  /// a story of its own), computed with `matches`; empty otherwise.
  std::optional<std::size_t> stories;
  std::size_t matches_estimated = 0;  ///< Xapian's estimate of all matching articles
  std::size_t matches_lower_bound = 0;
  std::size_t matches_upper_bound = 0;
  /// Xapian's estimate of the matching stories (copies collapsed; at most matches_estimated),
  /// or matches_estimated with SearchOptions::all_copies.
  std::size_t stories_estimated = 0;
  std::vector<Hit> hits;
  std::vector<Facet> facets;         ///< one per SearchOptions::facets, in that order
  std::optional<Timeline> timeline;  ///< when SearchOptions::timeline was set
  /// "Did you mean": the whole query as typed with each misspelt-looking word corrected
  /// ("petroleum prices" for "petrolium prices"), when the query matched fewer than
  /// SearchOptions::suggest_below articles and the corrected query matches more. Only free
  /// words and title: values are corrected, to words of the databases' spelling dictionary
  /// (words in at least 3 articles, built at index time); operators, quotes, wildcards and
  /// other fields' values (actor:, place:, ...) are kept as typed. Empty otherwise, and over
  /// remote shards (the stock servers hold no spelling dictionary).
  std::optional<std::string> suggestion;
  /// Exact number of stories the suggestion matches (articles with SearchOptions::all_copies),
  /// as newsdex-search --count counts them.
  std::size_t suggestion_matches = 0;
};

// --- Exploring a story: related entities and the co-mention network (Searcher::related(),
// Searcher::network()) ---

/// Which entities related() lists: actors (persons and organisations) or places.
enum class EntityKind { actor, place };

/// Parses "actor" or "place"; throws Error(input) naming the valid ones otherwise.
NEWSDEX_EXPORT EntityKind parse_entity_kind(const std::string& name);
/// Returns the name parse_entity_kind() accepts.
NEWSDEX_EXPORT const char* to_string(EntityKind kind) noexcept;

/// Options for Searcher::related().
struct RelatedOptions {
  EntityKind kind = EntityKind::actor;
  std::size_t limit = 10;     ///< entities to return, highest score first (0: all)
  std::size_t min_count = 3;  ///< an entity must be in at least this many matching stories
  /// Count articles, each copy of a story on its own (as SearchOptions::all_copies), in the
  /// matches and in the whole corpus; by default both count stories, so that a story sent ten
  /// times does not weigh ten times.
  bool all_copies = false;
};

/// An entity more common among the matches than in the whole corpus.
struct RelatedEntity {
  std::string id;       ///< canonical id, as the actor and place facets count it
  std::string name;     ///< display name
  std::string country;  ///< ISO 3166-1 code of a place, else empty
  /// A query that finds the entity's articles: actor:"ID" (its alias group, docs/query.md; a
  /// one-word id also reaches longer names with that word) or place:"ID" (a gazetteer id such as
  /// "geonames:18141" or "iso:RU": that place exactly; a place the gazetteer lacks has its
  /// folded name as id, searched as a name).
  std::string query;
  std::size_t fg_count = 0;  ///< matching stories (articles) with the entity (foreground)
  std::size_t bg_count = 0;  ///< stories (articles) of all the databases with it (background)
  /// JLH, as Elasticsearch's significant_terms computes it: with p_fg = fg_count / fg_size and
  /// p_bg = bg_count / bg_size, (p_fg - p_bg) * (p_fg / p_bg). It is 0 when the entity is as
  /// common among the matches as everywhere (an entity in every article scores 0 whatever the
  /// query), grows with how many times more common it is there, weighted by how much
  /// of the foreground it covers. Always > 0 here: entities no more common are not listed.
  double score = 0.0;
};

/// The result of Searcher::related().
struct RelatedEntities {
  EntityKind kind = EntityKind::actor;
  /// What fg_size, bg_size and the entities' counts count: stories, or articles with
  /// RelatedOptions::all_copies.
  CountUnit unit = CountUnit::stories;
  std::size_t fg_size = 0;              ///< matching stories (articles)
  std::size_t bg_size = 0;              ///< all stories (articles) of the databases
  std::size_t min_count = 0;            ///< RelatedOptions::min_count used
  std::vector<RelatedEntity> entities;  ///< highest score first, ties by fg_count then id
};

/// Which entities a co-mention network links.
enum class NetworkKind { actor, place, both };

/// Parses "actor", "place" or "both"; throws Error(input) naming the valid ones otherwise.
NEWSDEX_EXPORT NetworkKind parse_network_kind(const std::string& name);
/// Returns the name parse_network_kind() accepts.
NEWSDEX_EXPORT const char* to_string(NetworkKind kind) noexcept;

/// Options for Searcher::network().
struct NetworkOptions {
  NetworkKind kind = NetworkKind::actor;
  std::size_t min_weight = 1;   ///< edges in fewer matching stories than this are dropped
  std::size_t max_nodes = 100;  ///< the entities in most matching stories (0: all of them)
  /// Count articles, each copy of a story on its own, in node counts and edge weights (as
  /// SearchOptions::all_copies); by default they count stories.
  bool all_copies = false;
};

/// An entity of the network.
struct NetworkNode {
  std::string id;  ///< canonical id, as the facets count it
  EntityKind kind = EntityKind::actor;
  std::string name;     ///< display name
  std::string country;  ///< ISO 3166-1 code of a place, else empty
  /// actor:"ID" or place:"ID": the articles the node stands for. `count` and the weights of
  /// its edges are counted with this query, so they equal what newsdex-search --count gives
  /// for `QUERY NODE-QUERY` and `QUERY NODE-QUERY OTHER-NODE-QUERY` (QUERY a query of words
  /// and filters; in general, the matches of QUERY that the node queries also find), with
  /// --all-copies when NetworkOptions::all_copies.
  std::string query;
  std::size_t count = 0;  ///< matching stories (articles) the node query finds
};

/// Two entities found in the same matching articles.
struct NetworkEdge {
  std::size_t source = 0;  ///< index into Network::nodes, source < target
  std::size_t target = 0;
  /// Matching stories (articles) that both node queries find: a story counts when one of its
  /// copies names both.
  std::size_t weight = 0;
};

/// The co-mention graph of a query's matches.
struct Network {
  NetworkKind kind = NetworkKind::actor;
  /// What matches, node counts and edge weights count: stories, or articles with
  /// NetworkOptions::all_copies.
  CountUnit unit = CountUnit::stories;
  std::size_t matches = 0;     ///< matching stories (articles)
  std::size_t candidates = 0;  ///< distinct entities of that kind among the matches
  std::size_t max_nodes = 0;   ///< NetworkOptions::max_nodes used
  std::size_t min_weight = 0;  ///< NetworkOptions::min_weight used
  /// candidates > nodes.size(): only the max_nodes entities in most matches are nodes.
  bool truncated = false;
  /// Most matches first, ties by kind (actors first) then id. Nodes left without edges by
  /// min_weight are kept (an entity of the story named with none of the others).
  std::vector<NetworkNode> nodes;
  std::vector<NetworkEdge> edges;  ///< heaviest first, then by source, target
};

/// An article as a database holds it: what Searcher::get_article() returns.
struct StoredArticle {
  /// id, date, time, title, body, source, url, lang and path as indexed (line and labels are
  /// not stored: 0 and empty).
  Article article;
  /// The actors and places recognised when it was indexed (empty with --no-entities), with
  /// the ids facets count by.
  ArticleEntities entities;
};

/// Opens databases read-only and runs queries over all of them as one. Each Searcher must be
/// used by one thread at a time; open one per thread for concurrent searches (a Searcher may
/// be moved to another thread between calls).
///
/// A Searcher reads the revision of each database that was committed when it was opened (or
/// last reopened): an Indexer's later commits are seen after reopen(). search() reopens by
/// itself only when the revision it reads has been overwritten meanwhile.
///
/// Shards may be remote (docs/scaling.md): "tcp://HOST:PORT" served by xapian-tcpsrv, or
/// `remote` lines in a stub file (xapian-tcpsrv, or xapian-progsrv run over ssh). Hits,
/// sorting, counts, timelines and the source, lang, year and month facets work over them and
/// equal those of one merged database; the actor, place and country facets do not (search()
/// throws Error(input)), as the stock servers cannot run the match spy that counts them.
class NEWSDEX_EXPORT Searcher {
 public:
  /// Opens each path: a database directory, a Xapian stub file, or "tcp://HOST:PORT" (IPv6
  /// hosts in brackets). Throws Error(database) if a path is missing, not a newsdex database,
  /// built with another schema version, or a remote shard cannot be reached; Error(input) on a
  /// malformed tcp:// address.
  explicit Searcher(const std::vector<std::string>& db_paths);
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  /// Runs `query` (see docs/query.md; it may be empty only with SearchOptions::like). Throws
  /// QueryError with the column of the problem; Error(not_found) when options.like names no
  /// article; Error(input) when an actor, place or country facet is asked for over remote shards;
  /// Error(io) when a remote shard fails or times out during the search; Error(database) when a
  /// database turns out corrupt or unreadable (never a Xapian exception). A search reads the
  /// last commit: when an indexer's commits overwrite the revision it is reading, it reopens
  /// the databases and runs again (up to 10 times; then Error(database)).
  SearchResult search(const std::string& query, const SearchOptions& options = {});
  /// Moves to the latest commit of every database, so that later calls see what indexers
  /// committed since. Returns false when nothing can have changed. Cheap when nothing did.
  /// Throws Error(database) when a database was deleted or replaced by an incompatible one,
  /// Error(io) when a remote shard cannot be reached.
  bool reopen();

  /// The article with this id (as Hit::id and newsdex-index --delete show it), or nullopt if
  /// no database holds one (when several shards hold the id, the first one's). Throws
  /// Error(database) or Error(io) (remote) when Xapian fails.
  std::optional<StoredArticle> get_article(const std::string& id);

  /// Number of documents in all databases. Throws Error(database) or Error(io) (remote) when
  /// Xapian fails.
  std::size_t doc_count() const;

  /// The entities of `options.kind` most strongly associated with the matches of `query`:
  /// their share of the matching stories against their share of all stories (articles with
  /// options.all_copies), scored by JLH (RelatedEntity::score). Entities in fewer than
  /// options.min_count matching stories are left out, so that one-off names do not top the
  /// list, and so are the entities the query itself asks for (its actor: or place: values,
  /// which would otherwise top their own list). The counts over the whole corpus are computed
  /// once per database revision and kept. Throws as search() does; Error(input) over
  /// remote shards (as the actor and place facets).
  RelatedEntities related(const std::string& query, const RelatedOptions& options = {});

  /// The co-mention network of the matches of `query`: the options.max_nodes entities in most
  /// matching stories as nodes, and an edge between two of them weighted by the number of
  /// matching stories that name both (NetworkNode::query), when at least options.min_weight
  /// (articles instead of stories with options.all_copies).
  /// Throws as search() does; Error(input) over remote shards.
  Network network(const std::string& query, const NetworkOptions& options = {});

  struct Impl;

 private:
  SearchResult search_once(const std::string& query, const SearchOptions& options);
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
