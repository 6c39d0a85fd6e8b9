// Related entities as a table, JSON or CSV; co-mention networks as GraphML or JSON.
#include <newsdex/error.h>
#include <newsdex/explore.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "text/tokenizer.h"
#include "util/atomic_file.h"
#include "util/control_chars.h"
#include "util/xml.h"

namespace newsdex::output {
namespace {

// Valid UTF-8 without control characters: what XML 1.0 and terminals accept.
std::string clean(std::string s) {
  text::repair_utf8(s);
  util::blank_control_chars(s, /*keep_newlines=*/false);
  return s;
}

std::string xml(const std::string& raw) { return util::xml_escape(clean(raw)); }

std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json network_json(const Network& net, const std::string& query) {
  nlohmann::json nodes = nlohmann::json::array();
  for (const NetworkNode& n : net.nodes) {
    nlohmann::json j = {{"id", n.id},
                        {"kind", to_string(n.kind)},
                        {"name", n.name},
                        {"query", n.query},
                        {"count", n.count}};
    if (!n.country.empty()) j["country"] = n.country;
    nodes.push_back(std::move(j));
  }
  nlohmann::json edges = nlohmann::json::array();
  for (const NetworkEdge& e : net.edges) {
    edges.push_back({{"source", e.source}, {"target", e.target}, {"weight", e.weight}});
  }
  return {{"type", "network"},
          {"query", query},
          {"kind", to_string(net.kind)},
          {"counts", to_string(net.unit)},
          {"matches", net.matches},
          {"candidates", net.candidates},
          {"max_nodes", net.max_nodes},
          {"truncated", net.truncated},
          {"min_weight", net.min_weight},
          {"nodes", std::move(nodes)},
          {"edges", std::move(edges)}};
}

void write_graphml(const Network& net, const std::string& query, std::ostream& out) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
         "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
         "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
         "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
         "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
         "  <key id=\"entity_id\" for=\"node\" attr.name=\"entity_id\" attr.type=\"string\"/>\n"
         "  <key id=\"country\" for=\"node\" attr.name=\"country\" attr.type=\"string\"/>\n"
         "  <key id=\"count\" for=\"node\" attr.name=\"count\" attr.type=\"int\"/>\n"
         "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"int\"/>\n"
         "  <key id=\"query\" for=\"graph\" attr.name=\"query\" attr.type=\"string\"/>\n"
         "  <key id=\"counts\" for=\"graph\" attr.name=\"counts\" attr.type=\"string\"/>\n"
         "  <key id=\"matches\" for=\"graph\" attr.name=\"matches\" attr.type=\"int\"/>\n"
         "  <key id=\"candidates\" for=\"graph\" attr.name=\"candidates\" attr.type=\"int\"/>\n"
         "  <key id=\"truncated\" for=\"graph\" attr.name=\"truncated\" attr.type=\"boolean\"/>\n"
         "  <key id=\"min_weight\" for=\"graph\" attr.name=\"min_weight\" attr.type=\"int\"/>\n"
         "  <graph id=\"G\" edgedefault=\"undirected\">\n";
  out << "    <data key=\"query\">" << xml(query) << "</data>\n"
      << "    <data key=\"counts\">" << to_string(net.unit) << "</data>\n"
      << "    <data key=\"matches\">" << net.matches << "</data>\n"
      << "    <data key=\"candidates\">" << net.candidates << "</data>\n"
      << "    <data key=\"truncated\">" << (net.truncated ? "true" : "false") << "</data>\n"
      << "    <data key=\"min_weight\">" << net.min_weight << "</data>\n";
  for (const NetworkNode& n : net.nodes) {
    out << "    <node id=\"" << xml(n.query) << "\">\n"
        << "      <data key=\"label\">" << xml(n.name) << "</data>\n"
        << "      <data key=\"kind\">" << to_string(n.kind) << "</data>\n"
        << "      <data key=\"entity_id\">" << xml(n.id) << "</data>\n";
    if (!n.country.empty()) out << "      <data key=\"country\">" << xml(n.country) << "</data>\n";
    out << "      <data key=\"count\">" << n.count << "</data>\n"
        << "    </node>\n";
  }
  for (const NetworkEdge& e : net.edges) {
    out << "    <edge source=\"" << xml(net.nodes[e.source].query) << "\" target=\""
        << xml(net.nodes[e.target].query) << "\">\n"
        << "      <data key=\"weight\">" << e.weight << "</data>\n"
        << "    </edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
}

std::string csv_cell(const std::string& raw) {
  const std::string s = clean(raw);
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string score_text(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", score);
  return buf;
}

}  // namespace

NetworkFormat parse_network_format(const std::string& name) {
  if (name == "graphml") return NetworkFormat::graphml;
  if (name == "json") return NetworkFormat::json;
  throw Error(ErrorCode::input, "unknown network format '" + name + "'",
              "network formats are graphml and json");
}

void write_network(const Network& network, const std::string& query, NetworkFormat format,
                   std::ostream& out) {
  if (format == NetworkFormat::graphml) {
    write_graphml(network, query, out);
  } else {
    out << dump(network_json(network, query)) << '\n';
  }
}

void write_network_file(const Network& network, const std::string& query, NetworkFormat format,
                        const std::string& path) {
  std::ostringstream doc;
  write_network(network, query, format, doc);
  util::write_file_atomically(doc.str(), path, "network");
}

void check_output_path(const std::string& path) { util::check_writable_path(path, "network"); }

void print_related(const RelatedEntities& related, const std::string& query, RelatedFormat format,
                   std::ostream& out) {
  switch (format) {
    case RelatedFormat::json: {
      nlohmann::json entities = nlohmann::json::array();
      std::size_t rank = 0;
      for (const RelatedEntity& e : related.entities) {
        nlohmann::json j = {{"rank", ++rank},         {"id", e.id},
                            {"name", e.name},         {"query", e.query},
                            {"fg_count", e.fg_count}, {"fg_size", related.fg_size},
                            {"bg_count", e.bg_count}, {"bg_size", related.bg_size},
                            {"score", e.score}};
        if (!e.country.empty()) j["country"] = e.country;
        entities.push_back(std::move(j));
      }
      out << dump({{"type", "related"},
                   {"query", query},
                   {"kind", to_string(related.kind)},
                   {"counts", to_string(related.unit)},
                   {"score", "jlh"},
                   {"fg_size", related.fg_size},
                   {"bg_size", related.bg_size},
                   {"min_count", related.min_count},
                   {"entities", std::move(entities)}})
          << '\n';
      return;
    }
    case RelatedFormat::csv: {
      out << "rank,kind,id,name,country,fg_count,fg_size,bg_count,bg_size,score,counts\r\n";
      std::size_t rank = 0;
      for (const RelatedEntity& e : related.entities) {
        out << ++rank << ',' << to_string(related.kind) << ',' << csv_cell(e.id) << ','
            << csv_cell(e.name) << ',' << csv_cell(e.country) << ',' << e.fg_count << ','
            << related.fg_size << ',' << e.bg_count << ',' << related.bg_size << ','
            << score_text(e.score) << ',' << to_string(related.unit) << "\r\n";
      }
      return;
    }
    case RelatedFormat::text: {
      const auto units = [&](std::size_t n) {
        const bool stories = related.unit == CountUnit::stories;
        return std::string(stories ? (n == 1 ? "story" : "stories")
                                   : (n == 1 ? "article" : "articles"));
      };
      out << "Related " << to_string(related.kind) << "s of " << related.fg_size << " matching "
          << units(related.fg_size) << " (of " << related.bg_size << "), by JLH score; at least "
          << related.min_count << " matching " << units(related.min_count) << " each";
      if (related.unit == CountUnit::stories) out << " (--all-copies counts articles)";
      out << ":\n";
      if (related.entities.empty()) {
        out << "  (none more common among the matches than in all " << units(2) << ")\n";
        return;
      }
      char line[96];
      std::snprintf(line, sizeof line, "%4s  %4s  %9s  %9s  %s\n", "#", "fg", "bg", "score",
                    "name  query");
      out << line;
      std::size_t rank = 0;
      for (const RelatedEntity& e : related.entities) {
        std::snprintf(line, sizeof line, "%4zu  %4zu  %9zu  %9s  ", ++rank, e.fg_count, e.bg_count,
                      score_text(e.score).c_str());
        out << line << clean(e.name);
        if (!e.country.empty()) out << " (" << clean(e.country) << ")";
        out << "  " << clean(e.query) << '\n';
      }
      return;
    }
  }
}

}  // namespace newsdex::output
