// One name per actor across the corpus: see actor_canon.h.
#include "entities/actor_canon.h"

#include <newsdex/error.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>

#include "entities/gazetteer.h"
#include "entities/index_terms.h"
#include "index/schema.h"
#include "text/tokenizer.h"

namespace newsdex::entities {
namespace {

const std::string kEmpty;

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = s.find(sep, start);
    out.push_back(s.substr(start, end == std::string::npos ? end : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

// Words that do not tell organisations apart: `Texaco Inc` is `Texaco`, `Organization of the
// Petroleum Exporting Countries` is `Organization of Petroleum Exporting Countries`. The same
// list as the XN words left out (index_terms.cpp), plus `for`.
bool is_filler(std::string_view w) {
  static constexpr std::string_view kFiller[] = {"and", "of",  "the", "&",  "co",   "cos", "inc",
                                                 "corp", "ltd", "plc", "llc", "sa",  "ag", "nv",
                                                 "bv",   "gmbh", "spa", "pty", "for"};
  return std::find(std::begin(kFiller), std::end(kFiller), w) != std::end(kFiller);
}

// Words before a surname that are no first name: `Mr Nakasone` is `Nakasone`.
bool is_title(std::string_view w) {
  static constexpr std::string_view kTitles[] = {
      "mr",        "mrs",       "ms",        "dr",    "sir",      "president", "minister",
      "chairman",  "chief",     "general",   "gen",   "governor", "senator",   "king",
      "queen",     "prince",    "secretary", "judge", "premier",  "chancellor", "treasury",
      "ambassador", "commissioner", "representative", "rep", "sen", "lord", "lady"};
  return std::find(std::begin(kTitles), std::end(kTitles), w) != std::end(kTitles);
}

bool has_digit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A word of a name that can be a letter of an acronym or a surname: starts with a letter.
bool is_alpha_start(std::string_view w) {
  return !w.empty() && ((w[0] >= 'a' && w[0] <= 'z') || static_cast<unsigned char>(w[0]) >= 0x80);
}

// Edit distance between two words, capped: more than 1 is reported as 2.
int words_apart(std::string_view a, std::string_view b) {
  if (a == b) return 0;
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return 2;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  // One substitution (same length) or one insertion (b one longer).
  const std::string_view rest_a = a.substr(a.size() == b.size() ? i + 1 : i);
  const std::string_view rest_b = b.substr(i + 1);
  return rest_a == rest_b ? 1 : 2;
}

// Whether two names are one spelled two ways: the same words but for filler words, each
// within one letter of the other (`organisation`, `organization`).
bool same_spelling(const std::string& x, const std::string& y) {
  std::vector<std::string> a, b;
  for (auto& w : split(x, ' ')) if (!is_filler(w)) a.push_back(w);
  for (auto& w : split(y, ' ')) if (!is_filler(w)) b.push_back(w);
  if (a.size() != b.size()) return false;
  int edits = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const int d = words_apart(a[i], b[i]);
    if (d > 1 || (d == 1 && a[i].size() < 5)) return false;
    edits += d;
  }
  return edits <= 1;
}

struct Actor {
  std::string id;
  Xapian::doccount articles = 0;
};

// Documents holding both terms.
Xapian::doccount both(const Xapian::Database& db, const std::string& a, const std::string& b) {
  Xapian::PostingIterator pa = db.postlist_begin(a), ea = db.postlist_end(a);
  Xapian::PostingIterator pb = db.postlist_begin(b), eb = db.postlist_end(b);
  Xapian::doccount n = 0;
  while (pa != ea && pb != eb) {
    if (*pa == *pb) {
      ++n;
      ++pa;
      ++pb;
    } else if (*pa < *pb) {
      pa.skip_to(*pb);
    } else {
      pb.skip_to(*pa);
    }
  }
  return n;
}

// Whether the actor `id` is a person in most of (up to) the first three articles that name it,
// from the types stored in their data (bodies are skipped while parsing).
bool is_person(const Xapian::Database& db, const std::string& id) {
  const std::string term = kActorPrefix + id;
  int person = 0, other = 0;
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term) && person + other < 3;
       ++it) {
    const nlohmann::json j = nlohmann::json::parse(
        db.get_document(*it).get_data(),
        [](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
          return !(depth == 1 && event == nlohmann::json::parse_event_t::key &&
                   (parsed == "body" || parsed == "title" || parsed == "places"));
        },
        /*allow_exceptions=*/false);
    if (!j.is_object() || !j.contains("actors") || !j["actors"].is_array()) continue;
    for (const auto& e : j["actors"]) {
      if (e.is_object() && e.value("id", "") == id) {
        (e.value("type", "") == "person" ? person : other)++;
        break;
      }
    }
  }
  return person > other;
}

}  // namespace

void ActorAliases::add(const std::string& member, const std::string& canonical,
                       const std::string& display) {
  const std::string target = this->canonical(canonical);
  const std::string from = this->canonical(member);
  if (!display.empty()) display_[target] = display;
  if (from == target) return;
  std::vector<std::string> moving{member};
  if (from != member) {
    // One member of another group: it alone moves.
    auto& others = members_[from];
    others.erase(std::remove(others.begin(), others.end(), member), others.end());
    if (others.empty()) members_.erase(from);
  } else if (auto it = members_.find(member); it != members_.end()) {
    // The canonical id of a group: the whole group moves.
    moving.insert(moving.end(), it->second.begin(), it->second.end());
    members_.erase(it);
    display_.erase(member);
  }
  auto& into = members_[target];
  for (std::string& m : moving) {
    to_canonical_[m] = target;
    into.push_back(std::move(m));
  }
}

void ActorAliases::reroot(const std::string& id) {
  const std::string old = canonical(id);
  if (old == id) return;
  std::vector<std::string> members = std::move(members_[old]);
  members_.erase(old);
  std::replace(members.begin(), members.end(), id, old);
  to_canonical_.erase(id);
  for (const std::string& m : members) to_canonical_[m] = id;
  members_[id] = std::move(members);
  if (auto it = display_.find(old); it != display_.end()) {
    display_[id] = std::move(it->second);
    display_.erase(it);
  }
}

const std::string& ActorAliases::canonical(const std::string& id) const {
  const auto it = to_canonical_.find(id);
  return it == to_canonical_.end() ? id : it->second;
}

std::vector<std::string> ActorAliases::group(const std::string& id) const {
  const std::string& c = canonical(id);
  std::vector<std::string> out{c};
  if (const auto it = members_.find(c); it != members_.end()) {
    out.insert(out.end(), it->second.begin(), it->second.end());
  }
  return out;
}

const std::string& ActorAliases::display(const std::string& canonical) const {
  const auto it = display_.find(canonical);
  return it == display_.end() ? kEmpty : it->second;
}

void ActorAliases::merge(const ActorAliases& other) {
  for (const auto& [member, canonical] : other.to_canonical_) {
    if (!to_canonical_.count(member) && !members_.count(member)) {
      add(member, canonical, other.display(canonical));
    }
  }
  for (const auto& [canonical, name] : other.display_) {
    if (!display_.count(canonical)) display_[this->canonical(canonical)] = name;
  }
}

void apply_actor_groups(const ActorAliases& table, std::vector<Entity>& actors) {
  if (table.empty()) return;
  std::vector<Entity> out;
  for (Entity& e : actors) {
    const std::string id = actor_key(e);
    const std::string& canonical = table.canonical(id);
    const auto same = std::find_if(out.begin(), out.end(),
                                   [&](const Entity& o) { return o.id == canonical; });
    if (same == out.end()) {
      e.id = canonical;
      out.push_back(std::move(e));
      continue;
    }
    same->mentions += e.mentions;
    if (std::find(same->aliases.begin(), same->aliases.end(), e.name) == same->aliases.end()) {
      same->aliases.push_back(std::move(e.name));
    }
  }
  actors = std::move(out);
}

std::string ActorAliases::encode() const {
  // Sorted, so the same groups are stored as the same bytes.
  std::vector<std::pair<std::string, std::string>> rows(to_canonical_.begin(),
                                                        to_canonical_.end());
  std::sort(rows.begin(), rows.end());
  std::string out;
  for (const auto& [member, canonical] : rows) {
    out += member;
    out += '\t';
    out += canonical;
    out += '\t';
    out += display(canonical);
    out += '\n';
  }
  // Display names of groups whose members were all moved away are not kept; a canonical id
  // with a display name and no member is stored as its own member-less row.
  for (const auto& [canonical, name] : display_) {
    if (!members_.count(canonical) && !name.empty()) out += canonical + '\t' + canonical + '\t' + name + '\n';
  }
  return out;
}

ActorAliases ActorAliases::decode(const std::string& text) {
  ActorAliases table;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const auto fields = split(text.substr(start, end - start), '\t');
    start = end + 1;
    if (fields.size() < 2 || fields[0].empty() || fields[1].empty()) continue;
    const std::string& display = fields.size() > 2 ? fields[2] : kEmpty;
    if (fields[0] == fields[1]) {
      if (!display.empty()) table.display_[fields[1]] = display;
      continue;
    }
    // Stored rows are already resolved: member -> final canonical id.
    table.to_canonical_[fields[0]] = fields[1];
    table.members_[fields[1]].push_back(fields[0]);
    if (!display.empty()) table.display_[fields[1]] = display;
  }
  return table;
}

std::vector<UserAlias> read_user_aliases(const std::string& path) {
  std::vector<UserAlias> out;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::io, "cannot read aliases file " + path);
  std::unordered_map<std::string, std::string> owner;  // folded name -> canonical name
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    const auto fields = split(line, '\t');
    const std::string where = path + ":" + std::to_string(number) + ": ";
    if (fields.size() < 2) {
      throw Error(ErrorCode::input,
                  where + "expected a canonical name and at least one alias, tab-separated",
                  "format: canonical name<TAB>alias<TAB>alias...; '#' starts a comment");
    }
    UserAlias alias;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      std::string key = text::fold_phrase(fields[i]);
      if (key.empty()) {
        throw Error(ErrorCode::input, where + "field " + std::to_string(i + 1) + " is empty");
      }
      alias.keys.push_back(std::move(key));
    }
    alias.name = fields[0];
    alias.name.erase(0, alias.name.find_first_not_of(' '));
    alias.name.erase(alias.name.find_last_not_of(' ') + 1);
    for (const auto& key : alias.keys) {
      auto [it, inserted] = owner.emplace(key, alias.name);
      if (!inserted && text::fold_phrase(it->second) != alias.keys[0]) {
        throw Error(ErrorCode::input,
                    where + "\"" + key + "\" is already an alias of \"" + it->second + "\"");
      }
    }
    out.push_back(std::move(alias));
  }
  return out;
}

std::string encode_user_aliases(const std::vector<UserAlias>& aliases) {
  std::string out;
  for (const UserAlias& a : aliases) {
    out += a.name;
    for (const std::string& k : a.keys) out += '\t' + k;
    out += '\n';
  }
  return out;
}

std::vector<UserAlias> decode_user_aliases(const std::string& text) {
  std::vector<UserAlias> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    auto fields = split(text.substr(start, end - start), '\t');
    start = end + 1;
    if (fields.size() < 2) continue;
    UserAlias a;
    a.name = std::move(fields[0]);
    a.keys.assign(std::make_move_iterator(fields.begin() + 1),
                  std::make_move_iterator(fields.end()));
    out.push_back(std::move(a));
  }
  return out;
}

ActorAliases compute_actor_aliases(const Xapian::Database& db, const std::vector<UserAlias>& user,
                                   const ActorCanonOptions& options) {
  ActorAliases table;
  // Every actor id with its number of articles.
  std::vector<Actor> actors;
  const std::string prefix = kActorPrefix;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    actors.push_back({(*it).substr(prefix.size()), it.get_termfreq()});
  }
  std::unordered_map<std::string, Xapian::doccount> articles;
  articles.reserve(actors.size());
  for (const Actor& a : actors) articles.emplace(a.id, a.articles);

  // 1. Names that differ only in filler words: `texaco inc`, `texaco`; the most frequent names
  //    the group (ties: the shorter, then the first in order).
  std::unordered_map<std::string, std::vector<const Actor*>> by_core;
  // Multi-word names by last word (surnames) and by initials (acronyms).
  std::unordered_map<std::string, std::vector<const Actor*>> by_last, by_initials;
  // Surnames on their own or after a title: the surname -> those actors.
  std::unordered_map<std::string, std::vector<const Actor*>> shorts;
  for (const Actor& a : actors) {
    if (has_digit(a.id)) continue;
    const auto words = split(a.id, ' ');
    std::string core, initials, all_initials;
    std::size_t core_words = 0;
    bool alpha = true;
    for (const std::string& w : words) {
      if (w.empty()) continue;
      if (!is_alpha_start(w) && w != "&") alpha = false;
      if (is_alpha_start(w)) all_initials += w[0];
      if (is_filler(w)) continue;
      if (!core.empty()) core += ' ';
      core += w;
      ++core_words;
      if (is_alpha_start(w)) initials += w[0];
    }
    if (core.empty()) continue;
    if (core != a.id) by_core[core].push_back(&a);
    if (words.size() < 2 || !alpha) continue;
    if (words.size() == 2 && is_title(words[0])) {
      shorts[words[1]].push_back(&a);  // `mr nakasone`: the surname, with a title
    } else if (words.size() <= 4 && !is_filler(words.back()) && !is_title(words[0])) {
      by_last[words.back()].push_back(&a);
    }
    if (core_words >= 2) {
      by_initials[initials].push_back(&a);
      if (all_initials != initials) by_initials[all_initials].push_back(&a);
    }
  }
  for (auto& [core, names] : by_core) {
    // The bare core (`texaco`) is in the group too when it is an actor.
    std::vector<Actor> group;
    // The bare core joins unless it is a person (`Allen` is not `Allen and Co Inc`).
    if (const auto it = articles.find(core); it != articles.end() && !is_person(db, core)) {
      group.push_back({core, it->second});
    }
    for (const Actor* a : names) group.push_back(*a);
    if (group.size() < 2) continue;
    const Actor* best = &group.front();
    for (const Actor& a : group) {
      if (a.articles > best->articles ||
          (a.articles == best->articles && a.id.size() < best->id.size())) {
        best = &a;
      }
    }
    for (const Actor& a : group) table.add(a.id, best->id, {});
  }

  // 2. Acronyms: one-word actors.
  for (const Actor& a : actors) {
    if (a.articles < options.min_short_articles || a.id.find(' ') != std::string::npos ||
        has_digit(a.id) || !is_alpha_start(a.id)) {
      continue;
    }
    if (table.canonical(a.id) != a.id || table.group(a.id).size() > 1) continue;
    // An acronym: the long forms whose initials it is, each with the articles that bracket it
    // with them (it is then an alias of the long form: XN<acronym> with XA<long form>). Every
    // long form bracketed with it often enough (spellings: `Organisation`/`Organization of
    // Petroleum Exporting Countries`) is a name of it; the most bracketed names the group.
    if (a.id.size() >= 2 && a.id.size() <= 8) {
      if (const auto it = by_initials.find(a.id); it != by_initials.end()) {
        std::map<std::string, Xapian::doccount> evidence;  // canonical long form -> articles
        for (const Actor* l : it->second) {
          // A word of the long form is an XN term of its articles by itself: no evidence.
          if ((" " + l->id + " ").find(" " + a.id + " ") != std::string::npos) continue;
          const Xapian::doccount n = both(db, kActorWordPrefix + a.id, kActorPrefix + l->id);
          if (n >= options.min_bracketed || (n > 0 && 3 * n >= l->articles)) {
            evidence[table.canonical(l->id)] += n;
          }
        }
        const auto best = std::max_element(
            evidence.begin(), evidence.end(),
            [](const auto& x, const auto& y) { return x.second < y.second; });
        if (best != evidence.end()) {
          // Spellings of the most bracketed long form join it; another long form bracketed
          // with the acronym (`ADB`: Asian and African Development Bank) makes it ambiguous
          // unless the spellings hold a dominant share.
          const std::string canonical = best->first;
          Xapian::doccount total = 0, pooled = 0;
          std::vector<std::string> spellings;
          for (const auto& [long_form, n] : evidence) {
            total += n;
            if (long_form == canonical || same_spelling(long_form, canonical)) {
              pooled += n;
              spellings.push_back(long_form);
            }
          }
          if (pooled < options.surname_share * total) continue;
          for (const std::string& long_form : spellings) table.add(long_form, canonical, {});
          table.add(a.id, canonical, {});
          continue;
        }
      }
    }
  }

  // 3. Surnames, alone or after a title (`Reagan`, `Mr Nakasone`): the full person names
  //    ending with it (in at least two articles: one-off spans such as `besides Reagan` are
  //    noise), when one of them holds a dominant share.
  std::shared_ptr<const Gazetteer> gazetteer_owner;
  const Gazetteer* gazetteer = nullptr;
  bool gazetteer_tried = false;
  for (const Actor& a : actors) {
    if (a.id.find(' ') == std::string::npos && !has_digit(a.id) && is_alpha_start(a.id)) {
      shorts[a.id].push_back(&a);
    }
  }
  for (const auto& [surname, forms] : shorts) {
    const auto it = by_last.find(surname);
    if (it == by_last.end()) continue;
    std::vector<const Actor*> free;  // the forms no other rule grouped
    Xapian::doccount short_articles = 0;
    for (const Actor* f : forms) {
      if (table.canonical(f->id) != f->id || table.group(f->id).size() > 1) continue;
      free.push_back(f);
      short_articles += f->articles;
    }
    if (free.empty() || short_articles < options.min_short_articles) continue;
    std::map<std::string, Xapian::doccount> full;  // canonical full name -> articles
    for (const Actor* f : it->second) {
      if (f->articles >= options.min_candidate_articles) full[table.canonical(f->id)] += f->articles;
    }
    std::string top_id;
    Xapian::doccount top_n = 0;
    for (const auto& [id, n] : full) {
      if (n > top_n) top_n = n, top_id = id;
    }
    if (top_n < options.min_full_articles) continue;
    // The forms typed as a person must hold a third of their articles at least (the tagger
    // calls a bare `Nakasone` an organisation now and then; `Mr Nakasone` tells).
    if (!is_person(db, top_id)) continue;
    Xapian::doccount person_articles = 0;
    for (const Actor* f : free) {
      if (is_person(db, f->id)) person_articles += f->articles;
    }
    if (3 * person_articles < short_articles) continue;
    if (!gazetteer_tried) {
      gazetteer_tried = true;
      try {
        gazetteer_owner = Gazetteer::shared(options.data_dir);
        gazetteer = gazetteer_owner.get();
      } catch (const Error&) {
        gazetteer = nullptr;  // no tables: the stored types alone decide
      }
    }
    // `Smith Barney`, `Tucker Anthony` (firms the tagger calls persons) start with a surname
    // that is no first name; `Yasuhiro` is neither, as the tables are American.
    const std::string first = top_id.substr(0, top_id.find(' '));
    if (first.size() < 2) continue;  // `R Ind` (a party label), an initial
    if (gazetteer && gazetteer->is_surname(first) && !gazetteer->is_first_name(first)) continue;
    Xapian::doccount total = 0, rival = 0;
    for (const auto& [id, n] : full) {
      if (id != top_id && !is_person(db, id)) continue;
      total += n;
      if (id != top_id) rival = std::max(rival, n);
    }
    if (top_n < options.surname_share * total || rival >= options.rival_articles) continue;
    for (const Actor* f : free) table.add(f->id, top_id, {});
  }

  // 4. The user's aliases win: each line is one group, named as the user wrote it, and takes
  //    along the groups its names were in.
  for (const UserAlias& u : user) {
    if (u.keys.empty()) continue;
    const std::string& canonical = u.keys.front();
    table.reroot(canonical);
    for (std::size_t i = 1; i < u.keys.size(); ++i) table.add(u.keys[i], canonical, {});
    table.add(canonical, canonical, u.name);
  }
  return table;
}

ActorAliases update_actor_aliases(Xapian::WritableDatabase& db, const std::vector<UserAlias>* user,
                                  const ActorCanonOptions& options) {
  // Metadata is written only when it changes (an unchanged run commits nothing new).
  auto store = [&](const char* key, const std::string& value) {
    if (db.get_metadata(key) != value) db.set_metadata(key, value);
  };
  std::vector<UserAlias> stored;
  if (user) {
    stored = *user;
    store(schema::kMetaUserAliases, encode_user_aliases(stored));
  } else {
    stored = decode_user_aliases(db.get_metadata(schema::kMetaUserAliases));
  }
  ActorAliases table = compute_actor_aliases(db, stored, options);
  store(schema::kMetaActorAliases, table.encode());
  return table;
}

ActorAliases load_actor_aliases(const Xapian::Database& db) {
  return ActorAliases::decode(db.get_metadata(schema::kMetaActorAliases));
}

}  // namespace newsdex::entities
