// Gazetteer features for the entity tagger: token n-grams matched against the Gazetteer the
// caller passes (the Tagger's: see tagger.h).
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

// Plain ASCII words of letters only: their gazetteer key is their folded form (TokenInfo::low),
// the same as fold_phrase would give.
bool letters_only(std::string_view token) {
  if (token.empty()) return false;
  for (char c : token)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  return true;
}

bool any_letter(std::string_view token) {
  for (char c : token)
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80)
      return true;
  return false;
}

}  // namespace

void add_gazetteer_labels(const std::vector<std::vector<std::string>>& document,
                          PreparedDocument& prepared, const Gazetteer& gazetteer) {
  // Gazetteer key of each token of a sentence: a view of TokenInfo::low for plain words, else
  // of the ICU fold kept in `folded` (empty: no letter, never part of a match).
  thread_local std::vector<std::string_view> parts;
  thread_local std::vector<std::string> folded;
  std::string key;
  for (std::size_t s = 0; s < document.size(); ++s) {
    const auto& sentence = document[s];
    auto& infos = prepared.sentences[s];
    parts.assign(sentence.size(), std::string_view());
    if (folded.size() < sentence.size()) folded.resize(sentence.size());
    for (std::size_t i = 0; i < sentence.size(); ++i) {
      const std::string& w = sentence[i];
      if (letters_only(w)) {
        parts[i] = infos[i].low;
        // The same folded word gives the same answer: look it up once per document.
        auto& first_name = prepared.words[infos[i].word].first_name;
        if (first_name < 0) first_name = gazetteer.is_first_name(parts[i]) ? 1 : 0;
        if (first_name) infos[i].gazetteer |= kFirstName;
      } else if (any_letter(w)) {
        folded[i] = text::fold_phrase(w);
        parts[i] = folded[i];
        if (!parts[i].empty() && gazetteer.is_first_name(parts[i]))
          infos[i].gazetteer |= kFirstName;
      }
    }
    for (std::size_t i = 0; i < sentence.size();) {
      // Names start with a capital; "of" and "be" are also GeoNames cities.
      const char first = sentence[i].empty() ? 0 : sentence[i][0];
      if (parts[i].empty() || (first >= 'a' && first <= 'z')) {
        ++i;
        continue;
      }
      auto lookup = [&](std::string_view k) -> std::uint8_t {
        if (const auto& places = gazetteer.places(k); !places.empty())
          return place_label(*places.front());
        return gazetteer.demonym(k) ? kDemonym : kNoPlace;
      };
      std::size_t matched = 0;
      std::uint8_t label = kNoPlace;
      // The word alone: plain words are looked up once per document.
      std::uint8_t* cached = letters_only(sentence[i]) ? &prepared.words[infos[i].word].place : nullptr;
      if (cached && *cached == 255) *cached = lookup(parts[i]);
      if (const std::uint8_t alone = cached ? *cached : lookup(parts[i]); alone != kNoPlace) {
        matched = 1;
        label = alone;
      }
      key.assign(parts[i]);
      for (std::size_t n = 2; n <= kLongestMatch && i + n <= sentence.size(); ++n) {
        const std::string_view part = parts[i + n - 1];
        if (part.empty()) break;
        key += ' ';
        key += part;
        if (const std::uint8_t found = lookup(key); found != kNoPlace) {
          matched = n;
          label = found;
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
