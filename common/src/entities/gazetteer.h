// Gazetteers: world cities (libgeonames), countries and subdivisions (iso-codes), first names,
// demonyms and aliases (corpus/gazetteer/). Read-only once loaded; whoever needs one is given
// it (the recogniser hands its own to its tagger and its place stage).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::entities {

/// A place the gazetteers know.
struct Place {
  enum class Kind { country, region, city };
  Kind kind = Kind::city;
  std::string id;       ///< "iso:RU", "iso:RU-KRS", "region:RU:kursk", "geonames:<index>"
  std::string name;     ///< display name ("Kursk")
  std::string country;  ///< ISO 3166-1 alpha-2 ("RU")
  std::string region;   ///< display name of the subdivision/state, may be empty
  std::uint32_t population = 0;
  /// GeoNames coordinates, degrees; a GeoNames state has those of its largest city, an ISO
  /// subdivision those of the state of the same name. Both 0 when unknown (countries).
  double latitude = 0.0;
  double longitude = 0.0;
  bool has_coordinates() const { return latitude != 0.0 || longitude != 0.0; }
};

/// Read-only lookups over all gazetteers. All keys are folded with text::fold_phrase().
/// Safe for concurrent use from many threads once constructed.
class Gazetteer {
 public:
  /// The process-wide cache: the gazetteer of resolve_data_dir(data_dir) (data_dir.h), loaded
  /// on the first call for that directory (about 0.1 s) and shared by every later caller, so
  /// that each EntityRecognizer of a process does not load its own. The cache keeps a
  /// reference to each until exit. Throws newsdex::Error(io) if a required table is missing.
  /// Thread-safe. Code that loads once (tools) may construct a Gazetteer instead.
  static std::shared_ptr<const Gazetteer> shared(const std::string& data_dir = {});

  /// Places whose name or alias folds to `folded` ("kursk", "north korea", "kiev", "dprk"),
  /// countries first, then by population, largest first. Empty if unknown.
  const std::vector<const Place*>& places(std::string_view folded) const;
  /// The country for an ISO alpha-2 code (any case), or nullptr.
  const Place* country(std::string_view iso2) const;
  /// The country a demonym or adjective names ("russian", "north korean"), or nullptr.
  const Place* demonym(std::string_view folded) const;
  /// True if `folded` is a common given name ("sergey", "john").
  bool is_first_name(std::string_view folded) const;
  /// True if `folded` is a word that looks like an entity but should never be one
  /// (corpus/gazetteer/stop-entities.txt).
  bool is_stop_entity(std::string_view folded) const;
  /// True if `folded` is a common US surname ("smith"), from Text::Names.
  bool is_surname(std::string_view folded) const;
  /// The most words any name key of places() has (for scanning token windows).
  std::size_t max_name_words() const;
  /// The place a region of a city (Place::region, Place::country) stands for, or nullptr.
  const Place* region_of(const Place& place) const;
  /// The place with id `id` (Place::id, as Entity::id carries it), or nullptr.
  const Place* place_by_id(std::string_view id) const;

  struct Impl;
  /// Loads the tables of `data_dir` (a directory, not resolved). Throws Error(io).
  explicit Gazetteer(const std::string& data_dir);
  ~Gazetteer();
  // One instance owns its tables; copying it used to share them and free them twice.
  Gazetteer(const Gazetteer&) = delete;
  Gazetteer& operator=(const Gazetteer&) = delete;

 private:
  std::unique_ptr<Impl> impl_;
};

/// Stable id of the region named `region` (display name) in country `iso2`: "region:RU:kursk".
/// The same id whether the region is reached as a place or as the region of a city.
std::string region_id(std::string_view iso2, std::string_view region);

}  // namespace newsdex::entities
