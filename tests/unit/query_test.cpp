// The query front end: phrases as operands, unknown fields and countries, NEAR's operands,
// date ranges as Y/M/D terms (same documents as a value range), the date bounds of a query.
#include <newsdex/error.h>
#include <newsdex/indexer.h>
#include <newsdex/searcher.h>
#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "search/query_parser.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace {

using newsdex::test::article;
using newsdex::test::TempDb;

std::vector<std::string> ids(newsdex::Searcher& s, const std::string& q) {
  std::vector<std::string> out;
  for (const auto& h : s.search(q).hits) out.push_back(h.id);
  std::sort(out.begin(), out.end());
  return out;
}

// Three articles about oil and the IMF, with entities recognised.
void index_news(const fs::path& db) {
  newsdex::IndexOptions opts;
  opts.db_path = db.string();
  opts.jobs = 1;
  newsdex::Indexer ix(opts);
  ix.add(article("crude", "1987-03-05", "Crude oil falls",
                 "Crude oil prices fell as OPEC ministers met in Vienna."));
  ix.add(article("imf", "1987-03-06", "Fund talks",
                 "The International Monetary Fund lent money to Mexico. Oil was not discussed."));
  ix.add(article("kim", "1987-04-01", "Visit",
                 "Kim Jong Un visited Moscow, where the IMF had an office."));
  ix.commit();
}

// The error a query throws; fails the test if it parses.
newsdex::QueryError query_error(newsdex::Searcher& s, const std::string& q) {
  try {
    s.search(q);
  } catch (const newsdex::QueryError& e) {
    return e;
  }
  FAIL("no QueryError for " << q);
  throw;  // not reached
}

std::string ymd(int y, int m, int d) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

std::set<Xapian::docid> docids(const Xapian::Database& db, const Xapian::Query& q) {
  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  std::set<Xapian::docid> out;
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount() + 1);
  for (auto it = mset.begin(); it != mset.end(); ++it) out.insert(*it);
  return out;
}

std::vector<std::string> terms_of(const Xapian::Query& q) {
  return {q.get_terms_begin(), q.get_terms_end()};
}

// Articles from 1987-02-26 to 1989-03-01: on every 5th day, plus the days where ranges break
// (month and year ends and starts, the leap day).
constexpr const char* kFirstDay = "19870226";
constexpr const char* kLastDay = "19890301";

void index_dates(const fs::path& db) {
  newsdex::IndexOptions opts;
  opts.db_path = db.string();
  opts.recognize_entities = false;
  opts.jobs = 1;
  newsdex::Indexer ix(opts);
  int n = 0, y = 1987, m = 2, d = 26;
  while (y * 10000 + m * 100 + d <= 19890301) {
    const bool edge = d == 1 || d == days_in_month(y, m) || (m == 2 && d == 29);
    if (n % 5 == 0 || edge) {
      ix.add(article("a" + std::to_string(n), ymd(y, m, d), "Day", "news of the day"));
    }
    ++n;
    if (++d > days_in_month(y, m)) d = 1, ++m;
    if (m > 12) m = 1, ++y;
  }
  ix.commit();
}

}  // namespace

TEST_CASE("a quoted phrase, or a field with a quoted value, is an operand", "[query]") {
  TempDb db;
  index_news(db.path);
  newsdex::Searcher s({db.path.string()});
  struct Case {
    const char* query;
    std::vector<std::string> expected;  // sorted
  };
  const Case cases[] = {
      {"mexico OR \"international monetary fund\"", {"imf"}},
      {"vienna OR \"international monetary fund\"", {"crude", "imf"}},
      {"\"crude oil\" AND opec", {"crude"}},
      {"oil NOT \"crude oil\"", {"imf"}},
      {"NOT \"crude oil\"", {"imf", "kim"}},
      {"\"crude oil\" XOR oil", {"imf"}},
      {"actor:\"Kim Jong Un\" OR mexico", {"imf", "kim"}},
      {"title:\"crude oil\" OR visit", {"crude", "kim"}},
      {"(\"crude oil\" OR mexico) AND prices", {"crude"}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.query);
    CHECK(ids(s, c.query) == c.expected);
  }
  // An operator still needs something on each side.
  for (const char* q : {"\"crude oil\" AND", "OR \"crude oil\"", "\"crude oil\" AND OR oil"}) {
    CAPTURE(q);
    CHECK_THAT(query_error(s, q).what(), Catch::Contains("is missing an operand"));
  }
}

TEST_CASE("NEAR and ADJ with a phrase or a filter are an error, not a search for 'near'",
          "[query]") {
  TempDb db;
  index_news(db.path);
  newsdex::Searcher s({db.path.string()});
  const auto e = query_error(s, "\"crude oil\" NEAR opec");
  CHECK(e.column() == 13);
  CHECK_THAT(e.what(), Catch::Contains("takes single words"));
  CHECK(query_error(s, "opec ADJ/3 actor:kim").column() == 6);
  CHECK(ids(s, "crude NEAR opec") == std::vector<std::string>{"crude"});
}

TEST_CASE("an unknown field is an error, field names may be in any case", "[query]") {
  TempDb db;
  index_news(db.path);
  newsdex::Searcher s({db.path.string()});
  struct Case {
    const char* query;
    const char* field;
    std::size_t column;
  };
  const Case cases[] = {
      {"foo:bar", "foo:", 1},
      {"oil Foo:\"x y\"", "Foo:", 5},
      {"(foo:bar OR oil)", "foo:", 2},
      {"oil -http://example.com", "http:", 6},
      {"\"crude oil\" titel:oil", "titel:", 13},
  };
  for (const auto& c : cases) {
    CAPTURE(c.query);
    const auto e = query_error(s, c.query);
    CHECK(e.what() ==
          std::string("unknown field '") + c.field + "' at column " + std::to_string(c.column));
    CHECK(e.column() == c.column);
    CHECK_THAT(e.hint(), Catch::Contains("title:, date:, actor:, place:, country:, source:, "
                                         "lang:, near:; put text with a colon in quotes"));
  }
  // Not fields: quoted text, digits before the colon, a trailing colon.
  for (const char* q : {"\"10:30\"", "10:30", "\"http://example.com\"", "oil:", "title:a:b"}) {
    CAPTURE(q);
    CHECK_NOTHROW(s.search(q));
  }
  CHECK(ids(s, "DATE:1987-03") == std::vector<std::string>{"crude", "imf"});
  CHECK(ids(s, "Actor:\"Kim Jong Un\"") == std::vector<std::string>{"kim"});
  CHECK(ids(s, "TITLE:crude") == std::vector<std::string>{"crude"});
  CHECK_THAT(query_error(s, "Actor:").what(), Catch::Contains("'Actor:' at column 1 has no value"));
  CHECK(query_error(s, "Date:1987-02-30").column() == 6);
}

TEST_CASE("an unknown country is an error pointing at the value", "[query]") {
  TempDb db;
  index_news(db.path);
  newsdex::Searcher s({db.path.string()});
  struct Case {
    const char* query;
    const char* message;
  };
  const Case cases[] = {
      {"country:XX", "unknown country 'XX' at column 9"},
      {"oil country:narnia", "unknown country 'narnia' at column 13"},
      {"oil Country:\"Narnia Land\"", "unknown country 'Narnia Land' at column 14"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.query);
    const auto e = query_error(s, c.query);
    CHECK(e.what() == std::string(c.message));
    CHECK(e.hint() ==
          "use an ISO 3166-1 code such as RU, KP or US, or a country name such as \"North Korea\"");
  }
  // Moscow in 1987 was in the Soviet Union (former countries are chosen by date).
  CHECK(ids(s, "country:SU") == std::vector<std::string>{"kim"});
  CHECK(ids(s, "country:\"Soviet Union\"") == std::vector<std::string>{"kim"});
  CHECK(ids(s, "country:\"North Korea\"").empty());  // a known country with no articles
}

TEST_CASE("a date range is the fewest day, month and year terms, clamped to the database",
          "[query]") {
  TempDb tmp;
  index_dates(tmp.path);
  Xapian::Database db(tmp.path.string());
  REQUIRE(db.get_value_lower_bound(0) == kFirstDay);
  REQUIRE(db.get_value_upper_bound(0) == kLastDay);
  std::vector<std::string> expected;
  for (int d = 5; d <= 31; ++d) expected.push_back("D198703" + ymd(0, 0, d).substr(8));
  for (int m = 4; m <= 12; ++m) expected.push_back("M1987" + ymd(0, m, 1).substr(5, 2));
  for (int m = 1; m <= 5; ++m) expected.push_back("M1988" + ymd(0, m, 1).substr(5, 2));
  for (int d = 1; d <= 10; ++d) expected.push_back("D198806" + ymd(0, 0, d).substr(8));
  std::sort(expected.begin(), expected.end());
  auto sorted_terms = [](const Xapian::Query& q) {
    auto t = terms_of(q);
    std::sort(t.begin(), t.end());
    return t;
  };
  CHECK(sorted_terms(newsdex::search::date_query("1987-03-05..1988-06-10", &db)) == expected);
  // Whole years in the middle; the ends clamped to 1987-02-26 and 1989-03-01.
  CHECK(sorted_terms(newsdex::search::date_query("1900..2100", &db)) ==
        std::vector<std::string>{"D19870226", "D19870227", "D19870228", "D19890301", "M198703",
                                 "M198704", "M198705", "M198706", "M198707", "M198708", "M198709",
                                 "M198710", "M198711", "M198712", "M198901", "M198902", "Y1988"});
  CHECK(newsdex::search::date_query("2030..", &db).get_terms_begin() ==
        newsdex::search::date_query("2030..", &db).get_terms_end());
  // Without a database, a value range.
  CHECK(terms_of(newsdex::search::date_query("1987..1988")).empty());

  TempDb empty_tmp;
  newsdex::IndexOptions opts;
  opts.db_path = empty_tmp.path.string();
  opts.recognize_entities = false;
  newsdex::Indexer(opts).commit();
  Xapian::Database empty(empty_tmp.path.string());
  CHECK(docids(empty, newsdex::search::date_query("1987..", &empty)).empty());
}

TEST_CASE("date range terms match exactly the documents the value range does", "[query]") {
  TempDb tmp;
  index_dates(tmp.path);
  Xapian::Database db(tmp.path.string());
  // Dates from a year before the database to a year after, at day, month and year precision.
  std::mt19937 rng(20261202);
  auto random_date = [&] {
    const int y = std::uniform_int_distribution<int>(1986, 1990)(rng);
    const int m = std::uniform_int_distribution<int>(1, 12)(rng);
    // Favour the days where months break.
    const int dim = days_in_month(y, m);
    const int pick = std::uniform_int_distribution<int>(0, 5)(rng);
    const int d = pick == 0   ? 1
                  : pick == 1 ? dim
                  : pick == 2 ? std::max(1, dim - 1)
                              : std::uniform_int_distribution<int>(1, dim)(rng);
    const std::string full = ymd(y, m, d);
    const int precision = std::uniform_int_distribution<int>(0, 5)(rng);
    return precision == 0 ? full.substr(0, 4) : precision == 1 ? full.substr(0, 7) : full;
  };
  std::vector<std::string> values = {
      "1988-02-29..1988-02-29", "1988-02-29..1988-03-01", "1987-12-31..1988-01-01",
      "1987-02..1987-03",       "..1987-02-26",           "1989-03-01..",
      "..1987-02-25",           "1989-03-02..",           "1988..1988",
      "1987-03-01..1988-02-29", "1988-01-01..1988-12-30", "1988-01-02..1988-12-31",
      "1987-12-31..1989-01-01", "1987-06..1988-12-30"};
  // Each month short of a day at either end, and the turn of each month.
  for (int y = 1987; y <= 1989; ++y) {
    for (int m = 1; m <= 12; ++m) {
      const int dim = days_in_month(y, m);
      values.push_back(ymd(y, m, 1) + ".." + ymd(y, m, dim - 1));
      values.push_back(ymd(y, m, 2) + ".." + ymd(y, m, dim));
      values.push_back(ymd(y, m, dim) + ".." + ymd(m == 12 ? y + 1 : y, m % 12 + 1, 1));
    }
  }
  for (int i = 0; i < 400; ++i) {
    std::string a = random_date(), b = random_date();
    // Compare as the first day each covers; the value range needs a <= b.
    if ((a + "-01-01").substr(0, 10) > (b + "-01-01").substr(0, 10)) std::swap(a, b);
    const int shape = i % 8;
    values.push_back(shape == 0 ? ".." + b : shape == 1 ? a + ".." : a + ".." + b);
  }
  std::size_t nonempty = 0;
  for (const auto& v : values) {
    CAPTURE(v);
    const auto by_terms = docids(db, newsdex::search::date_query(v, &db));
    const auto by_value = docids(db, newsdex::search::date_query(v));
    CHECK(by_terms == by_value);
    CHECK(docids(db, newsdex::search::parse_query("date:" + v, db).query) == by_value);
    nonempty += !by_value.empty();
  }
  CHECK(nonempty > values.size() / 2);  // the comparison is not between empty sets
}

TEST_CASE("date_first and date_last give the days a query's one date: field asks for", "[query]") {
  TempDb tmp;
  index_dates(tmp.path);
  Xapian::Database db(tmp.path.string());
  struct Case {
    const char* query;
    const char* first;
    const char* last;
  };
  const Case cases[] = {
      {"news date:1988-02", "19880201", "19880229"},
      {"date:1987", "19870101", "19871231"},  // as asked, not clamped
      {"date:1987-03-05..1988-06-10", "19870305", "19880610"},
      {"date:..1988", kFirstDay, "19881231"},  // an open end is the database's
      {"Date:1988-02-29..", "19880229", kLastDay},
      {"date:2030..", "20300101", ""},  // the database ends before 2030
      {"news", "", ""},
      {"date:1987 OR date:1988", "", ""},
      {"news -date:1987", "", ""},
      {"news NOT date:1987", "", ""},
      {"\"date:1987\"", "", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.query);
    const auto parsed = newsdex::search::parse_query(c.query, db);
    CHECK(parsed.date_first == c.first);
    CHECK(parsed.date_last == c.last);
  }
}
