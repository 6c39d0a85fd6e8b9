// Similar articles (SearchOptions::like) and whole articles (get_article, Printer::article),
// issue 11: through the public API, on small articles written for the test.
#include <newsdex/newsdex.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.h"

using newsdex::test::TempDb;

namespace {

// Two coffee stories, two oil stories and a grain story, on three days; entities off (fast).
const std::vector<newsdex::Article>& corpus() {
  static const std::vector<newsdex::Article> articles = {
      newsdex::test::article(
          "coffee/frost", "2025-07-13", "Frost hits Brazil coffee crop",
          "Frost in Minas Gerais damaged coffee trees, and growers expect a smaller crop of "
          "arabica beans. Coffee prices rose in London as roasters bought beans."),
      newsdex::test::article(
          "coffee/growers", "2025-07-14", "Coffee growers count frost damage",
          "Brazilian coffee growers said the frost killed young coffee trees; the arabica bean "
          "harvest will be smaller and roasters are paying more for beans."),
      newsdex::test::article(
          "coffee/exports", "2025-07-15", "Colombia coffee exports steady",
          "Colombia exported as many bags of coffee as a year ago, the growers federation said; "
          "arabica beans from Colombia sold well to roasters."),
      newsdex::test::article("oil/opec", "2025-07-14", "OPEC keeps crude output unchanged",
                             "OPEC ministers kept crude oil output quotas, and Brent crude "
                             "rose to 80 dollars a barrel; refiners bought more crude."),
      newsdex::test::article("oil/refiners", "2025-07-15", "Refiners buy more crude",
                             "Refiners bought crude oil as the barrel price rose after OPEC "
                             "kept output quotas unchanged."),
      newsdex::test::article("grain/wheat", "2025-07-14", "Wheat harvest starts early",
                             "Farmers in Kansas began the wheat harvest early after a dry "
                             "spring, and grain elevators filled."),
  };
  return articles;
}

void index_all(const TempDb& db, const std::vector<newsdex::Article>& articles) {
  newsdex::IndexOptions options;
  options.db_path = db.path.string();
  options.recognize_entities = false;
  newsdex::Indexer indexer(options);
  for (const auto& a : articles) indexer.add(a);
  indexer.commit();
}

std::vector<std::string> ids(const newsdex::SearchResult& result) {
  std::vector<std::string> out;
  for (const auto& h : result.hits) out.push_back(h.id);
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

newsdex::SearchOptions like(const std::string& id) {
  newsdex::SearchOptions o;
  o.like = id;
  return o;
}

}  // namespace

TEST_CASE("like: the most similar article first, never the article itself", "[like]") {
  TempDb db("like");
  index_all(db, corpus());
  newsdex::Searcher searcher({db.path.string()});

  const auto hits = ids(searcher.search("", like("coffee/frost")));
  REQUIRE(hits.size() >= 2);
  CHECK_FALSE(contains(hits, "coffee/frost"));
  // The other coffee stories before the oil and grain stories (which share only words such as
  // "and" with it: in a corpus this small every word of the article is looked for).
  CHECK(hits[0] == "coffee/growers");
  CHECK(hits[1] == "coffee/exports");

  const auto oil = ids(searcher.search("", like("oil/opec")));
  REQUIRE_FALSE(oil.empty());
  CHECK(oil[0] == "oil/refiners");
  CHECK_FALSE(contains(oil, "oil/opec"));
}

TEST_CASE("like: the query narrows the similar articles down", "[like]") {
  TempDb db("like-filter");
  index_all(db, corpus());
  newsdex::Searcher searcher({db.path.string()});

  // A date: filter keeps only that day's articles (the best match, coffee/growers, is of
  // 2025-07-14 and goes).
  const auto result = searcher.search("date:2025-07-15", like("coffee/frost"));
  REQUIRE_FALSE(result.hits.empty());
  for (const auto& h : result.hits) CHECK(h.date == "2025-07-15");
  CHECK(result.hits[0].id == "coffee/exports");

  // A word must be in every hit: of the coffee stories only the one that names Colombia.
  CHECK(ids(searcher.search("colombia", like("coffee/frost"))) ==
        std::vector<std::string>{"coffee/exports"});
  // Counting and facets see the same matches.
  newsdex::SearchOptions counted = like("coffee/frost");
  counted.exact_count = true;
  counted.facets = {newsdex::FacetField::month};
  const auto all = searcher.search("", counted);
  REQUIRE(all.matches);
  CHECK(*all.matches == all.hits.size());
  CHECK_FALSE(contains(ids(all), "coffee/frost"));
  // Sorted by date, the same articles.
  newsdex::SearchOptions by_date = like("coffee/frost");
  by_date.sort = newsdex::SortOrder::date_descending;
  auto sorted = ids(searcher.search("", by_date));
  auto ranked = ids(all);
  std::sort(sorted.begin(), sorted.end());
  std::sort(ranked.begin(), ranked.end());
  CHECK(sorted == ranked);
}

TEST_CASE("like: an id no database holds is Error(not_found)", "[like]") {
  TempDb db("like-missing");
  index_all(db, corpus());
  newsdex::Searcher searcher({db.path.string()});
  try {
    searcher.search("", like("coffee/none"));
    FAIL("no error");
  } catch (const newsdex::Error& e) {
    CHECK(e.code() == newsdex::ErrorCode::not_found);
    CHECK(std::string(e.what()) == "no article with id 'coffee/none'");
  }
  // Without like, an empty query is still a query error.
  CHECK_THROWS_AS(searcher.search(""), newsdex::QueryError);
}

TEST_CASE("like over two databases finds the article in either", "[like]") {
  TempDb a("like-a");
  TempDb b("like-b");
  const auto& all = corpus();
  index_all(a, {all[0], all[3]});                  // coffee/frost, oil/opec
  index_all(b, {all[1], all[2], all[4], all[5]});  // the rest
  newsdex::Searcher searcher({a.path.string(), b.path.string()});
  CHECK(ids(searcher.search("", like("coffee/frost"))).at(0) == "coffee/growers");
  CHECK(ids(searcher.search("", like("coffee/growers"))).at(0) == "coffee/frost");
  CHECK(ids(searcher.search("", like("oil/refiners"))).at(0) == "oil/opec");
}

TEST_CASE("ids with spaces, #, /, quotes and over 240 bytes are found as hits show them",
          "[like]") {
  TempDb db("like-ids");
  std::vector<newsdex::Article> articles = corpus();
  const std::string long_id = "feed/" + std::string(300, 'x') + "/coffee";
  const std::vector<std::string> odd = {"my file.txt#2", "a/b \"quoted\" 'it'#3", long_id};
  // Two long ids alike but for their last byte stay two articles.
  const std::string long_twin = long_id.substr(0, long_id.size() - 1) + "E";
  for (const std::string& id : odd) {
    newsdex::Article copy = articles[0];  // coffee/frost under another id
    copy.id = id;
    articles.push_back(copy);
  }
  articles[0].id = long_twin;
  articles[0].title = "Twin";
  index_all(db, articles);
  newsdex::Searcher searcher({db.path.string()});
  for (const std::string& id : odd) {
    CAPTURE(id);
    const auto stored = searcher.get_article(id);
    REQUIRE(stored);
    CHECK(stored->article.id == id);
    CHECK(stored->article.title == "Frost hits Brazil coffee crop");
    const auto hits = ids(searcher.search("", like(id)));
    CHECK_FALSE(contains(hits, id));
    CHECK(contains(hits, "coffee/growers"));
  }
  REQUIRE(searcher.get_article(long_twin));
  CHECK(searcher.get_article(long_twin)->article.title == "Twin");
  // The id a hit carries fetches that article.
  for (const auto& h : searcher.search("frost", {}).hits) {
    CAPTURE(h.id);
    REQUIRE(searcher.get_article(h.id));
    CHECK(searcher.get_article(h.id)->article.title == h.title);
  }
}

TEST_CASE("Printer::article prints the whole article: text and JSON", "[like][printer]") {
  newsdex::StoredArticle stored;
  newsdex::Article& a = stored.article;
  a.id = "wire/one #1";
  a.date = "2025-07-13";
  a.time = "14:05:00+03:00";
  a.title = "Lavrov in Beijing";
  a.source = "Wire";
  a.url = "https://example.org/one";
  a.path = "in/wire.jsonl";
  a.lang = "en";
  a.body = "BEIJING, July 13 - Sergey Lavrov met Wang Yi.\nThey spoke of grain.";
  newsdex::Entity lavrov;
  lavrov.type = newsdex::EntityType::person;
  lavrov.name = "Sergey Lavrov";
  lavrov.id = "sergey lavrov";
  lavrov.mentions = 1;
  newsdex::Entity beijing;
  beijing.type = newsdex::EntityType::place;
  beijing.name = "Beijing";
  beijing.id = "geonames:1816670";
  beijing.country = "CN";
  beijing.mentions = 1;
  stored.entities.actors = {lavrov};
  stored.entities.places = {beijing};

  std::ostringstream text;
  newsdex::output::make_text_printer(text, /*color=*/false)->article(stored);
  const std::string t = text.str();
  CHECK(t.rfind("Lavrov in Beijing\n2025-07-13 14:05:00+03:00 · Wire\n", 0) == 0);
  for (const char* line : {"\nid:   wire/one #1\n", "\nurl:  https://example.org/one\n",
                           "\npath: in/wire.jsonl\n", "\nlang: en\n",
                           "\n\nBEIJING, July 13 - Sergey Lavrov met Wang Yi.\nThey spoke of "
                           "grain.\n\n",
                           "\nactors: Sergey Lavrov\n", "\nplaces: Beijing (CN)\n"}) {
    CAPTURE(line);
    CHECK(t.find(line) != std::string::npos);
  }
  CHECK(t.find('\033') == std::string::npos);

  std::ostringstream json;
  newsdex::output::make_json_printer(json)->article(stored);
  const std::string line = json.str();
  REQUIRE(line.size() > 1);
  CHECK(line.back() == '\n');
  CHECK(std::count(line.begin(), line.end(), '\n') == 1);
  const auto j = nlohmann::json::parse(line);
  CHECK(j["type"] == "article");
  CHECK(j["schema_version"] == newsdex::kJsonSchemaVersion);
  CHECK(j["id"] == a.id);
  CHECK(j["time"] == a.time);
  CHECK(j["url"] == a.url);
  CHECK(j["body"] == a.body);
  CHECK(j["actors"].at(0)["name"] == "Sergey Lavrov");
  CHECK(j["places"].at(0)["country"] == "CN");
  // The same entity shape as a hit's.
  CHECK(j["places"].at(0).dump() == newsdex::output::entity_json(beijing));

  std::ostringstream csv;
  auto printer = newsdex::output::make_csv_printer(csv, newsdex::output::CsvRows::hits, {}, false,
                                                   std::nullopt);
  CHECK_THROWS_AS(printer->article(stored), newsdex::Error);
}

TEST_CASE("get_article returns time, url and entities as indexed", "[like]") {
  TempDb db("show");
  newsdex::IndexOptions options;
  options.db_path = db.path.string();
  newsdex::Indexer indexer(options);
  newsdex::Article a = newsdex::test::article("wire/1", "2025-07-13", "Lavrov in Beijing",
                                              "Sergey Lavrov met Wang Yi in Beijing.\nThey "
                                              "spoke of grain exports from Kursk.");
  a.time = "14:05:00+03:00";
  a.url = "https://example.org/1";
  indexer.add(a);
  indexer.commit();
  newsdex::Searcher searcher({db.path.string()});
  const auto stored = searcher.get_article("wire/1");
  REQUIRE(stored);
  CHECK(stored->article.body == a.body);
  CHECK(stored->article.url == a.url);
  std::ostringstream text;
  newsdex::output::make_text_printer(text, false)->article(*stored);
  CHECK(text.str().find("2025-07-13 14:05:00+03:00\n") != std::string::npos);
  CHECK(text.str().find("\nThey spoke of grain exports from Kursk.\n") != std::string::npos);
  CHECK(text.str().find("actors: Sergey Lavrov") != std::string::npos);
  CHECK(text.str().find("Kursk (RU)") != std::string::npos);
}
