// Document construction: the single place where the index schema is written.
#include "index/document_builder.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string_view>

#include "entities/entity_json.h"
#include "entities/index_terms.h"
#include "entities/place_coords.h"
#include "index/duplicates.h"
#include "index/schema.h"
#include "text/stemmer.h"
#include "text/tokenizer.h"
#include "util/calendar.h"
#include "util/hash.h"

namespace newsdex::index {
namespace {

// Xapian rejects terms longer than 245 bytes; such "words" (URLs, hashes) are not searchable
// anyway, so they are dropped rather than failing the article.
constexpr std::size_t kMaxTermBytes = 240;

class TermWriter {
 public:
  TermWriter(Xapian::Document& doc, const std::string& lang) : doc_(doc), lang_(lang) {}

  // Indexes `text` (word-broken into `tokens`) starting at position `pos`; returns the next
  // free position. Punctuation tokens are skipped.
  Xapian::termpos add_text(std::string_view text, const std::vector<text::Token>& tokens,
                           Xapian::termpos pos, bool is_title) {
    for (const text::Token& t : tokens) {
      if (t.kind == text::TokenKind::punct) continue;
      std::string term = text::fold(text.substr(t.begin, t.end - t.begin));
      if (term.empty() || term.size() > kMaxTermBytes) continue;
      ++pos;
      if (is_title) {
        doc_.add_posting(schema::kTitle + term, pos);
        doc_.add_posting(term, pos, schema::kTitleWdf);
      } else {
        doc_.add_posting(term, pos);
      }
      if (t.kind == text::TokenKind::word || t.kind == text::TokenKind::ideographic) {
        for (const std::string& stem : stems(term)) {
          doc_.add_term(schema::kStem + stem);
          if (is_title) doc_.add_term(std::string(schema::kStem) + schema::kTitle + stem);
        }
      }
    }
    return pos;
  }

 private:
  // Stemming is a large share of analysis and news vocabularies repeat, so stems are cached
  // per thread across documents in a small direct-mapped table (a few hundred KB, so it stays
  // in cache: a large map's misses cost more than the stemming they save).
  const std::vector<std::string>& stems(const std::string& term) {
    struct Slot {
      std::string lang;
      std::string term;
      std::vector<std::string> stems;
      bool used = false;
    };
    constexpr std::size_t kSlots = 1 << 13;
    thread_local std::vector<Slot> cache(kSlots);
    Slot& slot = cache[std::hash<std::string>{}(term) & (kSlots - 1)];
    if (!slot.used || slot.term != term || slot.lang != lang_) {
      slot.stems = text::index_stems(term, lang_);
      slot.term = term;
      slot.lang = lang_;
      slot.used = true;
    }
    return slot.stems;
  }

  Xapian::Document& doc_;
  const std::string& lang_;
};

// The values of one multi-valued facet slot, each once, in first-seen order.
class FacetList {
 public:
  void add(const std::string& value) {
    if (value.empty() || value.find(schema::kFacetSeparator) != std::string::npos) return;
    if (std::find(values_.begin(), values_.end(), value) == values_.end()) values_.push_back(value);
  }
  void store(Xapian::Document& doc, Xapian::valueno slot) const {
    if (values_.empty()) return;
    std::string joined;
    for (const std::string& v : values_) {
      if (!joined.empty()) joined += schema::kFacetSeparator;
      joined += v;
    }
    doc.add_value(slot, joined);
  }

 private:
  std::vector<std::string> values_;
};

}  // namespace

std::string date_time_key(const std::string& date, const std::string& time) {
  std::string day =
      date.size() == 10 ? date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2) : date;
  const auto digits = [&](std::size_t at, std::size_t n) {
    if (at + n > time.size()) return -1;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (time[i] < '0' || time[i] > '9') return -1;
      v = v * 10 + (time[i] - '0');
    }
    return v;
  };
  const int hour = digits(0, 2), minute = digits(3, 2);
  if (hour < 0 || minute < 0 || time[2] != ':') return day;
  std::size_t pos = 5;
  int second = 0;
  std::string fraction;
  if (pos < time.size() && time[pos] == ':') {
    second = digits(pos + 1, 2);
    if (second < 0) return day;
    pos += 3;
    if (pos < time.size() && time[pos] == '.') {
      ++pos;
      while (pos < time.size() && time[pos] >= '0' && time[pos] <= '9') fraction += time[pos++];
    }
  }
  // The zone: UTC = local time - offset.
  int offset = 0;
  if (pos < time.size()) {
    const std::string zone = time.substr(pos);
    if (zone == "Z") {
      offset = 0;
    } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' &&
               digits(pos + 1, 2) >= 0 && digits(pos + 4, 2) >= 0) {
      offset = (digits(pos + 1, 2) * 60 + digits(pos + 4, 2)) * (zone[0] == '-' ? -1 : 1);
    } else {
      return day;
    }
  }
  util::CivilDay civil;
  if (!util::parse_compact_day(day, civil)) return day;
  int minutes = hour * 60 + minute - offset;
  std::int64_t days = util::days_from_civil(civil);
  while (minutes < 0) minutes += 1440, --days;
  while (minutes >= 1440) minutes -= 1440, ++days;
  char hms[7];
  std::snprintf(hms, sizeof hms, "%02d%02d%02d", minutes / 60, minutes % 60, second);
  return util::compact_day(util::civil_from_days(days)) + hms + fraction;
}

std::string id_term(const std::string& id) {
  std::string term = std::string(schema::kId) + id;
  // Over-long ids would be rejected by Xapian; they are kept unique by hashing the whole id.
  // The hash is stored in the index, so it must not change between builds (std::hash may):
  // FNV-1a, as 16 hex digits.
  if (term.size() > kMaxTermBytes) {
    term = term.substr(0, kMaxTermBytes - 17) + "#" + util::hex64(util::fnv1a64(term));
  }
  return term;
}

Xapian::Document build_document(const Article& article, const ArticleEntities* entities) {
  return build_document(article, entities,
                        ArticleTokens{text::tokenize(article.title), text::tokenize(article.body)});
}

Xapian::Document build_document(const Article& article, const ArticleEntities* entities,
                                const ArticleTokens& tokens) {
  Xapian::Document doc;
  const std::string lang = article.lang;
  TermWriter writer(doc, lang);
  Xapian::termpos pos = writer.add_text(article.title, tokens.title, 0, true);
  writer.add_text(article.body, tokens.body, pos + schema::kBodyPositionGap, false);

  doc.add_boolean_term(id_term(article.id));
  // article.date is validated "YYYY-MM-DD" by the readers.
  const std::string ymd =
      article.date.substr(0, 4) + article.date.substr(5, 2) + article.date.substr(8, 2);
  doc.add_boolean_term(schema::kDay + ymd);
  doc.add_boolean_term(schema::kMonth + ymd.substr(0, 6));
  doc.add_boolean_term(schema::kYear + ymd.substr(0, 4));
  doc.add_value(schema::kDateSlot, ymd);
  doc.add_value(schema::kDateTimeSlot, date_time_key(article.date, article.time));
  if (!article.source.empty()) {
    const std::string s = text::fold_phrase(article.source);
    if (!s.empty() && s.size() < kMaxTermBytes) doc.add_boolean_term(schema::kSource + s);
  }
  if (!lang.empty()) {
    const std::string code = text::fold(lang);
    doc.add_boolean_term(schema::kLang + code);
    doc.add_value(schema::kLangSlot, code);
  }
  if (!article.source.empty()) doc.add_value(schema::kSourceSlot, article.source);
  // What finds the article's copies (index/duplicates.h); its group key is written later.
  if (const auto fp =
          index::make_fingerprint(article.title, tokens.title, article.body, tokens.body)) {
    doc.add_value(schema::kFingerprintSlot, fp->encode());
  }

  nlohmann::json data = {{"id", article.id},
                         {"date", article.date},
                         {"title", article.title},
                         {"body", article.body},
                         {"path", article.path}};
  if (!article.time.empty()) data["time"] = article.time;
  if (!article.source.empty()) data["source"] = article.source;
  if (!article.url.empty()) data["url"] = article.url;
  if (!lang.empty()) data["lang"] = lang;
  if (entities) {
    // Entity terms carry the mention count as wdf (a boolean term has none), so a query for
    // an actor or place can rank the articles that are most about it first.
    auto add_entity = [&](const Entity& e, bool actor) {
      ArticleEntities one;
      (actor ? one.actors : one.places).push_back(e);
      const auto wdf = static_cast<Xapian::termcount>(std::max(1, e.mentions));
      for (const std::string& term : entities::index_terms(one)) {
        if (term.size() <= kMaxTermBytes) doc.add_term(term, wdf);
      }
    };
    for (const Entity& e : entities->actors) add_entity(e, true);
    for (const Entity& e : entities->places) add_entity(e, false);
    // The stored entities carry the id facets count by, so a facet value's display name can
    // be read back from any article that has it.
    std::vector<Entity> actors = entities->actors, places = entities->places;
    FacetList actor_ids, place_ids, countries;
    for (Entity& e : actors) {
      e.id = entities::actor_key(e);
      actor_ids.add(e.id);
    }
    Xapian::LatLongCoords coords;
    for (Entity& e : places) {
      place_ids.add(e.id);
      countries.add(e.country);
      if (const auto at = entities::place_coordinates(e)) {
        coords.append(Xapian::LatLongCoord(at->latitude, at->longitude));
      }
    }
    actor_ids.store(doc, schema::kActorsSlot);
    place_ids.store(doc, schema::kPlacesSlot);
    countries.store(doc, schema::kCountriesSlot);
    if (!coords.empty()) doc.add_value(schema::kCoordsSlot, coords.serialise());
    data["actors"] = entities::to_json(actors);
    data["places"] = entities::to_json(places);
  }
  // Invalid UTF-8 was repaired by the readers; replace rather than throw as a last resort.
  doc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return doc;
}

}  // namespace newsdex::index
