// Searcher: opens databases read-only, runs parsed queries, turns matches into Hits.
#include <newsdex/error.h>
#include <newsdex/searcher.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "entities/actor_canon.h"
#include "entities/entity_json.h"
#include "entities/index_terms.h"
#include "entities/ner_tokenize.h"
#include "index/document_builder.h"
#include "index/schema.h"
#include "search/explore.h"
#include "search/facets.h"
#include "search/query_parser.h"
#include "search/snippet.h"
#include "util/xapian_error.h"

namespace newsdex {
SortOrder parse_sort_order(const std::string& name) {
  if (name == "relevance") return SortOrder::relevance;
  if (name == "date" || name == "+date") return SortOrder::date_ascending;
  if (name == "-date") return SortOrder::date_descending;
  if (name == "distance") return SortOrder::distance;
  throw Error(ErrorCode::input, "unknown sort order '" + name + "'",
              "use relevance, date (oldest first), -date (newest first) or distance (nearest "
              "first, with near: in the query)");
}

namespace {

constexpr const char* kFacetNames[] = {"actor", "place", "country", "source",
                                       "lang",  "year",  "month"};
constexpr const char* kPeriodNames[] = {"day", "week", "month", "year"};

// a + b, or the largest value instead of wrapping.
Xapian::doccount saturating_sum(std::size_t a, std::size_t b) {
  const std::size_t max = std::numeric_limits<Xapian::doccount>::max();
  return a > max || b > max - a ? static_cast<Xapian::doccount>(max)
                                : static_cast<Xapian::doccount>(a + b);
}

// The enumerator whose name (in `names`, in enumerator order) is `name`, or Error(input) saying
// which `what` names are valid.
template <class Enum, std::size_t N>
Enum parse_name(const char* const (&names)[N], const std::string& name, const char* what,
                const char* valid) {
  for (std::size_t i = 0; i < N; ++i) {
    if (name == names[i]) return static_cast<Enum>(i);
  }
  throw Error(ErrorCode::input, std::string("unknown ") + what + " '" + name + "'", valid);
}

constexpr const char* kValidFacets =
    "facets are actor, place, country, source, lang, year and month";

}  // namespace

const char* to_string(FacetField field) noexcept {
  return kFacetNames[static_cast<std::size_t>(field)];
}

FacetField parse_facet_field(const std::string& name) {
  return parse_name<FacetField>(kFacetNames, name, "facet", kValidFacets);
}

std::vector<FacetField> parse_facet_fields(const std::string& list) {
  std::vector<FacetField> fields;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    std::string name = list.substr(start, comma - start);
    while (!name.empty() && name.front() == ' ') name.erase(0, 1);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    if (!name.empty()) {
      const FacetField f = parse_facet_field(name);
      if (std::find(fields.begin(), fields.end(), f) == fields.end()) fields.push_back(f);
    }
    start = comma + 1;
  }
  if (fields.empty()) {
    throw Error(ErrorCode::input, "no facet named in '" + list + "'", kValidFacets);
  }
  return fields;
}

const char* to_string(CountUnit unit) noexcept {
  return unit == CountUnit::stories ? "stories" : "articles";
}

const char* to_string(Period period) noexcept {
  return kPeriodNames[static_cast<std::size_t>(period)];
}

Period parse_period(const std::string& name) {
  return parse_name<Period>(kPeriodNames, name, "period", "periods are day, week, month and year");
}

namespace {

constexpr const char* kTcpScheme = "tcp://";

// A remote operation (one search of a shard, with its counts) that takes longer fails with
// Error(io): long enough for exact counts over a big shard, short enough not to hang on a dead
// host. Connecting gives up sooner.
constexpr int kRemoteTimeoutMs = 300000;
constexpr int kConnectTimeoutMs = 10000;

// "tcp://HOST:PORT" (HOST may be "[::1]") opened with Xapian's remote backend; Error(input) on
// a malformed address, Error(database) with the reason and a hint when nothing answers there.
Xapian::Database open_tcp(const std::string& url) {
  const std::string address = url.substr(std::string(kTcpScheme).size());
  const std::size_t colon = address.rfind(':');
  std::string host = colon == std::string::npos ? "" : address.substr(0, colon);
  const std::string port_text = colon == std::string::npos ? "" : address.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  unsigned long port = 0;
  const bool digits = !port_text.empty() && port_text.size() <= 5 &&
                      port_text.find_first_not_of("0123456789") == std::string::npos;
  if (digits) port = std::stoul(port_text);
  if (host.empty() || !digits || port == 0 || port > 65535) {
    throw Error(ErrorCode::input, url + ": not a remote database address",
                "write tcp://HOST:PORT, e.g. tcp://127.0.0.1:5050");
  }
  try {
    return Xapian::Remote::open(host, port, kRemoteTimeoutMs, kConnectTimeoutMs);
  } catch (const Xapian::Error& e) {
    std::string reason = e.get_msg();
    if (e.get_error_string() != nullptr) reason += " (" + std::string(e.get_error_string()) + ")";
    throw Error(ErrorCode::database,
                url + ": cannot reach xapian-tcpsrv at " + address + ": " + reason,
                "start it with: xapian-tcpsrv --port " + port_text +
                    " --interface 127.0.0.1 DB (on the host that has DB)");
  }
}

// Follows a stub file (and the stubs it names with `auto`, and a directory's XAPIANDB stub)
// before Xapian opens it: says whether it lists a remote shard (Xapian does not say whether a
// Database is remote, and counting facets must know before it picks a match spy), and refuses
// a stub that names itself, directly or through others (Xapian recursed until it crashed).
// Anything unreadable is left for opening to report.
bool stub_has_remote(const std::filesystem::path& path, std::vector<std::string>& chain) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const std::string key = fs::weakly_canonical(path, ec).string();
  if (std::find(chain.begin(), chain.end(), key) != chain.end()) {
    std::string loop;
    for (const std::string& p : chain) loop += p + " -> ";
    throw Error(
        ErrorCode::database, "stub file " + chain.front() + " names itself: " + loop + key,
        "an auto line may name a database or another stub file, but none that leads back here");
  }
  chain.push_back(key);
  bool remote = false;
  if (fs::is_directory(path, ec)) {
    const fs::path stub = path / "XAPIANDB";
    remote = fs::is_regular_file(stub, ec) && stub_has_remote(stub, chain);
  } else if (fs::is_regular_file(path, ec)) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("remote ", 0) == 0) remote = true;
      if (line.rfind("auto ", 0) == 0) {
        fs::path target = line.substr(5);
        if (target.is_relative()) target = path.parent_path() / target;
        if (stub_has_remote(target, chain)) remote = true;
      }
    }
  }
  chain.pop_back();
  return remote;
}

bool stub_has_remote(const std::filesystem::path& path) {
  std::vector<std::string> chain;
  return stub_has_remote(path, chain);
}

// The words worth looking for in articles like another: stems ("Z" + stem), which is what a
// query's own words match, so an article that says "exports" is like one that says "export".
// Left out: the unstemmed forms (the same words again), title stems ("ZS": the same words
// again), numbers (figures and years say little about the topic and differ between two
// stories on it), one-letter stems, and every boolean term (ids, dates, sources, entities).
class LikeTermDecider : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    if (term.size() < 3 || term[0] != schema::kStem[0]) return false;
    if (term[1] >= 'A' && term[1] <= 'Z') return false;  // another prefix under Z (ZS)
    return term.find_first_not_of("0123456789.,'-", 1) != std::string::npos;
  }
};

// Articles like the one with `id`: its `n` words with the highest expand weight (Xapian's
// expand set of a relevance set holding only that article), ORed, the article itself
// excluded. Throws Error(not_found) when no database holds the id. `stems` receives the
// stems, for snippets.
// Measured on Reuters-21578 (172 articles with TOPICS, share of the top five hits that share
// a topic with the article): a plain OR beat scaling each word by its expand weight at every
// size (0.61/0.68/0.71/0.72/0.73 against 0.58/0.66/0.68/0.69/0.70 for 10/20/30/40/60 words):
// BM25 already weighs rare words up, and the expand weight counts them twice.
Xapian::Query like_query(const Xapian::Database& db, const std::string& id, std::size_t n,
                         std::vector<std::string>& stems) {
  const std::string id_term = index::id_term(id);
  const Xapian::PostingIterator posting = db.postlist_begin(id_term);
  if (posting == db.postlist_end(id_term)) {
    throw Error(ErrorCode::not_found, "no article with id '" + id + "'",
                "give an id as the hits show it (the id field of --json)");
  }
  Xapian::RSet rset;
  rset.add_document(*posting);
  Xapian::Enquire enquire(db);
  const LikeTermDecider decider;
  const Xapian::ESet eset =
      enquire.get_eset(static_cast<Xapian::termcount>(std::min<std::size_t>(n, 10000)), rset,
                       Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
  std::vector<Xapian::Query> terms;
  for (auto it = eset.begin(); it != eset.end(); ++it) {
    terms.emplace_back(*it);
    stems.push_back((*it).substr(1));
  }
  return Xapian::Query(Xapian::Query::OP_AND_NOT,
                       Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                       Xapian::Query(id_term));
}

// "Did you mean" (SearchResult::suggestion) for `query`, which matched as `result` says.
void add_suggestion(const Xapian::Database& db, const std::string& query,
                    const SearchOptions& options, const entities::ActorAliases& actors,
                    SearchResult& result) {
  // Below a few matches (estimates are exact that low: the match looked at 100 more than asked).
  const std::size_t matched = result.matches.value_or(result.matches_upper_bound);
  if (matched >= options.suggest_below) return;
  // The suggestion's count is of what --count counts: stories, or articles with all_copies.
  const std::size_t matched_units =
      options.all_copies ? matched : result.stories.value_or(result.stories_estimated);
  const std::string corrected = xapian_try("looking for a spelling correction", [&] {
    try {
      return search::suggest_spelling(query, db);
    } catch (const Xapian::UnimplementedError&) {
      return std::string();  // a backend without a spelling table
    }
  });
  if (corrected.empty()) return;
  // Offered only if it finds more: its exact count, over every document (a boolean match).
  std::optional<search::ParsedQuery> parsed;
  try {
    parsed = xapian_try("parsing the corrected query",
                        [&] { return search::parse_query(corrected, db, "en", &actors); });
  } catch (const QueryError&) {
    return;
  }
  const std::size_t count = xapian_try("counting the corrected query's matches", [&] {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(
        Xapian::Query::OP_AND,
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query::MatchAll, 0), parsed->query));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    // Stories: every match less, per story key, the copies beyond the first.
    Xapian::ValueCountMatchSpy keys(schema::kDuplicateSlot);
    if (!options.all_copies) enquire.add_matchspy(&keys);
    const auto articles =
        static_cast<std::size_t>(enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated());
    std::size_t copies = 0;
    for (auto it = keys.values_begin(); it != keys.values_end(); ++it) {
      copies += it.get_termfreq() - 1;
    }
    return articles - copies;
  });
  if (count <= matched_units) return;
  result.suggestion = corrected;
  result.suggestion_matches = count;
}

}  // namespace

struct __attribute__((visibility("hidden"))) Searcher::Impl {  // no part of the ABI
  Xapian::Database db;
  search::DisplayNames display_names;
  // The actor groups of each database searched (entities/actor_canon.h), in Xapian's order of
  // sub-databases (a stub file's entries share its first one's table), decoded again only when
  // a stored table changes (batch mode searches many times between two commits); `actors`: all
  // of them merged, for actor: values and display names.
  std::vector<Xapian::Database> table_sources;
  std::vector<Xapian::Database> shard_dbs;  // each database given, as opened
  std::vector<std::string> tables_stored;
  std::vector<entities::ActorAliases> tables;
  entities::ActorAliases actors;
  const entities::ActorAliases& actor_groups() {
    bool changed = tables.size() != table_sources.size();
    tables.resize(table_sources.size());
    tables_stored.resize(table_sources.size());
    for (std::size_t i = 0; i < table_sources.size(); ++i) {
      std::string stored = table_sources[i].get_metadata(schema::kMetaActorAliases);
      if (stored == tables_stored[i] && !changed) continue;
      changed = true;
      tables[i] = entities::ActorAliases::decode(stored);
      tables_stored[i] = std::move(stored);
    }
    if (changed) {
      actors = {};
      for (const auto& t : tables) actors.merge(t);
    }
    return actors;
  }
  // The table of the database holding `docid` (of db).
  const entities::ActorAliases& table_of(Xapian::docid docid) const {
    return tables.empty() ? actors : tables[(docid - 1) % tables.size()];
  }
  std::size_t shards = 0;  ///< databases in db (a stub file counts its entries)
  /// The db_paths that are or hold remote shards (a stub file with `remote` lines); facets then
  /// use only what the stock servers can run.
  std::vector<std::string> remotes;
  /// related(): entity counts over all articles, per revision (search/explore.h).
  search::BackgroundCounts background;
};

Searcher::Searcher(const std::vector<std::string>& db_paths) : impl_(std::make_unique<Impl>()) {
  if (db_paths.empty()) throw Error(ErrorCode::input, "no database given");
  for (const std::string& path : db_paths) {
    Xapian::Database shard;
    if (path.rfind(kTcpScheme, 0) == 0) {
      shard = open_tcp(path);
      impl_->remotes.push_back(path);
    } else {
      std::error_code ec;
      if (!std::filesystem::exists(path, ec)) {
        throw Error(ErrorCode::database, path + ": no such database",
                    "create it with: newsdex-index --db " + path + " FILES...");
      }
      if (stub_has_remote(path)) impl_->remotes.push_back(path);
      try {
        shard = xapian_try("opening " + path, [&] { return Xapian::Database(path); });
      } catch (const Error& e) {
        // Xapian's network errors arrive as Error(io); here they mean a shard is unreachable.
        if (e.code() != ErrorCode::io || impl_->remotes.empty() || impl_->remotes.back() != path) {
          throw;
        }
        throw Error(ErrorCode::database, e.what(),
                    "is the xapian-tcpsrv or xapian-progsrv of each remote line in " + path +
                        " running? (docs/scaling.md)");
      }
    }
    // A writer committing while the shard is being checked can discard the revision just
    // opened: reopen and check again.
    for (int attempt = 1;; ++attempt) {
      try {
        if (attempt > 1) xapian_try("reopening " + path, [&] { shard.reopen(); });
        xapian_try("opening " + path, [&] {
          schema::check_schema(shard, path);
          if (shard.get_doccount() == 0 && shard.get_metadata(schema::kMetaSchema).empty()) {
            throw Error(ErrorCode::database, path + ": not a newsdex database (empty, no schema)",
                        "create it with: newsdex-index --db " + path + " FILES...");
          }
        });
        break;
      } catch (const DatabaseChanged&) {
        if (attempt == 10) throw;
      }
    }
    impl_->db.add_database(shard);
    impl_->shards += shard.size();
    for (std::size_t k = 0; k < shard.size(); ++k) impl_->table_sources.push_back(shard);
    impl_->shard_dbs.push_back(shard);
  }
}

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

bool Searcher::reopen() {
  for (int attempt = 1;; ++attempt) {
    try {
      const bool changed = xapian_try("reopening the database", [&] { return impl_->db.reopen(); });
      if (changed) impl_->display_names = {};
      return changed;
    } catch (const DatabaseChanged&) {
      if (attempt == 10) throw;
    }
  }
}

std::optional<StoredArticle> Searcher::get_article(const std::string& id) {
  const std::string term = index::id_term(id);
  for (int attempt = 1;; ++attempt) {
    try {
      return xapian_try("reading article " + id, [&]() -> std::optional<StoredArticle> {
        auto posting = impl_->db.postlist_begin(term);
        if (posting == impl_->db.postlist_end(term)) return std::nullopt;
        const nlohmann::json data = nlohmann::json::parse(
            impl_->db.get_document(*posting).get_data(), nullptr, /*allow_exceptions=*/false);
        StoredArticle stored;
        if (!data.is_object()) return stored;
        Article& a = stored.article;
        a.id = data.value("id", id);
        a.date = data.value("date", "");
        a.time = data.value("time", "");
        a.title = data.value("title", "");
        a.body = data.value("body", "");
        a.source = data.value("source", "");
        a.url = data.value("url", "");
        a.lang = data.value("lang", "");
        a.path = data.value("path", "");
        if (data.contains("actors")) {
          stored.entities.actors = entities::entities_from_json(data["actors"]);
          impl_->actor_groups();
          entities::apply_actor_groups(impl_->table_of(*posting), stored.entities.actors);
        }
        if (data.contains("places"))
          stored.entities.places = entities::entities_from_json(data["places"]);
        return stored;
      });
    } catch (const DatabaseChanged&) {
      if (attempt == 10) throw;
      xapian_try("reopening the database", [&] { impl_->db.reopen(); });
    }
  }
}

std::size_t Searcher::doc_count() const {
  return xapian_try("counting documents", [&] { return impl_->db.get_doccount(); });
}

SearchResult Searcher::search(const std::string& query, const SearchOptions& options) {
  // An indexer that commits while a search reads can overwrite the revision the search has
  // open (Xapian's DatabaseModifiedError): reopen at the latest commit and run it again. Each
  // retry starts from a newer commit, so a few are enough unless commits come back to back.
  constexpr int kAttempts = 10;
  for (int attempt = 1;; ++attempt) {
    try {
      if (attempt > 1) {
        // (Reopening can itself meet a revision that went away meanwhile: that is retried too.)
        xapian_try("reopening the database", [&] { impl_->db.reopen(); });
        impl_->display_names = {};
      }
      return search_once(query, options);
    } catch (const DatabaseChanged&) {
      if (attempt == kAttempts) throw;
    }
  }
}

SearchResult Searcher::search_once(const std::string& query, const SearchOptions& options) {
  if (!impl_->remotes.empty()) {
    // Refused up front: Xapian would fail only inside get_mset(), when it tries to serialise
    // newsdex's spy for the server, with a message about serialise().
    std::string lists;
    std::size_t n = 0;
    for (FacetField f : options.facets) {
      if (search::FacetSpy::remote_ok(f)) continue;
      lists += (lists.empty() ? "" : ",") + std::string(to_string(f));
      ++n;
    }
    if (n > 0) {
      throw Error(ErrorCode::input,
                  std::string(n == 1 ? "facet " : "facets ") + lists +
                      " cannot be counted over remote shards (" + impl_->remotes.front() +
                      "): an article has a list of these in one value slot, which only "
                      "newsdex's own match spy can count, and xapian-tcpsrv and xapian-progsrv "
                      "run only Xapian's built-in spies",
                  "counts, timelines and the source, lang, year and month facets work over "
                  "remote shards; for " +
                      lists + " search the shard databases locally (docs/scaling.md)");
    }
  }
  // Parsing reads the database too (term lists for wildcards, the date range for open date:
  // ranges), so it meets a DatabaseModifiedError like the match does.
  // The corpus's actor groups (entities/actor_canon.h), for actor: values and the actor facet.
  const entities::ActorAliases& actors =
      xapian_try("reading the actor table",
                 [&]() -> const entities::ActorAliases& { return impl_->actor_groups(); });
  // With like, the query may be empty: it then narrows nothing down.
  const bool like_only =
      !options.like.empty() && query.find_first_not_of(" \t\r\n") == std::string::npos;
  const search::ParsedQuery parsed =
      like_only ? search::ParsedQuery{} : xapian_try("parsing the query", [&] {
        return search::parse_query(query, impl_->db, "en", &actors);
      });
  std::vector<std::string> like_stems;
  const Xapian::Query like =
      options.like.empty()
          ? Xapian::Query()
          : xapian_try("finding the words of article " + options.like, [&] {
              return like_query(impl_->db, options.like, options.like_terms, like_stems);
            });
  // What an article must match: the query, and with like, a word of the article.
  const Xapian::Query matched = options.like.empty() ? parsed.query
                                : like_only
                                    ? like
                                    : Xapian::Query(Xapian::Query::OP_AND, like, parsed.query);
  if (options.sort == SortOrder::distance && parsed.near.empty()) {
    throw Error(ErrorCode::input, "sorting by distance needs a near: in the query",
                "add one, e.g. 'oil near:Kursk/200km', or sort by relevance or date");
  }
  search::MatchTerms match_terms;
  match_terms.exact.insert(parsed.exact_terms.begin(), parsed.exact_terms.end());
  match_terms.stems.insert(parsed.stem_terms.begin(), parsed.stem_terms.end());
  match_terms.stems.insert(like_stems.begin(), like_stems.end());

  SearchResult found = xapian_try("searching", [&] {
    Xapian::Enquire enquire(impl_->db);
    // Xapian 1.4.22 fails with "Unexpected end of posting list" when a query without weight
    // (a filter such as date:2025, or any query under boolean weighting) holds a term found in
    // every document of a database that has had documents deleted, and the matcher is asked
    // to look at many matches (exact counts). ANDing the query with all documents, weighted 0,
    // avoids that path and changes neither the matches nor their weights. Without hits to rank
    // (limit 0), weights are wasted work: boolean weighting then, safe under the same AND.
    const bool no_hits = options.limit == 0;
    const bool only_filters = parsed.exact_terms.empty() && parsed.stem_terms.empty();
    Xapian::Query query = only_filters || no_hits
                              ? Xapian::Query(Xapian::Query::OP_AND,
                                              Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                                            Xapian::Query::MatchAll, 0),
                                              matched)
                              : matched;
    // Nearest first: the near: posting source's weight (larger for closer) is the only weight.
    if (options.sort == SortOrder::distance && !no_hits) {
      query = Xapian::Query(Xapian::Query::OP_AND,
                            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, 0), parsed.near);
    }
    enquire.set_query(query);
    if (no_hits) enquire.set_weighting_scheme(Xapian::BoolWeight());
    switch (options.sort) {
      case SortOrder::relevance:
      case SortOrder::distance:
        break;
      case SortOrder::date_ascending:
        enquire.set_sort_by_value_then_relevance(schema::kDateTimeSlot, false);
        break;
      case SortOrder::date_descending:
        enquire.set_sort_by_value_then_relevance(schema::kDateTimeSlot, true);
        break;
    }
    // Exact counts, facets and timelines need every match looked at: a check_at_least of the
    // database size makes the matcher consider them all (and the spy see each one).
    const bool everything =
        options.exact_count || !options.facets.empty() || options.timeline.has_value();
    std::unique_ptr<search::FacetSpy> spy;
    if (!options.facets.empty() || options.timeline) {
      spy = std::make_unique<search::FacetSpy>(options.facets, options.timeline.has_value(),
                                               impl_->shards, !impl_->remotes.empty());
      std::vector<const entities::ActorAliases*> tables;
      for (const auto& t : impl_->tables) tables.push_back(&t);
      spy->set_actor_aliases(std::move(tables));
      spy->attach(enquire);
    }
    // A story's copies collapse into its best-ranked one (index/duplicates.h). The matcher
    // hands every match to the spies before collapsing, so a built-in spy on the story key
    // counts copies and stories exactly, over remote shards too.
    if (!options.all_copies) enquire.set_collapse_key(schema::kDuplicateSlot);
    Xapian::ValueCountMatchSpy story_spy(schema::kDuplicateSlot);
    if (everything) enquire.add_matchspy(&story_spy);
    if (spy && !options.all_copies) spy->count_stories();
    const Xapian::doccount first = saturating_sum(options.offset, 0);
    const Xapian::doccount max_items = saturating_sum(options.limit, 0);
    const Xapian::doccount check_at_least =
        everything ? impl_->db.get_doccount()
                   : saturating_sum(first, saturating_sum(max_items, 100));
    const Xapian::MSet mset = enquire.get_mset(first, max_items, check_at_least);
    SearchResult result;
    // With copies collapsed, Xapian's plain bounds are of stories; the article counts stay
    // those of all matches.
    result.matches_estimated = mset.get_uncollapsed_matches_estimated();
    result.matches_lower_bound = mset.get_uncollapsed_matches_lower_bound();
    result.matches_upper_bound = mset.get_uncollapsed_matches_upper_bound();
    result.stories_estimated =
        std::min<std::size_t>(mset.get_matches_estimated(), result.matches_estimated);
    // Xapian's uncollapsed bounds can stay above 0 when nothing matched (a near: posting
    // source that accepts no document): no story means no article.
    if (mset.get_matches_upper_bound() == 0) {
      result.matches_estimated = result.matches_lower_bound = result.matches_upper_bound = 0;
    }
    std::unordered_map<std::string, std::size_t> copies;  // matching copies per story key
    if (everything) {
      std::size_t with_key = 0;
      for (auto v = story_spy.values_begin(); v != story_spy.values_end(); ++v) {
        copies.emplace(*v, v.get_termfreq());
        with_key += v.get_termfreq();
      }
      result.matches = story_spy.get_total();
      result.stories = story_spy.get_total() - with_key + copies.size();
    }
    // Without collapsing, Xapian's bounds count articles, and meet when every match was seen.
    if (everything && options.all_copies) {
      if (result.matches_lower_bound != result.matches_upper_bound) {
        throw Error(ErrorCode::internal, "the match count is not exact (" +
                                             std::to_string(result.matches_lower_bound) + " to " +
                                             std::to_string(result.matches_upper_bound) + ")");
      }
      if (result.matches != result.matches_lower_bound) {
        throw Error(ErrorCode::internal,
                    "the match count is not exact (" + std::to_string(result.matches_lower_bound) +
                        " matches, " + std::to_string(*result.matches) + " seen)");
      }
    }
    if (spy) {
      spy->finish(impl_->db);
      // Over several databases, each groups actors by its own table (the groups come from its
      // own articles), and a match spy is not told which database an article is in: the actor
      // facet is counted again on each database with its table and summed, so it is the sum of
      // the databases' own facets.
      const bool actor_facet = std::find(options.facets.begin(), options.facets.end(),
                                         FacetField::actor) != options.facets.end();
      if (actor_facet && impl_->shard_dbs.size() > 1 && impl_->remotes.empty() && !actors.empty()) {
        std::size_t sub = 0;
        for (std::size_t k = 0; k < impl_->shard_dbs.size(); ++k) {
          const Xapian::Database& shard = impl_->shard_dbs[k];
          Xapian::Enquire part(shard);
          part.set_query(Xapian::Query(
              Xapian::Query::OP_AND,
              Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query::MatchAll, 0), matched));
          part.set_weighting_scheme(Xapian::BoolWeight());
          search::FacetSpy part_spy({FacetField::actor}, false, shard.size());
          if (spy->counts_stories()) part_spy.count_stories();
          part_spy.set_actor_aliases({&impl_->tables[sub]});
          part_spy.attach(part);
          part.get_mset(0, 0, shard.get_doccount());
          part_spy.finish(shard);
          spy->take_counts(FacetField::actor, part_spy, k == 0);
          sub += shard.size();
        }
      }
      result.facets = search::build_facets(*spy, options.facets, options.facet_limit, impl_->db,
                                           impl_->display_names, &actors);
      if (options.timeline) {
        result.timeline = search::build_timeline(*spy, *options.timeline, options.normalize,
                                                 parsed.date_first, parsed.date_last, impl_->db);
      }
      const CountUnit unit = spy->counts_stories() ? CountUnit::stories : CountUnit::articles;
      for (Facet& f : result.facets) f.counts = unit;
      if (result.timeline) result.timeline->counts = unit;
    }
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const nlohmann::json data = nlohmann::json::parse(it.get_document().get_data(), nullptr,
                                                        /*allow_exceptions=*/false);
      Hit hit;
      hit.rank = it.get_rank() + 1;
      hit.score = it.get_weight();
      hit.percent = it.get_percent();
      hit.story = it.get_collapse_key();
      if (hit.story.empty() && options.all_copies) {
        hit.story = it.get_document().get_value(schema::kDuplicateSlot);
      }
      if (!hit.story.empty()) {
        const auto c = copies.find(hit.story);
        if (c != copies.end()) {
          hit.copies = c->second;
        } else if (!options.all_copies) {
          hit.copies = it.get_collapse_count() + 1;
        }
      }
      if (data.is_object()) {
        hit.id = data.value("id", "");
        hit.date = data.value("date", "");
        hit.time = data.value("time", "");
        hit.title = data.value("title", "");
        hit.source = data.value("source", "");
        hit.url = data.value("url", "");
        hit.path = data.value("path", "");
        hit.lang = data.value("lang", "");
        hit.snippet = search::make_snippet(data.value("body", ""), match_terms, hit.lang,
                                           options.snippet_chars);
        hit.title_highlights = search::highlight_all(hit.title, match_terms, hit.lang);
        if (data.contains("actors")) {
          hit.actors = entities::entities_from_json(data["actors"]);
          entities::apply_actor_groups(impl_->table_of(*it), hit.actors);
        }
        if (data.contains("places")) hit.places = entities::entities_from_json(data["places"]);
      }
      result.hits.push_back(std::move(hit));
    }
    return result;
  });
  add_suggestion(impl_->db, query, options, actors, found);
  return found;
}

// --- Exploring a story: related entities and the co-mention network ---

namespace {

constexpr const char* kEntityKindNames[] = {"actor", "place"};
constexpr const char* kNetworkKindNames[] = {"actor", "place", "both"};

// Runs `body` and, when an indexer's commit overwrote the revision it read, reopens the
// databases and runs it again (as Searcher::search() does).
template <class Body>
auto with_retries(Xapian::Database& db, search::DisplayNames& names, const Body& body) {
  for (int attempt = 1;; ++attempt) {
    try {
      if (attempt > 1) {
        xapian_try("reopening the database", [&] { db.reopen(); });
        names = {};
      }
      return body();
    } catch (const DatabaseChanged&) {
      if (attempt == 10) throw;
    }
  }
}

}  // namespace

EntityKind parse_entity_kind(const std::string& name) {
  return parse_name<EntityKind>(kEntityKindNames, name, "entity kind",
                                "entity kinds are actor and place");
}

const char* to_string(EntityKind kind) noexcept {
  return kEntityKindNames[static_cast<std::size_t>(kind)];
}

NetworkKind parse_network_kind(const std::string& name) {
  return parse_name<NetworkKind>(kNetworkKindNames, name, "network kind",
                                 "network kinds are actor, place and both");
}

const char* to_string(NetworkKind kind) noexcept {
  return kNetworkKindNames[static_cast<std::size_t>(kind)];
}

namespace {

// Articles (`stories`: stories) matching `query` per canonical id of `kind`, counted as the
// actor and place facets count them (each database's actor groups, summed over databases);
// `seen`: the articles (stories).
search::EntityCounts count_entities(Searcher::Impl& impl, const Xapian::Query& query,
                                    EntityKind kind, bool stories, std::size_t& seen) {
  const FacetField field = kind == EntityKind::actor ? FacetField::actor : FacetField::place;
  const Xapian::Query all_weight0(
      Xapian::Query::OP_AND,
      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query::MatchAll, 0), query);
  search::EntityCounts counts;
  seen = 0;
  // Actors: each database groups them by its own table, as the facet does (searcher above).
  const bool per_shard =
      kind == EntityKind::actor && impl.shard_dbs.size() > 1 && !impl.actors.empty();
  std::size_t sub = 0;
  for (std::size_t k = 0; k < (per_shard ? impl.shard_dbs.size() : 1); ++k) {
    const Xapian::Database& db = per_shard ? impl.shard_dbs[k] : impl.db;
    Xapian::Enquire enquire(db);
    enquire.set_query(all_weight0);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    search::FacetSpy spy({field}, false, per_shard ? db.size() : impl.shards);
    std::vector<const entities::ActorAliases*> tables;
    if (per_shard) {
      tables.push_back(&impl.tables[sub]);
    } else {
      for (const auto& t : impl.tables) tables.push_back(&t);
    }
    spy.set_actor_aliases(std::move(tables));
    if (stories) spy.count_stories();
    spy.attach(enquire);
    enquire.get_mset(0, 0, db.get_doccount());
    spy.finish(db);
    for (const auto& [id, n] : spy.counts(field)) counts[id] += n;
    seen += spy.seen();
    sub += db.size();
  }
  return counts;
}

void check_local(const Searcher::Impl& impl, const char* what) {
  if (impl.remotes.empty()) return;
  throw Error(ErrorCode::input,
              std::string(what) + " cannot be computed over remote shards (" +
                  impl.remotes.front() +
                  "): it counts the actors and places of each article, which only newsdex's "
                  "own match spy can read, and xapian-tcpsrv and xapian-progsrv run only "
                  "Xapian's built-in spies",
              "search the shard databases locally (docs/scaling.md)");
}

// Display name and country of an entity.
std::pair<std::string, std::string> entity_display(Searcher::Impl& impl, EntityKind kind,
                                                   const std::string& id) {
  if (kind == EntityKind::actor) {
    if (!impl.actors.display(id).empty()) return {impl.actors.display(id), ""};
    return {impl.display_names.get(impl.db, entities::kActorPrefix + id, "actors", id).name, ""};
  }
  const auto& d = impl.display_names.get(impl.db, entities::kPlacePrefix + id, "places", id);
  return {d.name, d.country};
}

// `query` parsed with the corpus's actor groups (what actor: values resolve to).
search::ParsedQuery parse_with_actors(Searcher::Impl& impl, const std::string& query) {
  const entities::ActorAliases& actors =
      xapian_try("reading the actor table",
                 [&]() -> const entities::ActorAliases& { return impl.actor_groups(); });
  return xapian_try("parsing the query",
                    [&] { return search::parse_query(query, impl.db, "en", &actors); });
}

// Whether the query asks for the entity itself (an actor: or place: value that finds it): its
// id, a word of its id or its folded name among the query's entity terms.
class AskedFor {
 public:
  AskedFor(const Xapian::Query& query, EntityKind kind) {
    const std::string id_prefix =
        kind == EntityKind::actor ? entities::kActorPrefix : entities::kPlacePrefix;
    const std::string word_prefix =
        kind == EntityKind::actor ? entities::kActorWordPrefix : entities::kPlaceWordPrefix;
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
      const std::string term = *it;
      if (term.rfind(id_prefix, 0) == 0) ids_.insert(term.substr(id_prefix.size()));
      if (term.rfind(word_prefix, 0) == 0) words_.insert(term.substr(word_prefix.size()));
    }
    kind_ = kind;
  }
  bool empty() const { return ids_.empty() && words_.empty(); }
  bool operator()(const std::string& id, const std::string& name,
                  const entities::ActorAliases& actors) const {
    if (kind_ == EntityKind::place) {
      return ids_.count(id) > 0 || words_.count(entities::fold_name(name)) > 0;
    }
    for (const std::string& member : actors.group(id)) {
      if (ids_.count(member) || words_.count(member)) return true;
      std::size_t start = 0;
      while (start < member.size()) {
        std::size_t sp = member.find(' ', start);
        if (sp == std::string::npos) sp = member.size();
        if (words_.count(member.substr(start, sp - start))) return true;
        start = sp + 1;
      }
    }
    return false;
  }

 private:
  EntityKind kind_;
  std::unordered_set<std::string> ids_, words_;
};

}  // namespace

RelatedEntities Searcher::related(const std::string& query, const RelatedOptions& options) {
  check_local(*impl_, "--related");
  return with_retries(impl_->db, impl_->display_names, [&] {
    Impl& impl = *impl_;
    const search::ParsedQuery parsed = parse_with_actors(impl, query);
    return xapian_try("finding related entities", [&] {
      RelatedEntities result;
      result.kind = options.kind;
      // Over remote shards there is no related(); locally, copies are told apart by their keys.
      const bool stories = !options.all_copies;
      result.unit = stories ? CountUnit::stories : CountUnit::articles;
      const search::EntityCounts fg =
          count_entities(impl, parsed.query, options.kind, stories, result.fg_size);
      const std::size_t k =
          static_cast<std::size_t>(options.kind) * 2 + static_cast<std::size_t>(result.unit);
      const std::string key = search::revision_key(impl.db);
      if (!impl.background.valid[k] || impl.background.key[k] != key) {
        impl.background.counts[k] = count_entities(impl, Xapian::Query::MatchAll, options.kind,
                                                   stories, impl.background.size[k]);
        impl.background.key[k] = key;
        impl.background.valid[k] = true;
      }
      result.bg_size = impl.background.size[k];
      // A foreground smaller than min_count would exclude everything: then an entity must be
      // in every matching article (a single article: its own entities), and in at least two
      // articles of the corpus, so that one-off names of that article do not top the list.
      result.min_count = std::max<std::size_t>(1, std::min(options.min_count, result.fg_size));
      const std::size_t min_bg = result.fg_size < options.min_count ? 2 : 0;
      // All of them ranked; the entities the query asks for (which would top their own list)
      // are left out, then the best `limit` are kept.
      std::vector<RelatedEntity> ranked =
          search::rank_related(fg, result.fg_size, impl.background.counts[k], result.bg_size,
                               result.min_count, min_bg, 0);
      const AskedFor asked(parsed.query, options.kind);
      for (RelatedEntity& e : ranked) {
        if (options.limit != 0 && result.entities.size() == options.limit) break;
        std::tie(e.name, e.country) = entity_display(impl, options.kind, e.id);
        if (!asked.empty() && asked(e.id, e.name, impl.actors)) continue;
        e.query = search::entity_query(options.kind, e.id);
        result.entities.push_back(std::move(e));
      }
      return result;
    });
  });
}

Network Searcher::network(const std::string& query, const NetworkOptions& options) {
  check_local(*impl_, "--network");
  return with_retries(impl_->db, impl_->display_names, [&] {
    Impl& impl = *impl_;
    const search::ParsedQuery parsed = parse_with_actors(impl, query);
    return xapian_try("building the network", [&] {
      Network net;
      net.kind = options.kind;
      const bool stories = !options.all_copies;
      net.unit = stories ? CountUnit::stories : CountUnit::articles;
      net.max_nodes = options.max_nodes;
      net.min_weight = options.min_weight;
      // Candidates: every entity of the matches, with the facet's count, most matches first.
      struct Candidate {
        EntityKind kind;
        std::string id;
        std::size_t count;
      };
      std::vector<Candidate> candidates;
      for (EntityKind kind : {EntityKind::actor, EntityKind::place}) {
        if (options.kind != NetworkKind::both &&
            static_cast<int>(options.kind) != static_cast<int>(kind)) {
          continue;
        }
        std::size_t seen = 0;
        for (auto& [id, n] : count_entities(impl, parsed.query, kind, stories, seen)) {
          if (!search::entity_query(kind, id).empty()) candidates.push_back({kind, id, n});
        }
        net.matches = seen;
      }
      net.candidates = candidates.size();
      std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        if (a.count != b.count) return a.count > b.count;
        if (a.kind != b.kind) return a.kind < b.kind;
        return a.id < b.id;
      });
      if (options.max_nodes != 0 && candidates.size() > options.max_nodes) {
        candidates.resize(options.max_nodes);
        net.truncated = true;
      }
      // Each node's articles are the matches its own query finds, so that counts and weights
      // are what newsdex-search --count says for QUERY plus the node queries: stories, a story
      // counted when one of its copies is found.
      std::vector<std::vector<Xapian::docid>> sets;
      search::StoryOf story;
      if (stories)
        story = search::stories_of(impl.db, search::matching_docids(impl.db, parsed.query));
      const search::StoryOf* story_of = stories ? &story : nullptr;
      for (const Candidate& c : candidates) {
        NetworkNode node;
        node.id = c.id;
        node.kind = c.kind;
        std::tie(node.name, node.country) = entity_display(impl, c.kind, c.id);
        node.query = search::entity_query(c.kind, c.id);
        const search::ParsedQuery node_query = parse_with_actors(impl, node.query);
        sets.push_back(search::matching_docids(
            impl.db, Xapian::Query(Xapian::Query::OP_AND, parsed.query, node_query.query)));
        node.count = search::count_stories(sets.back(), story_of);
        net.nodes.push_back(std::move(node));
      }
      net.edges = search::co_mention_edges(sets, options.min_weight, story_of);
      return net;
    });
  });
}

}  // namespace newsdex
