// EntityRecognizer: tagger spans -> in-article canonical actors and gazetteer-resolved places.
#include <newsdex/entities.h>
#include <newsdex/error.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <fstream>
#include <future>
#include <map>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "entities/actor_filter.h"
#include "entities/data_dir.h"
#include "entities/gazetteer.h"
#include "entities/language.h"
#include "entities/localized_recognizer.h"
#include "entities/mention.h"
#include "entities/ner_tokenize.h"
#include "entities/place_resolver.h"
#include "entities/recognizer_internals.h"
#include "entities/tagger.h"
#include "text/tokenizer.h"
#include "util/hash.h"

namespace newsdex {

const char* to_string(EntityType type) noexcept {
  switch (type) {
    case EntityType::person:
      return "person";
    case EntityType::organisation:
      return "organisation";
    case EntityType::place:
      return "place";
  }
  return "unknown";
}

namespace {

using entities::Gazetteer;
using entities::has_letter;
using entities::has_lower;
using entities::lower_key;
using entities::Mention;
using entities::SpanType;
using entities::split_words;
using entities::title_case;
using entities::UserAliases;
using entities::NerSentence;
using entities::NerToken;
using entities::Place;

constexpr const char* kModelFile = "models/tagger.bin";

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

// The mention of country `c` made by the first `words` words of `m` ("Russian" of "Russian
// Foreign Ministry").
Mention demonym_mention(const Mention& m, const Place* c, std::size_t words) {
  Mention p = m;
  p.fixed = c;
  std::size_t end = 0;
  for (std::size_t w = 0; w < words && end != std::string::npos; ++w) {
    end = m.surface.find(' ', end == 0 ? 0 : end + 1);
  }
  if (end != std::string::npos) {
    p.surface = m.surface.substr(0, end);
    p.folded = text::fold_phrase(p.surface);
  }
  return p;
}

UserAliases load_user_aliases(const std::string& path) {
  UserAliases map;
  if (path.empty()) return map;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::io, "cannot read aliases file " + path);
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
      std::size_t tab = line.find('\t', start);
      fields.push_back(line.substr(start, tab == std::string::npos ? tab : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    const std::string where = path + ":" + std::to_string(number) + ": ";
    if (fields.size() < 2) {
      throw Error(ErrorCode::input,
                  where + "expected a canonical name and at least one alias, tab-separated",
                  "format: canonical name<TAB>alias<TAB>alias...; '#' starts a comment");
    }
    std::vector<std::string> keys;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      std::string key = text::fold_phrase(fields[i]);
      if (key.empty()) {
        throw Error(ErrorCode::input, where + "field " + std::to_string(i + 1) + " is empty");
      }
      keys.push_back(std::move(key));
    }
    std::string canonical = fields[0];
    canonical.erase(0, canonical.find_first_not_of(" "));
    canonical.erase(canonical.find_last_not_of(" ") + 1);
    for (const auto& key : keys) {
      auto [it, inserted] = map.emplace(key, canonical);
      if (!inserted && text::fold_phrase(it->second) != keys[0]) {
        throw Error(ErrorCode::input,
                    where + "\"" + key + "\" is already an alias of \"" + it->second + "\"");
      }
    }
  }
  return map;
}

// Models are large and read-only: one copy per path in the process while a recogniser uses it.
std::shared_ptr<const entities::tagger_detail::Pipeline> shared_model(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<const entities::tagger_detail::Pipeline>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto alive = cache[path].lock()) return alive;
  auto model = entities::Tagger::load_model(path);
  cache[path] = model;
  return model;
}

}  // namespace

// Hidden though nested in an exported class: no part of the shared library's ABI.
struct __attribute__((visibility("hidden"))) EntityRecognizer::Impl {
  std::shared_ptr<const entities::Tagger> tagger;  // bound to `gazetteer`
  std::shared_ptr<const Gazetteer> gazetteer;      // of options.data_dir, shared process-wide
  entities::PlaceRules place_rules;
  UserAliases user;
  std::string model_version;  // see EntityRecognizer::model_version()

  /// `tokens`: the article's word breaking when the caller has it (else it is done here).
  /// A long body is recognised in windows (see kWindowBytes) whose results are merged.
  ArticleEntities recognize(const Article& article, const ArticleTokens* tokens) const;
  /// One title and body, tokens (may be null) relative to them: the whole document at once.
  /// `date` ("YYYY-MM-DD", may be empty) decides former countries.
  ArticleEntities recognize_text(const std::string& title,
                                 const std::vector<text::Token>* title_tokens,
                                 const std::string& body,
                                 const std::vector<text::Token>* body_tokens,
                                 std::string_view date) const;

  // Pieces of recognize(), in order.
  struct Segment {
    Segment(std::string_view t, std::vector<NerSentence> s) : text(t), sentences(std::move(s)) {
      all_caps.reserve(sentences.size());
      for (const NerSentence& sentence : sentences)
        all_caps.push_back(entities::is_all_caps(text, sentence));
    }
    std::string_view text;
    std::vector<NerSentence> sentences;
    std::vector<bool> all_caps;  // per sentence: is_all_caps()
  };
  std::vector<std::vector<std::string>> tagger_input(std::vector<Segment>& segments,
                                                     std::vector<std::vector<bool>>& caps) const;
  std::vector<Mention> mentions(const std::vector<Segment>& segments,
                                const std::vector<std::vector<bool>>& caps,
                                const std::vector<std::vector<std::string>>& tags,
                                std::unordered_map<std::string, std::string>& acronyms) const;
  std::vector<Entity> actors(std::vector<Mention>& all,
                             const std::unordered_map<std::string, std::string>& acronyms,
                             std::vector<Mention>& places) const;
  bool place_like_actor(const Mention& m, bool* also_actor) const;
};

std::vector<std::vector<std::string>> EntityRecognizer::Impl::tagger_input(
    std::vector<Segment>& segments, std::vector<std::vector<bool>>& caps) const {
  // Case seen for each word where the article writes it in mixed case, so ALL-CAPS headlines
  // and datelines can be given to the tagger in the case the body uses ("KIM" -> "Kim").
  // Only the words of ALL-CAPS text are looked for: a headline has a dozen, the body thousands.
  std::unordered_map<std::string, std::string> vocabulary;
  std::vector<bool> wanted_length(64, false);
  for (std::size_t g = 0; g < segments.size(); ++g) {
    const Segment& seg = segments[g];
    for (std::size_t si = 0; si < seg.sentences.size(); ++si) {
      const NerSentence& s = seg.sentences[si];
      const bool all_caps = seg.all_caps[si];
      if (!all_caps && !(g + 1 == segments.size() && si == 0)) continue;
      for (const NerToken& t : s) {
        if (!t.is_word || has_lower(t.text) || !has_letter(t.text)) {
          if (!all_caps && t.is_word && has_lower(t.text)) break;  // end of the dateline
          continue;
        }
        vocabulary.emplace(lower_key(t.text), std::string());
        if (t.text.size() < wanted_length.size()) wanted_length[t.text.size()] = true;
      }
    }
  }
  if (!vocabulary.empty()) {
    for (const Segment& seg : segments) {
      for (std::size_t si = 0; si < seg.sentences.size(); ++si) {
        const NerSentence& s = seg.sentences[si];
        if (seg.all_caps[si]) continue;
        for (std::size_t i = 1; i < s.size(); ++i) {
          // Mid-sentence case is informative; a capital at sentence start is not.
          const std::string& w = s[i].text;
          if (!s[i].is_word || w.size() >= wanted_length.size() || !wanted_length[w.size()]) {
            continue;
          }
          auto it = vocabulary.find(lower_key(w));
          if (it == vocabulary.end() || !has_letter(w)) continue;
          if (it->second.empty() || has_lower(it->second.substr(0, 1))) it->second = w;
        }
      }
    }
  }
  auto truecase = [&](const std::string& word) -> std::string {
    if (!has_letter(word)) return word;
    std::string key = lower_key(word);
    if (auto it = vocabulary.find(key); it != vocabulary.end() && !it->second.empty()) {
      return it->second;
    }
    std::string folded = text::fold(word);
    if (word.find('.') != std::string::npos || word.size() <= 2) return word;  // "U.S.", "UK"
    if (!gazetteer->places(folded).empty() || gazetteer->is_first_name(folded) ||
        gazetteer->is_surname(folded) || gazetteer->demonym(folded) != nullptr) {
      return title_case(word.size() <= 4 ? std::string(1, word[0]) + key.substr(1) : word);
    }
    return key;
  };
  std::vector<std::vector<std::string>> document;
  caps.clear();
  for (std::size_t g = 0; g < segments.size(); ++g) {
    const Segment& seg = segments[g];
    for (std::size_t si = 0; si < seg.sentences.size(); ++si) {
      const NerSentence& s = seg.sentences[si];
      std::vector<std::string> words;
      std::vector<bool> sentence_caps(s.size(), false);
      const bool all_caps = seg.all_caps[si];
      // A dateline ("SALVADOR, Feb 26 -") is an ALL-CAPS run at the head of the body.
      bool dateline = g + 1 == segments.size() && si == 0 && !all_caps;
      auto upper_word = [&](std::size_t i) {
        return s[i].is_word && has_letter(s[i].text) && !has_lower(s[i].text);
      };
      for (std::size_t i = 0; i < s.size(); ++i) {
        const NerToken& t = s[i];
        if (dateline && t.is_word && has_lower(t.text)) dateline = false;
        if (!((all_caps || dateline) && upper_word(i))) {
          words.push_back(t.text);
          continue;
        }
        // A multi-word place ("NEW YORK", "SAO PAULO") is title-cased as a whole.
        std::size_t run = 1;
        for (std::size_t len : {3, 2}) {
          if (i + len > s.size()) continue;
          std::string phrase;
          bool ok = true;
          for (std::size_t k = i; k < i + len && ok; ++k) {
            ok = upper_word(k);
            if (ok) phrase += (k > i ? " " : "") + lower_key(s[k].text);
          }
          if (ok && (!gazetteer->places(phrase).empty() || gazetteer->demonym(phrase))) {
            run = len;
            break;
          }
        }
        for (std::size_t k = i; k < i + run; ++k) {
          const std::string& raw = s[k].text;
          const bool ascii = std::all_of(raw.begin(), raw.end(), [](char c) { return c > 0; });
          std::string w =
              run > 1 && ascii ? std::string(1, raw[0]) + lower_key(raw).substr(1) : truecase(raw);
          words.push_back(std::move(w));
          sentence_caps[k] = true;
        }
        i += run - 1;
      }
      document.push_back(std::move(words));
      caps.push_back(std::move(sentence_caps));
    }
  }
  return document;
}

std::vector<Mention> EntityRecognizer::Impl::mentions(
    const std::vector<Segment>& segments, const std::vector<std::vector<bool>>& caps,
    const std::vector<std::vector<std::string>>& tags,
    std::unordered_map<std::string, std::string>& acronyms) const {
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
          if (!m.folded.empty() && !gazetteer->places(m.folded).empty()) {
            dateline_end = k;
            for (std::size_t c = 0; c < k; ++c) covered[c] = true;
            m.dateline = true;
            out.push_back(std::move(m));
            // "SAN MATEO, Calif., March 2 -": the state settles which San Mateo.
            if (k + 1 < s.size() && s[k + 1].is_word) {
              Mention state = make(SpanType::loc, k + 1, k + 2);
              if (const Place* region = dateline_state(*gazetteer, state.folded)) {
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
            region = dateline_state(*gazetteer, state.folded);
          } else {
            const auto& readings = gazetteer->places(state.folded);
            if (!readings.empty() && readings.front()->kind == Place::Kind::region) {
              region = readings.front();
            }
          }
          // A region written out must hold one of the place's readings: "COCA-COLA,
          // GULF/WESTERN" is a list, not Gulf Province.
          if (region != nullptr && !abbreviated) {
            const auto& readings = gazetteer->places(m.folded);
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
          if (const Place* country = gazetteer->demonym(folded)) {
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
                                    gazetteer->is_stop_entity(m.folded);
                           }),
            out.end());
  return out;
}

// A PER/ORG span that is exactly a place name and cannot be a person's name is a place:
// "Russia said", a mis-tagged "Wonsan". `also_actor`: a country acting ("Russia said") stays
// an actor as well.
bool EntityRecognizer::Impl::place_like_actor(const Mention& m, bool* also_actor) const {
  *also_actor = false;
  if (user.count(m.folded)) return false;
  const auto& readings = gazetteer->places(m.folded);
  if (readings.empty()) return false;
  const bool one_word = m.folded.find(' ') == std::string::npos;
  if (one_word && (gazetteer->is_first_name(m.folded) || gazetteer->is_surname(m.folded))) {
    return false;
  }
  if (readings.front()->kind == Place::Kind::country) {
    *also_actor = m.type == SpanType::org;
    return true;
  }
  return true;
}

std::vector<Entity> EntityRecognizer::Impl::actors(
    std::vector<Mention>& all, const std::unordered_map<std::string, std::string>& acronyms,
    std::vector<Mention>& place_mentions) const {
  // Distinct actor forms.
  struct Form {
    std::string folded;
    std::vector<std::string> words;
    std::string surface;  // best surface: mixed case preferred
    std::size_t count = 0;
    std::size_t per = 0, org = 0;
    std::size_t first = 0;
    int cluster = -1;
  };
  std::vector<Form> forms;
  std::unordered_map<std::string, std::size_t> form_index;
  for (Mention& m : all) {
    if (m.type == SpanType::loc || m.fixed != nullptr) {
      place_mentions.push_back(m);
      continue;
    }
    if (m.type == SpanType::misc) {
      // A demonym ("Russian", "North Korean") names its country; a longer MISC span that starts
      // with one ("Russian Army") does too. Other MISC (events, languages) is not an entity here.
      auto words = split_words(m.folded);
      for (std::size_t len = std::min<std::size_t>(2, words.size()); len >= 1; --len) {
        std::string head = words[0];
        if (len == 2) head += " " + words[1];
        if (const Place* c = gazetteer->demonym(head)) {
          place_mentions.push_back(demonym_mention(m, c, len));
          break;
        }
      }
      continue;
    }
    bool also_actor = false;
    if (place_like_actor(m, &also_actor)) {
      place_mentions.push_back(m);
      place_mentions.back().from_actor = true;
      if (!also_actor) continue;
    }
    if (m.type == SpanType::org) {
      // "Russian Foreign Ministry" also tells where: Russia.
      auto words = split_words(m.folded);
      std::size_t len = 2;
      const Place* c = words.size() > 2 ? gazetteer->demonym(words[0] + " " + words[1]) : nullptr;
      if (c == nullptr && words.size() > 1) {
        len = 1;
        c = gazetteer->demonym(words[0]);
      }
      if (c != nullptr) place_mentions.push_back(demonym_mention(m, c, len));
    }
    auto [it, inserted] = form_index.emplace(m.folded, forms.size());
    if (inserted) {
      Form f;
      f.folded = m.folded;
      f.words = split_words(m.folded);
      f.surface = m.surface;
      f.first = m.order;
      forms.push_back(std::move(f));
    }
    Form& f = forms[it->second];
    ++f.count;
    (m.type == SpanType::per ? f.per : f.org) += 1;
    if (!m.caps && (f.surface.empty() || !has_lower(f.surface))) f.surface = m.surface;
  }
  if (forms.empty()) return {};

  // Longest forms first: each shorter form joins a longer one that contains it.
  std::vector<std::size_t> by_length(forms.size());
  for (std::size_t i = 0; i < forms.size(); ++i) by_length[i] = i;
  std::stable_sort(by_length.begin(), by_length.end(), [&](std::size_t a, std::size_t b) {
    if (forms[a].words.size() != forms[b].words.size()) {
      return forms[a].words.size() > forms[b].words.size();
    }
    return forms[a].count > forms[b].count;
  });
  struct Cluster {
    std::string canonical;  // display name
    std::string folded;
    std::vector<std::size_t> forms;
    std::size_t count = 0, per = 0, org = 0, first = SIZE_MAX;
  };
  std::vector<Cluster> clusters;
  std::unordered_map<std::string, int> cluster_by_key;  // folded canonical or user canonical
  auto contains = [](const std::vector<std::string>& longer, const std::vector<std::string>& w) {
    if (w.empty() || w.size() >= longer.size()) return false;
    for (std::size_t s = 0; s + w.size() <= longer.size(); ++s) {
      if (std::equal(w.begin(), w.end(), longer.begin() + static_cast<std::ptrdiff_t>(s))) {
        return true;
      }
    }
    return false;
  };
  for (std::size_t idx : by_length) {
    Form& f = forms[idx];
    int target = -1;
    if (auto u = user.find(f.folded); u != user.end()) {
      const std::string key = text::fold_phrase(u->second);
      if (auto c = cluster_by_key.find(key); c != cluster_by_key.end()) {
        target = c->second;
      } else {
        clusters.push_back(Cluster{u->second, key, {}, 0, 0, 0, SIZE_MAX});
        target = static_cast<int>(clusters.size() - 1);
        cluster_by_key[key] = target;
      }
    }
    if (target < 0) {
      if (auto a = acronyms.find(f.folded); a != acronyms.end()) {
        if (auto fi = form_index.find(a->second); fi != form_index.end()) {
          target = forms[fi->second].cluster;
        }
      }
    }
    if (target < 0) {
      // A shorter form contained in a longer one of the article: "Lavrov" in "Sergey Lavrov".
      // Same type preferred; among several, the most mentioned.
      const bool is_per = f.per >= f.org;
      int best = -1;
      int best_score = -1;
      for (std::size_t c = 0; c < clusters.size(); ++c) {
        bool inside = false;
        for (std::size_t other : clusters[c].forms) {
          if (contains(forms[other].words, f.words)) inside = true;
        }
        if (!inside) continue;
        const bool same_type = (clusters[c].per >= clusters[c].org) == is_per;
        int score = static_cast<int>(clusters[c].count) + (same_type ? 100000 : 0);
        if (score > best_score) {
          best_score = score;
          best = static_cast<int>(c);
        }
      }
      target = best;
    }
    if (target < 0) {
      if (auto c = cluster_by_key.find(f.folded); c != cluster_by_key.end()) target = c->second;
    }
    if (target < 0) {
      std::string display = has_lower(f.surface) ? f.surface : title_case(f.surface);
      clusters.push_back(Cluster{display, f.folded, {}, 0, 0, 0, SIZE_MAX});
      target = static_cast<int>(clusters.size() - 1);
      cluster_by_key[f.folded] = target;
    }
    f.cluster = target;
    Cluster& c = clusters[target];
    c.forms.push_back(idx);
    c.count += f.count;
    c.per += f.per;
    c.org += f.org;
    c.first = std::min(c.first, f.first);
  }

  std::vector<std::size_t> order(clusters.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (clusters[a].count != clusters[b].count) return clusters[a].count > clusters[b].count;
    return clusters[a].first < clusters[b].first;
  });
  std::vector<Entity> out;
  for (std::size_t ci : order) {
    const Cluster& c = clusters[ci];
    Entity e;
    e.type = c.per >= c.org ? EntityType::person : EntityType::organisation;
    // The canonical name is the longest full form unless the user named it.
    e.name = c.canonical;
    e.id = text::fold_phrase(e.name);
    e.mentions = static_cast<int>(c.count);
    std::unordered_set<std::string> seen{e.id};
    for (std::size_t fi : c.forms) {
      const Form& f = forms[fi];
      if (!seen.insert(f.folded).second) continue;
      e.aliases.push_back(has_lower(f.surface) ? f.surface : title_case(f.surface));
    }
    out.push_back(std::move(e));
  }
  return out;
}

namespace {

// Recognition holds per-token state for the whole document (about 1.3 KB a token): a 100 MB
// one-paragraph article needed 22.8 GB. Bodies longer than this are recognised in windows of
// about this size, cut at a paragraph, sentence or word boundary; document-level evidence
// (aliases, repeated names) then spans one window, which no real news article exceeds.
constexpr std::size_t kWindowBytes = 64 * 1024;

// End of the window of `body` that starts at `start`: the last line break, else sentence end,
// else space before start + kWindowBytes (at least a quarter of the way in), else a hard cut.
std::size_t window_end(const std::string& body, std::size_t start) {
  if (body.size() - start <= kWindowBytes) return body.size();
  const std::size_t limit = start + kWindowBytes, floor = start + kWindowBytes / 4;
  for (const char* sep : {"\n", ". ", " "}) {
    const std::size_t at = body.rfind(sep, limit);
    if (at != std::string::npos && at > floor) return at + std::char_traits<char>::length(sep);
  }
  std::size_t cut = limit;
  while (cut > start && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80) --cut;
  return cut;
}

// Adds the entities of one window to those found so far: the same entity (type and id, else
// name) once, mentions summed, aliases joined; most mentioned first, as for one window.
void merge_entities(std::vector<Entity>& into, std::vector<Entity>&& more) {
  for (Entity& e : more) {
    const auto same = std::find_if(into.begin(), into.end(), [&](const Entity& x) {
      return x.type == e.type && (x.id.empty() ? x.name == e.name : x.id == e.id);
    });
    if (same == into.end()) {
      into.push_back(std::move(e));
      continue;
    }
    same->mentions += e.mentions;
    for (std::string& alias : e.aliases) {
      if (std::find(same->aliases.begin(), same->aliases.end(), alias) == same->aliases.end()) {
        same->aliases.push_back(std::move(alias));
      }
    }
  }
  std::stable_sort(into.begin(), into.end(),
                   [](const Entity& a, const Entity& b) { return a.mentions > b.mentions; });
}

}  // namespace

ArticleEntities EntityRecognizer::Impl::recognize(const Article& article,
                                                  const ArticleTokens* tokens) const {
  // The tagger knows English only: other languages go to the gazetteer-and-capitals path
  // (entities/localized_recognizer.h; the language: entities/language.h).
  if (const std::string lang = entities::article_language(article); lang != "en") {
    return entities::recognize_localized(*gazetteer, lang, article.title, article.body);
  }
  const std::vector<text::Token>* title_tokens = tokens ? &tokens->title : nullptr;
  if (article.body.size() <= kWindowBytes) {
    return recognize_text(article.title, title_tokens, article.body,
                          tokens ? &tokens->body : nullptr, article.date);
  }
  ArticleEntities all;
  std::size_t next_token = 0;
  for (std::size_t start = 0; start < article.body.size();) {
    std::size_t end = window_end(article.body, start);
    std::vector<text::Token> window_tokens;
    if (tokens) {
      // The caller's tokens of this window, relative to it; a token across the cut moves it.
      const auto& body_tokens = tokens->body;
      for (; next_token < body_tokens.size() && body_tokens[next_token].begin < end; ++next_token) {
        text::Token t = body_tokens[next_token];
        end = std::max(end, t.end);
        t.begin -= start;
        t.end -= start;
        window_tokens.push_back(t);
      }
    }
    const std::string window = article.body.substr(start, end - start);
    ArticleEntities part = recognize_text(start == 0 ? article.title : std::string(),
                                          start == 0 ? title_tokens : nullptr, window,
                                          tokens ? &window_tokens : nullptr, article.date);
    merge_entities(all.actors, std::move(part.actors));
    merge_entities(all.places, std::move(part.places));
    start = end;
  }
  return all;
}

ArticleEntities EntityRecognizer::Impl::recognize_text(
    const std::string& title, const std::vector<text::Token>* title_tokens, const std::string& body,
    const std::vector<text::Token>* body_tokens, std::string_view date) const {
  std::vector<Segment> segments;
  auto add_segment = [&](const std::string& text, const std::vector<text::Token>* raw) {
    if (text.empty()) return;
    segments.push_back(
        Segment{text, raw ? entities::ner_tokenize(text, *raw) : entities::ner_tokenize(text)});
  };
  add_segment(title, title_tokens);
  add_segment(body, body_tokens);
  std::vector<std::vector<bool>> caps;
  auto document = tagger_input(segments, caps);
  ArticleEntities result;
  if (document.empty()) return result;
  auto tags = tagger->tag(document);
  if (tags.size() != document.size()) {
    throw Error(ErrorCode::internal, "tagger returned a tag sequence of the wrong length");
  }
  std::unordered_map<std::string, std::string> acronyms;
  std::vector<Mention> all = mentions(segments, caps, tags, acronyms);
  std::vector<Mention> place_mentions;
  result.actors = actors(all, acronyms, place_mentions);
  entities::drop_non_actors(result.actors, title, body);  // tickers, `Inc` (actor_filter.h)
  result.places =
      entities::resolve_places(*gazetteer, place_rules, user, place_mentions, result.actors, date);
  return result;
}

EntityRecognizer::EntityRecognizer(const RecognizerOptions& options)
    : impl_(std::make_unique<Impl>()) {
  // The model and the gazetteers take about as long to load as each other: in parallel. Both
  // come from the one data directory; the tagger's features use the same gazetteer as the
  // place stage.
  const std::string model_path = entities::data_path(kModelFile, options.data_dir);
  auto model = std::async(std::launch::async, [&model_path] { return shared_model(model_path); });
  try {
    impl_->gazetteer = Gazetteer::shared(options.data_dir);
    impl_->place_rules = entities::PlaceRules::load(options.data_dir);
    impl_->user = load_user_aliases(options.aliases_file);
  } catch (...) {
    model.wait();
    throw;
  }
  impl_->tagger = std::make_shared<const entities::Tagger>(model.get(), impl_->gazetteer);
  // The trained model decides the entities found. Stored in the database, so that an index is
  // not silently extended with entities of another model. (User aliases are the user's to
  // change: they only merge names, and apply to new articles.)
  std::ifstream in(model_path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  impl_->model_version = util::hex64(util::fnv1a64(bytes, util::fnv1a64("newsdex-tagger")));
}

const std::string& EntityRecognizer::model_version() const noexcept { return impl_->model_version; }

EntityRecognizer::~EntityRecognizer() = default;
EntityRecognizer::EntityRecognizer(EntityRecognizer&&) noexcept = default;
EntityRecognizer& EntityRecognizer::operator=(EntityRecognizer&&) noexcept = default;

ArticleEntities EntityRecognizer::recognize(const Article& article) const {
  return impl_->recognize(article, nullptr);
}

ArticleTokens tokenize_article(const Article& article) {
  return {text::tokenize(article.title, /*with_punct=*/true),
          text::tokenize(article.body, /*with_punct=*/true)};
}

ArticleEntities EntityRecognizer::recognize_text(const std::string& text) const {
  Article article;
  article.body = text;
  return impl_->recognize(article, nullptr);
}

ArticleEntities recognize_tokens(const EntityRecognizer& recognizer, const Article& article,
                                 const ArticleTokens& tokens) {
  return recognizer.impl().recognize(article, &tokens);
}

std::vector<std::vector<std::string>> EntityRecognizer::tag_document(
    const std::vector<std::vector<std::string>>& document) const {
  return impl_->tagger->tag(document);
}

}  // namespace newsdex
