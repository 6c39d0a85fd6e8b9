// Tests of the article readers: text, JSON Lines and Reuters SGML, ids, .gz, directories, bad
// input.
#include <newsdex/error.h>
#include <newsdex/reader.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "test_support.h"
#include "text/tokenizer.h"

namespace fs = std::filesystem;
using newsdex::Article;
using newsdex::Diagnostic;
using newsdex::InputFormat;
using newsdex::ReadCounts;

namespace {

const std::string kData = NEWSDEX_TEST_DATA_DIR;

// Everything one read produced.
struct Result {
  std::vector<Article> articles;
  std::vector<Diagnostic> diagnostics;
  ReadCounts counts;

  const Article& by_id(const std::string& id) const {
    for (const Article& a : articles) {
      if (a.id == id) return a;
    }
    FAIL("no article with id " << id);
    throw;  // unreachable: FAIL throws
  }
  // "path:line: message" of each diagnostic, the way the CLI prints them.
  std::vector<std::string> messages() const {
    std::vector<std::string> out;
    for (const Diagnostic& d : diagnostics) {
      out.push_back(d.path + ":" + std::to_string(d.line) + ": " + d.message);
    }
    return out;
  }
};

Result read_paths(const std::vector<std::string>& inputs,
                  InputFormat format = InputFormat::automatic) {
  Result r;
  newsdex::ReadOptions options;
  options.format = format;
  r.counts = newsdex::read_articles(
      inputs, options, [&](Article&& a) { r.articles.push_back(std::move(a)); },
      [&](const Diagnostic& d) { r.diagnostics.push_back(d); });
  return r;
}

Result read_string(const std::string& data, const std::string& path,
                   InputFormat format = InputFormat::automatic) {
  Result r;
  r.counts = newsdex::read_buffer(
      data, path, format, [&](Article&& a) { r.articles.push_back(std::move(a)); },
      [&](const Diagnostic& d) { r.diagnostics.push_back(d); });
  return r;
}

void check_counts_add_up(const ReadCounts& c) { CHECK(c.read == c.accepted + c.skipped); }

std::size_t count_severity(const Result& r, Diagnostic::Severity s) {
  std::size_t n = 0;
  for (const Diagnostic& d : r.diagnostics) n += d.severity == s;
  return n;
}

// A fresh empty directory under the system temp dir, removed at scope exit.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("newsdex-reader-test-" + std::to_string(::getpid()) + "-" +
            std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  void write(const std::string& rel, const std::string& content) const {
    fs::create_directories((path / rel).parent_path());
    std::ofstream(path / rel, std::ios::binary) << content;
  }
  void write_gz(const std::string& rel, const std::string& content) const {
    fs::create_directories((path / rel).parent_path());
    gzFile f = gzopen((path / rel).c_str(), "wb");
    REQUIRE(f != nullptr);
    REQUIRE(gzwrite(f, content.data(), static_cast<unsigned>(content.size())) ==
            static_cast<int>(content.size()));
    gzclose(f);
  }
};

}  // namespace

TEST_CASE("parse_input_format accepts the documented names", "[reader]") {
  const std::vector<std::pair<std::string, InputFormat>> cases = {
      {"auto", InputFormat::automatic},       {"text", InputFormat::text},
      {"jsonl", InputFormat::jsonl},          {"ndjson", InputFormat::jsonl},
      {"reuters", InputFormat::reuters_sgml}, {"sgml", InputFormat::reuters_sgml},
      {"JSONL", InputFormat::jsonl},
  };
  for (const auto& [name, format] : cases) {
    INFO(name);
    CHECK(newsdex::parse_input_format(name) == format);
  }
  CHECK_THROWS_AS(newsdex::parse_input_format("xml"), newsdex::Error);
  try {
    newsdex::parse_input_format("xml");
  } catch (const newsdex::Error& e) {
    CHECK(e.code() == newsdex::ErrorCode::input);
    CHECK(std::string(e.what()).find("'xml'") != std::string::npos);
  }
}

TEST_CASE("text: a multi-article file gives one article per date line, ids with #N", "[reader]") {
  const Result r = read_paths({kData + "/articles"});
  check_counts_add_up(r.counts);

  const Article& first = r.by_id("multi.txt");
  CHECK(first.date == "2025-07-13");
  CHECK(first.time == "14:05:00+03:00");
  CHECK(first.title == "Lavrov meets Kim Jong Un in Wonsan");
  CHECK(first.lang == "en");
  CHECK(first.source == "Example Wire");
  CHECK(first.url == "https://example.org/news/1");
  CHECK(first.line == 1);
  CHECK(first.path == kData + "/articles/multi.txt");
  // Header lines are not body; blank lines between paragraphs are dropped.
  CHECK(first.body ==
        "Russian Foreign Minister Sergey Lavrov met Kim Jong Un in the coastal city of Wonsan.\n"
        "The two sides discussed the situation in the Kursk region.");

  const Article& second = r.by_id("multi.txt#2");
  CHECK(second.date == "2025-07-14");
  CHECK(second.time == "09:30+03:00");
  CHECK(second.title == "Wang Yi receives Lavrov in Beijing");
  CHECK(second.line == 8);
  // "lang:" after the first body line is body text, not a header.
  CHECK(second.lang.empty());
  CHECK(second.body == "Lavrov met his Chinese counterpart Wang Yi in Beijing.\nlang: fr");

  const Article& third = r.by_id("multi.txt#3");
  CHECK(third.time.empty());
  // A body line starting "date of ..." does not open a new article.
  CHECK(third.body ==
        "The talks ended on Tuesday without a joint statement.\n"
        "date of the next meeting was not announced.");
}

TEST_CASE("text: BOM and white space before the first date line are allowed", "[reader]") {
  const Result r = read_paths({kData + "/articles/bom-russian.txt"});
  REQUIRE(r.articles.size() == 1);
  CHECK(r.diagnostics.empty());
  const Article& a = r.articles[0];
  CHECK(a.id == kData + "/articles/bom-russian.txt");
  CHECK(a.line == 2);
  CHECK(a.title == "Лавров в Вонсане");
  CHECK(a.lang == "ru");  // lower-cased from "RU"
  CHECK(a.body == "Министр иностранных дел России Сергей Лавров прибыл в Вонсан.");
}

TEST_CASE("text: date line variants", "[reader]") {
  struct Case {
    std::string line, date, time, title;
  };
  const std::vector<Case> cases = {
      {"date 2025-07-13 Title here", "2025-07-13", "", "Title here"},
      {" \tdate 2025-07-13   Spaced   title  ", "2025-07-13", "", "Spaced   title"},
      {"date 2025-07-13T14:05:00+03:00 Title", "2025-07-13", "14:05:00+03:00", "Title"},
      {"date 2025-07-13T14:05Z Title", "2025-07-13", "14:05Z", "Title"},
      {"date 2025-07-13T14:05:00.250-0500 Title", "2025-07-13", "14:05:00.250-05:00", "Title"},
      {"date 2025-07-13 14:05 +0300 Title", "2025-07-13", "14:05+03:00", "Title"},
      {"date 2025-07-13 14:05:30 UTC Title", "2025-07-13", "14:05:30Z", "Title"},
      {"date 2025-07-13 9:05 Title", "2025-07-13", "09:05", "Title"},
      {"date 2025-07-13 14:05+03:00 Title", "2025-07-13", "14:05+03:00", "Title"},
      {"date 2025-07-13", "2025-07-13", "", ""},
      {"date 2025-07-13 2025 in review", "2025-07-13", "", "2025 in review"},
      {"date 2024-02-29 Leap day", "2024-02-29", "", "Leap day"},
  };
  for (const Case& c : cases) {
    INFO(c.line);
    const Result r = read_string(c.line + "\nBody.\n", "x.txt");
    REQUIRE(r.articles.size() == 1);
    CHECK(r.diagnostics.empty());
    CHECK(r.articles[0].date == c.date);
    CHECK(r.articles[0].time == c.time);
    CHECK(r.articles[0].title == c.title);
  }
}

TEST_CASE("text: bad date lines are skipped with the offending value", "[reader]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"date 2025-13-45 Title", "invalid date '2025-13-45'"},
      {"date 2025-02-30 Title", "invalid date '2025-02-30'"},
      {"date 2023-02-29 Title", "invalid date '2023-02-29'"},
      {"date 2025-7-3 Title", "invalid date '2025-7-3'"},
      {"date 2025-07-13x Title", "invalid date '2025-07-13x'"},
      {"date 2025-07-13T25:00 Title", "invalid time '25:00'"},
      {"date 2025-07-13 14:60 Title", "invalid time '14:60'"},
  };
  for (const auto& [line, message] : cases) {
    INFO(line);
    const Result r = read_string("\n" + line + "\nBody.\n", "dir/x.txt");
    CHECK(r.articles.empty());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].path == "dir/x.txt");
    CHECK(r.diagnostics[0].line == 2);
    CHECK(r.diagnostics[0].message == message);
    CHECK(r.diagnostics[0].severity == Diagnostic::Severity::skipped);
    CHECK(r.counts.read == 1);
    CHECK(r.counts.skipped == 1);
  }
}

TEST_CASE("text: CRLF line ends and a buffer named '-' read as text", "[reader]") {
  const Result r = read_string("date 2025-07-13 Windows\r\nlang: de\r\nZeile eins.\r\n\r\n", "-");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].id == "-");
  CHECK(r.articles[0].title == "Windows");
  CHECK(r.articles[0].lang == "de");
  CHECK(r.articles[0].body == "Zeile eins.");
}

TEST_CASE("text: id and source headers, ids of read_buffer drop a leading ./", "[reader]") {
  const Result r = read_string(
      "date 2025-07-13 One\nid: custom-1\nSource: Wire\nBody one.\n"
      "date 2025-07-14 Two\nBody two.\n",
      "./news/x.txt");
  REQUIRE(r.articles.size() == 2);
  CHECK(r.articles[0].id == "custom-1");
  CHECK(r.articles[0].source == "Wire");
  CHECK(r.articles[0].body == "Body one.");
  CHECK(r.articles[1].id == "news/x.txt#2");
  CHECK(r.articles[1].path == "./news/x.txt");
}

TEST_CASE("jsonl: fields, text alias, timestamps, blank lines and unknown keys", "[reader]") {
  const Result r = read_paths({kData + "/articles/sample.jsonl"});
  REQUIRE(r.articles.size() == 3);
  CHECK(r.diagnostics.empty());
  CHECK(r.counts.read == 3);

  const Article& a = r.articles[0];
  CHECK(a.id == "wire-001");
  CHECK(a.date == "2025-07-13");
  CHECK(a.title == "Kim Jong Un backs Moscow");
  CHECK(a.body == "North Korea offered support to Russia.");
  CHECK(a.source == "Example Wire");
  CHECK(a.url == "https://example.org/1");
  CHECK(a.lang == "en");
  CHECK(a.line == 1);

  const Article& b = r.articles[1];
  CHECK(b.id == kData + "/articles/sample.jsonl#2");  // second record, after a blank line
  CHECK(b.line == 3);
  CHECK(b.time == "09:30:00Z");
  CHECK(b.body == "The ministers met in Beijing.");  // from "text"
  CHECK(b.lang == "en");

  const Article& c = r.articles[2];
  CHECK(c.id == "42");
  CHECK(c.date == "2025-07-15");
  CHECK(c.time == "18:00+02:00");
}

TEST_CASE("reuters: entities, control characters, dateline, labels, no-body items", "[reader]") {
  const Result r = read_paths({kData + "/articles/mini.sgm"});
  check_counts_add_up(r.counts);
  CHECK(r.counts.read == 4);
  CHECK(r.counts.accepted == 2);
  CHECK(r.counts.skipped == 2);
  const std::string path = kData + "/articles/mini.sgm";
  CHECK(r.messages() == std::vector<std::string>{path + ":22: no body", path + ":37: no body"});

  const Article& a = r.by_id("reuters:7");
  CHECK(a.date == "1987-02-26");
  CHECK(a.time == "15:01:01.79");
  CHECK(a.title == "MÜNCHEN <MUC> COCOA & SUGAR REVIEW");  // Latin-1 0xDC and entities decoded
  CHECK(a.source == "Reuters");
  CHECK(a.lang == "en");
  CHECK(a.line == 2);
  // Dateline first, wrapped lines joined, indented lines start paragraphs, sign-off and
  // control characters gone.
  CHECK(a.body ==
        "SALVADOR, Feb 26 - Showers continued throughout the week in the Bahia cocoa zone, said "
        "Comissaria Smith <CS>.\nThe dry period means the temporao will be late.");
  const std::vector<std::pair<std::string, std::string>> labels = {
      {"places", "el-salvador"}, {"places", "usa"},     {"people", "james-baker"},
      {"topics", "cocoa"},       {"exchanges", "nyse"}, {"lewissplit", "TRAIN"}};
  CHECK(a.labels == labels);

  // An impossible hour leaves the time out but keeps the article; "REUTER" at a line's end
  // is the sign-off too.
  const Article& b = r.by_id("reuters:10");
  CHECK(b.date == "1987-03-05");
  CHECK(b.time.empty());
  CHECK(b.body ==
        "LONDON, March 5 - The European Community sold sugar at its weekly tender. Jun 13.0, Jul "
        "7.0, total 55.8 (33.7).");
  CHECK(std::find(b.labels.begin(), b.labels.end(),
                  std::pair<std::string, std::string>{"author", "by Jane Doe, Reuters"}) !=
        b.labels.end());
}

TEST_CASE("bad input: each problem reported at path:line, the rest kept", "[reader]") {
  struct Case {
    std::string file;
    std::vector<std::string> messages;  // "line: message", path prefix added below
    std::size_t accepted;
    std::size_t warnings;
  };
  const std::vector<Case> cases = {
      {"no-date.txt", {"1: no 'date YYYY-MM-DD' line"}, 0, 0},
      {"empty.txt", {"0: empty file"}, 0, 0},
      {"blank.jsonl", {"0: empty file"}, 0, 0},
      {"preamble.txt", {"1: text before the first 'date YYYY-MM-DD' line"}, 1, 0},
      {"bad-dates.txt",
       {"1: invalid date '2025-13-45'", "5: invalid date '2025-02-30'", "9: invalid time '25:61'"},
       2,
       0},
      {"bad-utf8.txt", {"1: invalid UTF-8 replaced by U+FFFD (4 sequences)"}, 1, 1},
      {"bad.jsonl",
       {"2: invalid JSON: column 47: syntax error while parsing object - unexpected string "
        "literal; expected '}'",
        "3: not a JSON object", "4: no 'date' field", "6: invalid date '2025-13-45'",
        "7: 'date' is not a string", "8: 'title' is not a string",
        "9: invalid UTF-8 replaced by U+FFFD (2 sequences)",
        "10: invalid JSON: column 2: syntax error while parsing value - invalid literal; last "
        "read: 'no'"},
       2,
       1},
      {"truncated.sgm",
       {"1: unterminated <REUTERS> element (no </REUTERS> before the end of the file)"},
       0,
       0},
      // The first story lost its </REUTERS>: it is reported, and the next is not swallowed.
      // (mini.sgm with line 21 deleted; its stories at 22 and 37 have no body either way.)
      {"missing-end.sgm",
       {"2: unterminated <REUTERS> element (no </REUTERS> before the next <REUTERS>)",
        "21: no body", "36: no body"},
       1,
       0},
      {"does-not-exist.txt", {"0: cannot read: No such file or directory"}, 0, 0},
  };
  for (const Case& c : cases) {
    INFO(c.file);
    const std::string path = kData + "/malformed/" + c.file;
    const Result r = read_paths({path});
    std::vector<std::string> expected;
    for (const std::string& m : c.messages) expected.push_back(path + ":" + m);
    CHECK(r.messages() == expected);
    CHECK(r.counts.accepted == c.accepted);
    CHECK(r.counts.accepted == r.articles.size());
    CHECK(r.counts.warnings == c.warnings);
    CHECK(r.counts.warnings == count_severity(r, Diagnostic::Severity::warning));
    CHECK(r.counts.skipped == count_severity(r, Diagnostic::Severity::skipped));
    check_counts_add_up(r.counts);
  }
}

TEST_CASE("bad input: repaired UTF-8 keeps the article with U+FFFD in place", "[reader]") {
  const Result r = read_paths({kData + "/malformed/bad-utf8.txt"});
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].title == "Caf\xEF\xBF\xBD in Latin-1");
  CHECK(r.articles[0].body ==
        "The body says na\xEF\xBF\xBDve and ends well.\nA second line \xEF\xBF\xBD\xEF\xBF\xBD "
        "here.");
}

TEST_CASE("bad input: a whole malformed directory adds up", "[reader]") {
  const Result r = read_paths({kData + "/malformed", kData + "/articles"});
  check_counts_add_up(r.counts);
  CHECK(r.counts.accepted == r.articles.size());
  CHECK(r.counts.skipped == count_severity(r, Diagnostic::Severity::skipped));
  CHECK(r.counts.accepted == 7 + 9);  // malformed/ keeps 7 good articles, articles/ 9
}

TEST_CASE("gz: compressed files read transparently, broken ones reported", "[reader]") {
  TempDir dir;
  const std::string text = "date 2025-07-13 Compressed\nBody.\ndate 2025-07-14 Second\nMore.\n";
  dir.write_gz("news.txt.gz", text);
  dir.write_gz("feed.jsonl.gz", "{\"date\": \"2025-07-13\", \"title\": \"j\"}\n");
  const Result ok =
      read_paths({(dir.path / "news.txt.gz").string(), (dir.path / "feed.jsonl.gz").string()});
  REQUIRE(ok.articles.size() == 3);
  CHECK(ok.diagnostics.empty());
  CHECK(ok.articles[0].title == "Compressed");
  CHECK(ok.articles[1].id == (dir.path / "news.txt.gz").string() + "#2");
  CHECK(ok.articles[2].title == "j");  // jsonl recognised under the .gz suffix

  // Cut the compressed file in half: reported as unreadable, nothing from it is kept.
  const fs::path gz = dir.path / "news.txt.gz";
  fs::resize_file(gz, fs::file_size(gz) / 2);
  const Result broken = read_paths({gz.string()});
  CHECK(broken.articles.empty());
  REQUIRE(broken.diagnostics.size() == 1);
  CHECK(broken.diagnostics[0].line == 0);
  CHECK(broken.diagnostics[0].message.rfind("cannot read: ", 0) == 0);
  check_counts_add_up(broken.counts);
}

TEST_CASE("directories: walked in name order, hidden and unknown files skipped, loops cut",
          "[reader]") {
  TempDir dir;
  dir.write("b.txt", "date 2025-07-02 B\nb\n");
  dir.write("a/z.jsonl", "{\"date\": \"2025-07-03\", \"title\": \"AZ\"}\n");
  dir.write("a/y.txt", "date 2025-07-04 AY\ny\n");
  dir.write("A.txt", "date 2025-07-05 Upper\nu\n");
  dir.write(".hidden.txt", "date 2025-07-06 Hidden\nh\n");
  dir.write(".git/c.txt", "date 2025-07-07 Hidden dir\nh\n");
  dir.write("README.md", "not an article\n");
  dir.write_gz("c/d.txt.gz", "date 2025-07-08 Zipped\nz\n");
  fs::create_directory_symlink(dir.path, dir.path / "c" / "loop");

  const Result r = read_paths({dir.path.string()});
  std::vector<std::string> ids;
  for (const Article& a : r.articles) ids.push_back(a.id);
  CHECK(ids == std::vector<std::string>{"A.txt", "a/y.txt", "a/z.jsonl", "b.txt", "c/d.txt.gz"});
  CHECK(r.diagnostics.empty());
  CHECK(r.articles[1].path == (dir.path / "a" / "y.txt").string());
  check_counts_add_up(r.counts);
}

TEST_CASE("format option overrides the file name", "[reader]") {
  TempDir dir;
  dir.write("feed.txt", "{\"date\": \"2025-07-13\", \"title\": \"json in a .txt\"}\n");
  const Result as_text = read_paths({(dir.path / "feed.txt").string()});
  CHECK(as_text.articles.empty());
  CHECK(as_text.counts.skipped == 1);
  const Result as_jsonl = read_paths({(dir.path / "feed.txt").string()}, InputFormat::jsonl);
  REQUIRE(as_jsonl.articles.size() == 1);
  CHECK(as_jsonl.articles[0].title == "json in a .txt");
  // Unknown extension given directly reads as text.
  const Result unknown = read_string("date 2025-07-13 Plain\nbody\n", "notes.md");
  CHECK(unknown.articles.size() == 1);
}

TEST_CASE("repair_utf8 replaces each maximal ill-formed subpart by one U+FFFD", "[reader][utf8]") {
  const std::string kFffd = "\xEF\xBF\xBD";
  struct Case {
    std::string in, out;
    std::size_t replaced;
  };
  const std::vector<Case> cases = {
      {"plain ascii", "plain ascii", 0},
      {"Kúrsk 北朝鮮 😀", "Kúrsk 北朝鮮 😀", 0},
      {"a\x80"
       "b",
       "a" + kFffd + "b", 1},                                  // stray continuation byte
      {"caf\xE9!", "caf" + kFffd + "!", 1},                    // Latin-1 é
      {"\xE2\x80", kFffd, 1},                                  // truncated 3-byte sequence
      {"\xC0\xAF", kFffd + kFffd, 2},                          // overlong '/'
      {"\xED\xA0\x80", kFffd + kFffd + kFffd, 3},              // UTF-16 surrogate
      {"\xF4\x90\x80\x80", kFffd + kFffd + kFffd + kFffd, 4},  // beyond U+10FFFF
      {"\xF0\x9F\x98", kFffd, 1},                              // truncated emoji
  };
  for (const Case& c : cases) {
    INFO(c.in);
    std::string s = c.in;
    CHECK(newsdex::text::repair_utf8(s) == c.replaced);
    CHECK(s == c.out);
  }
}

TEST_CASE("latin1_to_utf8 maps every byte to its code point", "[reader][utf8]") {
  CHECK(newsdex::text::latin1_to_utf8("M\xDCNCHEN caf\xE9") == "MÜNCHEN café");
  CHECK(newsdex::text::latin1_to_utf8("\xFF") == "ÿ");
  CHECK(newsdex::text::latin1_to_utf8("plain") == "plain");
}

TEST_CASE("Reuters-21578: 19,043 stories with a body, the rest skipped", "[reader][shared]") {
  const std::vector<std::string> files = newsdex::test::reuters_sgm_files(NEWSDEX_SHARED_DIR);
  if (files.empty()) {
    WARN("SKIPPED: Reuters-21578 not found under " << NEWSDEX_SHARED_DIR);
    return;
  }
  REQUIRE(files.size() == 22);

  std::size_t accepted = 0;
  std::map<std::string, std::size_t> skip_reasons;
  std::map<std::string, std::size_t> seen_ids;
  Article first;
  const auto start = std::chrono::steady_clock::now();
  const ReadCounts counts = newsdex::read_articles(
      files, {},
      [&](Article&& a) {
        ++accepted;
        ++seen_ids[a.id];
        if (a.id == "reuters:1") first = std::move(a);
      },
      [&](const Diagnostic& d) { ++skip_reasons[d.message]; });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  WARN("Reuters-21578 read in " << seconds << " s");

  CHECK(counts.read == 21578);
  CHECK(counts.accepted == 19043);
  CHECK(counts.skipped == 21578 - 19043);
  CHECK(counts.warnings == 0);
  CHECK(accepted == 19043);
  CHECK(seen_ids.size() == 19043);  // ids are unique
  CHECK(skip_reasons == std::map<std::string, std::size_t>{{"no body", 21578 - 19043}});

  CHECK(first.date == "1987-02-26");
  CHECK(first.title == "BAHIA COCOA REVIEW");
  CHECK(first.body.rfind("SALVADOR, Feb 26 - Showers continued", 0) == 0);
  std::vector<std::string> places;
  for (const auto& [kind, value] : first.labels) {
    if (kind == "places") places.push_back(value);
  }
  CHECK(places == std::vector<std::string>{"el-salvador", "usa", "uruguay"});
  // Generous bound: well under 1 s optimised; this only catches an accidental quadratic loop.
  CHECK(seconds < 10.0);
}

TEST_CASE("text: CR-only line ends and a BOM inside a file do not merge articles", "[reader]") {
  // Issue 9, row 13: both used to give one article holding everything.
  const Result cr = read_string(
      "date 2025-07-01 First\rBody one.\rdate 2025-07-02 Second\rBody two.\r", "mac.txt");
  REQUIRE(cr.articles.size() == 2);
  CHECK(cr.articles[0].title == "First");
  CHECK(cr.articles[0].body == "Body one.");
  CHECK(cr.articles[1].title == "Second");
  CHECK(cr.articles[1].line == 3);
  const Result bom = read_string(
      "\xEF\xBB\xBF"
      "date 2025-07-01 First\nBody one.\n\xEF\xBB\xBF"
      "date 2025-07-02 Second\nTwo.\n",
      "cat.txt");
  REQUIRE(bom.articles.size() == 2);
  CHECK(bom.articles[0].body == "Body one.");
  CHECK(bom.articles[1].title == "Second");
  CHECK(bom.articles[1].line == 3);
}

TEST_CASE("streamed reading in pieces of any size gives what reading the whole file gives",
          "[reader]") {
  // Every fixture, plain and gzipped, read through the streaming path with pieces from one
  // byte up, against read_buffer() of the whole file: same articles (ids, lines, fields), same
  // diagnostics (path:line: message), same counts.
  TempDir dir;
  std::vector<std::string> files;
  for (const char* sub : {"articles", "malformed"}) {
    for (const auto& entry : fs::directory_iterator(kData + "/" + sub)) {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  // A longer text file, so that pieces end inside titles, headers, bodies and date lines.
  std::string many;
  for (int i = 0; i < 60; ++i) {
    many +=
        (i % 7 == 3 ? "  date 2025-02-30 Bad date "
                    : "date 2025-07-1" + std::to_string(i % 10) + " Title " + std::to_string(i)) +
        "\nsource: Wire\n\nBody line one of " + std::to_string(i) + "\r\nline two\n\n";
  }
  dir.write("many.txt", many);
  files.push_back((dir.path / "many.txt").string());
  // Old Mac line ends, and files concatenated with their byte order marks.
  std::string cr, boms;
  for (int i = 0; i < 20; ++i) {
    cr += "date 2025-07-0" + std::to_string(i % 9 + 1) + " CR " + std::to_string(i) + "\rBody " +
          std::to_string(i) + "\r\r";
    boms +=
        "\xEF\xBB\xBF"
        "date 2025-07-0" +
        std::to_string(i % 9 + 1) + " BOM " + std::to_string(i) + "\nBody\n";
  }
  dir.write("cr.txt", cr);
  dir.write("boms.txt", boms);
  files.push_back((dir.path / "cr.txt").string());
  files.push_back((dir.path / "boms.txt").string());

  auto same = [](const Result& a, const Result& b) {
    REQUIRE(a.articles.size() == b.articles.size());
    for (std::size_t i = 0; i < a.articles.size(); ++i) {
      const Article &x = a.articles[i], &y = b.articles[i];
      CAPTURE(i, x.id, y.id);
      CHECK(x.id == y.id);
      CHECK(x.line == y.line);
      CHECK(x.date == y.date);
      CHECK(x.time == y.time);
      CHECK(x.title == y.title);
      CHECK(x.body == y.body);
      CHECK(x.source == y.source);
      CHECK(x.lang == y.lang);
      CHECK(x.path == y.path);
      CHECK(x.labels == y.labels);
    }
    CHECK(a.messages() == b.messages());
    CHECK(a.counts.read == b.counts.read);
    CHECK(a.counts.accepted == b.counts.accepted);
    CHECK(a.counts.skipped == b.counts.skipped);
    CHECK(a.counts.warnings == b.counts.warnings);
  };
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string name = fs::path(file).filename().string();
    dir.write_gz(name + ".gz", data);
    const std::string gz = (dir.path / (name + ".gz")).string();
    for (const std::string& path : {file, gz}) {
      CAPTURE(path);
      const Result whole = read_string(data, path);
      for (std::size_t chunk : {std::size_t(1), std::size_t(2), std::size_t(13), std::size_t(100),
                                std::size_t(4096), std::size_t(8) << 20}) {
        CAPTURE(chunk);
        Result streamed;
        newsdex::ReadOptions options;
        options.chunk_bytes = chunk;
        streamed.counts = newsdex::read_articles(
            {path}, options, [&](Article&& a) { streamed.articles.push_back(std::move(a)); },
            [&](const Diagnostic& d) { streamed.diagnostics.push_back(d); });
        same(streamed, whole);
      }
    }
  }
}
