// SVG line charts of timelines: round y ticks, calendar-aware x ticks, legend, atomic file output.
#include <newsdex/plot.h>

#include <newsdex/error.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iomanip>
#include <locale>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "util/xml.h"
#include "util/atomic_file.h"

namespace newsdex::output {
namespace {

constexpr double kWidth = 900;
constexpr double kHeight = 450;
constexpr double kMargin = 14;
constexpr double kPlotTop = 70;
constexpr double kPlotBottom = kHeight - 72;  // room for two-line x labels and the x title
constexpr double kTickFont = 11;
constexpr double kLegendFont = 12;
constexpr double kLegendRow = 20;
constexpr std::size_t kMaxXTicks = 12;
constexpr std::size_t kMarkerLimit = 60;  // with more points, markers merge into a thick smear
constexpr std::size_t kLegendChars = 32;  // longer queries are cut; the full text is a tooltip
constexpr std::size_t kTitleChars = 70;   // bold capitals are ~0.7 em wide
constexpr std::size_t kAxisTitleChars = 110;
// Okabe-Ito without its yellow, which vanishes on white; later series reuse them dashed.
constexpr const char* kPalette[] = {"#0072B2", "#E69F00", "#009E73", "#D55E00",
                                    "#CC79A7", "#56B4E9", "#000000"};
constexpr std::size_t kColors = sizeof(kPalette) / sizeof(kPalette[0]);
constexpr const char* kDashes[] = {"", "7 4", "2 3", "9 3 2 3"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Layout needs text widths without a font engine; 0.62 em is DejaVu Sans' digit advance.
double text_px(std::size_t chars, double font_px) { return chars * font_px * 0.62; }

std::size_t char_count(const std::string& s) {
  return std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; });
}

// Invalid UTF-8 or control characters would make the whole document unparseable.
std::string clean_utf8(const std::string& s) {
  static constexpr std::uint32_t kMinCode[] = {0, 0, 0x80, 0x800, 0x10000};
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80         ? 1
                            : (c >> 5) == 6  ? 2
                            : (c >> 4) == 14 ? 3
                            : (c >> 3) == 30 ? 4
                                             : 0;
    bool ok = len > 0 && i + len <= s.size();
    if (ok && len == 1) ok = c >= 0x20 || c == '\t' || c == '\n' || c == '\r';
    if (ok && len > 1) {
      std::uint32_t code = c & (0x7F >> len);
      for (std::size_t k = 1; ok && k < len; ++k) {
        ok = (s[i + k] & 0xC0) == 0x80;
        code = (code << 6) | (s[i + k] & 0x3F);
      }
      ok = ok && code >= kMinCode[len] && code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF) &&
           code != 0xFFFE && code != 0xFFFF;
    }
    if (!ok) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out.append(s, i, len);
    i += len;
  }
  return out;
}

std::string truncated(const std::string& s, std::size_t max_chars) {
  if (char_count(s) <= max_chars) return s;
  std::size_t end = 0;
  for (std::size_t chars = 0; end < s.size(); ++end) {
    if ((s[end] & 0xC0) != 0x80 && chars++ == max_chars - 1) break;
  }
  return s.substr(0, end) + "\xE2\x80\xA6";
}

std::string escaped(const std::string& s) { return util::xml_escape(s); }

// Every user text goes through here: valid, cut to fit, escaped.
std::string xml_text(const std::string& s, std::size_t max_chars = std::string::npos) {
  return escaped(truncated(clean_utf8(s), max_chars));
}

std::string fixed(double v, int decimals) {
  std::ostringstream o;
  o.imbue(std::locale::classic());
  o << std::fixed << std::setprecision(decimals) << (std::abs(v) < 1e-12 ? 0.0 : v);
  return o.str();
}

std::string px(double v) { return fixed(v, 1); }

// Thousands separators make "120000" vs "12000" readable at a glance.
std::string grouped(const std::string& number) {
  const std::size_t sign = number[0] == '-' ? 1 : 0;
  std::size_t int_end = number.find('.');
  if (int_end == std::string::npos) int_end = number.size();
  std::string out = number.substr(int_end);
  for (std::size_t i = int_end, n = 0; i > sign; --i, ++n) {
    if (n > 0 && n % 3 == 0) out.insert(0, 1, ',');
    out.insert(0, 1, number[i - 1]);
  }
  return number.substr(0, sign) + out;
}

int decimals_for(double step) {
  return step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
}

std::string value_text(double v, bool percent) {
  if (percent) return fixed(v * 100, 2) + "%";
  return grouped(fixed(v, v == std::round(v) ? 0 : 2));
}

struct Day {
  int year = 0, month = 1, day = 1;
  long serial = 0;  // days since 1970-01-01, so a time scale is plain arithmetic
};

// Howard Hinnant's days_from_civil.
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

bool read_digits(const std::string& s, std::size_t at, std::size_t n, int* value) {
  *value = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    *value = *value * 10 + (s[i] - '0');
  }
  return true;
}

// Accepts "YYYY", "YYYY-MM" and "YYYY-MM-DD".
std::optional<Day> parse_day(const std::string& s) {
  Day d;
  bool ok = (s.size() == 4 || s.size() == 7 || s.size() == 10) && read_digits(s, 0, 4, &d.year);
  if (ok && s.size() >= 7)
    ok = s[4] == '-' && read_digits(s, 5, 2, &d.month) && d.month >= 1 && d.month <= 12;
  if (ok && s.size() == 10)
    ok = s[7] == '-' && read_digits(s, 8, 2, &d.day) && d.day >= 1 && d.day <= 31;
  if (!ok) return std::nullopt;
  d.serial = days_from_civil(d.year, d.month, d.day);
  return d;
}

struct YAxis {
  double lo, hi, step;
};

// The finest step of 1, 2 or 5 x 10^k that needs at most 7 intervals, always including 0.
// Counts never get fractional steps: "0.5 articles" would be noise.
YAxis nice_axis(double lo, double hi, bool integral) {
  if (!(hi > lo)) hi = lo + 1;
  for (double magnitude = std::pow(10.0, std::floor(std::log10((hi - lo) / 10)));;
       magnitude *= 10) {
    for (double m : {1.0, 2.0, 5.0}) {
      const double step = m * magnitude;
      const double first = std::floor(lo / step + 1e-9), last = std::ceil(hi / step - 1e-9);
      if ((!integral || step >= 1) && last - first <= 7) return {first * step, last * step, step};
    }
  }
}

struct XTick {
  std::size_t index;
  std::string label;
  std::string sub;  // context line below (the year), printed only where it changes
};

// Tick rules from fine to coarse: every `step` periods, or the periods opening every `step`-th
// month or year. Calendar boundaries make labels a reader recognises ("Jan", "1990").
struct Rule {
  enum Kind { kEvery, kEveryRaw, kMonth, kYear } kind;
  int step;
};

std::vector<XTick> apply_rule(const Rule& rule, const std::vector<std::string>& periods,
                              const std::vector<Day>& days, long spacing) {
  std::vector<XTick> ticks;
  for (std::size_t i = 0; i < periods.size(); ++i) {
    if (rule.kind == Rule::kEveryRaw || rule.kind == Rule::kEvery) {
      if (i % rule.step != 0) continue;
      if (rule.kind == Rule::kEveryRaw) {
        ticks.push_back({i, periods[i], ""});
      } else {
        const Day& d = days[i];
        ticks.push_back({i, std::string(kMonths[d.month - 1]) + " " + std::to_string(d.day),
                         std::to_string(d.year)});
      }
      continue;
    }
    const Day& d = days[i];
    // The first period opens a month only if it starts within one period of the 1st, so a
    // series starting on 15 March gets no tick labelled "Mar".
    const bool opens_month = i > 0 ? days[i - 1].month != d.month || days[i - 1].year != d.year
                                   : d.day <= std::max(1L, spacing);
    if (!opens_month) continue;
    if (rule.kind == Rule::kMonth && (d.month - 1) % rule.step == 0) {
      ticks.push_back({i, kMonths[d.month - 1], std::to_string(d.year)});
    } else if (rule.kind == Rule::kYear && (i > 0 ? days[i - 1].year != d.year : d.month == 1) &&
               d.year % rule.step == 0) {
      ticks.push_back({i, std::to_string(d.year), ""});
    }
  }
  return ticks;
}

std::vector<XTick> choose_x_ticks(const std::vector<std::string>& periods,
                                  const std::vector<Day>& days, const std::vector<double>& xs) {
  const std::size_t n = periods.size();
  if (n == 1) return {{0, periods[0], ""}};
  std::vector<Rule> rules;
  long spacing = 0;  // shortest distance between periods in days: 1 daily, 7 weekly, ...
  if (!days.empty()) {
    spacing = days[1].serial - days[0].serial;
    for (std::size_t i = 2; i < n; ++i)
      spacing = std::min(spacing, days[i].serial - days[i - 1].serial);
    if (spacing <= 7) {
      for (int step : {1, 2, 3, 7, 14}) {
        if (spacing <= 1 || step <= 2) rules.push_back({Rule::kEvery, step});
      }
    }
    if (spacing <= 31) {
      for (int step : {1, 2, 3, 6}) rules.push_back({Rule::kMonth, step});
    }
    for (int step : {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000})
      rules.push_back({Rule::kYear, step});
  }
  // Always ends with a rule that fits: a step as long as the series leaves one tick.
  bool done = false;
  for (std::size_t magnitude = 1; !done; magnitude *= 10) {
    for (std::size_t m : {1, 2, 5}) {
      if (done) break;
      rules.push_back({Rule::kEveryRaw, static_cast<int>(std::min(m * magnitude, n))});
      done = m * magnitude >= n;
    }
  }
  for (const Rule& rule : rules) {
    std::vector<XTick> ticks = apply_rule(rule, periods, days, spacing);
    if (ticks.empty() || ticks.size() > kMaxXTicks) continue;
    double widest = 0;
    for (const XTick& t : ticks) {
      widest =
          std::max(widest, text_px(std::max(char_count(t.label), char_count(t.sub)), kTickFont));
    }
    bool fits = true;
    for (std::size_t k = 1; k < ticks.size() && fits; ++k) {
      fits = xs[ticks[k].index] - xs[ticks[k - 1].index] >= widest + 12;
    }
    if (fits) return ticks;
  }
  return {{0, periods[0], ""}};
}

void render(const PlotData& data, std::ostream& o) {
  const std::size_t n = data.periods.size();
  if (!data.first_days.empty() && data.first_days.size() != n) {
    throw std::invalid_argument("svg plot: first_days has " +
                                std::to_string(data.first_days.size()) + " entries for " +
                                std::to_string(n) + " periods");
  }
  for (const PlotSeries& s : data.series) {
    if (s.values.size() != n) {
      throw std::invalid_argument("svg plot: series '" + s.label + "' has " +
                                  std::to_string(s.values.size()) + " values for " +
                                  std::to_string(n) + " periods");
    }
  }

  // A time scale when every period has a valid, increasing first day, else evenly spaced.
  std::vector<Day> days;
  for (std::size_t i = 0; i < n; ++i) {
    const auto day = parse_day(data.first_days.empty() ? data.periods[i] : data.first_days[i]);
    if (!day || (i > 0 && day->serial <= days.back().serial)) {
      days.clear();
      break;
    }
    days.push_back(*day);
  }

  double lo = 0, hi = 0;
  bool integral = !data.percent;
  for (const PlotSeries& s : data.series) {
    for (double v : s.values) {
      if (!std::isfinite(v)) continue;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
      integral = integral && v == std::round(v);
    }
  }
  const YAxis y_axis = nice_axis(lo, hi, integral);
  const int y_decimals = decimals_for(data.percent ? y_axis.step * 100 : y_axis.step);
  std::vector<std::pair<double, std::string>> y_ticks;
  std::size_t y_chars = 1;
  for (long k = std::lround(y_axis.lo / y_axis.step); k <= std::lround(y_axis.hi / y_axis.step);
       ++k) {
    const double v = k * y_axis.step;
    y_ticks.emplace_back(
        v, data.percent ? fixed(v * 100, y_decimals) + "%" : grouped(fixed(v, y_decimals)));
    y_chars = std::max(y_chars, y_ticks.back().second.size());
  }

  std::size_t legend_chars = 4;
  for (const PlotSeries& s : data.series) {
    legend_chars = std::max(legend_chars, std::min(char_count(clean_utf8(s.label)), kLegendChars));
  }
  const bool legend = !data.series.empty();
  const double legend_w = 10 + 28 + 6 + text_px(legend_chars, kLegendFont) + 10;
  const double left = std::max(44.0, kMargin + text_px(y_chars, kTickFont) + 10);
  // The gap right of the plot leaves room for half of the last x label.
  const double right = kWidth - kMargin - (legend ? legend_w + 30 : 30);
  const double top = kPlotTop, bottom = kPlotBottom;

  std::vector<double> xs(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double t = n == 1         ? 0.5
                     : days.empty() ? double(i) / double(n - 1)
                                    : double(days[i].serial - days[0].serial) /
                                          double(days[n - 1].serial - days[0].serial);
    xs[i] = left + t * (right - left);
  }
  auto y_of = [&](double v) {
    return bottom - (v - y_axis.lo) / (y_axis.hi - y_axis.lo) * (bottom - top);
  };

  o << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kWidth << "\" height=\"" << kHeight
    << "\" viewBox=\"0 0 " << kWidth << ' ' << kHeight
    << "\" font-family=\"sans-serif\" font-size=\"12\" fill=\"#222\">\n"
    << "<title>" << xml_text(data.title) << "</title>\n"
    << "<rect width=\"" << kWidth << "\" height=\"" << kHeight << "\" fill=\"#fff\"/>\n"
    << "<text class=\"title\" x=\"" << kWidth / 2 << "\" y=\"30\" text-anchor=\"middle\" "
    << "font-size=\"17\" font-weight=\"bold\">" << xml_text(data.title, kTitleChars) << "</text>\n"
    << "<text class=\"y-title\" x=\"" << kMargin << "\" y=\"" << top - 16 << "\" fill=\"#444\">"
    << xml_text(data.y_label, kAxisTitleChars) << "</text>\n"
    << "<text class=\"x-title\" x=\"" << px((left + right) / 2) << "\" y=\"" << kHeight - 12
    << "\" text-anchor=\"middle\" fill=\"#444\">" << xml_text(data.x_label, kAxisTitleChars)
    << "</text>\n";

  o << "<g font-size=\"" << kTickFont << "\" fill=\"#555\">\n";
  for (const auto& [v, label] : y_ticks) {
    const std::string y = px(y_of(v));
    o << "<line x1=\"" << px(left) << "\" x2=\"" << px(right) << "\" y1=\"" << y << "\" y2=\"" << y
      << "\" stroke=\"" << (v == 0 ? "#888" : "#e3e3e3") << "\"/>\n"
      << "<text class=\"y-tick\" x=\"" << px(left - 7) << "\" y=\"" << px(y_of(v) + 4)
      << "\" text-anchor=\"end\">" << label << "</text>\n";
  }
  const std::vector<XTick> x_ticks =
      n > 0 ? choose_x_ticks(data.periods, days, xs) : std::vector<XTick>{};
  std::string last_sub;
  for (const XTick& t : x_ticks) {
    const std::string x = px(xs[t.index]);
    o << "<line x1=\"" << x << "\" x2=\"" << x << "\" y1=\"" << px(top) << "\" y2=\"" << px(bottom)
      << "\" stroke=\"#f0f0f0\"/>\n"
      << "<line x1=\"" << x << "\" x2=\"" << x << "\" y1=\"" << px(bottom) << "\" y2=\""
      << px(bottom + 5) << "\" stroke=\"#888\"/>\n"
      << "<text class=\"x-tick\" x=\"" << x << "\" y=\"" << px(bottom + 18)
      << "\" text-anchor=\"middle\">" << xml_text(t.label);
    if (!t.sub.empty() && t.sub != last_sub) {
      o << "<tspan x=\"" << x << "\" dy=\"14\">" << xml_text(t.sub) << "</tspan>";
    }
    last_sub = t.sub;
    o << "</text>\n";
  }
  o << "<line x1=\"" << px(left) << "\" x2=\"" << px(left) << "\" y1=\"" << px(top) << "\" y2=\""
    << px(bottom) << "\" stroke=\"#888\"/>\n</g>\n";

  if (data.series.empty() || n == 0) {
    o << "<text class=\"no-data\" x=\"" << px((left + right) / 2) << "\" y=\""
      << px((top + bottom) / 2) << "\" text-anchor=\"middle\" font-size=\"15\" fill=\"#888\">"
      << "no data</text>\n";
  }

  const bool markers = n < kMarkerLimit;
  for (std::size_t s = 0; s < data.series.size() && n > 0; ++s) {
    const PlotSeries& series = data.series[s];
    const char* color = kPalette[s % kColors];
    const char* dash = kDashes[(s / kColors) % 4];
    o << "<g class=\"series\" stroke=\"" << color << "\" fill=\"" << color << "\">\n<title>"
      << xml_text(series.label) << "</title>\n<path fill=\"none\" stroke-width=\"2\" "
      << "stroke-linejoin=\"round\" stroke-linecap=\"round\"";
    if (*dash) o << " stroke-dasharray=\"" << dash << '"';
    o << " d=\"";
    // NaN leaves a gap; an isolated point becomes a zero-length segment, a dot with round caps.
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isfinite(series.values[i])) continue;
      const bool starts = i == 0 || !std::isfinite(series.values[i - 1]);
      o << (starts ? (i == 0 ? "M" : " M") : " L") << px(xs[i]) << ','
        << px(y_of(series.values[i]));
      if (starts && (i + 1 == n || !std::isfinite(series.values[i + 1]))) o << " h0";
    }
    o << "\"/>\n";
    for (std::size_t i = 0; markers && i < n; ++i) {
      if (!std::isfinite(series.values[i])) continue;
      o << "<circle cx=\"" << px(xs[i]) << "\" cy=\"" << px(y_of(series.values[i]))
        << "\" r=\"3\" stroke=\"#fff\" stroke-width=\"0.8\"><title>" << xml_text(data.periods[i])
        << ": " << value_text(series.values[i], data.percent) << "</title></circle>\n";
    }
    o << "</g>\n";
  }

  if (legend) {
    // Rows that do not fit beside the plot are summarised in a last "+ k more" row.
    const std::size_t fit = static_cast<std::size_t>((bottom - top - 12) / kLegendRow);
    const std::size_t shown = data.series.size() <= fit ? data.series.size() : fit - 1;
    const std::size_t rows = shown + (shown < data.series.size() ? 1 : 0);
    const double x0 = kWidth - kMargin - legend_w;
    o << "<g class=\"legend\" font-size=\"" << kLegendFont << "\">\n<rect x=\"" << px(x0)
      << "\" y=\"" << px(top) << "\" width=\"" << px(legend_w) << "\" height=\""
      << px(rows * kLegendRow + 10) << "\" rx=\"3\" fill=\"#fff\" stroke=\"#ccc\"/>\n";
    for (std::size_t s = 0; s < rows; ++s) {
      const double cy = top + 5 + kLegendRow * s + kLegendRow / 2;
      if (s == shown) {
        o << "<text x=\"" << px(x0 + 10) << "\" y=\"" << px(cy + 4) << "\" fill=\"#555\">+ "
          << data.series.size() - shown << " more</text>\n";
        break;
      }
      const char* color = kPalette[s % kColors];
      const char* dash = kDashes[(s / kColors) % 4];
      o << "<line x1=\"" << px(x0 + 10) << "\" x2=\"" << px(x0 + 38) << "\" y1=\"" << px(cy)
        << "\" y2=\"" << px(cy) << "\" stroke=\"" << color << "\" stroke-width=\"2\"";
      if (*dash) o << " stroke-dasharray=\"" << dash << '"';
      o << "/>\n";
      if (markers) {
        o << "<circle cx=\"" << px(x0 + 24) << "\" cy=\"" << px(cy) << "\" r=\"3\" fill=\"" << color
          << "\" stroke=\"#fff\" stroke-width=\"0.8\"/>\n";
      }
      o << "<text class=\"legend-label\" x=\"" << px(x0 + 44) << "\" y=\"" << px(cy + 4) << "\">"
        << xml_text(data.series[s].label, kLegendChars) << "</text>\n";
    }
    o << "</g>\n";
  }
  o << "</svg>\n";
}

}  // namespace

void write_svg_plot(const PlotData& data, std::ostream& out) {
  // Render aside first: invalid data then throws before anything reaches `out`, and the
  // classic locale keeps coordinates "12.5" even under a locale with decimal commas.
  std::ostringstream doc;
  doc.imbue(std::locale::classic());
  render(data, doc);
  out << doc.str();
}

void write_svg_plot_file(const PlotData& data, const std::string& path) {
  std::ostringstream doc;
  write_svg_plot(data, doc);
  util::write_file_atomically(doc.str(), path, "plot");
}

void check_plot_path(const std::string& path) { util::check_writable_path(path, "plot"); }

}  // namespace newsdex::output
