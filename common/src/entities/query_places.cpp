// Loads the precomputed place:/country: expansions, and generates them from the gazetteer.
#include "entities/query_places.h"

#include <newsdex/error.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unordered_set>

#include "entities/data_dir.h"
#include "entities/gazetteer.h"
#include "entities/geonames_api.h"
#include "entities/localized_names.h"
#include "entities/term_set.h"
#include "text/tokenizer.h"

namespace newsdex::entities {
namespace {

// The sources Gazetteer::Impl::load() reads (gazetteer.cpp): keep the two in step.
constexpr const char* kIso3166_1 = "/usr/share/iso-codes/json/iso_3166-1.json";
constexpr const char* kIso3166_2 = "/usr/share/iso-codes/json/iso_3166-2.json";

// The expansion of an already folded value: the generator must not fold its keys again (a key
// is what a query's fold_phrase() yields, and folding is not guaranteed to be idempotent).
std::vector<std::string> expand(const Gazetteer& gazetteer, Field field,
                                const std::string& folded) {
  TermSet terms;
  if (folded.empty()) return {};
  switch (field) {
    case Field::actor:
      break;
    case Field::place:
      terms.add(kPlaceWordPrefix, folded);
      for (const Place* p : gazetteer.places(folded)) {
        terms.add(kPlaceWordPrefix, text::fold_phrase(p->name));
        if (p->kind == Place::Kind::country) terms.add(kCountryPrefix, p->country);
      }
      // Names in other languages (place:Москва finds Moscow; localized_names.h).
      for (const char* lang : kQueryLanguages) {
        for (const Place* p : LocalizedNames::get(gazetteer, lang).places(folded)) {
          terms.add(kPlaceWordPrefix, text::fold_phrase(p->name));
          if (p->kind == Place::Kind::country) terms.add(kCountryPrefix, p->country);
        }
      }
      break;
    case Field::country:
      if (folded.size() == 2 && folded.find(' ') == std::string::npos) {
        if (const Place* c = gazetteer.country(folded)) terms.add(kCountryPrefix, c->country);
      }
      for (const Place* p : gazetteer.places(folded)) {
        if (p->kind == Place::Kind::country) terms.add(kCountryPrefix, p->country);
      }
      if (const Place* c = gazetteer.demonym(folded)) terms.add(kCountryPrefix, c->country);
      for (const char* lang : kQueryLanguages) {
        for (const Place* p : LocalizedNames::get(gazetteer, lang).places(folded)) {
          if (p->kind == Place::Kind::country) terms.add(kCountryPrefix, p->country);
        }
      }
      break;
  }
  return terms.take();
}

std::string read_file(const std::string& path, const char* hint = "") {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::io, "cannot read " + path, hint);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

nlohmann::json read_json(const std::string& path) {
  try {
    return nlohmann::json::parse(read_file(path));
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCode::io, path + ": " + e.what());
  }
}

std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> fields;
  while (true) {
    const std::size_t tab = line.find('\t');
    fields.emplace_back(line.substr(0, tab));
    if (tab == std::string_view::npos) break;
    line.remove_prefix(tab + 1);
  }
  return fields;
}

// The first `column` of each line of a corpus/gazetteer table, comments and blanks skipped.
std::vector<std::string> table_column(const std::string& path, std::size_t column) {
  std::vector<std::string> values;
  std::istringstream in(read_file(path));
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    auto fields = split_tabs(line);
    if (fields.size() >= 2 && column < fields.size()) values.push_back(fields[column]);
  }
  return values;
}

// GeoNames city and state names, as the gazetteer reads them.
std::vector<std::string> geonames_names() {
  const GeonamesApi& geo = geonames();
  std::vector<std::string> names;
  const int n = geo.get_n_cities();
  for (int i = 0; i < n; ++i) {
    GeonamesCity* city = geo.get_city(i);
    if (city == nullptr) continue;
    if (const char* name = geo.city_name(city)) names.emplace_back(name);
    if (const char* state = geo.city_state(city)) names.emplace_back(state);
    geo.city_free(city);
  }
  return names;
}

void check_tsv_field(const std::string& s) {
  if (s.find_first_of("\t\r\n") != std::string::npos) {
    throw Error(ErrorCode::internal, "query-places: key or term with a tab or line break: " + s);
  }
}

}  // namespace

QueryPlaces QueryPlaces::load(const std::string& path) {
  static const std::string kHint =
      std::string(
          "it comes with newsdex's data (share/newsdex/gazetteer): set NEWSDEX_DATA_DIR to "
          "a data directory that has it, or regenerate it in the source tree: ") +
      kQueryPlacesCommand;
  QueryPlaces table;
  table.text_ = read_file(path, kHint.c_str());
  const std::string& text = table.text_;
  if (text.size() >= UINT32_MAX) {
    throw Error(ErrorCode::input, path + ": too large for a query-places table");
  }
  std::size_t line_no = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::size_t next = end + 1;
    ++line_no;
    if (end > start && text[end - 1] == '\r') --end;
    const std::string_view line(text.data() + start, end - start);
    const std::size_t begin = start;
    start = next;
    if (line.empty() || line[0] == '#') continue;
    const std::size_t tab1 = line.find('\t');
    const std::size_t tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
    const std::string_view field = line.substr(0, tab1);
    auto* lines = field == "place"     ? &table.place_
                  : field == "country" ? &table.country_
                                       : nullptr;
    if (lines == nullptr || tab2 == std::string_view::npos || tab2 == tab1 + 1) {
      throw Error(ErrorCode::input,
                  path + ":" + std::to_string(line_no) +
                      ": expected place|country<TAB>value<TAB>terms",
                  std::string("regenerate it: ") + kQueryPlacesCommand);
    }
    Line l;
    l.key = static_cast<std::uint32_t>(begin + tab1 + 1);
    l.key_size = static_cast<std::uint32_t>(tab2 - tab1 - 1);
    l.terms = static_cast<std::uint32_t>(begin + tab2 + 1);
    l.end = static_cast<std::uint32_t>(begin + line.size());
    lines->push_back(l);
  }
  // The generator writes the lines sorted; a table edited by hand may not be.
  const auto key_of = [&text](const Line& l) {
    return std::string_view(text.data() + l.key, l.key_size);
  };
  for (auto* lines : {&table.place_, &table.country_}) {
    const auto less = [&](const Line& a, const Line& b) { return key_of(a) < key_of(b); };
    if (!std::is_sorted(lines->begin(), lines->end(), less)) {
      std::stable_sort(lines->begin(), lines->end(), less);
    }
    for (std::size_t i = 1; i < lines->size(); ++i) {
      if (key_of((*lines)[i]) == key_of((*lines)[i - 1])) {
        throw Error(ErrorCode::input,
                    path + ": value listed twice: " + std::string(key_of((*lines)[i])),
                    std::string("regenerate it: ") + kQueryPlacesCommand);
      }
    }
  }
  return table;
}

std::optional<std::vector<std::string>> QueryPlaces::find(Field field,
                                                          std::string_view folded) const {
  if (field == Field::actor) return std::nullopt;
  const auto& lines = field == Field::country ? country_ : place_;
  const auto it = std::lower_bound(lines.begin(), lines.end(), folded,
                                   [this](const Line& l, std::string_view key) {
                                     return std::string_view(text_.data() + l.key, l.key_size) <
                                            key;
                                   });
  if (it == lines.end() || std::string_view(text_.data() + it->key, it->key_size) != folded) {
    return std::nullopt;
  }
  return split_tabs(std::string_view(text_.data() + it->terms, it->end - it->terms));
}

const QueryPlaces& query_places() {
  // A throwing initialiser leaves the static uninitialised: the next query tries again.
  static const QueryPlaces table = QueryPlaces::load(data_path(kQueryPlacesFile));
  return table;
}

std::vector<std::string> gazetteer_query_terms(const Gazetteer& gazetteer, Field field,
                                               const std::string& value) {
  return expand(gazetteer, field, text::fold_phrase(value));
}

std::vector<std::string> query_place_keys(const std::string& data_dir) {
  std::set<std::string> keys;
  const auto add = [&keys](std::string_view name) {
    std::string key = text::fold_phrase(name);
    if (!key.empty()) keys.insert(std::move(key));
  };
  const std::string dir = resolve_data_dir(data_dir) + "/gazetteer/";

  const nlohmann::json countries = read_json(kIso3166_1);
  for (const auto& c : countries.value("3166-1", nlohmann::json::array())) {
    add(c.value("alpha_2", ""));
    for (const char* field : {"name", "common_name", "official_name"}) {
      const std::string name = c.value(field, "");
      add(name);
      if (name.rfind("the ", 0) == 0) add(name.substr(4));
    }
  }
  const nlohmann::json subdivisions = read_json(kIso3166_2);
  for (const auto& s : subdivisions.value("3166-2", nlohmann::json::array())) {
    const std::string name = s.value("name", "");
    add(name);
    add(name.substr(0, name.find(',')));
  }
  for (const auto& name : geonames_names()) add(name);
  // Column 0 holds the codes of the former countries (DD, SU...) the gazetteer adds too.
  for (const auto& code : table_column(dir + "country-names.tsv", 0)) add(code);
  // Localized city and country names (already folded).
  const Gazetteer& gazetteer = *Gazetteer::shared(data_dir);
  for (const char* lang : kQueryLanguages) {
    for (const auto& entry : LocalizedNames::get(gazetteer, lang).folded_names()) {
      keys.insert(entry.first);
    }
  }
  for (const auto& name : table_column(dir + "country-names.tsv", 1)) add(name);
  for (const auto& alias : table_column(dir + "aliases.tsv", 0)) add(alias);
  // Gazetteer::demonym() also takes a plural: "russians", "frenchmen" (and, being a suffix rule,
  // "frenchmens"): every form it answers is a key.
  for (const auto& demonym : table_column(dir + "demonyms.tsv", 0)) {
    const std::string key = text::fold_phrase(demonym);
    if (key.empty()) continue;
    keys.insert(key);
    keys.insert(key + "s");
    if (key.size() > 3 && key.compare(key.size() - 3, 3, "man") == 0) {
      const std::string men = key.substr(0, key.size() - 3) + "men";
      keys.insert(men);
      keys.insert(men + "s");
    }
  }
  return {keys.begin(), keys.end()};
}

std::string generate_query_places(const std::string& data_dir) {
  // Run once by a tool (and a test): its own gazetteer, not the recognisers' shared one.
  const Gazetteer gazetteer(resolve_data_dir(data_dir));
  std::vector<std::string> lines;
  const auto add_line = [&lines](const char* field, const std::string& key,
                                 const std::vector<std::string>& terms) {
    check_tsv_field(key);
    std::string line = std::string(field) + '\t' + key;
    for (const auto& term : terms) {
      check_tsv_field(term);
      line += '\t' + term;
    }
    lines.push_back(std::move(line));
  };
  for (const std::string& key : query_place_keys(data_dir)) {
    // Every place: query has XL<value> first; the table keeps only what the gazetteer adds, so
    // the many cities known by their own name alone need no line.
    std::vector<std::string> place = expand(gazetteer, Field::place, key);
    if (!place.empty() && place.front() == kPlaceWordPrefix + key) place.erase(place.begin());
    if (!place.empty()) add_line("place", key, place);
    const std::vector<std::string> country = expand(gazetteer, Field::country, key);
    if (!country.empty()) add_line("country", key, country);
  }
  std::sort(lines.begin(), lines.end());
  std::string out =
      "# What place: and country: query values expand to (entities::query_terms), precomputed\n"
      "# from the gazetteer so that a query need not load it. GENERATED: do not edit; after any\n"
      "# change to the gazetteer (corpus/gazetteer tables, iso-codes, libgeonames) run\n"
      "#   ";
  out += kQueryPlacesCommand;
  out +=
      "\n"
      "# Lines: place|country<TAB>folded value<TAB>term<TAB>...; a place: value also matches\n"
      "# XL<value> itself. Values not listed: place: XL<value> alone, country: nothing.\n";
  for (const auto& line : lines) out += line + '\n';
  return out;
}

}  // namespace newsdex::entities
