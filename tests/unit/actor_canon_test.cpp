// One name per actor across the corpus (entities/actor_canon.h): which actor ids are grouped,
// and how actor: queries and the actor facet follow the groups.
#include <newsdex/error.h>
#include <newsdex/indexer.h>
#include <newsdex/searcher.h>
#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "entities/actor_canon.h"
#include "entities/actor_filter.h"
#include "index/document_builder.h"
#include "index/schema.h"
#include "test_support.h"

namespace {

using newsdex::Entity;
using newsdex::EntityType;
using newsdex::entities::ActorAliases;
using newsdex::test::TempDb;

Entity actor(const std::string& name, EntityType type = EntityType::person,
             std::vector<std::string> aliases = {}) {
  Entity e;
  e.type = type;
  e.name = name;
  e.aliases = std::move(aliases);
  e.mentions = 1;
  return e;
}

// A newsdex database whose articles name the given actors: `n` articles per entry.
class Corpus {
 public:
  Corpus() {
    newsdex::IndexOptions opts;  // creates the database with its schema version
    opts.db_path = db_.path.string();
    opts.recognize_entities = false;
    newsdex::Indexer{opts}.commit();
    writer_ = Xapian::WritableDatabase(db_.path.string(), Xapian::DB_OPEN);
  }
  // `n` articles naming these actors.
  void add(int n, const std::vector<Entity>& actors) {
    for (int i = 0; i < n; ++i) {
      newsdex::ArticleEntities entities;
      entities.actors = actors;
      const std::string id = "a" + std::to_string(next_++);
      writer_.add_document(newsdex::index::build_document(
          newsdex::test::article(id, "1987-03-01", "t", "body"), &entities));
    }
  }
  ActorAliases group(const std::vector<newsdex::entities::UserAlias>* user = nullptr) {
    ActorAliases t = newsdex::entities::update_actor_aliases(writer_, user);
    writer_.commit();
    return t;
  }
  void close() { writer_.close(); }
  std::string path() const { return db_.path.string(); }

 private:
  TempDb db_{"actors"};
  Xapian::WritableDatabase writer_;
  int next_ = 0;
};

std::vector<std::string> ids(newsdex::Searcher& s, const std::string& q) {
  newsdex::SearchOptions o;
  o.limit = 1000;
  std::vector<std::string> out;
  for (const auto& h : s.search(q, o).hits) out.push_back(h.id);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("actor groups: two frequent people sharing a surname are not merged", "[actors]") {
  Corpus c;
  c.add(40, {actor("James Baker", EntityType::person, {"Baker"})});
  c.add(12, {actor("Howard Baker", EntityType::person, {"Baker"})});
  c.add(30, {actor("Baker")});
  const ActorAliases t = c.group();
  CHECK(t.canonical("baker") == "baker");
  CHECK(t.canonical("james baker") == "james baker");
  CHECK(t.canonical("howard baker") == "howard baker");
  CHECK(t.group("james baker").size() == 1);
  c.close();
  newsdex::Searcher s({c.path()});
  const auto james = ids(s, "actor:\"James Baker\"");
  const auto howard = ids(s, "actor:\"Howard Baker\"");
  CHECK(james.size() == 40);
  CHECK(howard.size() == 12);
  std::vector<std::string> common;
  std::set_intersection(james.begin(), james.end(), howard.begin(), howard.end(),
                        std::back_inserter(common));
  CHECK(common.empty());
  // The surname alone still reaches every Baker, as a word of their names.
  CHECK(ids(s, "actor:baker").size() == 82);
}

TEST_CASE("actor groups: a surname joins the one frequent full name that has it", "[actors]") {
  Corpus c;
  c.add(20, {actor("Ronald Reagan", EntityType::person, {"Reagan"})});
  c.add(2, {actor("Nancy Reagan", EntityType::person, {"Reagan"})});  // rare: no rival
  c.add(50, {actor("Reagan")});
  c.add(5, {actor("Reagan Administration", EntityType::organisation)});
  // A company named like a person's surname stays itself.
  c.add(10, {actor("Harold Ford")});
  c.add(30, {actor("Ford", EntityType::organisation)});
  const ActorAliases t = c.group();
  CHECK(t.canonical("reagan") == "ronald reagan");
  CHECK(t.canonical("ford") == "ford");
  CHECK(t.canonical("nancy reagan") == "nancy reagan");
  c.close();
  newsdex::Searcher s({c.path()});
  const auto by_surname = ids(s, "actor:reagan");
  CHECK(by_surname.size() == 70);
  CHECK(by_surname == ids(s, "actor:\"Ronald Reagan\""));
  CHECK(by_surname == ids(s, "actor:REAGAN"));
  // The facet counts the group once, under the full name.
  newsdex::SearchOptions o;
  o.limit = 0;
  o.facets = {newsdex::FacetField::actor};
  const auto r = s.search("actor:reagan", o);
  REQUIRE(r.facets.size() == 1);
  REQUIRE(!r.facets[0].values.empty());
  CHECK(r.facets[0].values[0].id == "ronald reagan");
  CHECK(r.facets[0].values[0].name == "Ronald Reagan");
  CHECK(r.facets[0].values[0].count == 70);
}

TEST_CASE("actor groups: an acronym joins the long form it is bracketed with, filler words do not count",
          "[actors]") {
  Corpus c;
  c.add(10, {actor("Organization of Petroleum Exporting Countries", EntityType::organisation,
                   {"OPEC"})});
  c.add(4, {actor("Organization of the Petroleum Exporting Countries", EntityType::organisation,
                  {"OPEC"})});
  c.add(3, {actor("Organisation of Petroleum Exporting Countries", EntityType::organisation,
                  {"OPEC"})});
  c.add(60, {actor("OPEC", EntityType::organisation)});
  c.add(5, {actor("Texaco Inc", EntityType::organisation)});
  c.add(9, {actor("Texaco", EntityType::organisation)});
  // Initials alone are not enough: never bracketed together.
  c.add(5, {actor("Exxon Corp", EntityType::organisation)});
  c.add(5, {actor("Export Credit", EntityType::organisation)});
  c.add(5, {actor("EC", EntityType::organisation)});
  // Two long forms bracketed with one acronym, neither dominant: it joins neither.
  c.add(6, {actor("Asian Development Bank", EntityType::organisation, {"ADB"})});
  c.add(5, {actor("African Development Bank", EntityType::organisation, {"ADB"})});
  c.add(10, {actor("ADB", EntityType::organisation)});
  const ActorAliases t = c.group();
  CHECK(t.canonical("adb") == "adb");
  CHECK(t.canonical("african development bank") == "african development bank");
  CHECK(t.canonical("opec") == "organization of petroleum exporting countries");
  CHECK(t.canonical("organization of the petroleum exporting countries") ==
        "organization of petroleum exporting countries");
  CHECK(t.canonical("texaco inc") == "texaco");
  CHECK(t.canonical("ec") == "ec");
  c.close();
  newsdex::Searcher s({c.path()});
  const auto opec = ids(s, "actor:opec");
  CHECK(t.canonical("organisation of petroleum exporting countries") ==
        "organization of petroleum exporting countries");
  CHECK(opec.size() == 77);
  CHECK(opec == ids(s, "actor:\"Organization of Petroleum Exporting Countries\""));
  CHECK(opec == ids(s, "actor:\"Organization of the Petroleum Exporting Countries\""));
  CHECK(ids(s, "actor:texaco") == ids(s, "actor:\"Texaco Inc\""));
}

TEST_CASE("actor groups: user aliases win over the corpus's groups and are kept", "[actors]") {
  Corpus c;
  c.add(20, {actor("Ronald Reagan", EntityType::person, {"Reagan"})});
  c.add(50, {actor("Reagan")});
  c.add(7, {actor("Gipper")});
  const std::vector<newsdex::entities::UserAlias> user = {
      {"The Gipper", {"the gipper", "gipper", "ronald reagan"}}};
  ActorAliases t = c.group(&user);
  // The full name brings its group (the surname) along; the file names the group.
  CHECK(t.canonical("ronald reagan") == "the gipper");
  CHECK(t.canonical("reagan") == "the gipper");
  CHECK(t.canonical("gipper") == "the gipper");
  CHECK(t.display("the gipper") == "The Gipper");
  // A later pass without a file keeps the stored user aliases.
  t = c.group();
  CHECK(t.canonical("gipper") == "the gipper");
  // A member moves alone: "Reagan" is the Gipper's no more.
  const std::vector<newsdex::entities::UserAlias> other = {{"Nancy Reagan", {"nancy reagan", "reagan"}}};
  t = c.group(&other);
  CHECK(t.canonical("reagan") == "nancy reagan");
  CHECK(t.canonical("gipper") == "gipper");
  CHECK(t.canonical("ronald reagan") == "ronald reagan");
  c.close();
  newsdex::Searcher s({c.path()});
  CHECK(ids(s, "actor:\"Nancy Reagan\"").size() == 50);
}

TEST_CASE("actor groups: the stored table reads back as written", "[actors]") {
  ActorAliases t;
  t.add("reagan", "ronald reagan", {});
  t.add("opec", "organization of petroleum exporting countries", {});
  t.add("gipper", "ronald reagan", "The Gipper");
  const ActorAliases back = ActorAliases::decode(t.encode());
  CHECK(back.encode() == t.encode());
  CHECK(back.canonical("gipper") == "ronald reagan");
  CHECK(back.display("ronald reagan") == "The Gipper");
  CHECK(back.group("reagan").size() == 3);
  CHECK(back.canonical("nobody") == "nobody");
}

TEST_CASE("actor groups: apply_aliases reads the file with the recogniser's rules", "[actors]") {
  Corpus c;
  c.add(3, {actor("OPEC", EntityType::organisation)});
  c.close();
  TempDb dir{"aliases"};
  std::filesystem::create_directories(dir.path);
  const std::string bad = (dir.path / "bad.tsv").string();
  std::ofstream(bad) << "# comment\nOPEC\n";
  newsdex::IndexOptions opts;
  opts.db_path = c.path();
  opts.recognize_entities = false;
  newsdex::Indexer ix(opts);
  try {
    ix.apply_aliases(bad);
    FAIL("a line with one field is an error");
  } catch (const newsdex::Error& e) {
    CHECK(e.code() == newsdex::ErrorCode::input);
    CHECK(std::string(e.what()).find("bad.tsv:2:") != std::string::npos);
  }
  CHECK_THROWS_AS(ix.apply_aliases((dir.path / "missing.tsv").string()), newsdex::Error);
  const std::string good = (dir.path / "good.tsv").string();
  std::ofstream(good) << "Organization of Petroleum Exporting Countries\tOPEC\n";
  CHECK(ix.apply_aliases(good) == 1);
}

TEST_CASE("actor groups: tickers, names run into them and bare company suffixes are no actors",
          "[actors]") {
  const std::string body =
      "E.I. DU PONT <DD> said ... Exxon Corp <XON> and DU PONT <DD> agreed. Inc said nothing. "
      "The OPEC meeting.";
  std::vector<Entity> actors = {actor("DU PONT <DD", EntityType::organisation),
                                actor("Du Pont", EntityType::organisation, {"DU PONT <DD"}),
                                actor("XON", EntityType::organisation),
                                actor("Exxon Corp", EntityType::organisation),
                                actor("Inc", EntityType::organisation),
                                actor("OPEC", EntityType::organisation)};
  newsdex::entities::drop_non_actors(actors, "", body);
  std::vector<std::string> names;
  for (const Entity& e : actors) names.push_back(e.name);
  CHECK(names == std::vector<std::string>{"DU PONT", "Exxon Corp", "OPEC"});
  REQUIRE(actors.size() == 3);
  CHECK(actors[0].mentions == 2);  // `Du Pont` joined the cut `DU PONT`
}
