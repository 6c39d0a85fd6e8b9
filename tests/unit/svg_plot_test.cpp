// SVG timeline charts: what an analyst opening the file sees, and that a failed write leaves
// nothing.
#include <newsdex/plot.h>

#include <newsdex/error.h>
#include <stdlib.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using newsdex::output::PlotData;
using newsdex::output::PlotSeries;
using newsdex::output::write_svg_plot;
using newsdex::output::write_svg_plot_file;

namespace {

std::string render(const PlotData& data) {
  std::ostringstream out;
  write_svg_plot(data, out);
  return out.str();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Monthly periods from year/month on, with their first days.
PlotData monthly(int year, int month, std::size_t n) {
  PlotData data;
  data.title = "timeline";
  data.y_label = "articles per month";
  data.x_label = "month";
  for (std::size_t i = 0; i < n; ++i) {
    const int m0 = month - 1 + static_cast<int>(i);
    char period[16];
    std::snprintf(period, sizeof period, "%04d-%02d", year + m0 / 12, m0 % 12 + 1);
    data.periods.push_back(period);
    data.first_days.push_back(std::string(period) + "-01");
  }
  return data;
}

PlotSeries wave(const std::string& label, std::size_t n, double scale) {
  PlotSeries s{label, {}};
  for (std::size_t i = 0; i < n; ++i)
    s.values.push_back(std::round(scale * (2 + std::sin(i / 5.0))));
  return s;
}

struct Tick {
  double x;
  std::string label;
};

std::vector<Tick> ticks(const std::string& svg, const std::string& cls) {
  static const std::regex kTick("<text class=\"([a-z-]+)\" x=\"([-0-9.]+)\"[^>]*>([^<]*)");
  std::vector<Tick> out;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), kTick); it != std::sregex_iterator();
       ++it) {
    if ((*it)[1] == cls) out.push_back({std::stod((*it)[2]), (*it)[3]});
  }
  return out;
}

// A small well-formedness check: tags nest and close, and every & starts an entity. It cannot
// replace a parser (xmllint was run by hand), but it catches unescaped text and broken nesting.
void require_well_formed(const std::string& svg) {
  REQUIRE(svg.rfind("<?xml", 0) == 0);
  REQUIRE(svg.find("<svg ") != std::string::npos);
  REQUIRE(svg.size() >= 7);
  REQUIRE(svg.compare(svg.find_last_not_of('\n') - 5, 6, "</svg>") == 0);
  static const std::regex kEntity("^&(amp|lt|gt|quot|apos);");
  std::vector<std::string> open;
  for (std::size_t at = 0; at < svg.size(); ++at) {
    if (svg[at] == '&') {
      INFO(svg.substr(at, 20));
      REQUIRE(std::regex_search(svg.substr(at, 8), kEntity));
    }
    if (svg[at] != '<' || svg.compare(at, 2, "<?") == 0) continue;
    const std::size_t end = svg.find('>', at);
    REQUIRE(end != std::string::npos);
    const std::string tag = svg.substr(at + 1, end - at - 1);
    REQUIRE(tag.find('<') == std::string::npos);
    if (tag[0] == '/') {
      REQUIRE_FALSE(open.empty());
      REQUIRE(tag.substr(1) == open.back());
      open.pop_back();
    } else if (tag.back() != '/') {
      open.push_back(tag.substr(0, tag.find_first_of(" \n")));
    }
    at = end;
  }
  REQUIRE(open.empty());
  // Coordinates stay finite whatever the values.
  REQUIRE_FALSE(std::regex_search(svg, std::regex("[\",ML ]-?(nan|inf)")));
}

// A fresh directory under the system temporary directory, removed with its contents at exit.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string name = (fs::temp_directory_path() / "newsdex-svg-XXXXXX").string();
    REQUIRE(::mkdtemp(name.data()) != nullptr);
    path = name;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::size_t entries() const {
    return std::distance(fs::directory_iterator(path), fs::directory_iterator());
  }
};

}  // namespace

TEST_CASE("svg plot: two series give two coloured lines, a legend and the title", "[svg]") {
  PlotData data = monthly(1987, 3, 14);
  data.title = "Oil and OPEC";
  data.series = {wave("oil", 14, 10), wave("opec", 14, 3)};
  const std::string svg = render(data);
  require_well_formed(svg);
  CHECK(count(svg, "<path") == 2);
  CHECK(svg.find(">Oil and OPEC</text>") != std::string::npos);
  CHECK(count(svg, "class=\"legend-label\"") == 2);
  CHECK(svg.find("class=\"legend-label\" x=\"", 0) != std::string::npos);
  CHECK(ticks(svg, "legend-label").size() == 2);
  CHECK(ticks(svg, "legend-label")[0].label == "oil");
  CHECK(ticks(svg, "legend-label")[1].label == "opec");
  // Each series draws with its own colour.
  static const std::regex kSeries("<g class=\"series\" stroke=\"(#[0-9A-Fa-f]{6})\"");
  std::vector<std::string> colours;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), kSeries);
       it != std::sregex_iterator(); ++it) {
    colours.push_back((*it)[1]);
  }
  REQUIRE(colours.size() == 2);
  CHECK(colours[0] != colours[1]);
  // Few points: every point gets a marker (plus one per legend row).
  CHECK(count(svg, "<circle") == 2 * 14 + 2);
  CHECK(svg.find("viewBox=\"0 0 900 450\"") != std::string::npos);
  CHECK(svg.find("font-family=\"sans-serif\"") != std::string::npos);
}

TEST_CASE("svg plot: a single series still has a legend", "[svg]") {
  PlotData data = monthly(1987, 1, 5);
  data.series = {wave("talks", 5, 1)};
  const std::string svg = render(data);
  require_well_formed(svg);
  CHECK(ticks(svg, "legend-label").size() == 1);
}

TEST_CASE("svg plot: special characters in texts are escaped", "[svg]") {
  PlotData data = monthly(1987, 1, 3);
  data.title = "<script>alert('x')</script> & co";
  data.y_label = "a<b";
  data.x_label = "c&d";
  // Invalid UTF-8 and a control character must not make the document unparseable.
  data.series = {{"\"oil\" & <gas> 'x'", {1, 2, 3}}, {"bad \xff\x01 bytes", {1, 1, 1}}};
  const std::string svg = render(data);
  require_well_formed(svg);
  CHECK(svg.find("&quot;oil&quot; &amp; &lt;gas&gt; &apos;x&apos;") != std::string::npos);
  CHECK(svg.find("<gas>") == std::string::npos);
  CHECK(svg.find("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; co") !=
        std::string::npos);
  CHECK(svg.find("<script") == std::string::npos);
  CHECK(svg.find(">a&lt;b<") != std::string::npos);
  CHECK(svg.find(">c&amp;d<") != std::string::npos);
  CHECK(svg.find('\x01') == std::string::npos);
  CHECK(svg.find('\xff') == std::string::npos);
}

TEST_CASE("svg plot: 240 monthly periods get at most 12 year labels that do not overlap", "[svg]") {
  PlotData data = monthly(1987, 1, 240);
  data.series = {wave("oil", 240, 100), wave("opec", 240, 30)};
  const std::string svg = render(data);
  require_well_formed(svg);
  CHECK(count(svg, "<path") == 2);
  CHECK(count(svg, "<circle") == 0);  // 240 markers would smear the lines
  const std::vector<Tick> x = ticks(svg, "x-tick");
  REQUIRE(x.size() >= 5);
  CHECK(x.size() <= 12);
  for (std::size_t i = 0; i < x.size(); ++i) {
    INFO(x[i].label);
    CHECK(std::regex_match(x[i].label, std::regex("(19|20)[0-9][0-9]")));
    if (i > 0) CHECK(x[i].x - x[i - 1].x >= 40);
  }
}

TEST_CASE("svg plot: 14 monthly periods are labelled by month, with the year where it changes",
          "[svg]") {
  PlotData data = monthly(1987, 3, 14);
  data.series = {wave("oil", 14, 10)};
  const std::string svg = render(data);
  const std::vector<Tick> x = ticks(svg, "x-tick");
  REQUIRE(x.size() >= 5);
  CHECK(x.size() <= 12);
  CHECK(x.front().label == "Mar");
  for (std::size_t i = 1; i < x.size(); ++i) CHECK(x[i].x - x[i - 1].x >= 40);
  CHECK(svg.find(">1987</tspan>") != std::string::npos);
  CHECK(svg.find(">1988</tspan>") != std::string::npos);
  CHECK(count(svg, ">1987</tspan>") == 1);
}

TEST_CASE("svg plot: daily periods are labelled every few days", "[svg]") {
  PlotData data;
  data.title = "daily";
  PlotSeries s{"talks", {}};
  for (int d = 1; d <= 31; ++d) {
    data.periods.push_back("1987-03-" + std::string(d < 10 ? "0" : "") + std::to_string(d));
    s.values.push_back(d % 4);
  }
  data.series = {s};
  const std::string svg = render(data);
  require_well_formed(svg);
  const std::vector<Tick> x = ticks(svg, "x-tick");
  REQUIRE(x.size() >= 4);
  CHECK(x.size() <= 12);
  CHECK(x.front().label == "Mar 1");
  for (std::size_t i = 1; i < x.size(); ++i) CHECK(x[i].x - x[i - 1].x >= 40);
}

TEST_CASE("svg plot: y ticks are round numbers from zero, percentages when asked", "[svg]") {
  PlotData data = monthly(1987, 1, 4);
  data.series = {{"oil", {3, 17, 37, 12}}};
  std::vector<std::string> labels;
  for (const Tick& t : ticks(render(data), "y-tick")) labels.push_back(t.label);
  CHECK(labels == std::vector<std::string>{"0", "10", "20", "30", "40"});

  data.series = {{"oil", {1200, 0, 26000, 100}}};
  labels.clear();
  for (const Tick& t : ticks(render(data), "y-tick")) labels.push_back(t.label);
  CHECK(labels ==
        std::vector<std::string>{"0", "5,000", "10,000", "15,000", "20,000", "25,000", "30,000"});

  data.percent = true;
  data.series = {{"oil", {0.004, 0.012, 0.007, 0.0}}};
  labels.clear();
  for (const Tick& t : ticks(render(data), "y-tick")) labels.push_back(t.label);
  CHECK(labels == std::vector<std::string>{"0.0%", "0.2%", "0.4%", "0.6%", "0.8%", "1.0%", "1.2%"});

  // Counts: no fractional steps even for tiny values.
  data.percent = false;
  data.series = {{"oil", {0, 1, 3, 2}}};
  labels.clear();
  for (const Tick& t : ticks(render(data), "y-tick")) labels.push_back(t.label);
  CHECK(labels == std::vector<std::string>{"0", "1", "2", "3"});

  // Averages or other fractional values do get fractional steps.
  data.series = {{"oil", {0, 0.5, 0.25, 0.1}}};
  labels.clear();
  for (const Tick& t : ticks(render(data), "y-tick")) labels.push_back(t.label);
  CHECK(labels == std::vector<std::string>{"0.0", "0.1", "0.2", "0.3", "0.4", "0.5"});
}

TEST_CASE("svg plot: edge cases draw a sensible chart", "[svg]") {
  SECTION("a single period") {
    PlotData data = monthly(1987, 3, 1);
    data.series = {{"oil", {5}}};
    const std::string svg = render(data);
    require_well_formed(svg);
    CHECK(count(svg, "<path") == 1);
    CHECK(ticks(svg, "x-tick").size() == 1);
    CHECK(count(svg, "<circle") == 2);  // the point is visible as a marker
  }
  SECTION("all values zero: the y axis runs 0..1") {
    PlotData data = monthly(1987, 1, 6);
    data.series = {{"oil", std::vector<double>(6, 0.0)}};
    const std::string svg = render(data);
    require_well_formed(svg);
    const std::vector<Tick> y = ticks(svg, "y-tick");
    REQUIRE(y.size() >= 2);
    CHECK(y.front().label == "0");
    CHECK(y.back().label == "1");
    data.percent = true;
    const std::vector<Tick> p = ticks(render(data), "y-tick");
    REQUIRE(p.size() >= 2);
    CHECK(p.front().label == "0%");
    CHECK(p.back().label == "100%");
  }
  SECTION("no series: axes and a no-data note") {
    PlotData data = monthly(1987, 1, 6);
    const std::string svg = render(data);
    require_well_formed(svg);
    CHECK(count(svg, "<path") == 0);
    CHECK(svg.find(">no data</text>") != std::string::npos);
    CHECK_FALSE(ticks(svg, "y-tick").empty());
  }
  SECTION("no periods at all") {
    PlotData data;
    data.series = {{"oil", {}}};
    const std::string svg = render(data);
    require_well_formed(svg);
    CHECK(svg.find(">no data</text>") != std::string::npos);
  }
  SECTION("a missing value leaves a gap, not a zero") {
    PlotData data = monthly(1987, 1, 5);
    data.series = {{"oil", {1, 2, NAN, 4, 5}}};
    const std::string svg = render(data);
    require_well_formed(svg);
    CHECK(count(svg, " M") == 1);  // the line restarts after the gap
    CHECK(count(svg, "<circle") == 4 + 1);
  }
}

TEST_CASE("svg plot: series of the wrong length are a programming error", "[svg]") {
  PlotData data = monthly(1987, 1, 3);
  data.series = {{"oil", {1, 2, 3}}, {"gas", {1, 2}}};
  std::ostringstream out;
  CHECK_THROWS_AS(write_svg_plot(data, out), std::invalid_argument);
  CHECK(out.str().empty());

  data.series = {{"oil", {1, 2, 3}}};
  data.first_days.pop_back();
  CHECK_THROWS_AS(write_svg_plot(data, out), std::invalid_argument);
}

TEST_CASE("svg plot file: written whole, failures leave no file behind", "[svg]") {
  TempDir dir;
  PlotData data = monthly(1987, 1, 12);
  data.series = {wave("oil", 12, 10)};

  SECTION("a valid path gets the complete document and no temporary file") {
    const std::string path = (dir.path / "chart.svg").string();
    write_svg_plot_file(data, path);
    std::ifstream in(path);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 0) == 0);
    CHECK(text == render(data));
    CHECK(dir.entries() == 1);
    // Overwriting replaces the file.
    data.title = "second";
    write_svg_plot_file(data, path);
    std::ifstream again(path);
    const std::string second((std::istreambuf_iterator<char>(again)),
                             std::istreambuf_iterator<char>());
    CHECK(second.find(">second</text>") != std::string::npos);
    CHECK(dir.entries() == 1);
  }
  SECTION("a directory that does not exist") {
    const std::string path = (dir.path / "missing" / "chart.svg").string();
    try {
      write_svg_plot_file(data, path);
      FAIL("no exception");
    } catch (const newsdex::Error& e) {
      CHECK(e.code() == newsdex::ErrorCode::io);
      CHECK(std::string(e.what()) == "cannot write plot " + path + ": No such file or directory");
    }
    CHECK_FALSE(fs::exists(path));
    CHECK(dir.entries() == 0);
  }
  SECTION("the target is a directory: the temporary file is removed") {
    fs::create_directory(dir.path / "taken.svg");
    const std::string path = (dir.path / "taken.svg").string();
    try {
      write_svg_plot_file(data, path);
      FAIL("no exception");
    } catch (const newsdex::Error& e) {
      CHECK(e.code() == newsdex::ErrorCode::io);
      CHECK(std::string(e.what()).rfind("cannot write plot " + path + ": ", 0) == 0);
    }
    CHECK(dir.entries() == 1);
    CHECK(fs::is_directory(path));
  }
  SECTION("invalid data creates no file") {
    data.series[0].values.pop_back();
    CHECK_THROWS_AS(write_svg_plot_file(data, (dir.path / "chart.svg").string()),
                    std::invalid_argument);
    CHECK(dir.entries() == 0);
  }
}
