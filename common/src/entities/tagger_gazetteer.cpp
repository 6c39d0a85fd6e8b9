// Gazetteer features for the entity tagger: token n-grams matched against Gazetteer::instance().
#include "entities/gazetteer.h"
#include "entities/tagger_features.h"
#include "text/tokenizer.h"

namespace newsdex::entities::tagger_detail {
namespace {

// Place labels (low 4 bits of TokenInfo::gazetteer; bit 4 marks a known first name).
enum Label : std::uint8_t {
  kNoPlace = 0,
  kCountry,
  kRegion,
  kCityHuge,
  kCityLarge,
  kCity,
  kDemonym
};
constexpr std::uint8_t kInside = 8;  // the token continues a match begun earlier
constexpr std::uint8_t kFirstName = 16;
constexpr std::size_t kLongestMatch = 4;

std::uint8_t place_label(const Place& place) {
  switch (place.kind) {
    case Place::Kind::country:
      return kCountry;
    case Place::Kind::region:
      return kRegion;
    case Place::Kind::city:
      return place.population >= 1000000  ? kCityHuge
             : place.population >= 100000 ? kCityLarge
                                          : kCity;
  }
  return kNoPlace;
}

// The gazetteer key of one token: plain ASCII words are lower-cased directly (fast path, same
// result as fold_phrase); anything else goes through the ICU fold.
std::string key_part(std::string_view token) {
  bool letters_only = !token.empty();
  bool any_letter = false;
  for (char c : token) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    any_letter |= letter || static_cast<unsigned char>(c) >= 0x80;
    letters_only &= letter;
  }
  if (!any_letter) return {};
  if (!letters_only) return text::fold_phrase(token);
  std::string out(token);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

}  // namespace

void add_gazetteer_labels(const std::vector<std::vector<std::string>>& document,
                          PreparedDocument& prepared, const std::string& gazetteer_dir) {
  const Gazetteer& gazetteer = Gazetteer::instance(gazetteer_dir);
  std::vector<std::string> parts;
  std::string key;
  for (std::size_t s = 0; s < document.size(); ++s) {
    const auto& sentence = document[s];
    auto& infos = prepared.sentences[s];
    parts.clear();
    for (const auto& w : sentence) parts.push_back(key_part(w));
    for (std::size_t i = 0; i < sentence.size(); ++i) {
      if (!parts[i].empty() && gazetteer.is_first_name(parts[i])) infos[i].gazetteer |= kFirstName;
    }
    for (std::size_t i = 0; i < sentence.size();) {
      // Names start with a capital; "of" and "be" are also GeoNames cities.
      const char first = sentence[i].empty() ? 0 : sentence[i][0];
      if (parts[i].empty() || (first >= 'a' && first <= 'z')) {
        ++i;
        continue;
      }
      std::size_t matched = 0;
      std::uint8_t label = kNoPlace;
      key.clear();
      for (std::size_t n = 1; n <= kLongestMatch && i + n <= sentence.size(); ++n) {
        if (parts[i + n - 1].empty()) break;
        if (n > 1) key += ' ';
        key += parts[i + n - 1];
        if (const auto& places = gazetteer.places(key); !places.empty()) {
          matched = n;
          label = place_label(*places.front());
        } else if (gazetteer.demonym(key)) {
          matched = n;
          label = kDemonym;
        }
      }
      if (!matched) {
        ++i;
        continue;
      }
      for (std::size_t k = 0; k < matched; ++k)
        infos[i + k].gazetteer =
            std::uint8_t((infos[i + k].gazetteer & kFirstName) | label | (k ? kInside : 0));
      i += matched;
    }
  }
}

}  // namespace newsdex::entities::tagger_detail
