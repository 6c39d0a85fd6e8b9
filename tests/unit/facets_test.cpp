// Counts, facets and timelines through the public search API: exact, over all matches, over
// several databases; calendar periods.
#include <newsdex/error.h>
#include <newsdex/indexer.h>
#include <newsdex/searcher.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>

#include "test_support.h"
#include "util/calendar.h"

namespace fs = std::filesystem;

namespace {

using newsdex::test::TempDb;

newsdex::Article article(const std::string& id, const std::string& date, const std::string& body,
                         const std::string& source = "", const std::string& lang = "") {
  newsdex::Article a = newsdex::test::article(id, date, id, body);
  a.source = source;
  a.lang = lang;
  return a;
}

// 1,500 articles over 1987-1989 (so Xapian must count, not estimate), some with "oil".
void index_many(const fs::path& db, int first, int count) {
  newsdex::IndexOptions opts;
  opts.db_path = db.string();
  opts.recognize_entities = false;
  newsdex::Indexer ix(opts);
  for (int i = first; i < first + count; ++i) {
    const int day = i % 1000;  // 1000 distinct days from 1987-01-01
    const auto c =
        newsdex::util::civil_from_days(newsdex::util::days_from_civil({1987, 1, 1}) + day);
    const std::string body =
        (i % 3 == 0 ? "oil " : "grain ") + std::string(i % 7 == 0 ? "prices" : "talks");
    const std::string source = i % 2 ? "Reuters" : (i % 4 ? "REUTERS" : "Example Wire");
    ix.add(article("a" + std::to_string(i), newsdex::util::iso_day(c), body, source,
                   i % 5 ? "en" : "de"));
  }
  ix.commit();
}

std::size_t count(newsdex::Searcher& s, const std::string& q) {
  newsdex::SearchOptions o;
  o.exact_count = true;
  o.limit = 0;
  return *s.search(q, o).matches;
}

}  // namespace

TEST_CASE("exact counts, and facets whose counts equal the filtered queries", "[facets]") {
  TempDb db("exact");
  index_many(db.path, 0, 1500);
  newsdex::Searcher s({db.path.string()});

  newsdex::SearchOptions estimate;
  estimate.limit = 1;
  const auto est = s.search("oil", estimate);
  CHECK_FALSE(est.matches.has_value());  // not asked: only the estimate

  CHECK(count(s, "oil") == 500);
  CHECK(count(s, "oil prices") == 72);  // i % 21 == 0
  CHECK(count(s, "zzz") == 0);

  newsdex::SearchOptions o;
  o.limit = 5;
  o.facets = newsdex::parse_facet_fields("source,lang,year,month");
  o.facet_limit = 0;
  const auto r = s.search("oil", o);
  REQUIRE(r.matches);
  CHECK(*r.matches == 500);
  CHECK(r.hits.size() == 5);
  REQUIRE(r.facets.size() == 4);
  // Sources are one value however they are capitalised, named as most articles write them.
  const newsdex::Facet& sources = r.facets[0];
  CHECK(sources.field == newsdex::FacetField::source);
  REQUIRE(sources.distinct == 2);
  CHECK(sources.values[0].id == "reuters");
  CHECK(sources.values[0].name == "Reuters");
  CHECK(sources.values[0].count + sources.values[1].count == 500);
  for (const newsdex::Facet& f : r.facets) {
    CAPTURE(newsdex::to_string(f.field));
    std::size_t sum = 0;
    for (const auto& v : f.values) {
      CAPTURE(v.id);
      sum += v.count;
      const std::string filter = f.field == newsdex::FacetField::source ? "source:\"" + v.id + "\""
                                 : f.field == newsdex::FacetField::lang ? "lang:" + v.id
                                                                        : "date:" + v.id;
      CHECK(count(s, "oil " + filter) == v.count);
    }
    CHECK(sum + f.articles_without == 500);  // one value per article in these fields
  }
  // Most frequent first.
  const auto& months = r.facets[3].values;
  for (std::size_t i = 1; i < months.size(); ++i) CHECK(months[i - 1].count >= months[i].count);
}

TEST_CASE("facet_limit keeps the most frequent values and says how many there are", "[facets]") {
  TempDb db("limit");
  index_many(db.path, 0, 1500);
  newsdex::Searcher s({db.path.string()});
  newsdex::SearchOptions o;
  o.limit = 0;
  o.facets = {newsdex::FacetField::month};
  o.facet_limit = 3;
  const auto r = s.search("grain", o);
  REQUIRE(r.facets.size() == 1);
  CHECK(r.facets[0].values.size() == 3);
  CHECK(r.facets[0].distinct == 33);  // 1987-01 .. 1989-09
}

TEST_CASE("timelines fill empty periods, sum to the count and can be normalised", "[facets]") {
  TempDb db("timeline");
  index_many(db.path, 0, 1500);
  newsdex::Searcher s({db.path.string()});
  for (newsdex::Period p : {newsdex::Period::day, newsdex::Period::week, newsdex::Period::month,
                            newsdex::Period::year}) {
    CAPTURE(newsdex::to_string(p));
    newsdex::SearchOptions o;
    o.limit = 0;
    o.timeline = p;
    o.normalize = true;
    const auto r = s.search("oil prices", o);
    REQUIRE(r.timeline);
    std::size_t sum = 0;
    for (std::size_t i = 0; i < r.timeline->buckets.size(); ++i) {
      const auto& b = r.timeline->buckets[i];
      sum += b.count;
      CHECK(b.total >= b.count);
      CHECK(b.share == Approx(b.total ? double(b.count) / double(b.total) : 0.0));
      CHECK(b.first_day <= b.last_day);
      if (i > 0) {
        // Consecutive: each period starts the day after the previous one ends.
        newsdex::util::CivilDay prev, cur;
        auto compact = [](const std::string& iso) {
          return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
        };
        REQUIRE(
            newsdex::util::parse_compact_day(compact(r.timeline->buckets[i - 1].last_day), prev));
        REQUIRE(newsdex::util::parse_compact_day(compact(b.first_day), cur));
        CHECK(newsdex::util::days_from_civil(cur) == newsdex::util::days_from_civil(prev) + 1);
      }
    }
    CHECK(sum == *r.matches);
    CHECK(sum == 72);
  }
  // A query matching everything has share 1 everywhere.
  newsdex::SearchOptions o;
  o.limit = 0;
  o.timeline = newsdex::Period::month;
  o.normalize = true;
  const auto all = s.search("date:1987..1989", o);
  REQUIRE(all.timeline->buckets.size() == 33);  // 1987-01 .. 1989-09, the last dated month
  for (const auto& b : all.timeline->buckets) CHECK(b.share == 1.0);
}

TEST_CASE("a timeline's span widens to the date: range, within the database's dates", "[facets]") {
  TempDb db("span");
  newsdex::IndexOptions opts;
  opts.db_path = db.path.string();
  opts.recognize_entities = false;
  {
    newsdex::Indexer ix(opts);
    ix.add(article("x", "2020-01-15", "oil"));
    ix.add(article("y", "2020-03-10", "oil"));
    ix.add(article("z", "2020-08-01", "grain"));
    ix.commit();
  }
  newsdex::Searcher s({db.path.string()});
  auto months = [&](const std::string& q) {
    newsdex::SearchOptions o;
    o.limit = 0;
    o.timeline = newsdex::Period::month;
    std::vector<std::string> out;
    const auto r = s.search(q, o);
    for (const auto& b : r.timeline->buckets) {
      out.push_back(b.period + "=" + std::to_string(b.count));
    }
    return out;
  };
  CHECK(months("oil") == std::vector<std::string>{"2020-01=1", "2020-02=0", "2020-03=1"});
  CHECK(months("oil date:2020-01..2020-05") ==
        std::vector<std::string>{"2020-01=1", "2020-02=0", "2020-03=1", "2020-04=0", "2020-05=0"});
  // Never beyond the database's own first and last dates.
  CHECK(months("oil date:2019..2030") ==
        std::vector<std::string>{"2020-01=1", "2020-02=0", "2020-03=1", "2020-04=0", "2020-05=0",
                                 "2020-06=0", "2020-07=0", "2020-08=0"});
  CHECK(months("zzz").empty());
}

TEST_CASE("ISO weeks: labels and Monday-to-Sunday periods", "[facets]") {
  TempDb db("weeks");
  newsdex::IndexOptions opts;
  opts.db_path = db.path.string();
  opts.recognize_entities = false;
  {
    newsdex::Indexer ix(opts);
    ix.add(article("a", "2020-12-31", "oil"));  // Thursday of 2020-W53
    ix.add(article("b", "2021-01-04", "oil"));  // Monday of 2021-W01
    ix.commit();
  }
  newsdex::Searcher s({db.path.string()});
  newsdex::SearchOptions o;
  o.limit = 0;
  o.timeline = newsdex::Period::week;
  const auto t = *s.search("oil", o).timeline;
  REQUIRE(t.buckets.size() == 2);
  CHECK(t.buckets[0].period == "2020-W53");
  CHECK(t.buckets[0].first_day == "2020-12-28");
  CHECK(t.buckets[0].last_day == "2021-01-03");
  CHECK(t.buckets[1].period == "2021-W01");
  CHECK(t.buckets[1].first_day == "2021-01-04");
}

TEST_CASE("facets and timelines over several databases equal those over one", "[facets]") {
  TempDb all("all"), part1("part1"), part2("part2");
  index_many(all.path, 0, 1200);
  index_many(part1.path, 0, 500);
  index_many(part2.path, 500, 700);
  newsdex::Searcher one({all.path.string()});
  newsdex::Searcher two({part1.path.string(), part2.path.string()});
  newsdex::SearchOptions o;
  o.limit = 0;
  o.facets = newsdex::parse_facet_fields("source,lang,month");
  o.facet_limit = 0;
  o.timeline = newsdex::Period::week;
  o.normalize = true;
  const auto a = one.search("oil OR prices", o), b = two.search("oil OR prices", o);
  CHECK(*a.matches == *b.matches);
  REQUIRE(a.facets.size() == b.facets.size());
  for (std::size_t i = 0; i < a.facets.size(); ++i) {
    std::map<std::string, std::size_t> x, y;
    for (const auto& v : a.facets[i].values) x[v.id] = v.count;
    for (const auto& v : b.facets[i].values) y[v.id] = v.count;
    CHECK(x == y);
  }
  REQUIRE(a.timeline->buckets.size() == b.timeline->buckets.size());
  for (std::size_t i = 0; i < a.timeline->buckets.size(); ++i) {
    CHECK(a.timeline->buckets[i].count == b.timeline->buckets[i].count);
    CHECK(a.timeline->buckets[i].total == b.timeline->buckets[i].total);
  }
}

TEST_CASE("facet, period and facet list names: unknown ones name the valid ones", "[facets]") {
  CHECK(newsdex::parse_facet_fields("actor, place,actor") ==
        std::vector<newsdex::FacetField>{newsdex::FacetField::actor, newsdex::FacetField::place});
  CHECK(newsdex::parse_period("week") == newsdex::Period::week);
  for (const char* bad : {"colour", "actor,colour", ","}) {
    CAPTURE(bad);
    try {
      newsdex::parse_facet_fields(bad);
      FAIL("no exception");
    } catch (const newsdex::Error& e) {
      CHECK(e.code() == newsdex::ErrorCode::input);
      CHECK(e.hint().find("actor, place, country, source, lang, year and month") !=
            std::string::npos);
    }
  }
  CHECK_THROWS_AS(newsdex::parse_period("fortnight"), newsdex::Error);
}
