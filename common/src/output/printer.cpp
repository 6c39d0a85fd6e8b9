// Text and JSON Lines printers; the only place that knows how results look.
#include "output/printer.h"

#include <newsdex/version.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "entities/entity_json.h"

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

class TextPrinter : public Printer {
 public:
  TextPrinter(std::ostream& out, bool color) : out_(out), color_(color) {}
  void hit(const Hit& h) override {
    const char* bold = color_ ? kBold : "";
    const char* reset = color_ ? kReset : "";
    const char* date = color_ ? kDate : "";
    const char* dim = color_ ? kDim : "";
    out_ << bold << h.rank << ". " << reset << date << h.date << reset << "  " << bold
         << marked(h.title.empty() ? "(untitled)" : h.title, h.title_highlights, color_, kMatch)
         << reset << "\n";
    out_ << "   " << dim << h.id;
    if (!h.source.empty()) out_ << " · " << h.source;
    out_ << reset << "\n";
    if (!h.snippet.text.empty()) {
      out_ << "   " << marked(h.snippet.text, h.snippet.highlights, color_, kMatch) << "\n";
    }
    if (!h.actors.empty())
      out_ << "   " << dim << "actors: " << reset << entity_list(h.actors) << "\n";
    if (!h.places.empty())
      out_ << "   " << dim << "places: " << reset << entity_list(h.places) << "\n";
    out_ << "\n";
  }
  void summary(const Summary& s) override {
    const char* dim = color_ ? kDim : "";
    const char* reset = color_ ? kReset : "";
    out_ << dim;
    if (s.matches_estimated == 0) {
      out_ << "no matches";
    } else if (s.returned == 0) {
      out_ << "about " << s.matches_estimated << " matches, none shown at offset " << s.offset
           << " with limit " << s.limit;
    } else {
      out_ << "results " << s.offset + 1 << "-" << s.offset + s.returned << " of about "
           << s.matches_estimated;
    }
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.1f", s.elapsed_ms);
    out_ << " (" << ms << " ms)" << reset << "\n";
  }

 private:
  std::ostream& out_;
  bool color_;
};

class JsonPrinter : public Printer {
 public:
  explicit JsonPrinter(std::ostream& out) : out_(out) {}
  void hit(const Hit& h) override {
    nlohmann::json hl = nlohmann::json::array();
    for (const Highlight& x : h.snippet.highlights) hl.push_back({x.begin, x.end});
    nlohmann::json thl = nlohmann::json::array();
    for (const Highlight& x : h.title_highlights) thl.push_back({x.begin, x.end});
    nlohmann::json j = {{"type", "hit"},
                        {"rank", h.rank},
                        {"id", h.id},
                        {"date", h.date},
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
                        {"places", entities::to_json(h.places)}};
    write(j);
  }
  void summary(const Summary& s) override {
    write({{"type", "summary"},
           {"schema_version", kJsonSchemaVersion},
           {"query", s.query},
           {"matches_estimated", s.matches_estimated},
           {"returned", s.returned},
           {"offset", s.offset},
           {"limit", s.limit},
           {"elapsed_ms", s.elapsed_ms}});
  }

 private:
  void write(const nlohmann::json& j) {
    out_ << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<Printer> make_text_printer(std::ostream& out, bool color) {
  return std::make_unique<TextPrinter>(out, color);
}

std::unique_ptr<Printer> make_json_printer(std::ostream& out) {
  return std::make_unique<JsonPrinter>(out);
}

}  // namespace newsdex::output
