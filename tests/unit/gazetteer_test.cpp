// Gazetteer lookups: countries, cities, regions, aliases, demonyms, names, load time.
#include "entities/gazetteer.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>
#include <type_traits>

#include "entities/data_dir.h"

// A copy shared the tables and freed them twice (issue 9 row 16): copying does not compile.
static_assert(!std::is_copy_constructible_v<newsdex::entities::Gazetteer> &&
              !std::is_copy_assignable_v<newsdex::entities::Gazetteer>);

using newsdex::entities::Gazetteer;
using newsdex::entities::Place;

namespace {

const Gazetteer& gaz() { return *Gazetteer::shared(NEWSDEX_SOURCE_DIR "/corpus"); }

const Place* first(const char* folded) {
  const auto& v = gaz().places(folded);
  return v.empty() ? nullptr : v.front();
}

}  // namespace

TEST_CASE("a gazetteer loaded from a data directory answers on its own", "[gazetteer]") {
  // (Its load time is a benchmark figure, not a test: bench/README.md.)
  Gazetteer fresh(NEWSDEX_SOURCE_DIR "/corpus");
  CHECK(!fresh.places("kursk").empty());
  CHECK(fresh.country("ru") != nullptr);
}

TEST_CASE("gazetteer resolves countries by name and alias and code", "[gazetteer]") {
  struct Case {
    const char* key;
    const char* iso2;
  };
  for (Case c :
       {Case{"russia", "RU"}, Case{"russian federation", "RU"}, Case{"north korea", "KP"},
        Case{"dprk", "KP"}, Case{"u.s", "US"}, Case{"united states", "US"}, Case{"america", "US"},
        Case{"britain", "GB"}, Case{"china", "CN"}, Case{"ukraine", "UA"},
        Case{"the kremlin", "RU"}, Case{"west germany", "DE"}, Case{"brazil", "BR"}}) {
    INFO(c.key);
    const Place* p = first(c.key);
    REQUIRE(p != nullptr);
    CHECK(p->kind == Place::Kind::country);
    CHECK(p->country == c.iso2);
  }
  REQUIRE(gaz().country("ru") != nullptr);
  CHECK(gaz().country("ru")->name == "Russia");
  CHECK(gaz().country("KP")->name == "North Korea");
  CHECK(gaz().country("XX") == nullptr);
}

TEST_CASE("gazetteer cities carry country and region", "[gazetteer]") {
  const Place* kursk = first("kursk");
  REQUIRE(kursk != nullptr);
  CHECK(kursk->kind == Place::Kind::city);  // the city beats its same-named region
  CHECK(kursk->country == "RU");
  CHECK(kursk->region == "Kursk");
  const Place* region = gaz().region_of(*kursk);
  REQUIRE(region != nullptr);
  CHECK(region->kind == Place::Kind::region);
  CHECK(region->id == newsdex::entities::region_id("RU", "Kursk"));

  const Place* wonsan = first("wonsan");
  REQUIRE(wonsan != nullptr);
  CHECK(wonsan->country == "KP");
  CHECK(first("beijing")->country == "CN");
  CHECK(first("moscow")->country == "RU");  // not Moscow, Idaho
  CHECK(first("paris")->country == "FR");   // most populous Paris
  bool texas_paris = false;
  for (const Place* p : gaz().places("paris")) texas_paris |= p->country == "US";
  CHECK(texas_paris);
  // The old spelling reaches the new name.
  REQUIRE(first("kiev") != nullptr);
  CHECK(first("kiev")->name == "Kyiv");
  CHECK(first("kiev")->country == "UA");
  CHECK(gaz().places("lavrov").empty());
}

TEST_CASE("gazetteer demonyms and first names and stop entities", "[gazetteer]") {
  struct Case {
    const char* key;
    const char* iso2;
  };
  for (Case c : {Case{"russian", "RU"}, Case{"russians", "RU"}, Case{"north korean", "KP"},
                 Case{"chinese", "CN"}, Case{"ukrainian", "UA"}, Case{"american", "US"},
                 Case{"frenchmen", "FR"}}) {
    INFO(c.key);
    REQUIRE(gaz().demonym(c.key) != nullptr);
    CHECK(gaz().demonym(c.key)->country == c.iso2);
  }
  CHECK(gaz().demonym("lavrov") == nullptr);
  CHECK(gaz().is_first_name("john"));
  CHECK(gaz().is_first_name("mary"));
  CHECK_FALSE(gaz().is_first_name("kursk"));
  CHECK(gaz().is_surname("smith"));
  CHECK(gaz().is_stop_entity("monday"));
  CHECK_FALSE(gaz().is_stop_entity("russia"));
  CHECK(gaz().max_name_words() >= 3);
}

TEST_CASE("data dir: explicit beats environment beats compiled-in", "[gazetteer]") {
  using newsdex::entities::resolve_data_dir;
  CHECK(resolve_data_dir("/some/dir") == "/some/dir");
  CHECK(newsdex::entities::data_path("models/x", "/d") == "/d/models/x");
  ::setenv("NEWSDEX_DATA_DIR", "/from/env", 1);
  CHECK(resolve_data_dir() == "/from/env");
  CHECK(resolve_data_dir("/some/dir") == "/some/dir");
  ::unsetenv("NEWSDEX_DATA_DIR");
  CHECK(resolve_data_dir() == NEWSDEX_SOURCE_DIR "/corpus");
}
