// Text, JSON Lines and CSV printers; the only place that knows how results look.
#include <newsdex/error.h>
#include <newsdex/printer.h>
#include <newsdex/version.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "entities/entity_json.h"
#include "util/control_chars.h"

namespace newsdex::output {
namespace {

constexpr const char* kBold = "\033[1m";
constexpr const char* kDim = "\033[2m";
constexpr const char* kMatch = "\033[1;31m";
constexpr const char* kDate = "\033[32m";
constexpr const char* kReset = "\033[0m";

std::string marked(const std::string& text, const std::vector<Highlight>& hl, bool color,
                   const char* on) {
  if (!color || hl.empty()) return text;
  std::string out;
  std::size_t at = 0;
  for (const Highlight& h : hl) {
    if (h.begin < at || h.end > text.size()) continue;
    out.append(text, at, h.begin - at);
    out += on;
    out.append(text, h.begin, h.end - h.begin);
    out += kReset;
    at = h.end;
  }
  out.append(text, at, std::string::npos);
  return out;
}

std::string entity_list(const std::vector<Entity>& entities) {
  std::string out;
  for (const Entity& e : entities) {
    if (!out.empty()) out += ", ";
    out += e.name;
    if (!e.country.empty() && e.type == EntityType::place) out += " (" + e.country + ")";
  }
  return out;
}

std::string format_ms(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", ms);
  return buf;
}

std::string format_share(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", share * 100.0);
  return buf;
}

// `s` fit for one line of a terminal: control characters, tabs and line breaks as spaces.
std::string one_line(std::string s) {
  util::blank_control_chars(s, /*keep_newlines=*/false);
  return s;
}

// A horizontal bar of `width` eighths of a character cell.
std::string bar(std::size_t eighths) {
  static const char* kPartial[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  std::string out;
  for (std::size_t i = 0; i < eighths / 8; ++i) out += "█";
  out += kPartial[eighths % 8];
  return out;
}

// The one number --count shows: stories, or articles with --all-copies (what the hits list);
// the estimate when nothing was counted.
std::size_t shown_count(const Summary& s) {
  if (!s.all_copies) return s.stories.value_or(s.stories_estimated);
  return s.matches.value_or(s.matches_estimated);
}

// Display width of a UTF-8 string, counting each code point as one column.
std::size_t columns(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string pad_right(const std::string& s, std::size_t width) {
  const std::size_t w = columns(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

std::string pad_left(const std::string& s, std::size_t width) {
  const std::size_t w = columns(s);
  return w >= width ? s : std::string(width - w, ' ') + s;
}

class TextPrinter : public Printer {
 public:
  TextPrinter(std::ostream& out, bool color, bool batch)
      : out_(out), color_(color), batch_(batch) {}
  void begin(const QueryContext& c) override {
    if (!batch_) return;
    out_ << (color_ ? kBold : "") << "== line " << c.line << ": " << one_line(c.query)
         << " ==" << (color_ ? kReset : "") << "\n";
  }
  void hit(const Hit& h) override {
    const char* bold = color_ ? kBold : "";
    const char* reset = color_ ? kReset : "";
    const char* date = color_ ? kDate : "";
    const char* dim = color_ ? kDim : "";
    // Text from articles never reaches the terminal raw: control characters become spaces
    // (byte for byte, so highlight offsets stay valid), whatever the database holds.
    out_ << bold << h.rank << ". " << reset << date << h.date;
    if (!h.time.empty()) out_ << " " << one_line(h.time);
    out_ << reset << "  " << bold
         << marked(one_line(h.title.empty() ? "(untitled)" : h.title), h.title_highlights, color_,
                   kMatch)
         << reset << "\n";
    out_ << "   " << dim << one_line(h.id);
    if (!h.source.empty()) out_ << " · " << one_line(h.source);
    if (h.copies > 1) out_ << " · (" << h.copies << " copies)";
    out_ << reset << "\n";
    if (!h.snippet.text.empty()) {
      out_ << "   " << marked(one_line(h.snippet.text), h.snippet.highlights, color_, kMatch)
           << "\n";
    }
    if (!h.actors.empty())
      out_ << "   " << dim << "actors: " << reset << one_line(entity_list(h.actors)) << "\n";
    if (!h.places.empty())
      out_ << "   " << dim << "places: " << reset << one_line(entity_list(h.places)) << "\n";
    out_ << "\n";
  }
  void facets(const std::vector<Facet>& facets) override {
    const char* bold = color_ ? kBold : "";
    const char* dim = color_ ? kDim : "";
    const char* reset = color_ ? kReset : "";
    for (const Facet& f : facets) {
      const std::string unit = to_string(f.counts);
      std::size_t name_width = unit.size();
      std::size_t count_width = 8;
      std::vector<std::string> names;
      for (const FacetValue& v : f.values) {
        std::string name = v.name;
        if (f.field == FacetField::place && !v.country.empty()) name += " (" + v.country + ")";
        if (f.field == FacetField::country) name = v.id + "  " + v.name;
        name_width = std::max(name_width, columns(name));
        count_width = std::max(count_width, std::to_string(v.count).size());
        names.push_back(one_line(std::move(name)));
      }
      out_ << bold << pad_right(to_string(f.field), name_width) << "  "
           << pad_left(unit, count_width) << reset << "\n";
      for (std::size_t i = 0; i < f.values.size(); ++i) {
        out_ << pad_right(names[i], name_width) << "  "
             << pad_left(std::to_string(f.values[i].count), count_width) << "\n";
      }
      out_ << dim << f.distinct << (f.distinct == 1 ? " value" : " distinct values");
      if (f.values.size() < f.distinct) out_ << ", top " << f.values.size() << " shown";
      if (f.articles_without) {
        out_ << "; " << f.articles_without << " matching " << to_string(f.counts) << " have none";
      }
      out_ << reset << "\n\n";
    }
  }
  void timeline(const Timeline& t) override {
    const char* bold = color_ ? kBold : "";
    const char* dim = color_ ? kDim : "";
    const char* reset = color_ ? kReset : "";
    out_ << bold << "matching " << to_string(t.counts) << " per " << to_string(t.period)
         << (t.normalized ? " (share of all " + std::string(to_string(t.counts)) + " in the " +
                                std::string(to_string(t.period)) + ")"
                          : "")
         << reset << "\n";
    if (t.buckets.empty()) {
      out_ << dim << "(no matches)" << reset << "\n\n";
      return;
    }
    double top = 0;
    std::size_t label_width = 0, count_width = 1;
    for (const TimelineBucket& b : t.buckets) {
      top = std::max(top, t.normalized ? b.share : static_cast<double>(b.count));
      label_width = std::max(label_width, b.period.size());
      count_width = std::max(count_width, std::to_string(b.count).size());
      if (t.normalized) count_width = std::max(count_width, std::to_string(b.total).size());
    }
    constexpr std::size_t kBarCells = 40;
    for (const TimelineBucket& b : t.buckets) {
      const double v = t.normalized ? b.share : static_cast<double>(b.count);
      const auto eighths = static_cast<std::size_t>(top > 0 ? v / top * kBarCells * 8 + 0.5 : 0);
      out_ << pad_right(b.period, label_width) << "  "
           << pad_left(std::to_string(b.count), count_width);
      if (t.normalized)
        out_ << " / " << pad_left(std::to_string(b.total), count_width) << "  "
             << pad_left(format_share(b.share), 7);
      out_ << "  " << bar(eighths) << "\n";
    }
    out_ << "\n";
  }
  void summary(const Summary& s) override {
    if (s.count_only && !batch_) {
      out_ << shown_count(s) << "\n";
      return;
    }
    const char* dim = color_ ? kDim : "";
    const char* reset = color_ ? kReset : "";
    if (s.count_only) {
      out_ << shown_count(s) << "\n\n";
      return;
    }
    // An exact count says so by saying nothing; an estimate says "about". Both stories and
    // articles when known, what the hits list first: "12 stories (15 articles)".
    std::string total;
    if (s.matches && s.stories) {
      const auto plural = [](std::size_t n, const char* one, const char* many) {
        return std::to_string(n) + " " + (n == 1 ? one : many);
      };
      const std::string stories = plural(*s.stories, "story", "stories");
      const std::string articles = plural(*s.matches, "article", "articles");
      total = s.all_copies ? articles + " (" + stories + ")" : stories + " (" + articles + ")";
    } else {
      total = s.matches ? std::to_string(*s.matches)
                        : "about " + std::to_string(shown_count(s)) +
                              (s.all_copies ? " articles" : " stories");
    }
    const std::size_t n = shown_count(s);
    out_ << dim;
    if (n == 0) {
      out_ << "no matches";
    } else if (s.returned == 0 && s.limit == 0) {
      out_ << total << (s.matches && s.stories ? "" : n == 1 ? " match" : " matches");
    } else if (s.returned == 0) {
      out_ << total << " matches, none shown at offset " << s.offset << " with limit " << s.limit;
    } else {
      out_ << "results " << s.offset + 1 << "-" << s.offset + s.returned << " of " << total;
    }
    out_ << " (" << format_ms(s.elapsed_ms) << " ms)" << reset << "\n";
    if (batch_) out_ << "\n";
  }
  void failure(const QueryFailure&) override {
    // Text output reports failures on stderr only (the CLI does), keeping stdout for results.
  }
  void article(const StoredArticle& stored) override {
    const Article& a = stored.article;
    const char* bold = color_ ? kBold : "";
    const char* reset = color_ ? kReset : "";
    const char* date = color_ ? kDate : "";
    const char* dim = color_ ? kDim : "";
    out_ << bold << one_line(a.title.empty() ? "(untitled)" : a.title) << reset << "\n";
    out_ << date << a.date << (a.time.empty() ? "" : " " + one_line(a.time)) << reset;
    if (!a.source.empty()) out_ << " · " << one_line(a.source);
    out_ << "\n";
    const std::pair<const char*, const std::string*> fields[] = {
        {"id:   ", &a.id}, {"url:  ", &a.url}, {"path: ", &a.path}, {"lang: ", &a.lang}};
    for (const auto& [name, value] : fields) {
      if (!value->empty()) out_ << dim << name << reset << one_line(*value) << "\n";
    }
    // The body as stored, one line per line of it (paragraphs as the input had them).
    out_ << "\n";
    std::size_t at = 0;
    while (at < a.body.size()) {
      std::size_t end = a.body.find('\n', at);
      if (end == std::string::npos) end = a.body.size();
      out_ << one_line(a.body.substr(at, end - at)) << "\n";
      at = end + 1;
    }
    out_ << "\n";
    if (!stored.entities.actors.empty())
      out_ << dim << "actors: " << reset << one_line(entity_list(stored.entities.actors)) << "\n";
    if (!stored.entities.places.empty())
      out_ << dim << "places: " << reset << one_line(entity_list(stored.entities.places)) << "\n";
  }

 private:
  std::ostream& out_;
  bool color_;
  bool batch_;
};

nlohmann::json facet_json(const Facet& f) {
  nlohmann::json values = nlohmann::json::array();
  for (const FacetValue& v : f.values) {
    nlohmann::json j = {{"id", v.id}, {"name", v.name}, {"count", v.count}};
    if (!v.country.empty()) j["country"] = v.country;
    values.push_back(std::move(j));
  }
  return {{"type", "facet"},
          {"field", to_string(f.field)},
          {"distinct", f.distinct},
          {"articles_without", f.articles_without},
          {"counts", to_string(f.counts)},
          {"values", values}};
}

nlohmann::json timeline_json(const Timeline& t) {
  nlohmann::json buckets = nlohmann::json::array();
  for (const TimelineBucket& b : t.buckets) {
    nlohmann::json j = {{"period", b.period},
                        {"first_day", b.first_day},
                        {"last_day", b.last_day},
                        {"count", b.count}};
    if (t.normalized) {
      j["total"] = b.total;
      j["share"] = b.share;
    }
    buckets.push_back(std::move(j));
  }
  return {{"type", "timeline"},
          {"period", to_string(t.period)},
          {"normalized", t.normalized},
          {"counts", to_string(t.counts)},
          {"buckets", buckets}};
}

class JsonPrinter : public Printer {
 public:
  JsonPrinter(std::ostream& out, bool batch) : out_(out), batch_(batch) {}
  void begin(const QueryContext& c) override { line_ = c.line; }
  void hit(const Hit& h) override {
    nlohmann::json hl = nlohmann::json::array();
    for (const Highlight& x : h.snippet.highlights) hl.push_back({x.begin, x.end});
    nlohmann::json thl = nlohmann::json::array();
    for (const Highlight& x : h.title_highlights) thl.push_back({x.begin, x.end});
    nlohmann::json j = {{"type", "hit"},
                        {"rank", h.rank},
                        {"id", h.id},
                        {"date", h.date},
                        {"time", h.time},
                        {"title", h.title},
                        {"title_highlights", thl},
                        {"score", h.score},
                        {"percent", h.percent},
                        {"source", h.source},
                        {"url", h.url},
                        {"path", h.path},
                        {"lang", h.lang},
                        {"snippet", {{"text", h.snippet.text}, {"highlights", hl}}},
                        {"actors", entities::to_json(h.actors)},
                        {"places", entities::to_json(h.places)},
                        {"copies", h.copies}};
    if (!h.story.empty()) j["story"] = h.story;
    write(std::move(j));
  }
  void facets(const std::vector<Facet>& facets) override {
    for (const Facet& f : facets) write(facet_json(f));
  }
  void timeline(const Timeline& t) override { write(timeline_json(t)); }
  void summary(const Summary& s) override {
    nlohmann::json j = {
        {"type", "summary"}, {"schema_version", kJsonSchemaVersion}, {"query", s.context.query}};
    if (s.matches) j["matches"] = *s.matches;
    if (s.stories) j["stories"] = *s.stories;
    j["matches_estimated"] = s.matches_estimated;
    j["stories_estimated"] = s.stories_estimated;
    j["counts"] = s.all_copies ? "articles" : "stories";
    j["returned"] = s.returned;
    j["offset"] = s.offset;
    j["limit"] = s.limit;
    j["elapsed_ms"] = s.elapsed_ms;
    if (s.suggestion) {
      j["suggestion"] = {{"query", *s.suggestion}, {"matches", s.suggestion_matches}};
    }
    write(std::move(j));
  }
  void failure(const QueryFailure& f) override {
    nlohmann::json j = {{"type", "error"}, {"query", f.context.query}, {"message", f.message}};
    if (!f.hint.empty()) j["hint"] = f.hint;
    if (f.column) j["column"] = f.column;
    write(std::move(j));
  }
  void article(const StoredArticle& stored) override {
    const Article& a = stored.article;
    write({{"type", "article"},
           {"schema_version", kJsonSchemaVersion},
           {"id", a.id},
           {"date", a.date},
           {"time", a.time},
           {"title", a.title},
           {"source", a.source},
           {"url", a.url},
           {"path", a.path},
           {"lang", a.lang},
           {"body", a.body},
           {"actors", entities::to_json(stored.entities.actors)},
           {"places", entities::to_json(stored.entities.places)}});
  }

 private:
  void write(nlohmann::json j) {
    if (batch_) j["line"] = line_;
    out_ << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  std::ostream& out_;
  bool batch_;
  std::size_t line_ = 0;
};

// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

struct CsvLayout {
  std::vector<std::string> all;       // every column this kind of row has
  std::vector<std::string> defaults;  // shown when --fields is not given
};

CsvLayout csv_layout(CsvRows rows, const std::optional<Period>& period, bool batch) {
  const std::string p = period ? to_string(*period) : "period";
  CsvLayout l;
  switch (rows) {
    case CsvRows::hits:
      l.all = {"line",    "query",  "rank", "id",   "date", "time",    "title",  "score",
               "percent", "source", "url",  "path", "lang", "snippet", "actors", "places"};
      l.defaults = {"rank", "id", "date", "title", "score"};
      break;
    case CsvRows::counts:
      l.all = {"line", "query", "count", "elapsed_ms"};
      l.defaults = {"query", "count"};
      break;
    case CsvRows::facets:
      l.all = {"line", "query", "facet", "id", "name", "country", "count"};
      l.defaults = {"facet", "id", "name", "country", "count"};
      break;
    case CsvRows::timeline:
      l.all = {"line", "query", p, "first_day", "last_day", "count", "total", "share"};
      if (p != "period") l.all.push_back("period");
      l.defaults = {p, "first_day", "last_day", "count", "total", "share"};
      break;
  }
  if (batch) {
    if (rows != CsvRows::counts) l.defaults.insert(l.defaults.begin(), "query");
    l.defaults.insert(l.defaults.begin(), "line");
  }
  return l;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

class CsvPrinter : public Printer {
 public:
  CsvPrinter(std::ostream& out, CsvRows rows, std::vector<std::string> fields,
             std::optional<Period> period)
      : out_(out), rows_(rows), fields_(std::move(fields)), period_(period) {
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      out_ << (i ? "," : "") << csv_field(fields_[i]);
    }
    out_ << "\r\n";
  }
  void begin(const QueryContext& c) override { context_ = c; }
  void hit(const Hit& h) override {
    if (rows_ != CsvRows::hits) return;
    row([&](const std::string& f) -> std::string {
      if (f == "rank") return std::to_string(h.rank);
      if (f == "id") return h.id;
      if (f == "date") return h.date;
      if (f == "time") return h.time;
      if (f == "title") return h.title;
      if (f == "score") return number(h.score);
      if (f == "percent") return std::to_string(h.percent);
      if (f == "source") return h.source;
      if (f == "url") return h.url;
      if (f == "path") return h.path;
      if (f == "lang") return h.lang;
      if (f == "snippet") return h.snippet.text;
      if (f == "actors") return names(h.actors);
      if (f == "places") return names(h.places);
      return {};
    });
  }
  void facets(const std::vector<Facet>& facets) override {
    if (rows_ != CsvRows::facets) return;
    for (const Facet& facet : facets) {
      for (const FacetValue& v : facet.values) {
        row([&](const std::string& f) -> std::string {
          if (f == "facet") return to_string(facet.field);
          if (f == "id") return v.id;
          if (f == "name") return v.name;
          if (f == "country") return v.country;
          if (f == "count") return std::to_string(v.count);
          return {};
        });
      }
    }
  }
  void timeline(const Timeline& t) override {
    if (rows_ != CsvRows::timeline) return;
    for (const TimelineBucket& b : t.buckets) {
      row([&](const std::string& f) -> std::string {
        if (f == "period" || f == to_string(t.period)) return b.period;
        if (f == "first_day") return b.first_day;
        if (f == "last_day") return b.last_day;
        if (f == "count") return std::to_string(b.count);
        if (f == "total") return t.normalized ? std::to_string(b.total) : "";
        if (f == "share") return t.normalized ? number(b.share) : "";
        return {};
      });
    }
  }
  void summary(const Summary& s) override {
    if (rows_ != CsvRows::counts) return;
    row([&](const std::string& f) -> std::string {
      if (f == "count") return std::to_string(shown_count(s));
      if (f == "elapsed_ms") return format_ms(s.elapsed_ms);
      return {};
    });
  }
  void failure(const QueryFailure&) override {
    // CSV rows all have one shape; failures go to stderr (the CLI reports them).
  }

 private:
  static std::string names(const std::vector<Entity>& entities) {
    std::string out;
    for (const Entity& e : entities) out += (out.empty() ? "" : "; ") + e.name;
    return out;
  }
  template <class Value>
  void row(const Value& value) {
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      const std::string& f = fields_[i];
      std::string v = f == "line"    ? std::to_string(context_.line)
                      : f == "query" ? context_.query
                                     : value(f);
      out_ << (i ? "," : "") << csv_field(v);
    }
    out_ << "\r\n";
  }
  std::ostream& out_;
  CsvRows rows_;
  std::vector<std::string> fields_;
  std::optional<Period> period_;
  QueryContext context_;
};

}  // namespace

void Printer::article(const StoredArticle&) {
  throw Error(ErrorCode::input, "this output format cannot show a whole article",
              "use text or json");
}

std::unique_ptr<Printer> make_text_printer(std::ostream& out, bool color, bool batch) {
  return std::make_unique<TextPrinter>(out, color, batch);
}

std::unique_ptr<Printer> make_json_printer(std::ostream& out, bool batch) {
  return std::make_unique<JsonPrinter>(out, batch);
}

std::string csv_columns(CsvRows rows, const std::optional<Period>& period) {
  return join(csv_layout(rows, period, false).all);
}

std::unique_ptr<Printer> make_csv_printer(std::ostream& out, CsvRows rows,
                                          const std::vector<std::string>& fields, bool batch,
                                          const std::optional<Period>& period) {
  const CsvLayout layout = csv_layout(rows, period, batch);
  for (const std::string& f : fields) {
    if (std::find(layout.all.begin(), layout.all.end(), f) == layout.all.end()) {
      static const char* kRowNames[] = {"hits", "counts", "facet values", "timeline periods"};
      throw Error(ErrorCode::input,
                  "unknown CSV field '" + f + "' for rows of " + kRowNames[static_cast<int>(rows)],
                  "fields here are " + join(layout.all));
    }
  }
  return std::make_unique<CsvPrinter>(out, rows, fields.empty() ? layout.defaults : fields, period);
}

std::string entity_json(const Entity& entity) {
  return entities::to_json(entity).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string entities_json_line(const Article& article, const ArticleEntities& found) {
  nlohmann::json labels = nlohmann::json::object();
  for (const auto& [kind, value] : article.labels) {
    if (kind == "lewissplit") {
      labels[kind] = value;
    } else {
      labels[kind].push_back(value);
    }
  }
  nlohmann::json j = {{"id", article.id},
                      {"date", article.date},
                      {"title", article.title},
                      {"actors", entities::to_json(found.actors)},
                      {"places", entities::to_json(found.places)}};
  if (!labels.empty()) j["labels"] = labels;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace newsdex::output
