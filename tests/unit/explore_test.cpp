// Exploring a story through the public API: related entities scored against the corpus, the
// co-mention network and its counts, and how both are written.
#include "search/explore.h"

#include <newsdex/error.h>
#include <newsdex/explore.h>
#include <newsdex/indexer.h>
#include <newsdex/searcher.h>
#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "index/document_builder.h"
#include "index/schema.h"
#include "test_support.h"

namespace {

using newsdex::Entity;
using newsdex::EntityType;
using newsdex::test::TempDb;

Entity actor(const std::string& name) {
  Entity e;
  e.type = EntityType::person;
  e.name = name;
  e.mentions = 1;
  return e;
}

Entity place(const std::string& id, const std::string& name, const std::string& country) {
  Entity e;
  e.type = EntityType::place;
  e.id = id;
  e.name = name;
  e.country = country;
  e.mentions = 1;
  return e;
}

// A newsdex database of written articles, each with the body and entities given.
class Corpus {
 public:
  Corpus() {
    newsdex::IndexOptions opts;  // creates the database with its schema version
    opts.db_path = db_.path.string();
    opts.recognize_entities = false;
    newsdex::Indexer{opts}.commit();
    writer_ = Xapian::WritableDatabase(db_.path.string(), Xapian::DB_OPEN);
  }
  // `story`: the group key the duplicates pass gives copies of one story (none: not a copy).
  void add(int n, const std::string& body, const std::vector<Entity>& actors,
           const std::vector<Entity>& places = {}, const std::string& story = "") {
    for (int i = 0; i < n; ++i) {
      newsdex::ArticleEntities entities;
      entities.actors = actors;
      entities.places = places;
      const std::string id = "a" + std::to_string(next_++);
      Xapian::Document doc = newsdex::index::build_document(
          newsdex::test::article(id, "1987-03-01", "t", body), &entities);
      if (!story.empty()) doc.add_value(newsdex::schema::kDuplicateSlot, story);
      writer_.add_document(doc);
    }
  }
  void close() {
    writer_.commit();
    writer_.close();
  }
  std::string path() const { return db_.path.string(); }

 private:
  TempDb db_{"explore"};
  Xapian::WritableDatabase writer_;
  int next_ = 0;
};

std::size_t count(newsdex::Searcher& s, const std::string& q) {
  newsdex::SearchOptions o;
  o.exact_count = true;
  o.limit = 0;
  return *s.search(q, o).matches;
}

// What newsdex-search --count prints: stories (copies of one story count once).
std::size_t count_stories(newsdex::Searcher& s, const std::string& q) {
  newsdex::SearchOptions o;
  o.exact_count = true;
  o.limit = 0;
  return *s.search(q, o).stories;
}

const newsdex::RelatedEntity* find(const newsdex::RelatedEntities& r, const std::string& id) {
  for (const auto& e : r.entities) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

// 100 articles. Reuters is in every one; 20 are about oil: OPEC is in 15 of them and 2 others,
// Nazer in 4 and nowhere else, Baker (a common name) in 5 and in 15 others, Once in 1 only.
void story(Corpus& c) {
  const Entity reuters = actor("Reuters"), opec = actor("OPEC"), nazer = actor("Hisham Nazer"),
               baker = actor("James Baker"), once = actor("Joe Once");
  c.add(10, "oil prices", {reuters, opec});
  c.add(4, "oil output", {reuters, opec, nazer, baker});
  c.add(1, "oil quota", {reuters, opec, once});
  c.add(1, "oil talks", {reuters, baker});
  c.add(4, "oil stocks", {reuters});
  c.add(2, "grain", {reuters, opec});
  c.add(15, "grain talks", {reuters, baker});
  c.add(63, "grain", {reuters});
  c.close();
}

}  // namespace

TEST_CASE("related: scored by JLH against all articles, ubiquitous and one-off names left out",
          "[explore]") {
  Corpus c;
  story(c);
  newsdex::Searcher s({c.path()});
  newsdex::RelatedOptions o;
  o.kind = newsdex::EntityKind::actor;
  const auto r = s.related("oil", o);
  CHECK(r.fg_size == 20);
  CHECK(r.bg_size == 100);
  CHECK(r.min_count == 3);
  // In every article: no more common among the matches, never listed, let alone first.
  CHECK(find(r, "reuters") == nullptr);
  // In one matching article only: below min_count.
  CHECK(find(r, "joe once") == nullptr);
  REQUIRE(r.entities.size() >= 2);
  // Nazer (4 of 20, nowhere else) and OPEC (15 of 20, 17 in all) are far more specific to oil
  // than Baker (5 of 20, 20 of 100: a little more common there).
  REQUIRE(find(r, "james baker") != nullptr);
  std::vector<std::string> order;
  for (const auto& e : r.entities) order.push_back(e.id);
  const auto pos = [&](const std::string& id) {
    return std::find(order.begin(), order.end(), id) - order.begin();
  };
  CHECK(pos("opec") < pos("james baker"));
  CHECK(pos("hisham nazer") < pos("james baker"));
  for (std::size_t i = 1; i < r.entities.size(); ++i) {
    CHECK(r.entities[i - 1].score >= r.entities[i].score);
  }
  const auto* opec = find(r, "opec");
  REQUIRE(opec != nullptr);
  CHECK(opec->fg_count == 15);
  CHECK(opec->bg_count == 17);
  CHECK(opec->fg_count == count(s, "oil " + opec->query));
  CHECK(opec->bg_count == count(s, opec->query));
  CHECK(opec->score == Approx((15.0 / 20 - 17.0 / 100) * (15.0 / 20) / (17.0 / 100)));
  CHECK(opec->name == "OPEC");
  // The limit keeps the best.
  o.limit = 1;
  const auto top = s.related("oil", o);
  REQUIRE(top.entities.size() == 1);
  CHECK(top.entities[0].id == r.entities[0].id);
}

TEST_CASE("related: a foreground smaller than min_count needs every match and a second article",
          "[explore]") {
  Corpus c;
  const Entity kim = actor("Kim Jong Un"), lavrov = actor("Sergey Lavrov"),
               kcna = actor("Korean Central News Agency"), reuters = actor("Reuters");
  c.add(1, "wonsan meeting", {kim, lavrov, kcna, reuters});
  c.add(3, "geneva talks", {lavrov, reuters});
  c.add(6, "weather", {reuters});
  c.close();
  newsdex::Searcher s({c.path()});
  const auto r = s.related("actor:\"Kim Jong Un\"");
  CHECK(r.fg_size == 1);
  CHECK(r.min_count == 1);
  // Kim and KCNA are named in this article only: one-off names, left out. Reuters is everywhere.
  REQUIRE(r.entities.size() == 1);
  CHECK(r.entities[0].id == "sergey lavrov");
  CHECK(r.entities[0].bg_count == 4);
}

TEST_CASE("related: places, and bad kinds", "[explore]") {
  Corpus c;
  const Entity kursk = place("geonames:1", "Kursk", "RU"),
               moscow = place("geonames:2", "Moscow", "RU");
  c.add(5, "troops border", {}, {kursk, moscow});
  c.add(20, "weather", {}, {moscow});
  c.close();
  newsdex::Searcher s({c.path()});
  newsdex::RelatedOptions o;
  o.kind = newsdex::EntityKind::place;
  const auto r = s.related("troops", o);
  REQUIRE(!r.entities.empty());
  CHECK(r.entities[0].id == "geonames:1");
  CHECK(r.entities[0].name == "Kursk");
  CHECK(r.entities[0].country == "RU");
  CHECK(r.entities[0].query == "place:\"geonames:1\"");
  CHECK(count(s, r.entities[0].query) == 5);
  CHECK(find(r, "geonames:2") == nullptr);  // Moscow is in every article
  try {
    newsdex::parse_entity_kind("country");
    FAIL("no error");
  } catch (const newsdex::Error& e) {
    CHECK(e.code() == newsdex::ErrorCode::input);
    CHECK_THAT(e.hint(), Catch::Contains("actor and place"));
  }
  try {
    newsdex::parse_network_kind("people");
    FAIL("no error");
  } catch (const newsdex::Error& e) {
    CHECK_THAT(e.hint(), Catch::Contains("actor, place and both"));
  }
  try {
    newsdex::output::parse_network_format("gexf");
    FAIL("no error");
  } catch (const newsdex::Error& e) {
    CHECK_THAT(e.hint(), Catch::Contains("graphml and json"));
  }
}

TEST_CASE("two actor: or place: filters both apply", "[explore]") {
  Corpus c;
  c.add(2, "oil", {actor("Ali Khalifa"), actor("Hisham Nazer")});
  c.add(3, "oil", {actor("Ali Khalifa")});
  c.add(4, "oil", {actor("Hisham Nazer")});
  c.close();
  newsdex::Searcher s({c.path()});
  CHECK(count(s, "actor:\"Ali Khalifa\" actor:\"Hisham Nazer\"") == 2);
  CHECK(count(s, "actor:\"Ali Khalifa\" OR actor:\"Hisham Nazer\"") == 9);
}

TEST_CASE("network: node counts and edge weights are the counts of the node queries", "[explore]") {
  Corpus c;
  const Entity a = actor("Ali Khalifa"), b = actor("Hisham Nazer"), d = actor("Rilwanu Lukman"),
               lone = actor("Lone Voice");
  const Entity kuwait = place("geonames:10", "Kuwait", "KW");
  c.add(3, "opec meeting", {a, b, d}, {kuwait});
  c.add(2, "opec meeting", {a, b});
  c.add(1, "opec meeting", {a, d});
  c.add(2, "opec meeting", {lone});
  c.add(5, "grain", {a, b});  // not a match: no weight from here
  c.close();
  newsdex::Searcher s({c.path()});
  newsdex::NetworkOptions o;
  o.kind = newsdex::NetworkKind::actor;
  const auto net = s.network("opec", o);
  CHECK(net.matches == 8);
  CHECK(net.candidates == 4);
  CHECK_FALSE(net.truncated);
  REQUIRE(net.nodes.size() == 4);
  for (const auto& n : net.nodes) CHECK(n.count == count(s, "opec " + n.query));
  CHECK(net.nodes[0].id == "ali khalifa");  // in most matches
  CHECK(net.nodes[0].count == 6);
  REQUIRE(net.edges.size() == 3);  // a-b 5, a-d 4, b-d 3; the lone voice has none
  for (const auto& e : net.edges) {
    CHECK(e.source < e.target);
    CHECK(e.weight ==
          count(s, "opec " + net.nodes[e.source].query + " " + net.nodes[e.target].query));
  }
  CHECK(net.edges[0].weight == 5);
  CHECK(net.edges[2].weight == 3);

  // --min-weight drops light edges; nodes stay.
  o.min_weight = 4;
  const auto heavy = s.network("opec", o);
  CHECK(heavy.nodes.size() == 4);
  REQUIRE(heavy.edges.size() == 2);
  CHECK(heavy.edges[1].weight == 4);

  // --max-nodes keeps those in most matches and says the network was cut.
  o.min_weight = 1;
  o.max_nodes = 2;
  const auto cut = s.network("opec", o);
  CHECK(cut.truncated);
  CHECK(cut.candidates == 4);
  REQUIRE(cut.nodes.size() == 2);
  CHECK(cut.nodes[1].id == "hisham nazer");
  REQUIRE(cut.edges.size() == 1);
  CHECK(cut.edges[0].weight == 5);

  // Both kinds: places join actors.
  o.max_nodes = 0;
  o.kind = newsdex::NetworkKind::both;
  const auto both = s.network("opec", o);
  CHECK(both.nodes.size() == 5);
  const auto kw = std::find_if(both.nodes.begin(), both.nodes.end(),
                               [](const auto& n) { return n.kind == newsdex::EntityKind::place; });
  REQUIRE(kw != both.nodes.end());
  CHECK(kw->query == "place:\"geonames:10\"");
  CHECK(kw->count == 3);
  CHECK(kw->name == "Kuwait");
}

TEST_CASE("network: GraphML and JSON carry the nodes, counts and weights, escaped", "[explore]") {
  newsdex::Network net;
  net.matches = 3;
  net.candidates = 2;
  net.max_nodes = 100;
  net.min_weight = 1;
  newsdex::NetworkNode a;
  a.id = "at&t";
  a.name = "AT&T <Corp>";
  a.query = "actor:\"at&t\"";
  a.count = 3;
  newsdex::NetworkNode b;
  b.id = "geonames:1";
  b.kind = newsdex::EntityKind::place;
  b.name = "Kursk";
  b.country = "RU";
  b.query = "place:\"geonames:1\"";
  b.count = 2;
  net.nodes = {a, b};
  net.edges = {{0, 1, 2}};

  std::ostringstream graphml;
  newsdex::output::write_network(net, "q & a", newsdex::output::NetworkFormat::graphml, graphml);
  const std::string g = graphml.str();
  CHECK_THAT(g, Catch::Contains("<node id=\"actor:&quot;at&amp;t&quot;\">"));
  CHECK_THAT(g, Catch::Contains("<data key=\"label\">AT&amp;T &lt;Corp&gt;</data>"));
  CHECK_THAT(g, Catch::Contains("<data key=\"weight\">2</data>"));
  CHECK_THAT(g, Catch::Contains("attr.name=\"weight\" attr.type=\"int\""));
  CHECK(g.find("AT&T") == std::string::npos);

  std::ostringstream json;
  newsdex::output::write_network(net, "q", newsdex::output::NetworkFormat::json, json);
  const auto j = nlohmann::json::parse(json.str());
  CHECK(j["type"] == "network");
  REQUIRE(j["nodes"].size() == 2);
  CHECK(j["nodes"][0]["name"] == "AT&T <Corp>");
  CHECK(j["nodes"][1]["kind"] == "place");
  CHECK(j["nodes"][1]["country"] == "RU");
  CHECK(j["edges"][0]["source"] == 0);
  CHECK(j["edges"][0]["weight"] == 2);
}

TEST_CASE("related and network count stories, or articles with all_copies", "[explore]") {
  Corpus c;
  const Entity a = actor("Ali Khalifa"), b = actor("Hisham Nazer");
  c.add(3, "opec meeting", {a, b}, {}, "story-1");  // one story sent three times
  c.add(1, "opec meeting", {a, b});
  c.add(2, "opec talks", {a});
  // Two copies of a story that name one actor each: no copy names both.
  c.add(1, "opec quota", {a}, {}, "story-2");
  c.add(1, "opec quota", {b}, {}, "story-2");
  c.add(12, "grain", {});
  c.close();
  newsdex::Searcher s({c.path()});

  const auto r = s.related("opec");
  CHECK(r.unit == newsdex::CountUnit::stories);
  CHECK(r.fg_size == 5);   // story-1, the lone meeting, two talks, story-2
  CHECK(r.bg_size == 17);  // 20 articles, 3 of them extra copies
  const auto* khalifa = find(r, "ali khalifa");
  REQUIRE(khalifa != nullptr);
  CHECK(khalifa->fg_count == 5);
  CHECK(khalifa->fg_count == count_stories(s, "opec " + khalifa->query));
  CHECK(khalifa->bg_count == count_stories(s, khalifa->query));

  newsdex::RelatedOptions all;
  all.all_copies = true;
  const auto ra = s.related("opec", all);
  CHECK(ra.unit == newsdex::CountUnit::articles);
  CHECK(ra.fg_size == 8);
  CHECK(ra.bg_size == 20);
  REQUIRE(find(ra, "ali khalifa") != nullptr);
  CHECK(find(ra, "ali khalifa")->fg_count == 7);

  const auto net = s.network("opec");
  CHECK(net.unit == newsdex::CountUnit::stories);
  CHECK(net.matches == 5);
  REQUIRE(net.nodes.size() == 2);
  for (const auto& n : net.nodes) CHECK(n.count == count_stories(s, "opec " + n.query));
  REQUIRE(net.edges.size() == 1);
  // story-1 and the lone meeting; not story-2, whose copies each name one of them.
  CHECK(net.edges[0].weight == 2);
  CHECK(net.edges[0].weight ==
        count_stories(s, "opec actor:\"Ali Khalifa\" actor:\"Hisham Nazer\""));

  newsdex::NetworkOptions na;
  na.all_copies = true;
  const auto neta = s.network("opec", na);
  CHECK(neta.unit == newsdex::CountUnit::articles);
  CHECK(neta.matches == 8);
  REQUIRE(neta.edges.size() == 1);
  CHECK(neta.edges[0].weight == 4);
  CHECK(neta.edges[0].weight == count(s, "opec actor:\"Ali Khalifa\" actor:\"Hisham Nazer\""));
}

TEST_CASE("related leaves out the entities the query asks for", "[explore]") {
  Corpus c;
  const Entity opec = actor("OPEC"), nazer = actor("Hisham Nazer"),
               lukman = actor("Rilwanu Lukman");
  const Entity kuwait = place("geonames:10", "Kuwait", "KW"),
               doha = place("geonames:11", "Doha", "QA");
  c.add(6, "opec meeting", {opec, nazer, lukman}, {kuwait, doha});
  c.add(2, "opec meeting", {opec, lukman}, {kuwait});
  c.add(20, "grain", {});
  c.close();
  newsdex::Searcher s({c.path()});
  const auto with_word = s.related("opec");
  REQUIRE(find(with_word, "opec") != nullptr);  // a word of the text: listed
  const auto r = s.related("actor:opec");
  CHECK(find(r, "opec") == nullptr);  // asked for: it would top its own list
  CHECK(find(r, "hisham nazer") != nullptr);
  CHECK(find(r, "rilwanu lukman") != nullptr);
  // One word of a name asks for every actor with it, as the filter finds them.
  const auto by_surname = s.related("actor:lukman");
  CHECK(find(by_surname, "rilwanu lukman") == nullptr);
  CHECK(find(by_surname, "hisham nazer") != nullptr);

  newsdex::RelatedOptions o;
  o.kind = newsdex::EntityKind::place;
  const auto places = s.related("place:kuwait", o);
  CHECK(find(places, "geonames:10") == nullptr);
  CHECK(find(places, "geonames:11") != nullptr);
  const auto by_id = s.related("place:\"geonames:10\"", o);
  CHECK(find(by_id, "geonames:10") == nullptr);
  CHECK(find(by_id, "geonames:11") != nullptr);
}
