// Time of day (issue 11): the date-and-time sort key, --sort date/-date within a day, Hit::time.
#include <newsdex/indexer.h>
#include <newsdex/searcher.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "index/document_builder.h"
#include "test_support.h"

namespace {

using newsdex::test::article;
using newsdex::test::TempDb;

newsdex::Article timed(const std::string& id, const std::string& date, const std::string& time) {
  newsdex::Article a = article(id, date, "Grain report", "Grain prices and grain exports.");
  a.time = time;
  return a;
}

std::vector<std::string> sorted_ids(newsdex::Searcher& s, const std::string& q,
                                    newsdex::SortOrder order) {
  newsdex::SearchOptions o;
  o.sort = order;
  o.limit = 100;
  std::vector<std::string> out;
  for (const auto& h : s.search(q, o).hits) out.push_back(h.id);
  return out;
}

}  // namespace

TEST_CASE("the date-and-time key is the day, then the time in UTC when a zone is given",
          "[index]") {
  struct Case {
    const char* date;
    const char* time;
    const char* key;
  };
  const Case cases[] = {
      {"2025-07-13", "", "20250713"},
      {"2025-07-13", "14:05", "20250713140500"},
      {"2025-07-13", "14:05:00+03:00", "20250713110500"},
      {"2025-07-13", "01:00+03:00", "20250712220000"},  // the day before, in UTC
      {"2024-12-31", "23:30-01:00", "20250101003000"},  // the year after
      {"2024-03-01", "00:30+01:00", "20240229233000"},  // a leap day
      {"2025-07-13", "09:30Z", "20250713093000"},
      {"1987-02-26", "15:01:01.79", "1987022615010179"},  // Reuters
      {"2025-07-13", "noon", "20250713"},                 // not a time: the day alone
  };
  for (const Case& c : cases) {
    CAPTURE(c.date, c.time);
    CHECK(newsdex::index::date_time_key(c.date, c.time) == c.key);
  }
}

TEST_CASE("sorting by date and -date orders the articles of one day by their time", "[search]") {
  TempDb db;
  {
    newsdex::IndexOptions opts;
    opts.db_path = db.path.string();
    opts.recognize_entities = false;
    newsdex::Indexer ix(opts);
    // Written in an order that neither date alone nor the order of indexing sorts right.
    ix.add(timed("noon", "2025-07-13", "12:00:00"));
    ix.add(timed("evening", "2025-07-13", "18:30"));
    ix.add(timed("day-before-late", "2025-07-12", "23:00Z"));
    ix.add(timed("no-time", "2025-07-13", ""));
    ix.add(timed("day-after", "2025-07-14", "00:05-05:00"));  // 05:05 UTC on the 14th
    ix.add(timed("morning", "2025-07-13", "09:15:00.5"));
    ix.add(timed("early-in-moscow", "2025-07-13", "01:00+03:00"));  // 22:00 UTC on the 12th
    ix.commit();
  }
  newsdex::Searcher s({db.path.string()});
  const std::vector<std::string> oldest_first = {
      "early-in-moscow", "day-before-late", "no-time", "morning", "noon", "evening", "day-after"};
  const std::vector<std::string> newest_first(oldest_first.rbegin(), oldest_first.rend());
  for (const char* query : {"grain", "date:2025-07"}) {  // ranked words, and a pure filter
    CAPTURE(query);
    CHECK(sorted_ids(s, query, newsdex::SortOrder::date_ascending) == oldest_first);
    CHECK(sorted_ids(s, query, newsdex::SortOrder::date_descending) == newest_first);
  }
  // Within one day (the 13th's filter): the untimed article first, then by time of day.
  CHECK(sorted_ids(s, "date:2025-07-13", newsdex::SortOrder::date_descending) ==
        std::vector<std::string>{"evening", "noon", "morning", "no-time", "early-in-moscow"});
}

TEST_CASE("hits carry the article's time as given, empty without one", "[search]") {
  TempDb db;
  {
    newsdex::IndexOptions opts;
    opts.db_path = db.path.string();
    opts.recognize_entities = false;
    newsdex::Indexer ix(opts);
    ix.add(timed("zoned", "2025-07-13", "14:05:00+03:00"));
    ix.add(timed("plain", "2025-07-14", ""));
    ix.commit();
  }
  newsdex::Searcher s({db.path.string()});
  newsdex::SearchOptions o;
  o.sort = newsdex::SortOrder::date_ascending;
  const auto hits = s.search("grain", o).hits;
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].id == "zoned");
  CHECK(hits[0].time == "14:05:00+03:00");
  CHECK(hits[0].date == "2025-07-13");
  CHECK(hits[1].id == "plain");
  CHECK(hits[1].time.empty());
}
