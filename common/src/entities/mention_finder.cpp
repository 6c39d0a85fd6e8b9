// Stage 3 of the recogniser (recognizer_stages.h): entity mentions from the tagged document.
#include <newsdex/entities.h>
#include <newsdex/error.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "entities/gazetteer.h"
#include "entities/mention.h"
#include "entities/ner_tokenize.h"
#include "entities/recognizer_stages.h"
#include "text/tokenizer.h"

namespace newsdex::entities {
namespace {

// The US state (or other region) a dateline names after its city: "Calif." from the gazetteer's
// aliases, or one of the abbreviations the gazetteer leaves out because they are also words
// ("Va.", "Ill."), which after a dateline's comma are only states. Else nullptr.
const Place* dateline_state(const Gazetteer& gazetteer, const std::string& folded) {
  const auto& readings = gazetteer.places(folded);
  if (!readings.empty() && readings.front()->kind == Place::Kind::region) return readings.front();
  static const std::unordered_map<std::string, std::string> kStates = {
      {"ill", "illinois"}, {"wash", "washington"}, {"ore", "oregon"},      {"ind", "indiana"},
      {"del", "delaware"}, {"la", "louisiana"},    {"mo", "missouri"},     {"pa", "pennsylvania"},
      {"va", "virginia"},  {"ga", "georgia"},      {"md", "maryland"},     {"tex", "texas"},
      {"me", "maine"},     {"wisc", "wisconsin"},  {"penn", "pennsylvania"}};
  auto it = kStates.find(folded);
  if (it == kStates.end()) return nullptr;
  for (const Place* p : gazetteer.places(it->second)) {
    if (p->kind == Place::Kind::region && p->country == "US") return p;
  }
  return nullptr;
}

}  // namespace

std::vector<Mention> find_mentions(const Gazetteer& gazetteer,
                                   const std::vector<Segment>& segments,
                                   const std::vector<std::vector<bool>>& caps,
                                   const std::vector<std::vector<std::string>>& tags,
                                   std::unordered_map<std::string, std::string>& acronyms) {
  std::vector<Mention> out;
  std::size_t order = 0;
  std::size_t doc_sentence = 0;
  for (const Segment& seg : segments) {
    for (const NerSentence& s : seg.sentences) {
      const auto& stags = tags[doc_sentence];
      const auto& scaps = caps[doc_sentence];
      ++doc_sentence;
      auto make = [&](SpanType type, std::size_t b, std::size_t e) {
        // Leading "the" is not part of a name ("the Kremlin" -> "Kremlin").
        while (b < e && lower_key(s[b].text) == "the") ++b;
        Mention m;
        m.type = type;
        if (b >= e) return m;
        m.surface = std::string(seg.text.substr(s[b].begin, s[e - 1].end - s[b].begin));
        m.folded = entities::fold_name(m.surface);
        m.caps = scaps[b];
        m.order = order++;
        return m;
      };
      std::vector<bool> covered(s.size(), false);
      // A wire dateline ("CLEVELAND, Feb 26 -") names a place by convention, whatever the
      // tagger makes of the word: the first sentence of the body, ALL-CAPS words before a comma.
      std::size_t dateline_end = 0;
      if (&seg == &segments.back() && &s == &seg.sentences.front()) {
        // "ST. LOUIS, March 2 -": a short word's full stop is part of the name.
        std::size_t k = 0;
        while (k < s.size() && ((s[k].is_word && scaps[k]) ||
                                (k > 0 && s[k].text == "." && s[k - 1].is_word &&
                                 s[k - 1].text.size() <= 3 && k + 1 < s.size() &&
                                 s[k + 1].is_word))) {
          ++k;
        }
        if (k > 0 && k < s.size() && (s[k].text == "," || s[k].text == "-")) {
          Mention m = make(SpanType::loc, 0, k);
          if (!m.folded.empty() && !gazetteer.places(m.folded).empty()) {
            dateline_end = k;
            for (std::size_t c = 0; c < k; ++c) covered[c] = true;
            m.dateline = true;
            out.push_back(std::move(m));
            // "SAN MATEO, Calif., March 2 -": the state settles which San Mateo.
            if (k + 1 < s.size() && s[k + 1].is_word) {
              Mention state = make(SpanType::loc, k + 1, k + 2);
              if (const Place* region = dateline_state(gazetteer, state.folded)) {
                dateline_end = k + 2;
                covered[k + 1] = true;
                state.dateline = true;
                state.fixed = region;
                out.back().dateline_state = region;
                out.push_back(std::move(state));
              }
            }
          }
        }
      }
      // Stock tickers ("Dome Petroleum <DMP>") are neither actors nor places.
      std::vector<bool> ticker(s.size(), false);
      for (std::size_t k = 0; k + 2 < s.size(); ++k) {
        if (s[k].text != "<") continue;
        std::size_t e = k + 1;
        while (e < s.size() && e <= k + 4 && s[e].text != ">") ++e;
        if (e < s.size() && s[e].text == ">") {
          for (std::size_t c = k; c <= e; ++c) ticker[c] = covered[c] = true;
        }
      }
      for (std::size_t i = 0; i < s.size();) {
        const std::string& tag = i < stags.size() ? stags[i] : std::string("O");
        if (tag.size() < 3) {
          ++i;
          continue;
        }
        std::string type = tag.substr(2);
        std::size_t j = i + 1;
        while (j < s.size() && j < stags.size() && stags[j] == "I-" + type) ++j;
        if (ticker[i]) {
          i = j;
          continue;
        }
        for (std::size_t k = i; k < j; ++k) {
          if (ticker[k]) j = k;  // "Dome Petroleum <DMP": the name ends before the ticker
        }
        // "Korean" (MISC) + "Central News Agency" (ORG) is one organisation's name.
        if (type == "MISC" && j < stags.size() && stags[j] == "B-ORG") {
          type = "ORG";
          ++j;
          while (j < s.size() && j < stags.size() && stags[j] == "I-ORG") ++j;
        }
        for (std::size_t k = i; k < j; ++k) covered[k] = true;
        if (i < dateline_end) {
          i = std::max(j, dateline_end);
          continue;
        }
        SpanType st = type == "PER"   ? SpanType::per
                      : type == "ORG" ? SpanType::org
                      : type == "LOC" ? SpanType::loc
                                      : SpanType::misc;
        Mention m = make(st, i, j);
        // "Korean Central News Agency (KCNA)": the bracketed acronym is another name of it.
        if (j + 2 < s.size() && s[j].text == "(" && s[j + 2].text == ")" && s[j + 1].is_word &&
            s[j + 1].text.size() >= 2 && s[j + 1].text.size() <= 10 && !has_lower(s[j + 1].text) &&
            (st == SpanType::org || st == SpanType::misc || st == SpanType::loc)) {
          std::string acronym = text::fold_phrase(s[j + 1].text);
          if (!acronym.empty() && !m.folded.empty() && acronym[0] == m.folded[0]) {
            acronyms[acronym] = m.folded;
            if (st == SpanType::misc) m.type = SpanType::org;  // a named body with an acronym
            if (j + 1 >= stags.size() || stags[j + 1] == "O") {
              Mention a = make(SpanType::org, j + 1, j + 2);
              out.push_back(std::move(a));
              covered[j + 1] = true;
            }
          }
        }
        // "Kimberley, B.C.", "Vienna, Va.": a state after the comma settles which place.
        if (st == SpanType::loc && j + 1 < s.size() && s[j].text == "," && s[j + 1].is_word &&
            !m.folded.empty()) {
          Mention state = make(SpanType::loc, j + 1, j + 2);
          const Place* region = nullptr;
          const bool abbreviated = (j + 2 < s.size() && s[j + 2].text == ".") ||
                                   s[j + 1].text.find('.') != std::string::npos;
          if (abbreviated) {
            region = dateline_state(gazetteer, state.folded);
          } else {
            const auto& readings = gazetteer.places(state.folded);
            if (!readings.empty() && readings.front()->kind == Place::Kind::region) {
              region = readings.front();
            }
          }
          // A region written out must hold one of the place's readings: "COCA-COLA,
          // GULF/WESTERN" is a list, not Gulf Province.
          if (region != nullptr && !abbreviated) {
            const auto& readings = gazetteer.places(m.folded);
            if (std::none_of(readings.begin(), readings.end(), [&](const Place* p) {
                  return !p->region.empty() &&
                         entities::region_id(p->country, p->region) == region->id;
                })) {
              region = nullptr;
            }
          }
          if (region != nullptr && !stags.empty() && j + 1 < stags.size() &&
              stags[j + 1].size() > 2 && stags[j + 1].substr(2) != "LOC") {
            region = nullptr;  // "Smith, Ford Motor's chief": not a state
          }
          if (region != nullptr) {
            m.dateline_state = region;
            state.fixed = region;
            covered[j + 1] = true;
            out.push_back(std::move(state));
          }
        }
        if (!m.folded.empty()) out.push_back(std::move(m));
        i = j;
      }
      // Capitalised demonyms the tagger left out ("Russian forces") still name a country.
      for (std::size_t i = 0; i < s.size(); ++i) {
        if (covered[i] || !s[i].is_word || s[i].text.empty() ||
            !(std::isupper(static_cast<unsigned char>(s[i].text[0])))) {
          continue;
        }
        for (std::size_t len : {2, 1}) {
          if (i + len > s.size()) continue;
          bool ok = true;
          for (std::size_t k = i; k < i + len; ++k) ok = ok && !covered[k] && s[k].is_word;
          if (!ok) continue;
          std::string folded =
              entities::fold_name(seg.text.substr(s[i].begin, s[i + len - 1].end - s[i].begin));
          if (const Place* country = gazetteer.demonym(folded)) {
            Mention m = make(SpanType::misc, i, i + len);
            m.fixed = country;
            out.push_back(std::move(m));
            i += len - 1;
            break;
          }
        }
      }
    }
  }
  // Drop what only looks like an entity.
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](const Mention& m) {
                             return m.folded.empty() || !has_letter(m.folded) ||
                                    gazetteer.is_stop_entity(m.folded);
                           }),
            out.end());
  return out;
}

}  // namespace newsdex::entities
