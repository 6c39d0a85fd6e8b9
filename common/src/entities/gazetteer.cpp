// Loads the gazetteers (GeoNames cities, ISO 3166 countries and subdivisions, Text::Names first
// names, corpus/gazetteer tables) once per data directory and answers folded-key lookups.
#include "entities/gazetteer.h"

#include <dlfcn.h>
#include <geonames/geonames.h>
#include <newsdex/error.h>

#include <algorithm>
#include <cctype>
#include <deque>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

#include "entities/data_dir.h"
#include "entities/geonames_api.h"
#include "text/tokenizer.h"
#include "util/hash.h"

namespace newsdex::entities {
namespace {

constexpr const char* kIso3166_1 = "/usr/share/iso-codes/json/iso_3166-1.json";
constexpr const char* kIso3166_2 = "/usr/share/iso-codes/json/iso_3166-2.json";
constexpr const char* kIso3166_3 = "/usr/share/iso-codes/json/iso_3166-3.json";
constexpr const char* kTextNames = "/usr/share/perl5/Text/Names.pm";

// Lets the tables be probed with a string_view without building a std::string per lookup
// (the tagger probes them for every token n-gram).
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

// The lookups hash every token n-gram the tagger and the recogniser try, most of them absent.
std::uint64_t hash_key(std::string_view s) { return util::hash_string(s); }

// Read-only open-addressing index over the keys of a loaded table: one 8-byte slot per entry
// (32 bits of the key's hash, entry + 1), so a lookup of an absent key usually touches one
// slot of a flat array instead of a bucket, a node and its string. The keys are views of the
// table's own strings (unordered containers never move their elements).
class FlatIndex {
 public:
  template <class Table>
  void build(const Table& table) {
    keys_.clear();
    keys_.reserve(table.size());
    std::size_t size = 16;
    while (size < table.size() * 3) size *= 2;
    slots_.assign(size, 0);
    mask_ = size - 1;
    for (const auto& entry : table) {
      const std::string_view key = key_of(entry);
      keys_.push_back(key);
      const std::uint64_t h = hash_key(key);
      std::size_t slot = h & mask_;
      while (slots_[slot]) slot = (slot + 1) & mask_;
      slots_[slot] = (h & 0xFFFFFFFF00000000ULL) | keys_.size();
    }
    // Presence filter: 16 bits per key (at most 2^20), so that most absent keys (the bulk of
    // the n-grams tried) are answered from a small bitmap that stays in cache.
    std::size_t bits = 1024;
    while (bits < table.size() * 16 && bits < (std::size_t(1) << 20)) bits *= 2;
    present_.assign(bits / 64, 0);
    bit_mask_ = bits - 1;
    for (const auto& key : keys_) {
      const std::uint64_t b = (hash_key(key) >> 40) & bit_mask_;
      present_[b >> 6] |= std::uint64_t(1) << (b & 63);
    }
  }
  /// Entry index (order of the table's iteration at build time), or -1.
  std::ptrdiff_t find(std::string_view key) const {
    if (slots_.empty()) return -1;
    const std::uint64_t h = hash_key(key), check = h & 0xFFFFFFFF00000000ULL;
    const std::uint64_t b = (h >> 40) & bit_mask_;
    if (!((present_[b >> 6] >> (b & 63)) & 1)) return -1;
    for (std::size_t slot = h & mask_;; slot = (slot + 1) & mask_) {
      const std::uint64_t e = slots_[slot];
      if (e == 0) return -1;
      if ((e & 0xFFFFFFFF00000000ULL) == check) {
        const std::size_t i = (e & 0xFFFFFFFF) - 1;
        if (keys_[i] == key) return std::ptrdiff_t(i);
      }
    }
  }

 private:
  static std::string_view key_of(const std::string& key) { return key; }
  template <class V>
  static std::string_view key_of(const std::pair<const std::string, V>& entry) {
    return entry.first;
  }
  std::vector<std::uint64_t> slots_;
  std::vector<std::string_view> keys_;
  std::vector<std::uint64_t> present_;  // presence bits over hash bits 40..59
  std::size_t mask_ = 0, bit_mask_ = 0;
};

// fold_phrase() runs ICU per call; most gazetteer names are plain ASCII words, for which
// lower-casing and collapsing spaces gives the same key far faster (load time matters).
std::string fold_key(std::string_view s) {
  bool simple = !s.empty();
  for (unsigned char c : s) {
    if (!(std::isalpha(c) || c == ' ')) {
      simple = false;
      break;
    }
  }
  if (!simple) return text::fold_phrase(s);
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (c == ' ') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::tolower(c));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::io, "cannot read gazetteer table " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A JSON file of iso-codes; unreadable or malformed is Error(io) naming the file.
nlohmann::json read_json(const std::string& path) {
  try {
    return nlohmann::json::parse(read_file(path));
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCode::io, path + ": " + e.what());
  }
}

// Lines of a table, without comments ('#' at line start), blank lines and trailing CR.
std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    fields.push_back(
        line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return fields;
}

std::string upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// The names between "$VAR = <<ENDNAMES;" and "ENDNAMES": the first column of each line, in
// upper case ("JAMES          3.318  3.318      1"). A few lines hold two records.
void parse_names_heredoc(const std::string& source, const std::string& var, StringSet& out) {
  std::size_t start = source.find("$" + var + " = <<ENDNAMES;");
  if (start == std::string::npos) return;
  start = source.find('\n', start);
  std::size_t end = source.find("\nENDNAMES", start);
  if (start == std::string::npos || end == std::string::npos) return;
  std::istringstream in(source.substr(start + 1, end - start - 1));
  std::string word;
  while (in >> word) {
    if (std::isalpha(static_cast<unsigned char>(word[0]))) out.insert(fold_key(word));
  }
}

}  // namespace

std::string region_id(std::string_view iso2, std::string_view region) {
  return "region:" + upper_ascii(iso2) + ":" + fold_key(region);
}

struct Gazetteer::Impl {
  std::deque<Place> places;  // deque: pointers stay valid while loading appends
  StringMap<std::vector<const Place*>> by_name;
  StringMap<const Place*> countries;
  StringMap<const Place*> regions;  // by region_id
  StringMap<const Place*> by_id;
  StringMap<const Place*> demonyms;
  StringSet first_names;
  StringSet surnames;
  StringSet stop;
  std::size_t max_words = 1;
  // Flat indexes of the tables above, built once loading is done (see FlatIndex).
  FlatIndex name_index, demonym_index, first_name_index, surname_index, stop_index;
  std::vector<const std::vector<const Place*>*> name_values;
  std::vector<const Place*> demonym_values;

  void index() {
    for (const Place& p : places) by_id.emplace(p.id, &p);
    name_index.build(by_name);
    name_values.clear();
    for (const auto& entry : by_name) name_values.push_back(&entry.second);
    demonym_index.build(demonyms);
    demonym_values.clear();
    for (const auto& entry : demonyms) demonym_values.push_back(entry.second);
    first_name_index.build(first_names);
    surname_index.build(surnames);
    stop_index.build(stop);
  }
  const Place* find_demonym(std::string_view folded) const {
    const auto i = demonym_index.find(folded);
    return i < 0 ? nullptr : demonym_values[std::size_t(i)];
  }

  void add_key(const std::string& folded, const Place* place) {
    if (folded.empty() || stop.count(folded)) return;
    auto& v = by_name[folded];
    if (std::find(v.begin(), v.end(), place) == v.end()) v.push_back(place);
    max_words = std::max<std::size_t>(max_words, 1 + std::count(folded.begin(), folded.end(), ' '));
  }

  void load(const std::string& data_dir);
  void load_countries();
  void load_former_countries();
  void load_cities();
  void load_subdivisions();
  void load_names();
  void load_tables(const std::string& dir);
  void rank();
};

void Gazetteer::Impl::load(const std::string& data_dir) {
  const std::string dir = resolve_data_dir(data_dir) + "/gazetteer/";
  by_name.reserve(65536);  // ~24k cities, their states, 5k subdivisions, countries, aliases
  for (const auto& line : table_lines(dir + "stop-entities.txt")) stop.insert(fold_key(line));
  load_countries();
  load_former_countries();
  // Display names news actually uses ("Russia", not "Russian Federation").
  for (const auto& line : table_lines(dir + "country-names.tsv")) {
    auto f = split_tabs(line);
    if (f.size() < 2) continue;
    auto it = countries.find(upper_ascii(f[0]));
    if (it == countries.end()) continue;
    auto* place = const_cast<Place*>(it->second);
    place->name = f[1];
    add_key(fold_key(f[1]), place);
  }
  load_cities();
  load_subdivisions();
  load_names();
  rank();
  load_tables(dir);  // after rank(): an alias's reading goes first on purpose
  index();
}

void Gazetteer::Impl::load_countries() {
  const nlohmann::json doc = read_json(kIso3166_1);
  for (const auto& c : doc.value("3166-1", nlohmann::json::array())) {
    Place p;
    p.kind = Place::Kind::country;
    p.country = c.value("alpha_2", "");
    p.id = "iso:" + p.country;
    p.name = c.contains("common_name") ? c.value("common_name", "") : c.value("name", "");
    places.push_back(std::move(p));
    const Place* place = &places.back();
    countries[place->country] = place;
    for (const char* key : {"name", "common_name", "official_name"}) {
      if (!c.contains(key)) continue;
      std::string name = c.value(key, "");
      // "Korea, Republic of" is a catalogue form nobody writes in running text.
      if (name.find(',') != std::string::npos || name.find('(') != std::string::npos) continue;
      add_key(fold_key(name), place);
      if (name.rfind("the ", 0) == 0) add_key(fold_key(name.substr(4)), place);
    }
  }
}

// The former countries news of the 20th century names (ISO 3166-3): East Germany, the Soviet
// Union, Yugoslavia, Czechoslovakia. Their names reach them through aliases.tsv; which places
// belonged to them on an article's date is former_countries.h's.
void Gazetteer::Impl::load_former_countries() {
  static constexpr std::string_view kFormer[] = {"DDDE", "SUHH", "YUCS", "CSHH"};
  const nlohmann::json doc = read_json(kIso3166_3);
  for (const auto& c : doc.value("3166-3", nlohmann::json::array())) {
    const std::string alpha4 = c.value("alpha_4", "");
    if (std::find(std::begin(kFormer), std::end(kFormer), alpha4) == std::end(kFormer)) continue;
    Place p;
    p.kind = Place::Kind::country;
    p.country = c.value("alpha_2", "");
    p.id = "iso:" + p.country;
    p.name = c.value("name", "");
    places.push_back(std::move(p));
    countries[places.back().country] = &places.back();
  }
}

const GeonamesApi& geonames() {
  static const GeonamesApi api = [] {
    constexpr const char* kLibrary = "libgeonames.so.0";
    void* lib = dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) {
      throw Error(ErrorCode::io, std::string("cannot load ") + kLibrary + ": " + dlerror(),
                  "install the Debian package libgeonames0 (scripts/install-deps does)");
    }
    auto symbol = [lib](auto& fn, const char* name) {
      void* p = dlsym(lib, name);
      if (p == nullptr) {
        throw Error(ErrorCode::io, std::string(kLibrary) + " has no symbol " + name);
      }
      fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(p);
    };
    GeonamesApi a{};
    symbol(a.get_n_cities, "geonames_get_n_cities");
    symbol(a.get_city, "geonames_get_city");
    symbol(a.city_name, "geonames_city_get_name");
    symbol(a.city_state, "geonames_city_get_state");
    symbol(a.city_country_code, "geonames_city_get_country_code");
    symbol(a.city_population, "geonames_city_get_population");
    symbol(a.city_latitude, "geonames_city_get_latitude");
    symbol(a.city_longitude, "geonames_city_get_longitude");
    symbol(a.city_free, "geonames_city_free");
    return a;
  }();
  return api;
}

void Gazetteer::Impl::load_cities() {
  const GeonamesApi& geo = geonames();
  const int n = geo.get_n_cities();
  std::unordered_map<const Place*, std::uint32_t> largest_city;  // per region
  for (int i = 0; i < n; ++i) {
    GeonamesCity* city = geo.get_city(i);
    if (city == nullptr) continue;
    Place p;
    p.kind = Place::Kind::city;
    p.id = "geonames:" + std::to_string(i);
    const char* name = geo.city_name(city);
    const char* state = geo.city_state(city);
    const char* code = geo.city_country_code(city);
    p.name = name ? name : "";
    p.region = state ? state : "";
    p.country = code ? code : "";
    p.population = geo.city_population(city);
    p.latitude = geo.city_latitude(city);
    p.longitude = geo.city_longitude(city);
    geo.city_free(city);
    if (p.name.empty()) continue;
    places.push_back(std::move(p));
    const Place* place = &places.back();
    add_key(fold_key(place->name), place);
    if (place->region.empty() || place->country.empty()) continue;
    // Each GeoNames state becomes a region place; its population is the sum of its cities'.
    std::string rid = region_id(place->country, place->region);
    auto it = regions.find(rid);
    if (it == regions.end()) {
      Place r;
      r.kind = Place::Kind::region;
      r.id = rid;
      r.name = place->region;
      r.country = place->country;
      places.push_back(std::move(r));
      it = regions.emplace(rid, &places.back()).first;
      add_key(fold_key(it->second->name), it->second);
    }
    auto* region = const_cast<Place*>(it->second);
    region->population += place->population;
    // A state has the coordinates of its largest city (near: queries; GeoNames gives states
    // no coordinates of their own).
    auto [largest, first] = largest_city.try_emplace(region, place->population);
    if (first || place->population > largest->second) {
      largest->second = place->population;
      region->latitude = place->latitude;
      region->longitude = place->longitude;
    }
  }
}

void Gazetteer::Impl::load_subdivisions() {
  const nlohmann::json doc = read_json(kIso3166_2);
  for (const auto& s : doc.value("3166-2", nlohmann::json::array())) {
    std::string code = s.value("code", "");
    if (code.size() < 4) continue;
    Place p;
    p.kind = Place::Kind::region;
    p.id = "iso:" + code;
    p.name = s.value("name", "");
    p.country = code.substr(0, 2);
    // "Komi, Respublika": the part before the comma is the name people use.
    std::string key = p.name.substr(0, p.name.find(','));
    if (auto state = regions.find(region_id(p.country, key)); state != regions.end()) {
      p.latitude = state->second->latitude;
      p.longitude = state->second->longitude;
    }
    places.push_back(std::move(p));
    add_key(fold_key(key), &places.back());
  }
}

void Gazetteer::Impl::load_names() {
  std::string source;
  try {
    source = read_file(kTextNames);
  } catch (const Error&) {
    return;  // first names are a tagger feature, not essential: run without them
  }
  parse_names_heredoc(source, "COMMON_MALE_FIRSTNAMES", first_names);
  parse_names_heredoc(source, "COMMON_FEMALE_FIRSTNAMES", first_names);
  parse_names_heredoc(source, "COMMON_SURNAMES", surnames);
}

void Gazetteer::Impl::load_tables(const std::string& dir) {
  for (const auto& line : table_lines(dir + "demonyms.tsv")) {
    auto f = split_tabs(line);
    if (f.size() < 2) continue;
    auto it = countries.find(upper_ascii(f[1]));
    if (it != countries.end()) demonyms[fold_key(f[0])] = it->second;
  }
  for (const auto& line : table_lines(dir + "aliases.tsv")) {
    auto f = split_tabs(line);
    if (f.size() < 2) continue;
    const std::string key = fold_key(f[0]);
    const std::string& target = f[1];
    const Place* place = nullptr;
    if (auto at = target.find('@'); at != std::string::npos) {
      const std::string city = fold_key(target.substr(0, at));
      const std::string cc = upper_ascii(target.substr(at + 1));
      auto it = by_name.find(city);
      if (it != by_name.end()) {
        for (const Place* p : it->second) {
          if (p->kind == Place::Kind::city && p->country == cc &&
              (place == nullptr || p->population > place->population)) {
            place = p;
          }
        }
      }
    } else if (target.rfind("region:", 0) == 0) {
      // "region:US:California": a GeoNames state.
      auto colon = target.find(':', 7);
      if (colon != std::string::npos) {
        auto it = regions.find(region_id(target.substr(7, colon - 7), target.substr(colon + 1)));
        if (it != regions.end()) place = it->second;
      }
    } else if (target.size() == 2) {
      auto it = countries.find(upper_ascii(target));
      if (it != countries.end()) place = it->second;
    } else {
      for (const Place& p : places) {
        if (p.id == "iso:" + upper_ascii(target)) {
          place = &p;
          break;
        }
      }
    }
    if (place != nullptr) {
      // An alias is a deliberate reading: it goes first among the readings of its key.
      auto& v = by_name[key];
      v.erase(std::remove(v.begin(), v.end(), place), v.end());
      v.insert(v.begin(), place);
      max_words = std::max<std::size_t>(max_words, 1 + std::count(key.begin(), key.end(), ' '));
    }
  }
}

void Gazetteer::Impl::rank() {
  // Countries first; then by population. A city named like its own region ("Kursk" in Kursk
  // region) outranks that region: the bare name means the city.
  std::unordered_map<const Place*, std::uint64_t> boosted;
  for (const Place& p : places) {
    if (p.kind != Place::Kind::city || p.region.empty()) continue;
    if (fold_key(p.name) != fold_key(p.region)) continue;
    auto it = regions.find(region_id(p.country, p.region));
    if (it != regions.end()) boosted[&p] = std::uint64_t{it->second->population} + 1;
  }
  auto score = [&](const Place* p) -> std::uint64_t {
    if (p->kind == Place::Kind::country) return UINT64_MAX;
    auto it = boosted.find(p);
    return it != boosted.end() ? it->second : p->population;
  };
  for (auto& entry : by_name) {
    auto& v = entry.second;
    if (v.size() < 2) continue;
    std::stable_sort(v.begin(), v.end(),
                     [&](const Place* a, const Place* b) { return score(a) > score(b); });
  }
}

Gazetteer::Gazetteer(const std::string& data_dir) : impl_(std::make_unique<Impl>()) {
  impl_->load(data_dir);
}

Gazetteer::~Gazetteer() = default;

std::shared_ptr<const Gazetteer> Gazetteer::shared(const std::string& data_dir) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const Gazetteer>> loaded;
  const std::string dir = resolve_data_dir(data_dir);
  std::lock_guard<std::mutex> lock(mutex);
  auto& slot = loaded[dir];
  if (!slot) slot = std::make_shared<const Gazetteer>(dir);
  return slot;
}

const std::vector<const Place*>& Gazetteer::places(std::string_view folded) const {
  static const std::vector<const Place*> kNone;
  const auto i = impl_->name_index.find(folded);
  return i < 0 ? kNone : *impl_->name_values[std::size_t(i)];
}

const Place* Gazetteer::country(std::string_view iso2) const {
  auto it = impl_->countries.find(upper_ascii(iso2));
  return it == impl_->countries.end() ? nullptr : it->second;
}

const Place* Gazetteer::demonym(std::string_view folded) const {
  if (const Place* p = impl_->find_demonym(folded)) return p;
  const bool plural = folded.size() > 3 && folded.back() == 's';
  const bool men = folded.size() > 4 && folded.substr(folded.size() - 3) == "men";
  if (!plural && !men) return nullptr;
  std::string key(folded);
  const Place* found = nullptr;
  if (plural) {
    key.pop_back();  // "russians" -> "russian"
    found = impl_->find_demonym(key);
  }
  if (!found && key.size() > 4 && key.compare(key.size() - 3, 3, "men") == 0) {
    key.replace(key.size() - 3, 3, "man");  // "frenchmen" -> "frenchman"
    found = impl_->find_demonym(key);
  }
  return found;
}

bool Gazetteer::is_first_name(std::string_view folded) const {
  return impl_->first_name_index.find(folded) >= 0;
}

bool Gazetteer::is_stop_entity(std::string_view folded) const {
  return impl_->stop_index.find(folded) >= 0;
}

bool Gazetteer::is_surname(std::string_view folded) const {
  return impl_->surname_index.find(folded) >= 0;
}

std::size_t Gazetteer::max_name_words() const { return impl_->max_words; }

const Place* Gazetteer::region_of(const Place& place) const {
  if (place.region.empty()) return nullptr;
  auto it = impl_->regions.find(region_id(place.country, place.region));
  return it == impl_->regions.end() ? nullptr : it->second;
}

const Place* Gazetteer::place_by_id(std::string_view id) const {
  auto it = impl_->by_id.find(id);
  return it == impl_->by_id.end() ? nullptr : it->second;
}

}  // namespace newsdex::entities
