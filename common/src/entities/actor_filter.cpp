// Stock tickers and fragments that are no actor: see actor_filter.h.
#include "entities/actor_filter.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "text/tokenizer.h"

namespace newsdex::entities {
namespace {

bool has_letter(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80;
  });
}

// `s` up to an angle bracket, without the spaces and punctuation before it.
std::string cut_at_bracket(const std::string& s) {
  const std::size_t lt = s.find_first_of("<>");
  if (lt == std::string::npos) return s;
  std::string out = s.substr(0, lt);
  while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == '-')) {
    out.pop_back();
  }
  return out;
}

bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || u >= 0x80 || c == '.' || c == '\'';
}

// Whether `name` occurs in `text` as a whole word, and whether every such occurrence is right
// after a '<' (a ticker: `<XON>`).
void occurrences(std::string_view text, std::string_view name, bool& any, bool& all_bracketed) {
  for (std::size_t at = text.find(name); at != std::string_view::npos;
       at = text.find(name, at + 1)) {
    const std::size_t end = at + name.size();
    if ((at > 0 && is_word_byte(text[at - 1])) || (end < text.size() && is_word_byte(text[end]))) {
      continue;
    }
    any = true;
    if (at == 0 || text[at - 1] != '<') all_bracketed = false;
  }
}

bool is_suffix_only(const std::string& folded) {
  static constexpr std::string_view kSuffixes[] = {"inc", "co",  "cos",  "corp", "ltd", "plc",
                                                   "llc", "ag",  "nv",   "bv",   "gmbh", "spa",
                                                   "pty", "sa",  "corporation", "company"};
  return std::find(std::begin(kSuffixes), std::end(kSuffixes), folded) != std::end(kSuffixes);
}

}  // namespace

void drop_non_actors(std::vector<Entity>& actors, std::string_view title, std::string_view body) {
  std::vector<Entity> kept;
  kept.reserve(actors.size());
  for (Entity& e : actors) {
    // A ticker: every mention of the name (and of each alias) sits right after a '<'.
    if (e.name.find_first_of("<>") == std::string::npos && e.name.size() <= 12) {
      bool any = false, all_bracketed = true;
      occurrences(title, e.name, any, all_bracketed);
      occurrences(body, e.name, any, all_bracketed);
      for (const std::string& alias : e.aliases) {
        occurrences(title, alias, any, all_bracketed);
        occurrences(body, alias, any, all_bracketed);
      }
      if (any && all_bracketed) continue;
    }
    const std::string cut = cut_at_bracket(e.name);
    if (!has_letter(cut)) continue;
    if (cut != e.name) {
      e.name = cut;
      e.id = text::fold_phrase(cut);
    }
    const std::string folded = e.id.empty() ? text::fold_phrase(e.name) : e.id;
    if (folded.empty() || is_suffix_only(folded)) continue;
    std::vector<std::string> aliases;
    for (std::string& alias : e.aliases) {
      std::string a = cut_at_bracket(alias);
      if (!has_letter(a) || text::fold_phrase(a) == folded) continue;
      if (std::find(aliases.begin(), aliases.end(), a) == aliases.end()) aliases.push_back(std::move(a));
    }
    e.aliases = std::move(aliases);
    // Cut to the name of another actor of the article: one actor.
    const auto same = std::find_if(kept.begin(), kept.end(), [&](const Entity& k) {
      return (k.id.empty() ? text::fold_phrase(k.name) : k.id) == folded;
    });
    if (same != kept.end()) {
      same->mentions += e.mentions;
      for (std::string& a : e.aliases) {
        if (std::find(same->aliases.begin(), same->aliases.end(), a) == same->aliases.end()) {
          same->aliases.push_back(std::move(a));
        }
      }
      continue;
    }
    kept.push_back(std::move(e));
  }
  actors = std::move(kept);
}

}  // namespace newsdex::entities
