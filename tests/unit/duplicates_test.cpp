// Near duplicates (issue 11): copies of a story collapse into one hit, counted both ways.
#include "index/duplicates.h"

#include <newsdex/indexer.h>
#include <newsdex/searcher.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "test_support.h"
#include "text/tokenizer.h"

using newsdex::test::article;
using newsdex::test::TempDb;

namespace {

const std::string kStory =
    "The oil ministry of Kuwait said on Tuesday that crude exports rose to 1.2 million barrels "
    "a day in March, the highest level since the tanker war began, and that shipments to Japan "
    "would grow further once the new terminal at Mina al-Ahmadi opens next month, officials "
    "told reporters at a news conference in the capital.";
// The same story resent with a corrected figure, and again with a paragraph added.
const std::string kCorrected =
    "The oil ministry of Kuwait said on Tuesday that crude exports rose to 1.4 million barrels "
    "a day in March, the highest level since the tanker war began, and that shipments to Japan "
    "would grow further once the new terminal at Mina al-Ahmadi opens next month, officials "
    "told reporters at a news conference in the capital.";
// Another story under the same headline on the same day.
const std::string kOther =
    "Kuwait's parliament voted to raise the budget of the state oil company, after a debate "
    "in which deputies from the opposition criticised spending on refineries abroad and asked "
    "the government to publish the accounts of its European subsidiaries before the summer.";

newsdex::IndexOptions options(const std::string& db) {
  newsdex::IndexOptions o;
  o.db_path = db;
  o.recognize_entities = false;
  return o;
}

newsdex::SearchResult search(const std::string& db, const std::string& q, bool all_copies,
                             bool exact = true) {
  newsdex::Searcher s({db});
  newsdex::SearchOptions o;
  o.all_copies = all_copies;
  o.exact_count = exact;
  o.limit = 100;
  return s.search(q, o);
}

std::vector<std::string> ids(const newsdex::SearchResult& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.id);
  std::sort(out.begin(), out.end());
  return out;
}

newsdex::index::Fingerprint fingerprint(const std::string& title, const std::string& body) {
  const auto fp = newsdex::index::make_fingerprint(title, newsdex::text::tokenize(title), body,
                                                   newsdex::text::tokenize(body));
  REQUIRE(fp);
  return *fp;
}

}  // namespace

TEST_CASE("a corrected figure leaves the fingerprint as it was, other words do not",
          "[duplicates]") {
  using newsdex::index::hamming;
  const auto a = fingerprint("KUWAIT OIL EXPORTS RISE", kStory);
  const auto b = fingerprint("CORRECTED - KUWAIT OIL EXPORTS RISE", kCorrected);
  const auto c = fingerprint("KUWAIT OIL EXPORTS RISE", kOther);
  CHECK(a.lead == b.lead);
  CHECK(a.title == b.title);
  CHECK(hamming(a.lead, c.lead) > newsdex::index::kMaxLeadDistance);
  newsdex::index::Fingerprint back;
  REQUIRE(newsdex::index::Fingerprint::decode(a.encode(), back));
  CHECK(back.lead == a.lead);
  CHECK(back.title == a.title);
  CHECK_FALSE(newsdex::index::Fingerprint::decode("xyz", back));
}

TEST_CASE("short notes alike in their few words are not copies", "[duplicates]") {
  CHECK_FALSE(newsdex::index::make_fingerprint("a1", newsdex::text::tokenize("a1"), "oil talks",
                                               newsdex::text::tokenize("oil talks")));
  TempDb db("dups-short");
  {
    newsdex::Indexer ix(options(db.path.string()));
    ix.add(article("a1", "1987-03-10", "a1", "oil talks"));
    ix.add(article("a2", "1987-03-10", "a2", "oil talks"));
    ix.commit();
  }
  CHECK(search(db.path.string(), "oil", false).hits.size() == 2);
}

TEST_CASE("a table of figures keeps its numbers: two price reports are two stories",
          "[duplicates]") {
  const std::string t1 =
      "Wheat May 285 up 1 1/2 Jul 280 3/4 unch Sep 281 1/4 up 1/2 Dec 290 "
      "up 3/4 Corn May 160 1/4 up 1/4 Jul 164 unch";
  const std::string t2 =
      "Wheat May 284 3/4 up 1 1/4 Jul 281 1/2 up 3/4 Sep 282 up 1 Dec 291 "
      "up 1 Corn May 161 up 1 Jul 165 1/2 up 1 1/2";
  const auto a = fingerprint("GRAIN FUTURES 11:10", t1);
  const auto b = fingerprint("GRAIN FUTURES 12:50", t2);
  CHECK(newsdex::index::hamming(a.lead, b.lead) > newsdex::index::kMaxLeadDistance);
}

TEST_CASE("copies of a story collapse into one hit, all_copies lists them", "[duplicates]") {
  TempDb db("dups");
  {
    newsdex::Indexer ix(options(db.path.string()));
    ix.add(article("a", "1987-03-10", "KUWAIT OIL EXPORTS RISE", kStory));
    ix.add(article("b", "1987-03-10", "CORRECTED - KUWAIT OIL EXPORTS RISE", kCorrected));
    ix.add(article("c", "1987-03-10", "KUWAIT OIL EXPORTS RISE", kOther));
    ix.add(article("d", "1987-03-25", "KUWAIT OIL EXPORTS RISE", kStory));  // weeks later
    ix.commit();
  }
  const auto collapsed = search(db.path.string(), "kuwait", false);
  REQUIRE(collapsed.hits.size() == 3);
  std::size_t with_copies = 0;
  for (const auto& h : collapsed.hits) {
    if (h.id == "a" || h.id == "b") {
      CHECK(h.copies == 2);
      CHECK_FALSE(h.story.empty());
      ++with_copies;
    } else {
      CHECK(h.copies == 1);  // same title and day but another story; or the same text weeks on
      CHECK(h.story.empty());
    }
  }
  CHECK(with_copies == 1);
  CHECK(collapsed.stories == 3u);
  CHECK(collapsed.matches == 4u);

  const auto all = search(db.path.string(), "kuwait", true);
  CHECK(ids(all) == std::vector<std::string>{"a", "b", "c", "d"});
  CHECK(all.stories == 3u);
  CHECK(all.matches == 4u);
  for (const auto& h : all.hits) CHECK(h.copies == ((h.id == "a" || h.id == "b") ? 2u : 1u));

  // Without exact counts the collapse count is still right for a story this small.
  const auto quick = search(db.path.string(), "kuwait", false, false);
  CHECK(quick.hits.size() == 3);
  CHECK_FALSE(quick.matches.has_value());

  // A query only one copy matches: one hit, one copy.
  const auto one = search(db.path.string(), "\"1.4 million\"", false);
  REQUIRE(one.hits.size() == 1);
  CHECK(one.hits[0].copies == 1);
}

TEST_CASE("a daily report with new figures the next day is another story", "[duplicates]") {
  TempDb db("dups-daily");
  {
    newsdex::Indexer ix(options(db.path.string()));
    // Same wording, other figures: a corrected copy on the same day, the next day's report a
    // day later.
    ix.add(article("mon", "1987-03-09", "KUWAIT OIL EXPORTS RISE", kStory));
    std::string next_day = kStory;
    next_day.replace(next_day.find("1.2 million"), 11, "1.7 million");
    ix.add(article("tue", "1987-03-10", "KUWAIT OIL EXPORTS RISE", next_day));
    ix.add(article("mon2", "1987-03-09", "KUWAIT OIL EXPORTS RISE", kCorrected));
    ix.commit();
  }
  const auto r = search(db.path.string(), "kuwait", false);
  CHECK(r.stories == 2u);
  for (const auto& h : r.hits) CHECK(h.copies == (h.id == "tue" ? 1u : 2u));
}

TEST_CASE("facets and timelines count stories, or articles with all_copies", "[duplicates]") {
  TempDb db("dups-facets");
  {
    newsdex::Indexer ix(options(db.path.string()));
    auto a = article("a", "1987-03-10", "KUWAIT OIL EXPORTS RISE", kStory);
    auto b = article("b", "1987-03-10", "KUWAIT OIL EXPORTS RISE", kCorrected);
    auto c = article("c", "1987-03-10", "KUWAIT OIL EXPORTS RISE", kOther);
    a.source = b.source = c.source = "Reuters";
    ix.add(a);
    ix.add(b);
    ix.add(c);
    ix.commit();
  }
  for (bool all_copies : {false, true}) {
    newsdex::Searcher s({db.path.string()});
    newsdex::SearchOptions o;
    o.all_copies = all_copies;
    o.facets = {newsdex::FacetField::source};
    o.timeline = newsdex::Period::month;
    const auto r = s.search("kuwait", o);
    const std::size_t want = all_copies ? 3 : 2;
    REQUIRE(r.facets.size() == 1);
    REQUIRE(r.facets[0].values.size() == 1);
    CHECK(r.facets[0].values[0].count == want);
    CHECK(r.facets[0].counts ==
          (all_copies ? newsdex::CountUnit::articles : newsdex::CountUnit::stories));
    REQUIRE(r.timeline);
    REQUIRE(r.timeline->buckets.size() == 1);
    CHECK(r.timeline->buckets[0].count == want);
    CHECK(r.stories == 2u);
    CHECK(r.matches == 3u);
  }
}

TEST_CASE("groups follow the documents: later runs join them, deletions dissolve them",
          "[duplicates]") {
  TempDb db("dups-runs");
  {
    newsdex::Indexer ix(options(db.path.string()));
    ix.add(article("a", "1987-03-10", "KUWAIT OIL EXPORTS RISE", kStory));
    ix.commit();
  }
  CHECK(search(db.path.string(), "kuwait", false).hits.at(0).copies == 1);
  {
    // The copy comes a day later, in another run.
    newsdex::Indexer ix(options(db.path.string()));
    ix.add(article("b", "1987-03-11", "RPT - KUWAIT OIL EXPORTS RISE", kStory));
    ix.commit();
  }
  auto r = search(db.path.string(), "kuwait", false);
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].copies == 2);
  {
    newsdex::Indexer ix(options(db.path.string()));
    CHECK(ix.remove("a"));
  }
  r = search(db.path.string(), "kuwait", true);
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].id == "b");
  CHECK(r.hits[0].copies == 1);
  CHECK(r.hits[0].story.empty());  // the group of one is no group
}
