// place:/country: expansion from the precomputed table: same terms as the gazetteer gave, and
// the committed table is what the generator makes from today's gazetteer.
#include "entities/query_places.h"

#include <newsdex/error.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cctype>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "entities/data_dir.h"
#include "entities/gazetteer.h"
#include "entities/index_terms.h"

using newsdex::entities::Field;
using newsdex::entities::Gazetteer;
using newsdex::entities::query_terms;
using newsdex::entities::QueryPlaces;

namespace {

constexpr const char* kCorpus = NEWSDEX_SOURCE_DIR "/corpus";

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Column `column` of a corpus/gazetteer TSV table, as written (not folded).
std::vector<std::string> column(const std::string& table, std::size_t column) {
  std::vector<std::string> values;
  for (const auto& line : lines_of(read(std::string(kCorpus) + "/gazetteer/" + table))) {
    if (line.empty() || line[0] == '#') continue;
    std::size_t start = 0;
    for (std::size_t i = 0; i < column && start != std::string::npos; ++i) {
      start = line.find('\t', start);
      if (start != std::string::npos) ++start;
    }
    if (start == std::string::npos) continue;
    values.push_back(line.substr(start, line.find('\t', start) - start));
  }
  return values;
}

std::string join(const std::vector<std::string>& terms) {
  std::string out;
  for (const auto& t : terms) out += (out.empty() ? "" : ", ") + t;
  return "[" + out + "]";
}

// Words and word pairs of the sample articles, as typed: the place names real text contains,
// picked independently of the generator's own list of keys.
std::set<std::string> sample_words() {
  std::set<std::string> values;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(kCorpus) + "/sample")) {
    std::vector<std::string> words;
    std::string word;
    for (char c : read(entry.path().string()) + " ") {
      const unsigned char u = static_cast<unsigned char>(c);
      if (std::isalnum(u) || u >= 0x80 || c == '.' || c == '-') {
        word += c;
      } else if (!word.empty()) {
        words.push_back(word);
        word.clear();
      }
    }
    for (std::size_t i = 0; i < words.size(); ++i) {
      values.insert(words[i]);
      if (i + 1 < words.size()) values.insert(words[i] + " " + words[i + 1]);
    }
  }
  return values;
}

}  // namespace

TEST_CASE("the committed query-places table is what the gazetteer generates", "[places]") {
  const std::string path = std::string(kCorpus) + "/" + newsdex::entities::kQueryPlacesFile;
  const std::vector<std::string> committed = lines_of(read(path));
  const std::vector<std::string> generated =
      lines_of(newsdex::entities::generate_query_places(kCorpus));
  std::size_t i = 0;
  while (i < committed.size() && i < generated.size() && committed[i] == generated[i]) ++i;
  INFO(path << " is out of date with the gazetteer; regenerate it (cd source tree):\n  "
            << newsdex::entities::kQueryPlacesCommand << "\nfirst difference at line " << i + 1
            << ":\n  committed: " << (i < committed.size() ? committed[i] : "(end)")
            << "\n  generated: " << (i < generated.size() ? generated[i] : "(end)"));
  const bool up_to_date = committed == generated;  // not the vectors: 1,700 lines each
  CHECK(up_to_date);
  // Small on purpose: cities known only by their own name need no line; the localized names
  // of kQueryLanguages add ~43,000 (those that differ from the English name).
  CHECK(generated.size() < 60000);
}

TEST_CASE("place: and country: expand through the table as through the gazetteer", "[places]") {
  // query_terms() reads the table of the default data directory: compare with its gazetteer.
  const Gazetteer& gazetteer = *Gazetteer::shared(newsdex::entities::resolve_data_dir());
  std::set<std::string> values = {"",
                                  "  ",
                                  "narnia",
                                  "xx",
                                  "XX",
                                  "Xx",
                                  "zz",
                                  "U.S.",
                                  "u.s",
                                  "UK",
                                  "the Kremlin",
                                  "KÚRSK",
                                  "Kúrsk",
                                  "São Paulo",
                                  "sao paulo",
                                  "  New   York ",
                                  "NEW YORK",
                                  "Paris",
                                  "Georgia",
                                  "Washington",
                                  "Kiev",
                                  "Peking",
                                  "Frenchmen",
                                  "Frenchmens",
                                  "Russians",
                                  "North Koreans",
                                  "Chineses",
                                  "Englishmen",
                                  "Brazil",
                                  "BR",
                                  "br",
                                  "bra",
                                  "KP",
                                  "DPRK",
                                  "america",
                                  "holland",
                                  "burma",
                                  "ussr"};
  const nlohmann::json iso =
      nlohmann::json::parse(read("/usr/share/iso-codes/json/iso_3166-1.json"));
  for (const auto& c : iso["3166-1"]) {
    for (const char* key : {"alpha_2", "alpha_3", "name", "common_name", "official_name"}) {
      if (!c.contains(key)) continue;
      const std::string v = c[key].get<std::string>();
      values.insert(v);
      std::string lower = v;
      for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      values.insert(lower);
    }
  }
  for (const auto& d : column("demonyms.tsv", 0)) {
    values.insert(d);
    values.insert(d + "s");
  }
  for (const auto& a : column("aliases.tsv", 0)) values.insert(a);
  for (const auto& n : column("country-names.tsv", 1)) values.insert(n);
  for (const auto& w : sample_words()) values.insert(w);
  // Every key the generator considers: all GeoNames cities and states, ISO subdivisions.
  for (const auto& k : newsdex::entities::query_place_keys()) values.insert(k);
  REQUIRE(values.size() > 20000);

  std::size_t expanded = 0, mismatches = 0;
  std::ostringstream first;
  for (const std::string& v : values) {
    for (Field field : {Field::place, Field::country}) {
      const auto want = newsdex::entities::gazetteer_query_terms(gazetteer, field, v);
      const auto got = query_terms(field, v);
      if (want.size() > (field == Field::place ? 1 : 0)) ++expanded;
      if (got == want) continue;
      if (mismatches++ < 5) {
        first << (field == Field::place ? "place:" : "country:") << "'" << v
              << "' table: " << join(got) << " gazetteer: " << join(want) << "\n";
      }
    }
  }
  INFO(values.size() << " values, " << expanded << " expanded; mismatches:\n" << first.str());
  CHECK(mismatches == 0);
  CHECK(expanded > 1000);  // the comparison is not vacuous
}

TEST_CASE("place: and country: values the gazetteer expands", "[places]") {
  using Terms = std::vector<std::string>;
  CHECK(query_terms(Field::place, "Brazil") == Terms{"XLbrazil", "XCBR"});
  CHECK(query_terms(Field::place, "kiev") == Terms{"XLkiev", "XLkyiv"});
  CHECK(query_terms(Field::place, "Moscow") == Terms{"XLmoscow"});
  CHECK(query_terms(Field::country, "br") == Terms{"XCBR"});
  CHECK(query_terms(Field::country, "North Korean") == Terms{"XCKP"});
  CHECK(query_terms(Field::country, "Russians") == Terms{"XCRU"});
}

TEST_CASE("unknown countries expand to nothing, unknown places to themselves", "[places]") {
  CHECK(query_terms(Field::country, "XX").empty());
  CHECK(query_terms(Field::country, "narnia").empty());
  CHECK(query_terms(Field::country, "").empty());
  CHECK(query_terms(Field::place, "Narnia") == std::vector<std::string>{"XLnarnia"});
}

TEST_CASE("the query-places table loads in a few milliseconds", "[places]") {
  const std::string path = newsdex::entities::data_path(newsdex::entities::kQueryPlacesFile);
  // CPU time, not wall time: the machine may be busy with other work while the test runs.
  const std::clock_t start = std::clock();
  const QueryPlaces table = QueryPlaces::load(path);
  const double seconds = double(std::clock() - start) / CLOCKS_PER_SEC;
  INFO("load took " << seconds * 1000 << " ms of CPU for " << table.size() << " lines");
  CHECK(seconds < 0.02);
  CHECK(table.size() > 1000);
  CHECK_FALSE(table.find(Field::place, "moscow").has_value());
  REQUIRE(table.find(Field::country, "russia").has_value());
  CHECK(*table.find(Field::country, "russia") == std::vector<std::string>{"XCRU"});
}

TEST_CASE("a missing or malformed query-places table is an error naming the file", "[places]") {
  const std::string missing = "/nonexistent/gazetteer/query-places.tsv";
  try {
    QueryPlaces::load(missing);
    FAIL("no error for a missing table");
  } catch (const newsdex::Error& e) {
    CHECK(e.code() == newsdex::ErrorCode::io);
    CHECK(std::string(e.what()).find(missing) != std::string::npos);
    CHECK(e.hint().find("newsdex-make-query-places") != std::string::npos);
  }
  const auto bad = std::filesystem::temp_directory_path() /
                   ("newsdex-query-places-" + std::to_string(::getpid()) + ".tsv");
  std::ofstream(bad) << "# comment\nplace\tkiev\tXLkyiv\ncity\tparis\tXLparis\n";
  try {
    QueryPlaces::load(bad.string());
    FAIL("no error for a malformed line");
  } catch (const newsdex::Error& e) {
    CHECK(e.code() == newsdex::ErrorCode::input);
    CHECK(std::string(e.what()).find(bad.string() + ":3:") != std::string::npos);
  }
  // Lines are looked up by bisection: a table edited by hand out of order still answers, and a
  // value listed twice is an error.
  std::ofstream(bad) << "place\tpeking\tXLbeijing\nplace\tkiev\tXLkyiv\tXLkiev\n"
                        "country\tussr\tXCSU\n";
  const QueryPlaces unsorted = QueryPlaces::load(bad.string());
  CHECK(unsorted.size() == 3);
  CHECK(*unsorted.find(Field::place, "kiev") == std::vector<std::string>{"XLkyiv", "XLkiev"});
  CHECK(*unsorted.find(Field::place, "peking") == std::vector<std::string>{"XLbeijing"});
  CHECK(*unsorted.find(Field::country, "ussr") == std::vector<std::string>{"XCSU"});
  CHECK_FALSE(unsorted.find(Field::country, "kiev").has_value());
  CHECK_FALSE(unsorted.find(Field::place, "kie").has_value());
  std::ofstream(bad) << "place\tkiev\tXLkyiv\nplace\tkiev\tXLkiev\n";
  try {
    QueryPlaces::load(bad.string());
    FAIL("no error for a value listed twice");
  } catch (const newsdex::Error& e) {
    CHECK(e.code() == newsdex::ErrorCode::input);
    CHECK(std::string(e.what()).find("listed twice") != std::string::npos);
  }
  std::filesystem::remove(bad);
}
