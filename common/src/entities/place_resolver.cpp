// The place stage of the recogniser (place_resolver.h): readings, evidence, former countries.
#include "entities/place_resolver.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "entities/data_dir.h"
#include "entities/former_countries.h"
#include "text/tokenizer.h"

namespace newsdex::entities {
namespace {

// A city this populous is what its name means even when the name is also a common word
// ("Split", "Bologna"); smaller ones ("Federal", Argentina; "Union", New Jersey) need support.
constexpr std::uint32_t kCommonWordCityPopulation = 100000;

// True if `surface` is written as an acronym ("ICO", "BA"): 2-4 letters, none lower case.
bool is_acronym(std::string_view surface) {
  std::size_t letters = 0;
  for (char c : surface) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
  }
  return letters >= 2 && letters <= 4;
}

// Readings of one distinct name of the article.
struct Name {
  std::string folded;
  std::vector<const Place*> readings;
  std::string surface;
  std::size_t count = 0;
  std::size_t first = 0;
  bool fixed = false;       // a demonym's country
  bool dateline = false;    // some mention is in the dateline
  bool all_actor = true;    // every mention was tagged as a person or organisation
  bool any_acronym = false; // written as an acronym in mixed-case text
  bool any_plain = false;   // written other than as an acronym in mixed-case text
  bool all_caps = true;     // every mention is in an ALL-CAPS headline or dateline
  const Place* state = nullptr;  // the dateline's state, for the dateline's city
};

}  // namespace

PlaceRules PlaceRules::load(const std::string& data_dir) {
  PlaceRules rules;
  const std::string dir = resolve_data_dir(data_dir) + "/gazetteer/";
  for (const auto& line : table_lines(dir + "common-word-places.txt")) {
    rules.common_words.insert(text::fold_phrase(line));
  }
  for (const auto& line : table_lines(dir + "areas.txt")) {
    rules.areas.insert(text::fold_phrase(line));
  }
  return rules;
}

std::vector<Entity> resolve_places(const Gazetteer& gazetteer, const PlaceRules& rules,
                                   const UserAliases& user, const std::vector<Mention>& mentions,
                                   const std::vector<Entity>& actors, std::string_view date) {
  std::vector<Name> names;
  std::unordered_map<std::string, std::size_t> name_index;
  for (const Mention& m : mentions) {
    // A demonym's reading is fixed: keep it apart from a place of the same spelling.
    std::string key = m.fixed ? "\x01" + m.fixed->id + "\x01" + m.folded : m.folded;
    auto [it, inserted] = name_index.emplace(key, names.size());
    if (inserted) {
      Name n;
      n.folded = m.folded;
      n.surface = m.surface;
      n.first = m.order;
      if (m.fixed) {
        n.readings.push_back(m.fixed);
        n.fixed = true;
      } else if (!rules.areas.count(m.folded)) {
        std::string lookup = m.folded;
        if (auto u = user.find(lookup); u != user.end()) lookup = text::fold_phrase(u->second);
        n.readings = gazetteer.places(lookup);
      }
      names.push_back(std::move(n));
    }
    Name& n = names[it->second];
    ++n.count;
    if (!m.caps && !has_lower(n.surface)) n.surface = m.surface;
    n.dateline = n.dateline || m.dateline;
    if (m.dateline_state) n.state = m.dateline_state;
    n.all_actor = n.all_actor && m.from_actor;
    n.all_caps = n.all_caps && m.caps;
    if (!m.caps) (is_acronym(m.surface) ? n.any_acronym : n.any_plain) = true;
  }

  // The dateline's state settles its city: a reading in that state, else no reading
  // ("VIENNA, Va." is not Austria's capital; GeoNames may not have that Vienna).
  for (Name& n : names) {
    if (n.state == nullptr) continue;
    std::vector<const Place*> in_state;
    for (const Place* p : n.readings) {
      if (p->country == n.state->country && !p->region.empty() &&
          region_id(p->country, p->region) == n.state->id) {
        in_state.push_back(p);
      }
    }
    n.readings = std::move(in_state);
  }

  // A former country's successor did not exist yet: another reading of the name goes first
  // ("Georgia" in 1987 is the US state).
  for (Name& n : names) {
    if (n.readings.size() < 2 || n.fixed) continue;
    const Place* top = n.readings.front();
    if (top->kind != Place::Kind::country ||
        !is_successor_before_independence(top->country, date)) {
      continue;
    }
    auto region = std::find_if(n.readings.begin(), n.readings.end(),
                               [](const Place* p) { return p->kind == Place::Kind::region; });
    if (region != n.readings.end()) std::rotate(n.readings.begin(), region, region + 1);
  }

  // What the other places of the article support: their countries and regions.
  std::unordered_map<std::string, std::size_t> country_votes;
  std::unordered_map<std::string, std::size_t> region_votes;
  for (const Name& n : names) {
    if (n.readings.empty()) continue;
    const Place* top = n.readings.front();
    country_votes[top->country] += 1;
    if (top->kind == Place::Kind::region) region_votes[top->id] += 1;
  }
  std::vector<const Place*> chosen(names.size(), nullptr);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const Name& n = names[i];
    if (n.readings.empty()) continue;
    chosen[i] = n.readings.front();
    if (n.readings.size() < 2) continue;
    const Place* top = n.readings.front();
    // Another reading wins when the article names its region ("Paris, Texas"), or names its
    // country and the reading is not dwarfed by the top one: "Moscow" in a story that also
    // names Washington is still the Russian capital, not Moscow, Idaho, and "Geneva" in a
    // GATT story that names the United States is still in Switzerland. A country yields only
    // to a US state of a story about the US ("Georgia"): "Mexico" in a story that names the
    // Philippines is not a Philippine town.
    auto support = [&](const Place* p) -> bool {
      if (p == top) return false;
      if (!p->region.empty()) {
        auto r = region_votes.find(region_id(p->country, p->region));
        if (r != region_votes.end()) return true;
      }
      const std::size_t own = p->country == top->country ? 1 : 0;
      auto c = country_votes.find(p->country);
      if (c == country_votes.end() || c->second <= own) return false;
      auto top_country = country_votes.find(top->country);
      if (top_country != country_votes.end() && top_country->second > 1) return false;
      if (top->kind == Place::Kind::country) {
        return p->kind == Place::Kind::region && p->country == "US";
      }
      return std::uint64_t{p->population} * 2 >= std::uint64_t{top->population};
    };
    for (const Place* p : n.readings) {
      if (support(p)) {
        chosen[i] = p;
        break;
      }
    }
  }

  // Readings that are only plausible need the article's support. A name that is also a
  // common word ("Gulf", "Federal funds"), a company or person the tagger saw ("Dome",
  // "Honda"), an acronym of something else ("ICO" is not Icó) or a given name ("Paul") is a
  // place only in a dateline, or when another place of the article is in the same country.
  // Words of organisations' names: "rio tinto zinc corp plc" holds "rio tinto".
  std::vector<std::string> org_names;
  for (const Entity& a : actors) {
    if (a.type != EntityType::organisation) continue;
    org_names.push_back(" " + text::fold_phrase(a.name) + " ");
    for (const auto& alias : a.aliases) org_names.push_back(" " + text::fold_phrase(alias) + " ");
  }
  const auto inside_org = [&org_names](const std::string& folded) {
    const std::string key = " " + folded + " ";
    return std::any_of(org_names.begin(), org_names.end(), [&key](const std::string& org) {
      return org.size() > key.size() && org.find(key) != std::string::npos;
    });
  };
  std::vector<bool> weak(names.size(), false);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const Place* p = chosen[i];
    const Name& n = names[i];
    if (p == nullptr || n.fixed || n.dateline || p->kind == Place::Kind::country) continue;
    const bool small = p->kind == Place::Kind::region || p->population < kCommonWordCityPopulation;
    const bool one_word = n.folded.find(' ') == std::string::npos;
    const bool common = rules.common_words.count(n.folded) > 0;
    weak[i] = n.all_actor || (common && (small || n.all_caps)) ||
              (small && inside_org(n.folded)) ||
              (n.any_acronym && !n.any_plain && !is_acronym(p->name)) ||
              (small && one_word &&
               (gazetteer.is_first_name(n.folded) || gazetteer.is_surname(n.folded)));
  }
  std::unordered_map<std::string, std::size_t> strong_countries;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (chosen[i] != nullptr && !weak[i]) strong_countries[chosen[i]->country] += 1;
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (weak[i] && !strong_countries.count(chosen[i]->country)) chosen[i] = nullptr;
    // An unsupported reading is dropped; the name is no place at all (unless nothing in the
    // gazetteer was meant: an area such as "Asia" stays a place without a country).
  }

  // Group names by the place chosen.
  struct Group {
    Entity entity;
    std::size_t first = 0;
    std::unordered_set<std::string> seen;
  };
  std::vector<Group> groups;
  std::unordered_map<std::string, std::size_t> group_index;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const Name& n = names[i];
    const Place* p = chosen[i];
    if (p == nullptr && !n.readings.empty() && !n.dateline) continue;  // dropped above
    std::string id = p ? p->id : n.folded;
    auto [it, inserted] = group_index.emplace(id, groups.size());
    if (inserted) {
      Group g;
      g.entity.type = EntityType::place;
      g.entity.id = id;
      if (p) {
        g.entity.name = p->name;
        g.entity.country = country_on(*p, date);
        if (p->kind == Place::Kind::city) g.entity.region = p->region;
      } else {
        auto u = user.find(n.folded);
        g.entity.name = u != user.end()        ? u->second
                        : has_lower(n.surface) ? n.surface
                                               : title_case(n.surface);
      }
      g.first = n.first;
      g.seen.insert(text::fold_phrase(g.entity.name));
      groups.push_back(std::move(g));
    }
    Group& g = groups[it->second];
    g.entity.mentions += static_cast<int>(n.count);
    g.first = std::min(g.first, n.first);
    if (g.seen.insert(n.folded).second) {
      g.entity.aliases.push_back(has_lower(n.surface) ? n.surface : title_case(n.surface));
    }
  }
  std::stable_sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
    if (a.entity.mentions != b.entity.mentions) return a.entity.mentions > b.entity.mentions;
    return a.first < b.first;
  });
  std::vector<Entity> out;
  out.reserve(groups.size());
  for (Group& g : groups) out.push_back(std::move(g.entity));
  return out;
}

}  // namespace newsdex::entities
