// Counting all matches of a query by facet value and by day, in one pass of the matcher.
#pragma once

#include <newsdex/searcher.h>
#include <xapian.h>

#include <array>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsdex::entities {
class ActorAliases;
}

namespace newsdex::search {

/// A match spy that notes every document the matcher considers, then counts the facet value
/// slots (index/schema.h) of those documents. It sees every match only when
/// Enquire::get_mset() is given a check_at_least of at least the database size. Not
/// thread-safe; one per search.
///
/// On one database, values are read after matching, slot by slot, by walking each slot's value
/// stream in docid order: Document::get_value() during the match looks each value up from the
/// top of the B-tree and decodes its chunk from the start. Over several databases the spy is
/// handed each shard's own docids (Xapian 1.4), which do not index the combined value streams,
/// so there it reads the values from the documents as they come.
///
/// A remote server (xapian-tcpsrv, xapian-progsrv) runs a match spy only if it can rebuild it
/// from its name, and the stock servers know only Xapian's own. So when any shard is remote the
/// counting is left to one Xapian::ValueCountMatchSpy per single-valued slot (date, source,
/// lang), which the servers run and send back; the list slots (actors, places, countries) hold
/// several values joined in one string, which that spy would count as one, so they cannot be
/// counted there.
class FacetSpy : public Xapian::MatchSpy {
 public:
  /// Counts `fields`, and articles per day when `days` (timelines, year and month facets),
  /// over a database made of `shards` databases. With `remote` (some shard is remote), counts
  /// with Xapian's built-in spies instead; then `fields` must not hold a list field
  /// (remote_ok()), else Error(internal).
  FacetSpy(const std::vector<FacetField>& fields, bool days, std::size_t shards,
           bool remote = false);
  ~FacetSpy() override;
  void operator()(const Xapian::Document& doc, double weight) override;

  /// Whether `field` can be counted over remote shards (it is one value per article).
  static bool remote_ok(FacetField field);
  /// Adds the spy, or the built-in spies that count for it, to `enquire`. They must outlive
  /// its get_mset().
  void attach(Xapian::Enquire& enquire);

  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  using Counts = std::unordered_map<std::string, std::size_t, StringHash, std::equal_to<>>;

  /// Raw counts by slot value of one field (entity ids, countries, sources as given, langs).
  const Counts& counts(FacetField field) const { return counts_[index(field)]; }
  /// Documents considered with no value for `field`'s slot.
  std::size_t without(FacetField field) const { return without_[index(field)]; }
  /// Documents considered, per "YYYYMMDD" date.
  const std::map<std::string, std::size_t>& days() const { return days_; }
  /// Documents considered.
  std::size_t seen() const { return seen_; }
  /// Counts each actor under its group's canonical id (entities/actor_canon.h), an article
  /// once per group, by the table of the database the article is in: `tables[i]` for the i-th
  /// database searched (Xapian interleaves their docids). The tables must outlive finish();
  /// none: ids as stored.
  void set_actor_aliases(std::vector<const entities::ActorAliases*> tables) {
    tables_ = std::move(tables);
  }
  /// Replaces what this spy counted for `field` by what `other` (a finished spy over part of
  /// the same matches) counted, added up over the calls: see Searcher (actors over shards).
  void take_counts(FacetField field, const FacetSpy& other, bool first);
  /// Counts each story once (index/duplicates.h): of the matches sharing a non-empty
  /// schema::kDuplicateSlot key, only the first the spy meets is counted. Not with remote
  /// shards (the built-in spies count every match); see counts_stories().
  void count_stories() { stories_ = slot_spies_.empty(); }
  /// Whether the counts are of stories (count_stories() took effect) rather than of articles.
  bool counts_stories() const { return stories_; }
  /// Call once after get_mset(), with the database searched: reads and counts the values.
  void finish(const Xapian::Database& db);

 private:
  static constexpr std::size_t kFields = 7;
  static std::size_t index(FacetField f) { return static_cast<std::size_t>(f); }
  void count_list(std::size_t field, std::string_view value);

  std::array<bool, kFields> wanted_{};
  std::array<Counts, kFields> counts_;
  std::array<std::size_t, kFields> without_{};
  bool want_days_ = false;
  void count_value(std::size_t field, const std::string& value);
  bool read_in_spy_ = false;
  std::vector<const entities::ActorAliases*> tables_;
  const entities::ActorAliases* actors_ = nullptr;  // the table of the article being counted
  std::vector<std::string_view> doc_actors_;  // one article's canonical actor ids (scratch)
  std::size_t seen_ = 0;
  std::vector<Xapian::docid> docids_;  // one database: the matches, read by finish()
  bool stories_ = false;               // count_stories()
  std::unordered_map<std::string, bool> stories_seen_;  // several databases: keys met so far
  // Remote shards: a built-in spy per slot, and the field it counts (kFields: days).
  struct SlotSpy {
    std::size_t field;
    std::unique_ptr<Xapian::ValueCountMatchSpy> spy;
  };
  std::vector<SlotSpy> slot_spies_;
  Counts by_day_;
  std::map<std::string, std::size_t> days_;
};

/// Display names of actors and places, read from the database once per term and kept for the
/// next searches (batch mode asks for the same entities again and again). Bounded: emptied when
/// it reaches kMaxEntries. Not thread-safe; one per Searcher.
class DisplayNames {
 public:
  struct Display {
    std::string name;
    std::string country;
  };
  /// The name of entity `id` indexed under `term`, as stored in the data of an article that has
  /// it (`list` is "actors" or "places"); {id, ""} if none says.
  const Display& get(const Xapian::Database& db, const std::string& term, const char* list,
                     const std::string& id);

 private:
  static constexpr std::size_t kMaxEntries = 100000;
  std::unordered_map<std::string, Display> cache_;
};

/// The facets asked for, from a finished spy: top `limit` values (0: all) with display names
/// (read from the database for actors and places, through `names`; for an actor group named
/// by the user's aliases, that name from `actors`). Throws Xapian errors.
std::vector<Facet> build_facets(const FacetSpy& spy, const std::vector<FacetField>& fields,
                                std::size_t limit, const Xapian::Database& db, DisplayNames& names,
                                const entities::ActorAliases* actors = nullptr);

/// The timeline of a finished spy's days: buckets from the first to the last match, widened to
/// [range_first, range_last] ("YYYYMMDD", either may be empty) but never beyond the
/// database's own dates. With `normalize`, each bucket's total counts every article of the
/// database dated in it (within the range). Throws Xapian errors.
Timeline build_timeline(const FacetSpy& spy, Period period, bool normalize,
                        const std::string& range_first, const std::string& range_last,
                        const Xapian::Database& db);

/// Every period of length `period` from the one holding `first_day` to the one holding
/// `last_day` ("YYYY-MM-DD" each), with period, first_day and last_day set and counts 0. Empty if
/// either day is invalid or last_day is before first_day.
std::vector<TimelineBucket> periods_between(Period period, const std::string& first_day,
                                            const std::string& last_day);

}  // namespace newsdex::search
