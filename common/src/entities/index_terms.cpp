// Entity terms of a document and the terms an actor:/place:/country: query looks for.
#include "entities/index_terms.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <unordered_set>

#include "entities/ner_tokenize.h"
#include "entities/query_places.h"
#include "entities/term_set.h"
#include "text/tokenizer.h"

namespace newsdex::entities {
namespace {

// Words of organisation names that say nothing about which actor it is ("Wells Fargo and Co"):
// not indexed as XN words (the whole name still is, as XA or XN).
bool is_name_filler(std::string_view word) {
  static constexpr std::string_view kFiller[] = {"and", "of",   "the", "&",    "co",  "cos",
                                                 "inc", "corp", "ltd", "plc",  "llc", "sa",
                                                 "ag",  "nv",   "bv",  "gmbh", "spa", "pty"};
  for (std::string_view f : kFiller)
    if (word == f) return true;
  return false;
}

// XN terms of one of an actor's names: each word, and the whole name when it has several words
// (so actor:"Kim Jong Un" matches a name or alias exactly), except what the actor's XA term
// already says: queries look for a value under both prefixes.
void add_words(TermSet& terms, const std::string& folded, const std::string& actor_id) {
  const bool one_word = folded.find(' ') == std::string::npos;
  if (one_word && folded == actor_id) return;
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t sp = folded.find(' ', start);
    if (sp == std::string::npos) sp = folded.size();
    const std::string word = folded.substr(start, sp - start);
    if (!is_name_filler(word)) terms.add(kActorWordPrefix, word);
    start = sp + 1;
  }
  if (!one_word && folded != actor_id) terms.add(kActorWordPrefix, folded);
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::string actor_key(const Entity& actor) {
  return actor.id.empty() ? fold_name(actor.name) : actor.id;
}

std::vector<std::string> index_terms(const ArticleEntities& entities) {
  TermSet terms;
  for (const Entity& actor : entities.actors) {
    const std::string folded = fold_name(actor.name);
    const std::string id = actor.id.empty() ? folded : actor.id;
    terms.add(kActorPrefix, id);
    add_words(terms, folded, id);
    for (const auto& alias : actor.aliases) add_words(terms, fold_name(alias), id);
  }
  // A place's region is found by its name (XL), its country by its code (XC): place:russia
  // looks for XCRU too (query_terms). Region and country ids are not indexed: the gazetteer
  // derives them from the place's own id.
  for (const Entity& place : entities.places) {
    terms.add(kPlacePrefix, place.id);
    terms.add(kPlaceWordPrefix, fold_name(place.name));
    for (const auto& alias : place.aliases) {
      terms.add(kPlaceWordPrefix, fold_name(alias));
    }
    if (!place.region.empty() && !place.country.empty()) {
      terms.add(kPlaceWordPrefix, fold_name(place.region));
    }
    if (!place.country.empty()) terms.add(kCountryPrefix, upper(place.country));
  }
  return terms.take();
}

std::vector<std::string> query_terms(Field field, const std::string& value) {
  TermSet terms;
  const std::string folded = text::fold_phrase(value);
  if (folded.empty()) return {};
  switch (field) {
    case Field::actor:
      // One word reaches any actor with that word in a name or alias (actor:lavrov); several
      // words must be a whole canonical name or a whole alias. The canonical name itself is
      // only indexed as XA (see add_words).
      terms.add(kActorWordPrefix, folded);
      terms.add(kActorPrefix, folded);
      break;
    case Field::place:
      terms.add(kPlaceWordPrefix, folded);
      // Other names of the same places (place:kiev also finds Kyiv, place:america the US) and,
      // for a country, its code, which every place in it carries (place:russia finds Kursk):
      // from the precomputed table, as loading the gazetteer costs a query ~0.1 s of CPU.
      if (const auto more = query_places().find(field, folded)) {
        for (const std::string& term : *more) terms.add("", term);
      }
      break;
    case Field::country:
      // ISO codes, country names and demonyms (country:ru, country:"North Korea",
      // country:russian), from the same table; none of them: no term.
      if (const auto codes = query_places().find(field, folded)) {
        for (const std::string& term : *codes) terms.add("", term);
      }
      break;
  }
  return terms.take();
}

}  // namespace newsdex::entities
