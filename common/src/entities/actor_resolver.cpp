// Stage 4 of the recogniser (recognizer_stages.h): the article's actors, one per person or
// organisation, short forms and acronyms joined to full names.
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

// A PER/ORG span that is exactly a place name and cannot be a person's name is a place:
// "Russia said", a mis-tagged "Wonsan". `also_actor`: a country acting ("Russia said") stays
// an actor as well.
bool place_like_actor(const Gazetteer& gazetteer, const UserAliases& user, const Mention& m,
                      bool* also_actor) {
  *also_actor = false;
  if (user.count(m.folded)) return false;
  const auto& readings = gazetteer.places(m.folded);
  if (readings.empty()) return false;
  const bool one_word = m.folded.find(' ') == std::string::npos;
  if (one_word && (gazetteer.is_first_name(m.folded) || gazetteer.is_surname(m.folded))) {
    return false;
  }
  if (readings.front()->kind == Place::Kind::country) {
    *also_actor = m.type == SpanType::org;
    return true;
  }
  return true;
}

}  // namespace

std::vector<Entity> resolve_actors(const Gazetteer& gazetteer, const UserAliases& user,
                                   std::vector<Mention>& all,
                                   const std::unordered_map<std::string, std::string>& acronyms,
                                   std::vector<Mention>& place_mentions) {
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
        if (const Place* c = gazetteer.demonym(head)) {
          place_mentions.push_back(demonym_mention(m, c, len));
          break;
        }
      }
      continue;
    }
    bool also_actor = false;
    if (place_like_actor(gazetteer, user, m, &also_actor)) {
      place_mentions.push_back(m);
      place_mentions.back().from_actor = true;
      if (!also_actor) continue;
    }
    if (m.type == SpanType::org) {
      // "Russian Foreign Ministry" also tells where: Russia.
      auto words = split_words(m.folded);
      std::size_t len = 2;
      const Place* c = words.size() > 2 ? gazetteer.demonym(words[0] + " " + words[1]) : nullptr;
      if (c == nullptr && words.size() > 1) {
        len = 1;
        c = gazetteer.demonym(words[0]);
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

}  // namespace newsdex::entities
