// The ASCII fast path of tokenize() must give exactly ICU's tokens: tricky strings, every short
// string over the characters the word-break rules care about, the sample corpus and Reuters.
#include <newsdex/reader.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "test_support.h"
#include "text/tokenizer.h"
#include "text/tokenizer_internal.h"

namespace fs = std::filesystem;
using newsdex::text::Token;
using newsdex::text::tokenize;
using newsdex::text::TokenKind;
using newsdex::text::internal::tokenize_ascii;
using newsdex::text::internal::tokenize_icu;

namespace {

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Printable form of a piece of text, so that failures show control characters.
std::string escaped(std::string_view s) {
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c < 0x20 || c >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

const char* kind_name(TokenKind k) {
  switch (k) {
    case TokenKind::word:
      return "word";
    case TokenKind::number:
      return "number";
    case TokenKind::ideographic:
      return "ideographic";
    case TokenKind::punct:
      return "punct";
  }
  return "?";
}

std::string describe(std::string_view text, const std::vector<Token>& tokens, std::size_t i) {
  if (i >= tokens.size()) return "(no token)";
  const Token& t = tokens[i];
  std::ostringstream out;
  out << "[" << t.begin << "," << t.end << ") \"" << escaped(text.substr(t.begin, t.end - t.begin))
      << "\" " << kind_name(t.kind);
  return out.str();
}

bool same_tokens(const std::vector<Token>& a, const std::vector<Token>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Token& x, const Token& y) {
    return x.begin == y.begin && x.end == y.end && x.kind == y.kind;
  });
}

// "" when the fast path, ICU and tokenize() agree on `text`, else where and how they first differ,
// with the text around it.
std::string first_difference(std::string_view text, bool with_punct) {
  const std::vector<Token> icu = tokenize_icu(text, with_punct);
  const std::vector<Token> fast = tokenize_ascii(text, with_punct);
  const std::vector<Token> used = tokenize(text, with_punct);
  std::size_t i = 0;
  while (i < icu.size() && i < fast.size() && icu[i].begin == fast[i].begin &&
         icu[i].end == fast[i].end && icu[i].kind == fast[i].kind) {
    ++i;
  }
  if (i == icu.size() && i == fast.size()) {
    if (!same_tokens(used, icu)) return "tokenize() does not return the fast path's tokens";
    return "";
  }
  const std::size_t at = i < icu.size() ? icu[i].begin : i < fast.size() ? fast[i].begin : 0;
  const std::size_t from = at > 60 ? at - 60 : 0;
  std::ostringstream out;
  out << "with_punct=" << with_punct << ", token #" << i << ": ICU " << describe(text, icu, i)
      << ", fast path " << describe(text, fast, i) << "\n  text around byte " << at << ": \""
      << escaped(text.substr(from, at - from)) << "|" << escaped(text.substr(at, 60)) << "\"";
  return out.str();
}

// Compares both ways of tokenizing every ASCII piece; reports the first few differences.
class Comparer {
 public:
  void compare(std::string_view text, const std::string& where = "") {
    if (!is_ascii(text)) {
      ++skipped_;
      return;
    }
    ++compared_;
    bytes_ += text.size();
    for (const bool with_punct : {false, true}) {
      const std::string diff = first_difference(text, with_punct);
      if (diff.empty()) continue;
      ++differences_;
      if (differences_ <= 10) {
        FAIL_CHECK((where.empty() ? "" : where + ": ")
                   << "\"" << escaped(text.substr(0, 80)) << (text.size() > 80 ? "..." : "")
                   << "\"\n  " << diff);
      }
      break;
    }
  }
  std::size_t compared() const { return compared_; }
  std::size_t skipped() const { return skipped_; }
  std::size_t bytes() const { return bytes_; }
  std::size_t differences() const { return differences_; }

 private:
  std::size_t compared_ = 0;
  std::size_t skipped_ = 0;
  std::size_t bytes_ = 0;
  std::size_t differences_ = 0;
};

// Every string of exactly `length` characters over `alphabet`.
void for_each_string(const std::string& alphabet, std::size_t length, Comparer& comparer) {
  std::vector<std::size_t> digits(length, 0);
  std::string s(length, ' ');
  while (true) {
    for (std::size_t i = 0; i < length; ++i) s[i] = alphabet[digits[i]];
    comparer.compare(s);
    std::size_t i = 0;
    while (i < length && ++digits[i] == alphabet.size()) digits[i++] = 0;
    if (i == length) return;
  }
}

// Segments and kinds, "text/kind" joined by spaces, for readable expectations.
std::string segments(const std::string& text) {
  std::string out;
  for (const Token& t : tokenize(text, /*with_punct=*/true)) {
    if (!out.empty()) out.push_back(' ');
    out += text.substr(t.begin, t.end - t.begin) + "/" + kind_name(t.kind);
  }
  return out;
}

}  // namespace

TEST_CASE("ASCII fast path: ICU 72's segments and kinds, including the surprising ones",
          "[tokenizer]") {
  struct Case {
    const char* text;
    const char* expected;
  };
  // What ICU answers; the fast path must answer the same (checked below and by the next tests).
  const Case cases[] = {
      {"abc123", "abc123/number"},  // the kind follows the last character...
      {"123abc", "123abc/word"},
      {"a1b", "a1b/word"},
      {"a_1", "a_1/number"},
      {"1_", "1_/number"},  // ...and a trailing '_' the one before it
      {"a_", "a_/word"},
      {"1__", "1__/word"},
      {"_", "_/punct"},  // a lone '_' matches no rule, "__" does
      {"__", "__/word"},
      {"U.S.", "U.S/word ./punct"},
      {"don't", "don't/word"},
      {"a:b", "a/word :/punct b/word"},  // ':' is not MidLetter in ICU's root rules
      {"1,000.5", "1,000.5/number"},
      {"a,b", "a/word ,/punct b/word"},
      {"a1.b", "a1/number ./punct b/word"},
      {"@user", "@user/word"},  // ICU 72 counts '@' as a letter
      {"a@b.com", "a@b.com/word"},
      {"$1,000.50", "$/punct 1,000.50/number"},
      {"a\vb", "a/word \v/punct b/word"},  // \v is a Newline, kept as punctuation
      {"  \t x", "x/word"},                // white space is never returned, not even with_punct
      {"\r\n\n", ""},
  };
  for (const Case& c : cases) {
    INFO("text: \"" << escaped(c.text) << "\"");
    CHECK(segments(c.text) == c.expected);
    CHECK(first_difference(c.text, true) == "");
    CHECK(first_difference(c.text, false) == "");
  }
}

TEST_CASE("ASCII fast path equals ICU on tricky strings and every short string", "[tokenizer]") {
  Comparer comparer;
  const char* tricky[] = {
      "abc123",     "123abc",    "a_b",     "3.5",       "U.S.",       "don't",
      "a:b",        "1,000",     "1,000.5", "_",         "--",         "...",
      "a.b.c",      "1.2.3",     "a'b'c",   "'quoted'",  "x'",         "'x",
      "a. b",       "3.",        ".5",      "$1,000.50", "e-mail",     "C++",
      "#hash",      "@user",     "a_1",     "__",        "\r\n",       "\n\n",
      "  \t ",      "tab\there", "",        "a;b",       "1;2",        "1'2",
      "1:2",        "a\"b",      "\"a\"",   "a\r\r\nb",  "\r",         "x\f\fy",
      "a@b.com",    "1@2",       "_a_",     "__1",       "1.a",        "a.1",
      "ab1.5",      "1.5ab",     "a.b1",    "1,2a",      "U.S.A.",     "Mr. Smith's",
      "1987-03-01", "3:30",      "50/50",   "C$",        "Jones' dog", "it's 5 o'clock",
      "   ",        "a  b",
  };
  for (const char* t : tricky) comparer.compare(t);

  // Every ASCII character alone and between letters and between digits: catches a character
  // put in the wrong class.
  for (int c = 0; c < 128; ++c) {
    const std::string ch(1, static_cast<char>(c));
    for (const std::string& s :
         {ch, "a" + ch + "b", "1" + ch + "2", "a" + ch + "1", "1" + ch + "a", ch + ch, "_" + ch}) {
      comparer.compare(s);
    }
  }

  // Exhaustive short strings: rule interactions (chaining, look-ahead, statuses) show up here.
  const std::string wide = {'a', '1', '.', '\'', ':',  ',', ';',
                            '_', ' ', '-', '\n', '\r', '@', '\t'};
  for (std::size_t len = 1; len <= 4; ++len) for_each_string(wide, len, comparer);
  const std::string narrow = {'a', '1', '.', '\'', ',', '_', ' '};
  for (std::size_t len = 5; len <= 6; ++len) for_each_string(narrow, len, comparer);

  // Longer random strings (fixed seed) for chains the exhaustive ones are too short to build.
  std::mt19937 rng(29);
  const std::string pool = wide + "aaaa1111Zz9\"$()-/";
  std::uniform_int_distribution<std::size_t> pick(0, pool.size() - 1), length(5, 40);
  for (int i = 0; i < 50000; ++i) {
    std::string s(length(rng), ' ');
    for (char& c : s) c = pool[pick(rng)];
    comparer.compare(s);
  }

  CHECK(comparer.differences() == 0);
  CHECK(comparer.compared() > 150000);

  // A non-ASCII character anywhere (the ASCII check reads eight bytes at a time) sends the
  // whole text to ICU: "é" is a letter there, two unrelated bytes for the fast path.
  const std::string base = "abc def ghi jkl mno pqr";
  for (std::size_t pos = 0; pos <= base.size(); ++pos) {
    std::string s = base;
    s.insert(pos, "\xC3\xA9");
    INFO("text: \"" << s << "\"");
    CHECK(same_tokens(tokenize(s, true), tokenize_icu(s, true)));
  }
}

TEST_CASE("ASCII fast path equals ICU on the sample corpus", "[tokenizer]") {
  const fs::path sample = fs::path(NEWSDEX_SOURCE_DIR) / "corpus" / "sample";
  Comparer comparer;
  std::size_t articles = 0;
  newsdex::read_articles(
      {sample.string()}, {},
      [&](newsdex::Article&& a) {
        ++articles;
        comparer.compare(a.title, a.id + " title");
        comparer.compare(a.body, a.id + " body");
      },
      [](const newsdex::Diagnostic&) {});
  WARN("sample: " << comparer.compared() << " ASCII texts compared, " << comparer.skipped()
                  << " non-ASCII left to ICU");
  REQUIRE(articles >= 20);
  CHECK(comparer.compared() >= 20);
  CHECK(comparer.differences() == 0);
}

TEST_CASE("ASCII fast path equals ICU on Reuters-21578", "[tokenizer][shared]") {
  const std::vector<std::string> files = newsdex::test::reuters_sgm_files(NEWSDEX_SHARED_DIR);
  if (files.empty()) {
    WARN("SKIPPED: Reuters-21578 not found under " << NEWSDEX_SHARED_DIR);
    return;
  }
  REQUIRE(files.size() == 22);

  // Titles and bodies as the indexer sees them.
  Comparer articles;
  newsdex::read_articles(
      files, {},
      [&](newsdex::Article&& a) {
        articles.compare(a.title, a.id + " title");
        articles.compare(a.body, a.id + " body");
      },
      [](const newsdex::Diagnostic&) {});
  WARN("Reuters articles: " << articles.compared() << " ASCII texts (" << articles.bytes()
                            << " bytes) compared, " << articles.skipped() << " non-ASCII");
  CHECK(articles.compared() > 30000);
  CHECK(articles.differences() == 0);

  // The raw SGML too, in pieces of about 4 KB ending at a newline (where ICU always breaks):
  // markup, entities and control characters the reader would remove.
  Comparer raw;
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::size_t begin = 0;
    while (begin < data.size()) {
      std::size_t end = data.find('\n', std::min(begin + 4096, data.size()));
      end = end == std::string::npos ? data.size() : end + 1;
      raw.compare(std::string_view(data).substr(begin, end - begin),
                  fs::path(file).filename().string() + " byte " + std::to_string(begin));
      begin = end;
    }
  }
  WARN("Reuters raw SGML: " << raw.compared() << " ASCII pieces (" << raw.bytes()
                            << " bytes) compared, " << raw.skipped() << " non-ASCII");
  CHECK(raw.bytes() > 20'000'000);
  CHECK(raw.differences() == 0);
}
