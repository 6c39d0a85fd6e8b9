// Text pipeline: the same folding on both sides is what makes "Kúrsk", "KURSK" and "kursk" meet.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "text/tokenizer.h"

using newsdex::text::fold;
using newsdex::text::fold_phrase;
using newsdex::text::tokenize;
using newsdex::text::TokenKind;

namespace {
std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& t : tokenize(text)) out.push_back(fold(text.substr(t.begin, t.end - t.begin)));
  return out;
}
}  // namespace

TEST_CASE("case, diacritics and width fold to one term", "[text]") {
  struct Case {
    const char* input;
    const char* expected;
  };
  const Case cases[] = {
      {"Kúrsk", "kursk"},      {"KURSK", "kursk"},     {"kursk", "kursk"},
      {"ＫＵＲＳＫ", "kursk"}, {"Zürich", "zurich"},   {"São", "sao"},
      {"Straße", "strasse"},   {"Ёлка", "елка"},       {"MOSCOW", "moscow"},
      {"Russia's", "russia"},  {"Russia’s", "russia"}, {"O'Brien", "o'brien"},
      {"O’Brien", "o'brien"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.input);
    CHECK(fold(c.input) == c.expected);
  }
}

TEST_CASE("words break by UAX #29, with hyphens and possessives", "[text]") {
  CHECK(words("Russia's offensive in Ukraine") ==
        std::vector<std::string>{"russia", "offensive", "in", "ukraine"});
  CHECK(words("Kim Jong-Un met O’Brien.") ==
        std::vector<std::string>{"kim", "jong", "un", "met", "o'brien"});
  CHECK(words("155,221 bags at 5.93 mln") ==
        std::vector<std::string>{"155,221", "bags", "at", "5.93", "mln"});
}

TEST_CASE("Chinese, Japanese and Thai are segmented into dictionary words", "[text]") {
  const std::string zh = "俄罗斯外长拉夫罗夫在北京会见王毅";
  auto toks = tokenize(zh);
  REQUIRE(toks.size() >= 4);
  for (const auto& t : toks) CHECK(t.kind == TokenKind::ideographic);
  const auto w = words(zh);
  CHECK(std::find(w.begin(), w.end(), "北京") != w.end());
  const auto th = words("ประเทศไทยมีฝนตก");
  CHECK(th.size() >= 2);
}

TEST_CASE("Korean words split on spaces and keep their syllables", "[text]") {
  CHECK(words("부산에서 회담이 열렸다") ==
        std::vector<std::string>{"부산에서", "회담이", "열렸다"});
}

TEST_CASE("punctuation is returned only when asked for", "[text]") {
  const std::string s = "Lavrov (KCNA) said: \"yes\".";
  CHECK(tokenize(s).size() == 4);
  auto with = tokenize(s, true);
  std::vector<std::string> all;
  for (const auto& t : with) all.push_back(s.substr(t.begin, t.end - t.begin));
  CHECK(all ==
        std::vector<std::string>{"Lavrov", "(", "KCNA", ")", "said", ":", "\"", "yes", "\"", "."});
}

TEST_CASE("phrases fold word by word", "[text]") {
  CHECK(fold_phrase("  Kim   Jong-Un ") == "kim jong un");
  CHECK(fold_phrase("NORTH KOREA") == "north korea");
  CHECK(fold_phrase("") == "");
}
