// Near duplicates (issue 11): copies of a story collapse into one hit, counted both ways.
#include "index/duplicates.h"

#include <newsdex/indexer.h>
#include <newsdex/searcher.h>

#include <catch2/catch.hpp>
#include <cstdint>
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
    ix.add(article("d", "1987-03-20", "GRAIN PRICES FALL",
                   "Grain prices fell on the Chicago board as traders sold wheat and corn."));
    ix.commit();
  }
  for (bool all_copies : {false, true}) {
    newsdex::Searcher s({db.path.string()});
    newsdex::SearchOptions o;
    o.all_copies = all_copies;
    o.facets = {newsdex::FacetField::source};
    o.timeline = newsdex::Period::month;
    o.normalize = true;
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
    // March holds 3 stories (4 articles): the share is of the same unit as the count.
    CHECK(r.timeline->buckets[0].total == (all_copies ? 4u : 3u));
    CHECK(r.timeline->buckets[0].share == Approx(all_copies ? 3.0 / 4 : 2.0 / 3));
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

namespace {

// A resend under the same headline the same day with "that" dropped from the lead: one word,
// but in a lead this short it moves the 3-shingle SimHash past kMaxLeadDistance.
const std::string kRateCut =
    "National Westminster Bank Plc said it has cut its base lending rate 0.5 percentage points "
    "to 10.5 pct today. National Westminster said that it was responding to general easing in "
    "money market rates. Its move followed a signal from the Bank of England earlier today that "
    "it would endorse a half point cut in rates, dealers said.";
const std::string kRateCutResent =
    "National Westminster Bank Plc said it has cut its base lending rate 0.5 percentage points "
    "to 10.5 pct today. National Westminster said it was responding to general easing in "
    "money market rates. Its move followed a signal from the Bank of England earlier today that "
    "it would endorse a half point cut in rates, dealers said.";
// The day's discount-note rates and the same table an hour later with one rate changed: a
// table keeps its figures, and under a generic headline it is another report, not a copy.
const std::string kRates =
    "The Federal Home Loan Bank Board adjusted the rates on its short-term discount notes as "
    "follows: MATURITY NEW RATE OLD RATE MATURITY 30-174 days 5.00 pct 5.00 pct 30-87 days "
    "175-190 days 5.85 pct 5.82 pct 88-103 days 191-270 days 5.80 pct 5.78 pct 104-150 days "
    "271-360 days 5.75 pct 5.75 pct 151-360 days";
const std::string kRatesLater =
    "The Federal Home Loan Bank Board adjusted the rates on its short-term discount notes as "
    "follows: MATURITY NEW RATE OLD RATE MATURITY 30-174 days 5.00 pct 5.00 pct 30-87 days "
    "175-190 days 5.88 pct 5.85 pct 88-103 days 191-270 days 5.80 pct 5.78 pct 104-150 days "
    "271-360 days 5.75 pct 5.75 pct 151-360 days";
// A daily market report and its update the same day: new figures and a few words changed.
const std::string kFeedlot =
    "Slaughter steers were firm and heifers steady to 0.50 dlr higher in slow trade, the USDA "
    "said. Feedlots reported fairly good interest and inquiry from buying sources. Sales on "
    "3,600 steers and 700 heifers. Week to date 43,900 head. Steers choice 2-3 1,050-1,150 lbs "
    "64.00-64.50, heifers choice 2-3 950-1,050 lbs 62.50.";
const std::string kFeedlotUpdate =
    "Slaughter steers were fully steady and heifers steady to 0.50 dlr higher in moderate trade, "
    "the USDA said. Feedlots reported fairly good interest and inquiry from buying sources. Sales "
    "on 6,800 steers and 2,400 heifers. Week to date 48,900 head. Steers choice 2-3 1,050-1,150 "
    "lbs 64.00-64.50, heifers choice 2-3 950-1,050 lbs 62.50-63.00.";

bool grouped(const newsdex::index::Fingerprint& a, std::int64_t day_a,
             const newsdex::index::Fingerprint& b, std::int64_t day_b) {
  const auto g = newsdex::index::group_duplicates({{a, day_a}, {b, day_b}});
  return g[0] == g[1];
}

// Indexes two articles of one day under one headline, with the bodies given.
void index_same_day(const TempDb& db, const std::string& date, const std::string& title,
                    const std::string& body1, const std::string& body2) {
  newsdex::Indexer ix(options(db.path.string()));
  ix.add(article("copy1", date, title, body1));
  ix.add(article("copy2", date, title, body2));
  ix.commit();
}

}  // namespace

TEST_CASE("a same-day resend under the same headline with a word changed in a short lead",
          "[duplicates]") {
  using newsdex::index::hamming;
  const auto a = fingerprint("NATWEST CUTS BASE RATE", kRateCut);
  const auto b = fingerprint("NATWEST CUTS BASE RATE", kRateCutResent);
  // Past the strict rule, within the looser one for close headlines on one day.
  CHECK(hamming(a.lead, b.lead) > newsdex::index::kMaxLeadDistance);
  CHECK(hamming(a.lead, b.lead) <= newsdex::index::kMaxCloseLeadDistance);
  CHECK(hamming(a.title, b.title) <= newsdex::index::kMaxCloseTitleDistance);
  CHECK(grouped(a, 6283, b, 6283));
  // A day apart the strict rule applies: not copies.
  CHECK_FALSE(grouped(a, 6283, b, 6284));
  // Under another headline the strict rule applies too.
  const auto other = fingerprint("BARCLAYS FOLLOWS NATWEST RATE CUT", kRateCutResent);
  CHECK(hamming(a.title, other.title) > newsdex::index::kMaxCloseTitleDistance);
  CHECK_FALSE(grouped(a, 6283, other, 6283));

  // Through the index: one story of two copies.
  TempDb db("dups-close");
  index_same_day(db, "1987-03-09", "NATIONAL WESTMINSTER BANK CUTS BASE RATE", kRateCut,
                 kRateCutResent);
  const auto r = search(db.path.string(), "westminster", false);
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].copies == 2);
  CHECK(r.stories == 1u);
  CHECK(r.matches == 2u);
}

TEST_CASE("same-day reports under a generic headline with other figures stay apart",
          "[duplicates]") {
  using newsdex::index::hamming;
  // Tables keep their figures, so the looser rule does not apply to them, however close.
  const auto t1 = fingerprint("FHLBB CHANGES SHORT-TERM DISCOUNT NOTE RATES", kRates);
  const auto t2 = fingerprint("FHLBB CHANGES SHORT-TERM DISCOUNT NOTE RATES", kRatesLater);
  CHECK(t1.lead == t1.figures);  // a table: figures kept
  CHECK(hamming(t1.lead, t2.lead) > newsdex::index::kMaxLeadDistance);
  CHECK(hamming(t1.lead, t2.lead) <= newsdex::index::kMaxCloseLeadDistance);
  CHECK(t1.title == t2.title);
  CHECK_FALSE(grouped(t1, 6300, t2, 6300));
  // A prose report updated with new figures and wording: beyond the looser distance.
  const auto f1 = fingerprint("TX/W OKLA FEEDLOT CATTLE STEADY/UP 0.50 DLR-USDA", kFeedlot);
  const auto f2 = fingerprint("TX/W OKLA FEEDLOT CATTLE STEADY/UP 0.50 DLR-USDA", kFeedlotUpdate);
  CHECK(f1.title == f2.title);
  CHECK(hamming(f1.lead, f2.lead) > newsdex::index::kMaxCloseLeadDistance);
  CHECK_FALSE(grouped(f1, 6300, f2, 6300));

  TempDb db("dups-generic");
  index_same_day(db, "1987-04-07", "FHLBB CHANGES SHORT-TERM DISCOUNT NOTE RATES", kRates,
                 kRatesLater);
  const auto r = search(db.path.string(), "discount", false);
  CHECK(r.stories == 2u);
  for (const auto& h : r.hits) CHECK(h.copies == 1u);
}
