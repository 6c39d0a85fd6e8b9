// Facets and timelines: one match spy over the value slots, then names and calendar buckets.
#include "search/facets.h"

#include <newsdex/error.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "entities/actor_canon.h"
#include "entities/data_dir.h"
#include "entities/index_terms.h"
#include "index/schema.h"
#include "text/tokenizer.h"
#include "util/calendar.h"

namespace newsdex::search {
namespace {

constexpr FacetField kAllFields[] = {FacetField::actor,  FacetField::place, FacetField::country,
                                     FacetField::source, FacetField::lang,  FacetField::year,
                                     FacetField::month};

Xapian::valueno slot_of(FacetField f) {
  switch (f) {
    case FacetField::actor:
      return schema::kActorsSlot;
    case FacetField::place:
      return schema::kPlacesSlot;
    case FacetField::country:
      return schema::kCountriesSlot;
    case FacetField::source:
      return schema::kSourceSlot;
    case FacetField::lang:
      return schema::kLangSlot;
    case FacetField::year:
    case FacetField::month:
      break;
  }
  return schema::kDateSlot;
}

bool is_list(FacetField f) {
  return f == FacetField::actor || f == FacetField::place || f == FacetField::country;
}

void increment(FacetSpy::Counts& counts, std::string_view key, std::size_t n = 1) {
  const auto it = counts.find(key);
  if (it != counts.end()) {
    it->second += n;
  } else {
    counts.emplace(std::string(key), n);
  }
}

// ISO 3166-1 display names by code (common name where iso-codes has one, corrected by
// corpus/gazetteer/country-names.tsv as the recogniser does). Loaded once, only when a country
// facet is asked for; a missing file leaves codes as names rather than failing the search.
const std::unordered_map<std::string, std::string>& country_names() {
  static std::unordered_map<std::string, std::string> names;
  static std::once_flag once;
  std::call_once(once, [] {
    std::ifstream iso("/usr/share/iso-codes/json/iso_3166-1.json");
    const nlohmann::json j = nlohmann::json::parse(iso, nullptr, /*allow_exceptions=*/false);
    if (j.is_object() && j.contains("3166-1") && j["3166-1"].is_array()) {
      for (const auto& c : j["3166-1"]) {
        const std::string code = c.value("alpha_2", "");
        const std::string name = c.value("common_name", c.value("name", ""));
        if (!code.empty() && !name.empty()) names[code] = name;
      }
    }
    std::ifstream tsv(entities::data_path("gazetteer/country-names.tsv"));
    std::string line;
    while (std::getline(tsv, line)) {
      if (line.empty() || line[0] == '#') continue;
      const auto tab = line.find('\t');
      if (tab != std::string::npos) names[line.substr(0, tab)] = line.substr(tab + 1);
    }
  });
  return names;
}

// The `limit` (0: all) most frequent values, then by id, so equal counts come out in a stable
// order. Only the values kept are sorted: a facet can have many thousand distinct values.
std::vector<FacetValue> ranked(std::vector<std::pair<std::string, std::size_t>> counts,
                               std::size_t limit) {
  const auto before = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  const std::size_t keep = limit == 0 ? counts.size() : std::min(limit, counts.size());
  std::partial_sort(counts.begin(), counts.begin() + static_cast<std::ptrdiff_t>(keep),
                    counts.end(), before);
  std::vector<FacetValue> values(keep);
  for (std::size_t i = 0; i < keep; ++i) {
    values[i].id = std::move(counts[i].first);
    values[i].count = counts[i].second;
  }
  return values;
}

}  // namespace

FacetSpy::FacetSpy(const std::vector<FacetField>& fields, bool days, std::size_t shards,
                   bool remote)
    : want_days_(days), read_in_spy_(shards > 1) {
  for (FacetField f : fields) {
    wanted_[index(f)] = true;
    if (f == FacetField::year || f == FacetField::month) want_days_ = true;
  }
  if (!remote) return;
  if (want_days_) {
    slot_spies_.push_back(
        {kFields, std::make_unique<Xapian::ValueCountMatchSpy>(schema::kDateSlot)});
  }
  for (FacetField f : kAllFields) {
    const std::size_t i = index(f);
    if (!wanted_[i] || f == FacetField::year || f == FacetField::month) continue;
    if (!remote_ok(f)) {
      throw Error(ErrorCode::internal,
                  std::string("the ") + to_string(f) + " facet cannot be counted remotely");
    }
    slot_spies_.push_back({i, std::make_unique<Xapian::ValueCountMatchSpy>(slot_of(f))});
  }
}

FacetSpy::~FacetSpy() = default;

bool FacetSpy::remote_ok(FacetField field) { return !is_list(field); }

void FacetSpy::attach(Xapian::Enquire& enquire) {
  if (slot_spies_.empty()) {
    enquire.add_matchspy(this);
    return;
  }
  for (const SlotSpy& s : slot_spies_) enquire.add_matchspy(s.spy.get());
}

void FacetSpy::count_list(std::size_t field, std::string_view value) {
  std::size_t start = 0;
  while (start < value.size()) {
    std::size_t end = value.find(schema::kFacetSeparator, start);
    if (end == std::string_view::npos) end = value.size();
    if (end > start) increment(counts_[field], value.substr(start, end - start));
    start = end + 1;
  }
}

void FacetSpy::count_value(std::size_t field, const std::string& value) {
  if (kAllFields[field] == FacetField::actor && actors_ && !actors_->empty()) {
    // Ids of one group count once per article, under the group's canonical id.
    doc_actors_.clear();
    std::size_t start = 0;
    while (start < value.size()) {
      std::size_t end = value.find(schema::kFacetSeparator, start);
      if (end == std::string::npos) end = value.size();
      if (end > start) {
        const std::string id = value.substr(start, end - start);
        const std::string& canonical = actors_->canonical(id);
        // canonical() returns `id` itself when it has no group: keep a view of the value.
        const std::string_view key = &canonical == &id
                                         ? std::string_view(value).substr(start, end - start)
                                         : std::string_view(canonical);
        if (std::find(doc_actors_.begin(), doc_actors_.end(), key) == doc_actors_.end()) {
          doc_actors_.push_back(key);
          increment(counts_[field], key);
        }
      }
      start = end + 1;
    }
    return;
  }
  if (is_list(kAllFields[field])) {
    count_list(field, value);
  } else {
    increment(counts_[field], value);
  }
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  if (!read_in_spy_) {
    ++seen_;
    docids_.push_back(doc.get_docid());
    return;
  }
  if (stories_) {
    const std::string story = doc.get_value(schema::kDuplicateSlot);
    if (!story.empty() && !stories_seen_.emplace(story, true).second) return;
  }
  ++seen_;
  if (want_days_) increment(by_day_, doc.get_value(schema::kDateSlot));
  actors_ = tables_.empty() ? nullptr : tables_[(doc.get_docid() - 1) % tables_.size()];
  for (FacetField f : kAllFields) {
    const std::size_t i = index(f);
    if (!wanted_[i] || f == FacetField::year || f == FacetField::month) continue;
    const std::string value = doc.get_value(slot_of(f));
    if (value.empty()) {
      ++without_[i];
    } else {
      count_value(i, value);
    }
  }
}

void FacetSpy::take_counts(FacetField field, const FacetSpy& other, bool first) {
  const std::size_t i = index(field);
  if (first) {
    counts_[i].clear();
    without_[i] = 0;
  }
  for (const auto& [value, n] : other.counts_[i]) increment(counts_[i], value, n);
  without_[i] += other.without_[i];
}

void FacetSpy::finish(const Xapian::Database& db) {
  if (!slot_spies_.empty()) {
    // Each built-in spy counts the documents it saw (all matches) and, per distinct non-empty
    // value, the documents with it; the servers' counts arrive merged into these.
    for (const SlotSpy& s : slot_spies_) {
      seen_ = s.spy->get_total();
      std::size_t with = 0;
      for (auto it = s.spy->values_begin(); it != s.spy->values_end(); ++it) {
        const std::size_t n = it.get_termfreq();
        with += n;
        if (s.field == kFields) {
          increment(by_day_, *it, n);
        } else {
          increment(counts_[s.field], *it, n);
        }
      }
      if (s.field != kFields) without_[s.field] = seen_ - with;
    }
  } else if (!read_in_spy_) {
    // Walks `slot`'s value stream over the matches (in docid order, as the matcher gave them);
    // `count(value)` for each match that has one. Returns the number of matches without one.
    if (!std::is_sorted(docids_.begin(), docids_.end())) {
      std::sort(docids_.begin(), docids_.end());
    }
    if (stories_) {
      // Of each story's matching copies, the first by docid stays.
      std::unordered_map<std::string, bool> seen;
      std::vector<Xapian::docid> kept;
      kept.reserve(docids_.size());
      Xapian::ValueIterator it = db.valuestream_begin(schema::kDuplicateSlot);
      const Xapian::ValueIterator end = db.valuestream_end(schema::kDuplicateSlot);
      for (Xapian::docid did : docids_) {
        if (it != end && it.get_docid() < did) it.skip_to(did);
        if (it == end || it.get_docid() != did || seen.emplace(*it, true).second) {
          kept.push_back(did);
        }
      }
      docids_ = std::move(kept);
      seen_ = docids_.size();
    }
    auto walk = [&](Xapian::valueno slot, const auto& count) {
      std::size_t found = 0;
      Xapian::ValueIterator it = db.valuestream_begin(slot);
      const Xapian::ValueIterator end = db.valuestream_end(slot);
      for (Xapian::docid did : docids_) {
        if (it != end && it.get_docid() < did) it.skip_to(did);
        if (it == end) break;
        if (it.get_docid() == did) {
          count(*it);
          ++found;
        }
      }
      return docids_.size() - found;
    };
    if (want_days_) {
      walk(schema::kDateSlot, [&](const std::string& v) { increment(by_day_, v); });
    }
    actors_ = tables_.empty() ? nullptr : tables_.front();  // one database
    for (FacetField f : kAllFields) {
      const std::size_t i = index(f);
      if (!wanted_[i] || f == FacetField::year || f == FacetField::month) continue;
      without_[i] = walk(slot_of(f), [&](const std::string& v) { count_value(i, v); });
    }
    docids_ = {};
  }
  days_.clear();
  for (const auto& [day, n] : by_day_) days_[day] += n;
}

const DisplayNames::Display& DisplayNames::get(const Xapian::Database& db, const std::string& term,
                                               const char* list, const std::string& id) {
  if (const auto it = cache_.find(term); it != cache_.end()) return it->second;
  if (cache_.size() >= kMaxEntries) cache_.clear();
  Display display{id, ""};
  // The first article indexed under the term; its body is skipped while parsing, as it is
  // most of the data.
  const auto post = db.postlist_begin(term);
  if (post != db.postlist_end(term)) {
    const nlohmann::json j = nlohmann::json::parse(
        db.get_document(*post).get_data(),
        [](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
          return !(depth == 1 && event == nlohmann::json::parse_event_t::key &&
                   (parsed == "body" || parsed == "title"));
        },
        /*allow_exceptions=*/false);
    if (j.is_object() && j.contains(list) && j[list].is_array()) {
      for (const auto& e : j[list]) {
        if (e.is_object() && e.value("id", "") == id) {
          display = {e.value("name", id), e.value("country", "")};
          break;
        }
      }
    }
  }
  return cache_.emplace(term, std::move(display)).first->second;
}

std::vector<Facet> build_facets(const FacetSpy& spy, const std::vector<FacetField>& fields,
                                std::size_t limit, const Xapian::Database& db,
                                DisplayNames& display_names, const entities::ActorAliases* actors) {
  std::vector<Facet> facets;
  for (FacetField field : fields) {
    Facet facet;
    facet.field = field;
    std::vector<std::pair<std::string, std::size_t>> counts;
    std::unordered_map<std::string, std::string> names;  // id -> display name, when known here
    switch (field) {
      case FacetField::year:
      case FacetField::month: {
        // "YYYYMMDD" days -> "YYYY" or "YYYY-MM".
        std::map<std::string, std::size_t> by_period;
        for (const auto& [day, n] : spy.days()) {
          if (day.size() != 8) continue;
          by_period[field == FacetField::year ? day.substr(0, 4)
                                              : day.substr(0, 4) + "-" + day.substr(4, 2)] += n;
        }
        counts.assign(by_period.begin(), by_period.end());
        break;
      }
      case FacetField::source: {
        // Sources are stored as given: "Reuters" and "REUTERS" are one value, shown in the
        // spelling most articles use.
        struct Folded {
          std::size_t count = 0;
          std::string name;
          std::size_t name_count = 0;
        };
        std::map<std::string, Folded> folded;
        for (const auto& [raw, n] : spy.counts(field)) {
          std::string key = text::fold_phrase(raw);
          if (key.empty()) key = raw;
          Folded& f = folded[key];
          f.count += n;
          if (n > f.name_count || (n == f.name_count && raw < f.name)) {
            f.name = raw;
            f.name_count = n;
          }
        }
        for (const auto& [key, f] : folded) {
          counts.emplace_back(key, f.count);
          names[key] = f.name;
        }
        break;
      }
      default:
        counts.assign(spy.counts(field).begin(), spy.counts(field).end());
        break;
    }
    facet.distinct = counts.size();
    facet.values = ranked(std::move(counts), limit);
    facet.articles_without =
        field == FacetField::year || field == FacetField::month ? 0 : spy.without(field);
    for (FacetValue& v : facet.values) {
      switch (field) {
        case FacetField::actor:
          if (actors && !actors->display(v.id).empty()) {
            v.name = actors->display(v.id);
          } else {
            v.name = display_names.get(db, entities::kActorPrefix + v.id, "actors", v.id).name;
          }
          break;
        case FacetField::place: {
          const auto& d = display_names.get(db, entities::kPlacePrefix + v.id, "places", v.id);
          v.name = d.name;
          v.country = d.country;
          break;
        }
        case FacetField::country: {
          const auto& table = country_names();
          const auto it = table.find(v.id);
          v.name = it == table.end() ? v.id : it->second;
          v.country = v.id;
          break;
        }
        case FacetField::source:
          v.name = names[v.id];
          break;
        default:
          v.name = v.id;
          break;
      }
    }
    facets.push_back(std::move(facet));
  }
  return facets;
}

namespace {

using util::CivilDay;

std::int64_t period_start(std::int64_t day, Period period) {
  const CivilDay c = util::civil_from_days(day);
  switch (period) {
    case Period::day:
      return day;
    case Period::week:
      return day - util::weekday(day);
    case Period::month:
      return util::days_from_civil({c.year, c.month, 1});
    case Period::year:
      return util::days_from_civil({c.year, 1, 1});
  }
  return day;
}

std::int64_t next_period(std::int64_t start, Period period) {
  const CivilDay c = util::civil_from_days(start);
  switch (period) {
    case Period::day:
      return start + 1;
    case Period::week:
      return start + 7;
    case Period::month:
      return c.month == 12 ? util::days_from_civil({c.year + 1, 1, 1})
                           : util::days_from_civil({c.year, c.month + 1, 1});
    case Period::year:
      return util::days_from_civil({c.year + 1, 1, 1});
  }
  return start + 1;
}

std::string period_label(std::int64_t start, Period period) {
  const CivilDay c = util::civil_from_days(start);
  char buf[32];
  switch (period) {
    case Period::day:
      return util::iso_day(c);
    case Period::week: {
      // ISO 8601: a week belongs to the year of its Thursday.
      const CivilDay thursday = util::civil_from_days(start + 3);
      const std::int64_t jan1 = util::days_from_civil({thursday.year, 1, 1});
      const int week = static_cast<int>((start + 3 - jan1) / 7) + 1;
      std::snprintf(buf, sizeof buf, "%04d-W%02d", thursday.year, week);
      return buf;
    }
    case Period::month:
      std::snprintf(buf, sizeof buf, "%04d-%02u", c.year, c.month);
      return buf;
    case Period::year:
      std::snprintf(buf, sizeof buf, "%04d", c.year);
      return buf;
  }
  return {};
}

bool to_days(const std::string& ymd, std::int64_t& out) {
  CivilDay c;
  if (!util::parse_compact_day(ymd, c)) return false;
  out = util::days_from_civil(c);
  return true;
}

// Articles of the whole database dated in [first, last] (days since the epoch): whole months and
// years from their M/Y terms, anything else day by day from D terms.
std::size_t articles_between(const Xapian::Database& db, std::int64_t first, std::int64_t last,
                             Period period, bool whole_period) {
  const CivilDay c = util::civil_from_days(first);
  if (whole_period && period == Period::year) {
    return db.get_termfreq(schema::kYear + util::compact_day(c).substr(0, 4));
  }
  if (whole_period && period == Period::month) {
    return db.get_termfreq(schema::kMonth + util::compact_day(c).substr(0, 6));
  }
  std::size_t total = 0;
  for (std::int64_t d = first; d <= last; ++d) {
    total += db.get_termfreq(schema::kDay + util::compact_day(util::civil_from_days(d)));
  }
  return total;
}

// Copies of a story beyond its first (by docid), per day (days since the epoch): taken from a
// period's articles, what is left is its stories, each counted on its first copy's day as a
// match spy counting stories counts it.
std::map<std::int64_t, std::size_t> extra_copies_by_day(const Xapian::Database& db) {
  std::map<std::int64_t, std::size_t> out;
  std::unordered_set<std::string> seen;
  Xapian::ValueIterator date = db.valuestream_begin(schema::kDateSlot);
  const Xapian::ValueIterator date_end = db.valuestream_end(schema::kDateSlot);
  for (auto it = db.valuestream_begin(schema::kDuplicateSlot);
       it != db.valuestream_end(schema::kDuplicateSlot); ++it) {
    if (seen.insert(*it).second) continue;  // a story's first copy
    if (date == date_end) break;
    if (date.get_docid() < it.get_docid()) date.skip_to(it.get_docid());
    if (date == date_end) break;
    std::int64_t d;
    if (date.get_docid() == it.get_docid() && to_days(*date, d)) ++out[d];
  }
  return out;
}

}  // namespace

std::vector<TimelineBucket> periods_between(Period period, const std::string& first_day,
                                            const std::string& last_day) {
  auto compact = [](const std::string& iso) {
    return iso.size() == 10 ? iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2) : iso;
  };
  std::int64_t first, last;
  std::vector<TimelineBucket> out;
  if (!to_days(compact(first_day), first) || !to_days(compact(last_day), last)) return out;
  for (std::int64_t start = period_start(first, period); start <= last;
       start = next_period(start, period)) {
    TimelineBucket b;
    b.period = period_label(start, period);
    b.first_day = util::iso_day(util::civil_from_days(start));
    b.last_day = util::iso_day(util::civil_from_days(next_period(start, period) - 1));
    out.push_back(std::move(b));
  }
  return out;
}

Timeline build_timeline(const FacetSpy& spy, Period period, bool normalize,
                        const std::string& range_first, const std::string& range_last,
                        const Xapian::Database& db) {
  Timeline timeline;
  timeline.period = period;
  timeline.normalized = normalize;

  std::int64_t db_first = 0, db_last = -1;
  if (!to_days(db.get_value_lower_bound(schema::kDateSlot), db_first) ||
      !to_days(db.get_value_upper_bound(schema::kDateSlot), db_last)) {
    db_last = db_first - 1;  // no dated articles
  }
  bool any = false;
  std::int64_t first = 0, last = -1;
  std::map<std::int64_t, std::size_t> counts;  // by period start
  for (const auto& [ymd, n] : spy.days()) {
    std::int64_t d;
    if (!to_days(ymd, d)) continue;
    if (!any || d < first) first = d;
    if (!any || d > last) last = d;
    any = true;
    counts[period_start(d, period)] += n;
  }
  // Widen to the query's date range, within the database's own dates.
  std::int64_t lo = 0, hi = 0;
  const bool has_lo = to_days(range_first, lo) && db_first <= db_last;
  const bool has_hi = to_days(range_last, hi) && db_first <= db_last;
  if (has_lo) lo = std::max(lo, db_first);
  if (has_hi) hi = std::min(hi, db_last);
  if (any) {
    if (has_lo && lo < first) first = lo;
    if (has_hi && hi > last) last = hi;
  } else if (has_lo && has_hi && lo <= hi) {
    first = lo;
    last = hi;
    any = true;
  }
  if (!any) return timeline;

  std::map<std::int64_t, std::size_t> extra;  // copies to take off the totals when counting stories
  if (normalize && spy.counts_stories()) extra = extra_copies_by_day(db);
  for (std::int64_t start = period_start(first, period); start <= last;
       start = next_period(start, period)) {
    const std::int64_t end = next_period(start, period) - 1;
    TimelineBucket b;
    b.period = period_label(start, period);
    b.first_day = util::iso_day(util::civil_from_days(start));
    b.last_day = util::iso_day(util::civil_from_days(end));
    const auto it = counts.find(start);
    b.count = it == counts.end() ? 0 : it->second;
    if (normalize) {
      // A period cut by the query's date range is compared with the articles of its part
      // inside the range only, so its share is not diluted by days the query excluded.
      const std::int64_t from = has_lo ? std::max(start, lo) : start;
      const std::int64_t to = has_hi ? std::min(end, hi) : end;
      b.total = from <= to ? articles_between(db, from, to, period, from == start && to == end) : 0;
      for (auto e = extra.lower_bound(from); e != extra.end() && e->first <= to; ++e) {
        b.total -= std::min(b.total, e->second);
      }
      b.share = b.total ? static_cast<double>(b.count) / static_cast<double>(b.total) : 0.0;
    }
    timeline.buckets.push_back(std::move(b));
  }
  return timeline;
}

}  // namespace newsdex::search
