// Place names in other languages, from what Debian ships: libgeonames' gettext catalogs
// (geonames.mo, msgid = GeoNames id) for cities and ICU's CLDR data for country names.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsdex::entities {

class Gazetteer;
struct Place;

/// The languages whose localized names place:/country: queries know (the query-places table),
/// and that get a catalog of their own when an article is in them. Other languages are looked
/// up on demand by the recogniser alone.
inline constexpr const char* kQueryLanguages[] = {"de", "es", "fr", "it", "ja", "ko",
                                                  "nl", "pt", "ru", "uk", "zh"};

/// The (msgid, msgstr) pairs of a gettext .mo catalog, header entry left out. Empty if the file
/// cannot be read or is not a catalog. Thread-safe.
std::vector<std::pair<std::string, std::string>> read_mo_catalog(const std::string& path);

/// libgeonames' catalog for `lang` ("ru"): /usr/share/locale/<lang>/LC_MESSAGES/geonames.mo.
std::string geonames_catalog_path(std::string_view lang);

/// The GeoNames id ("524901") of every libgeonames city, by its index in libgeonames (the
/// <index> of a Place id "geonames:<index>"). Loaded once per process. Throws Error(io) if
/// libgeonames cannot be loaded. Thread-safe.
const std::vector<std::string>& geonames_ids();

/// The names of places in one language: GeoNames cities and states from geonames.mo (with the short
/// form of names such as 부산광역시 -> 부산, 深圳市 -> 深圳) and countries from CLDR. Read-only
/// once loaded; safe for concurrent use.
class LocalizedNames {
 public:
  /// The names of `lang` (a primary subtag: "ru", "zh") for the places of `gazetteer`, loaded on
  /// first use (up to ~0.1 s of CPU: Russian) and kept for the process. A language with no catalog
  /// and no CLDR names is empty. Throws Error(io) if libgeonames cannot be loaded. Thread-safe.
  static const LocalizedNames& get(const Gazetteer& gazetteer, std::string_view lang);

  /// Places named `folded` (a text::fold_phrase() result: "москва", "genf"), countries first,
  /// then by population; empty if none.
  const std::vector<const Place*>& places(std::string_view folded) const;
  /// Places whose name, each word stemmed in this language (stem_key()), is `key`: "курск"
  /// for Курске. Empty if none or the language has no stemmer.
  const std::vector<const Place*>& stemmed(std::string_view key) const;
  /// Places named exactly `raw` as written (not folded: "深圳", "부산"), for languages matched
  /// by characters; nullptr if none.
  const std::vector<const Place*>* raw(std::string_view raw) const;
  /// The name of `place` in this language as the catalog writes it, or empty.
  const std::string& name_of(const Place* place) const;

  /// `folded` with each word stemmed in this language, words joined by spaces; `folded` itself
  /// when the language has no stemmer. Thread-safe.
  std::string stem_key(std::string_view folded) const;

  /// Every folded name and the places it names (for the query-places table).
  const std::vector<std::pair<std::string, std::vector<const Place*>>>& folded_names() const;

  const std::string& lang() const;
  /// The longest raw() key in bytes, and the most words a folded name has.
  std::size_t max_raw_bytes() const;
  std::size_t max_words() const;
  /// Names loaded: cities (catalog entries whose GeoNames id the gazetteer knows), GeoNames
  /// states (catalog entries keyed by admin1 code, "RU.48"), countries (CLDR).
  std::size_t city_names() const;
  std::size_t region_names() const;
  std::size_t country_names() const;

  struct Impl;
  LocalizedNames(const Gazetteer& gazetteer, std::string lang);
  ~LocalizedNames();
  LocalizedNames(const LocalizedNames&) = delete;
  LocalizedNames& operator=(const LocalizedNames&) = delete;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex::entities
