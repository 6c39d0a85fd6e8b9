// Localized place names: libgeonames' gettext catalogs for cities, ICU (CLDR) for countries.
#include "entities/localized_names.h"

#include <dlfcn.h>
#include <geonames/geonames.h>
#include <newsdex/error.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include "entities/gazetteer.h"
#include "entities/geonames_api.h"
#include "text/tokenizer.h"

namespace newsdex::entities {
namespace {

std::uint32_t read_u32(const std::string& data, std::size_t at, bool swap) {
  std::uint32_t v = 0;
  std::memcpy(&v, data.data() + at, 4);
  return swap ? __builtin_bswap32(v) : v;
}

// The libgeonames cities: GeoNames id and (English) name, by index.
struct GeonamesCities {
  std::vector<std::string> ids;
  std::vector<std::string> names;
  std::vector<std::string> states;  // admin1 key as geonames.mo writes it: "RU.48"
};

const GeonamesCities& geonames_cities() {
  static const GeonamesCities cities = [] {
    const GeonamesApi& geo = geonames();
    // A city is a GVariant "(sssssssudd)" whose first field is its GeoNames id; libgeonames has
    // no getter for it, so GLib (loaded with libgeonames) reads it.
    constexpr const char* kGlib = "libglib-2.0.so.0";
    void* glib = dlopen(kGlib, RTLD_NOW | RTLD_LOCAL);
    if (glib == nullptr) {
      throw Error(ErrorCode::io, std::string("cannot load ") + kGlib + ": " + dlerror(),
                  "install the Debian package libglib2.0-0");
    }
    auto symbol = [glib](auto& fn, const char* name) {
      void* p = dlsym(glib, name);
      if (p == nullptr) throw Error(ErrorCode::io, std::string(kGlib) + " has no symbol " + name);
      fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(p);
    };
    decltype(&g_variant_get_type_string) type_string;
    decltype(&g_variant_get_child_value) child_value;
    decltype(&g_variant_get_string) get_string;
    decltype(&g_variant_unref) unref;
    symbol(type_string, "g_variant_get_type_string");
    symbol(child_value, "g_variant_get_child_value");
    symbol(get_string, "g_variant_get_string");
    symbol(unref, "g_variant_unref");
    GeonamesCities c;
    const int n = geo.get_n_cities();
    c.ids.resize(std::size_t(std::max(n, 0)));
    c.names.resize(c.ids.size());
    c.states.resize(c.ids.size());
    for (int i = 0; i < n; ++i) {
      GeonamesCity* city = geo.get_city(i);
      if (city == nullptr) continue;
      const char* type = type_string(city);
      if (type != nullptr && std::strncmp(type, "(sss", 4) == 0) {
        GVariant* id = child_value(city, 0);
        if (const char* s = get_string(id, nullptr)) c.ids[std::size_t(i)] = s;
        unref(id);
        GVariant* state = child_value(city, 2);
        const char* code = geo.city_country_code(city);
        if (const char* s = get_string(state, nullptr); s && *s && code && *code) {
          c.states[std::size_t(i)] = std::string(code) + "." + s;
        }
        unref(state);
      }
      if (const char* name = geo.city_name(city)) c.names[std::size_t(i)] = name;
      geo.city_free(city);
    }
    return c;
  }();
  return cities;
}

// The gazetteer's Place of each libgeonames city index (nullptr where it has none).
std::vector<const Place*> city_places(const Gazetteer& gazetteer) {
  const GeonamesCities& cities = geonames_cities();
  std::vector<const Place*> out(cities.ids.size(), nullptr);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (cities.names[i].empty()) continue;
    const std::string id = "geonames:" + std::to_string(i);
    for (const Place* p : gazetteer.places(text::fold_phrase(cities.names[i]))) {
      if (p->id == id) {
        out[i] = p;
        break;
      }
    }
  }
  return out;
}

// Administrative suffixes that news text leaves out: 부산광역시 is 부산, 深圳市 is 深圳.
const std::vector<std::string_view>& suffixes(const std::string& lang) {
  static const std::vector<std::string_view> zh = {"特别行政区", "特別行政區", "广域市", "廣域市",
                                                   "特别市",     "特別市",     "自治州", "市",
                                                   "县",         "縣",         "区",     "區"};
  static const std::vector<std::string_view> ja = {"都", "府", "県", "市", "区", "町", "村"};
  static const std::vector<std::string_view> ko = {
      "특별자치시", "특별자치도", "광역시", "특별시", " 시", "시", " 군", "군", " 구", "구"};
  static const std::vector<std::string_view> none;
  if (lang == "zh" || lang == "yue" || lang == "lzh") return zh;
  if (lang == "ja") return ja;
  if (lang == "ko") return ko;
  return none;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Countries first, then cities, then states, each by population: a name of both a city and
// its state (Москва, 上海) means the city, as in Gazetteer::places().
void rank(std::vector<const Place*>& v) {
  auto order = [](const Place* p) {
    return p->kind == Place::Kind::country ? 0 : p->kind == Place::Kind::city ? 1 : 2;
  };
  std::stable_sort(v.begin(), v.end(), [&](const Place* a, const Place* b) {
    if (order(a) != order(b)) return order(a) < order(b);
    return a->population > b->population;
  });
}

void add_unique(std::vector<const Place*>& v, const Place* p) {
  if (std::find(v.begin(), v.end(), p) == v.end()) v.push_back(p);
}

}  // namespace

std::vector<std::pair<std::string, std::string>> read_mo_catalog(const std::string& path) {
  std::vector<std::pair<std::string, std::string>> out;
  std::ifstream in(path, std::ios::binary);
  if (!in) return out;
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string data = ss.str();
  if (data.size() < 28) return out;
  std::uint32_t magic = 0;
  std::memcpy(&magic, data.data(), 4);
  bool swap;
  if (magic == 0x950412de) {
    swap = false;
  } else if (magic == 0xde120495) {
    swap = true;
  } else {
    return out;
  }
  const std::uint32_t n = read_u32(data, 8, swap);
  const std::uint32_t originals = read_u32(data, 12, swap);
  const std::uint32_t translations = read_u32(data, 16, swap);
  auto string_at = [&](std::uint32_t table, std::uint32_t i, std::string& s) {
    const std::size_t entry = std::size_t(table) + std::size_t(i) * 8;
    if (entry + 8 > data.size()) return false;
    const std::uint32_t len = read_u32(data, entry, swap);
    const std::uint32_t off = read_u32(data, entry + 4, swap);
    if (std::size_t(off) + len > data.size()) return false;
    // Plural forms follow a NUL: the first (singular) one is the name.
    const char* begin = data.data() + off;
    const void* nul = std::memchr(begin, '\0', len);
    s.assign(begin, nul ? static_cast<const char*>(nul) - begin : std::ptrdiff_t(len));
    return true;
  };
  out.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    std::string id, text;
    if (!string_at(originals, i, id) || !string_at(translations, i, text)) break;
    if (id.empty() || text.empty()) continue;  // the header entry
    out.emplace_back(std::move(id), std::move(text));
  }
  return out;
}

std::string geonames_catalog_path(std::string_view lang) {
  return "/usr/share/locale/" + std::string(lang) + "/LC_MESSAGES/geonames.mo";
}

const std::vector<std::string>& geonames_ids() { return geonames_cities().ids; }

struct LocalizedNames::Impl {
  std::string lang;
  std::vector<std::pair<std::string, std::vector<const Place*>>> folded;  // sorted by key
  std::unordered_map<std::string, std::size_t> folded_index;
  std::unordered_map<std::string, std::vector<const Place*>> stems;
  std::unordered_map<std::string, std::vector<const Place*>> raws;
  std::unordered_map<const Place*, std::string> names;
  std::size_t max_raw = 0, max_words = 1, cities = 0, regions = 0, countries = 0;
  bool has_stemmer = false;

  void add(const LocalizedNames& self, const std::string& name, const Place* place) {
    if (name.empty() || place == nullptr) return;
    names.emplace(place, name);
    std::vector<std::string> forms{name};
    for (std::string_view suffix : suffixes(lang)) {
      if (name.size() > suffix.size() &&
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
        std::string shorter = name.substr(0, name.size() - suffix.size());
        if (code_points(shorter) >= 2) forms.push_back(std::move(shorter));
        break;
      }
    }
    for (const std::string& form : forms) {
      add_unique(raws[form], place);
      max_raw = std::max(max_raw, form.size());
      const std::string key = text::fold_phrase(form);
      if (key.empty()) continue;
      auto [it, inserted] = folded_index.emplace(key, folded.size());
      if (inserted) folded.emplace_back(key, std::vector<const Place*>{});
      add_unique(folded[it->second].second, place);
      max_words = std::max<std::size_t>(max_words, 1 + std::count(key.begin(), key.end(), ' '));
      if (has_stemmer) add_unique(stems[self.stem_key(key)], place);
    }
  }
};

LocalizedNames::LocalizedNames(const Gazetteer& gazetteer, std::string lang)
    : impl_(std::make_unique<Impl>()) {
  Impl& d = *impl_;
  d.lang = std::move(lang);
  try {
    d.has_stemmer = !Xapian::Stem(d.lang).is_none();
  } catch (const Xapian::Error&) {
    d.has_stemmer = false;
  }
  static std::mutex mutex;
  static std::map<const Gazetteer*, std::vector<const Place*>> by_gazetteer;
  const std::vector<const Place*>* cities = nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = by_gazetteer.find(&gazetteer);
    if (it == by_gazetteer.end())
      it = by_gazetteer.emplace(&gazetteer, city_places(gazetteer)).first;
    cities = &it->second;
  }
  // geonames.mo keys: GeoNames ids of cities, "RU.48" admin1 codes of states, "RU" countries.
  const GeonamesCities& table = geonames_cities();
  std::unordered_map<std::string_view, std::size_t> index, state_index;
  index.reserve(table.ids.size());
  for (std::size_t i = 0; i < table.ids.size(); ++i) {
    if (!table.ids[i].empty()) index.emplace(table.ids[i], i);
    if (!table.states[i].empty() && (*cities)[i] != nullptr)
      state_index.emplace(table.states[i], i);
  }
  for (const auto& [id, name] : read_mo_catalog(geonames_catalog_path(d.lang))) {
    if (auto it = index.find(id); it != index.end()) {
      if (const Place* place = (*cities)[it->second]) {
        d.add(*this, name, place);
        ++d.cities;
      }
    } else if (auto st = state_index.find(id); st != state_index.end()) {
      if (const Place* region = gazetteer.region_of(*(*cities)[st->second])) {
        d.add(*this, name, region);
        ++d.regions;
      }
    }
  }
  // CLDR country names in this language (ICU's locale display data).
  const icu::Locale display(d.lang.c_str());
  for (const char* const* code = icu::Locale::getISOCountries(); *code != nullptr; ++code) {
    const Place* country = gazetteer.country(*code);
    if (country == nullptr) continue;
    icu::UnicodeString name;
    icu::Locale(nullptr, *code).getDisplayCountry(display, name);
    std::string utf8;
    name.toUTF8String(utf8);
    if (utf8.empty() || utf8 == *code) continue;  // no translation: ICU echoes the code
    d.add(*this, utf8, country);
    ++d.countries;
  }
  for (auto& entry : d.folded) rank(entry.second);
  for (auto& entry : d.stems) rank(entry.second);
  for (auto& entry : d.raws) rank(entry.second);
  std::sort(d.folded.begin(), d.folded.end());
  d.folded_index.clear();
  for (std::size_t i = 0; i < d.folded.size(); ++i) d.folded_index.emplace(d.folded[i].first, i);
}

LocalizedNames::~LocalizedNames() = default;

const LocalizedNames& LocalizedNames::get(const Gazetteer& gazetteer, std::string_view lang) {
  static std::mutex mutex;
  static std::map<std::pair<const Gazetteer*, std::string>, std::unique_ptr<LocalizedNames>> loaded;
  std::lock_guard<std::mutex> lock(mutex);
  auto& slot = loaded[{&gazetteer, std::string(lang)}];
  if (!slot) slot = std::make_unique<LocalizedNames>(gazetteer, std::string(lang));
  return *slot;
}

const std::vector<const Place*>& LocalizedNames::places(std::string_view folded) const {
  static const std::vector<const Place*> kNone;
  auto it = impl_->folded_index.find(std::string(folded));
  return it == impl_->folded_index.end() ? kNone : impl_->folded[it->second].second;
}

const std::vector<const Place*>& LocalizedNames::stemmed(std::string_view key) const {
  static const std::vector<const Place*> kNone;
  auto it = impl_->stems.find(std::string(key));
  return it == impl_->stems.end() ? kNone : it->second;
}

const std::vector<const Place*>* LocalizedNames::raw(std::string_view raw) const {
  auto it = impl_->raws.find(std::string(raw));
  return it == impl_->raws.end() ? nullptr : &it->second;
}

const std::string& LocalizedNames::name_of(const Place* place) const {
  static const std::string kNone;
  auto it = impl_->names.find(place);
  return it == impl_->names.end() ? kNone : it->second;
}

std::string LocalizedNames::stem_key(std::string_view folded) const {
  if (!impl_->has_stemmer) return std::string(folded);
  // Xapian::Stem is not thread-safe: one per thread and language.
  thread_local std::map<std::string, Xapian::Stem> stemmers;
  auto it = stemmers.find(impl_->lang);
  if (it == stemmers.end()) it = stemmers.emplace(impl_->lang, Xapian::Stem(impl_->lang)).first;
  std::string out;
  std::size_t start = 0;
  while (start <= folded.size()) {
    std::size_t sp = folded.find(' ', start);
    if (sp == std::string_view::npos) sp = folded.size();
    if (sp > start) {
      if (!out.empty()) out += ' ';
      out += it->second(std::string(folded.substr(start, sp - start)));
    }
    start = sp + 1;
  }
  return out;
}

const std::vector<std::pair<std::string, std::vector<const Place*>>>& LocalizedNames::folded_names()
    const {
  return impl_->folded;
}

const std::string& LocalizedNames::lang() const { return impl_->lang; }
std::size_t LocalizedNames::max_raw_bytes() const { return impl_->max_raw; }
std::size_t LocalizedNames::max_words() const { return impl_->max_words; }
std::size_t LocalizedNames::city_names() const { return impl_->cities; }
std::size_t LocalizedNames::region_names() const { return impl_->regions; }
std::size_t LocalizedNames::country_names() const { return impl_->countries; }

}  // namespace newsdex::entities
