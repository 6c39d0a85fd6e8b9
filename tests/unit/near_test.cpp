// near: queries (issue 10): the value's syntax and its errors with their columns, the places'
// coordinates in the index, radius and units, and ranking by distance or by relevance.
#include <newsdex/error.h>
#include <newsdex/indexer.h>
#include <newsdex/searcher.h>
#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "entities/gazetteer.h"
#include "entities/place_coords.h"
#include "index/schema.h"
#include "search/query_parser.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace {

using newsdex::test::article;
using newsdex::test::TempDb;

// Kursk (51.73 N, 36.19 E); Moscow, about 460 km north; Belgorod, about 130 km south of Kursk;
// Vladivostok, far east; New York; and an article that names no place.
void index_places(const fs::path& db) {
  newsdex::IndexOptions opts;
  opts.db_path = db.string();
  opts.jobs = 1;
  newsdex::Indexer ix(opts);
  ix.add(article("kursk", "2025-07-01", "Heat in Kursk",
                 "The weather in Kursk was hot on Tuesday, forecasters said."));
  ix.add(article("moscow", "2025-07-02", "Moscow weather",
                 "The weather in Moscow: weather warnings, and more weather tomorrow, as "
                 "Moscow expects storms."));
  ix.add(article("belgorod", "2025-07-03", "Belgorod", "Shelling was reported in Belgorod."));
  ix.add(article("vladivostok", "2025-07-04", "Port", "Ships left Vladivostok on Monday."));
  ix.add(article("newyork", "2025-07-05", "Markets", "Stocks rose in New York on Friday."));
  ix.add(article("none", "2025-07-06", "Weather", "The weather was fine everywhere."));
  ix.commit();
}

// Hit ids in rank order.
std::vector<std::string> ranked(newsdex::Searcher& s, const std::string& q) {
  std::vector<std::string> out;
  for (const auto& h : s.search(q).hits) out.push_back(h.id);
  return out;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

newsdex::QueryError query_error(newsdex::Searcher& s, const std::string& q) {
  try {
    s.search(q);
  } catch (const newsdex::QueryError& e) {
    return e;
  }
  FAIL("no QueryError for " << q);
  throw;  // not reached
}

}  // namespace

TEST_CASE(
    "near: values that are not a place or point and a positive radius are errors with "
    "the column",
    "[query][near]") {
  TempDb db;
  index_places(db.path);
  newsdex::Searcher s({db.path.string()});
  struct Case {
    const char* query;
    const char* message;  // what() contains it
    std::size_t column;
  };
  const Case cases[] = {
      {"near:Kursk", "near:Kursk has no radius at column 6", 6},
      {"oil near:Kursk/", "has no radius after '/' at column 16", 16},
      {"near:Kursk/0km", "radius '0km' must be greater than 0 at column 12", 12},
      {"near:Kursk/-5", "radius '-5' must be greater than 0", 12},
      {"near:Kursk/far", "invalid radius 'far'", 12},
      {"near:Kursk/1e3km", "unknown unit 'e3km'", 13},
      {"near:Kursk/5ly", "unknown unit 'ly' in radius '5ly' at column 13", 13},
      {"near:/5km", "near: needs a place or lat,lon before '/'", 6},
      {"oil near:Narnia/10km", "unknown place 'Narnia' at column 10", 10},
      {"near:Russia/10km", "place 'Russia' has no coordinates", 6},
      {"near:95,10/5km", "latitude 95 is out of range", 6},
      {"near:10,-190/5km", "longitude -190 is out of range (-180 to 180) at column 9", 9},
      {"near:10;20/5km", "invalid coordinates '10;20'", 6},
      {"near:10,/5km", "invalid coordinates '10,'", 9},
      // The radius after a quoted name: the column counts the closing quote.
      {"near:\"New York\"/0mi", "must be greater than 0 at column 17", 17},
      {"near:\"New York\"", "has no radius", 7},
      {"NEAR:\"Narnia Land\"/5km", "unknown place 'Narnia Land' at column 7", 7},
  };
  for (const auto& c : cases) {
    CAPTURE(c.query);
    const auto e = query_error(s, c.query);
    CHECK_THAT(e.what(), Catch::Contains(c.message));
    CHECK(e.column() == c.column);
    CHECK(e.code() == newsdex::ErrorCode::query);
    CHECK_FALSE(e.hint().empty());
  }
}

TEST_CASE("articles carry their places' coordinates, near: finds those within the radius",
          "[query][near]") {
  TempDb db;
  index_places(db.path);
  {
    // The seed's Kursk has the city's coordinates; the article without places has none.
    Xapian::Database x(db.path.string());
    Xapian::PostingIterator p = x.postlist_begin("Qkursk");
    REQUIRE(p != x.postlist_end("Qkursk"));
    Xapian::LatLongCoords coords;
    coords.unserialise(x.get_document(*p).get_value(newsdex::schema::kCoordsSlot));
    REQUIRE(!coords.empty());
    const Xapian::LatLongCoord kursk(51.73, 36.19);
    CHECK(Xapian::GreatCircleMetric()(coords, kursk) < 10000);
    Xapian::PostingIterator none = x.postlist_begin("Qnone");
    REQUIRE(none != x.postlist_end("Qnone"));
    CHECK(x.get_document(*none).get_value(newsdex::schema::kCoordsSlot).empty());
  }
  newsdex::Searcher s({db.path.string()});
  struct Case {
    const char* query;
    std::vector<std::string> expected;  // sorted
  };
  const Case cases[] = {
      {"near:Kursk/50km", {"kursk"}},
      {"near:Kursk/200km", {"belgorod", "kursk"}},
      {"near:kúrsk/200", {"belgorod", "kursk"}},  // km when no unit; accents folded
      {"near:Moscow/50km", {"moscow"}},
      {"near:Kursk/600km", {"belgorod", "kursk", "moscow"}},
      {"near:Kursk/250mi", {"belgorod", "kursk"}},
      {"near:Kursk/320mi", {"belgorod", "kursk", "moscow"}},
      {"near:Kursk/20000m", {"kursk"}},
      {"near:51.73,36.19/10km", {"kursk"}},
      {"near:43.12,131.9/30km", {"vladivostok"}},
      {"near:\"New York\"/100km", {"newyork"}},
      {"near:\"New York/100km\"", {"newyork"}},
      {"near:40.71,-74.01/100km", {"newyork"}},
      {"near:-33.92,18.42/500km", {}},  // a negative latitude is a coordinate, not a NOT
      {"near:+40.71,-74.01/100km", {"newyork"}},
      {"near:\"40.71, -74.01/100km\"", {"newyork"}},
      {"weather near:Kursk/600km", {"kursk", "moscow"}},
      {"weather -near:Kursk/200km", {"moscow", "none"}},
      {"weather NOT near:Kursk/200km", {"moscow", "none"}},
      {"near:Moscow/100km OR near:Vladivostok/100km", {"moscow", "vladivostok"}},
      {"near:Moscow/100km near:Vladivostok/100km", {"moscow", "vladivostok"}},  // one field: OR
      {"weather near:Moscow/100km near:Kursk/100km", {"kursk", "moscow"}},
      {"(near:Kursk/50km)", {"kursk"}},
      {"near:Kursk/200km date:2025-07-03", {"belgorod"}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.query);
    CHECK(sorted(ranked(s, c.query)) == c.expected);
  }
}

TEST_CASE("near: alone ranks the nearest first, with words, relevance ranks", "[query][near]") {
  TempDb db;
  index_places(db.path);
  newsdex::Searcher s({db.path.string()});
  CHECK(ranked(s, "near:Kursk/1000km") == std::vector<std::string>{"kursk", "belgorod", "moscow"});
  CHECK(ranked(s, "near:Moscow/1000km") == std::vector<std::string>{"moscow", "kursk", "belgorod"});
  CHECK(ranked(s, "near:Belgorod/1000km date:2025") ==
        std::vector<std::string>{"belgorod", "kursk", "moscow"});
  // The Moscow article says "weather" four times, the Kursk one once: relevance puts Moscow
  // first although Kursk is nearer.
  CHECK(ranked(s, "weather near:Kursk/1000km") == std::vector<std::string>{"moscow", "kursk"});
  const auto nearest = s.search("near:Kursk/1000km");
  REQUIRE(nearest.hits.size() == 3);
  CHECK(nearest.hits[0].score > nearest.hits[1].score);
  CHECK(nearest.hits[1].score > nearest.hits[2].score);
}

TEST_CASE("ParsedQuery::near holds the first near: that is not negated", "[query][near]") {
  TempDb db;
  index_places(db.path);
  Xapian::Database x(db.path.string());
  CHECK_FALSE(newsdex::search::parse_query("near:Kursk/10km", x).near.empty());
  CHECK_FALSE(newsdex::search::parse_query("oil near:Kursk/10km", x).near.empty());
  CHECK(newsdex::search::parse_query("oil -near:Kursk/10km", x).near.empty());
  CHECK(newsdex::search::parse_query("oil", x).near.empty());
}

TEST_CASE("near_place picks the place a name means, skipping those without coordinates", "[near]") {
  const newsdex::entities::Place* without = nullptr;
  const auto* kursk = newsdex::entities::near_place("Kursk", &without);
  REQUIRE(kursk != nullptr);
  CHECK(kursk->kind == newsdex::entities::Place::Kind::city);
  CHECK(kursk->country == "RU");
  CHECK(kursk->latitude == Approx(51.73).margin(0.1));
  CHECK(newsdex::entities::near_place("Narnia", &without) == nullptr);
  CHECK(without == nullptr);
  CHECK(newsdex::entities::near_place("Russia", &without) == nullptr);
  REQUIRE(without != nullptr);
  CHECK(without->kind == newsdex::entities::Place::Kind::country);
  // An alias reads as place: reads it: Kiev is Kyiv.
  const auto* kiev = newsdex::entities::near_place("kiev");
  REQUIRE(kiev != nullptr);
  CHECK(kiev->country == "UA");
  CHECK(kiev->longitude == Approx(30.5).margin(0.3));
}

TEST_CASE("sorting by distance ranks the nearest first whatever the words, needs a near:",
          "[query][near]") {
  TempDb db;
  index_places(db.path);
  newsdex::Searcher s({db.path.string()});
  const auto by_distance = [&](const std::string& q) {
    newsdex::SearchOptions o;
    o.sort = newsdex::SortOrder::distance;
    std::vector<std::string> out;
    for (const auto& h : s.search(q, o).hits) out.push_back(h.id);
    return out;
  };
  CHECK(newsdex::parse_sort_order("distance") == newsdex::SortOrder::distance);
  // Relevance puts Moscow first (see above); distance puts Kursk first.
  CHECK(by_distance("weather near:Kursk/1000km") == std::vector<std::string>{"kursk", "moscow"});
  CHECK(by_distance("weather near:Moscow/1000km") == std::vector<std::string>{"moscow", "kursk"});
  CHECK(by_distance("near:Belgorod/1000km") ==
        std::vector<std::string>{"belgorod", "kursk", "moscow"});
  for (const char* q : {"weather", "weather -near:Kursk/100km"}) {
    CAPTURE(q);
    try {
      by_distance(q);
      FAIL("sorted by distance without a near:");
    } catch (const newsdex::Error& e) {
      CHECK(e.code() == newsdex::ErrorCode::input);
      CHECK_THAT(e.what(), Catch::Contains("needs a near:"));
    }
  }
}
