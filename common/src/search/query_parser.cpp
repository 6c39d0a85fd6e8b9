// newsdex's query language on top of Xapian::QueryParser: our own folding, fields and dates.
#include "search/query_parser.h"

#include <newsdex/error.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <optional>
#include <tuple>
#include <utility>

#include "entities/actor_canon.h"
#include "entities/gazetteer.h"
#include "entities/index_terms.h"
#include "entities/place_coords.h"
#include "index/schema.h"
#include "index/spelling.h"
#include "text/stemmer.h"
#include "text/tokenizer.h"
#include "util/xapian_error.h"

namespace newsdex::search {
namespace {

// The fields, lower case. A field name is accepted in any case (Xapian's prefixes are
// case-sensitive, so scan() lower-cases it before Xapian sees it).
constexpr const char* kFields[] = {"title",   "date",   "actor", "place",
                                   "country", "source", "lang",  "near"};

constexpr const char* kDateHint =
    "dates look like 2025, 2025-07, 2025-07-13 or 2025-07-01..2025-07-31";

// Thrown inside a FieldProcessor (Xapian lets it propagate) and turned into a QueryError
// whose column is that of the field's value in the query.
struct FieldValueError {
  std::string field;
  std::string value;
  std::string message;
  std::size_t offset_in_value;  // 0-based
  std::string hint = {};
};

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

bool all_digits(const std::string& s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return false;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

// A date of the forms YYYY, YYYY-MM, YYYY-MM-DD: [first, last] day as YYYYMMDD and its
// precision (4, 6 or 8 digits). nullopt with `why` set if invalid.
struct DateSpan {
  std::string first, last;
  int digits;
};

std::optional<DateSpan> parse_date(const std::string& s, std::string& why) {
  if (!(s.size() == 4 || s.size() == 7 || s.size() == 10) || !all_digits(s, 0, 4) ||
      (s.size() >= 7 && (s[4] != '-' || !all_digits(s, 5, 2))) ||
      (s.size() == 10 && (s[7] != '-' || !all_digits(s, 8, 2)))) {
    why = "expected YYYY, YYYY-MM or YYYY-MM-DD";
    return std::nullopt;
  }
  const int y = std::stoi(s.substr(0, 4));
  DateSpan span;
  if (s.size() == 4) {
    span = {s + "0101", s + "1231", 4};
    return span;
  }
  const int m = std::stoi(s.substr(5, 2));
  if (m < 1 || m > 12) {
    why = "month " + s.substr(5, 2) + " does not exist";
    return std::nullopt;
  }
  const std::string ym = s.substr(0, 4) + s.substr(5, 2);
  if (s.size() == 7) {
    span = {ym + "01", ym + std::to_string(days_in_month(y, m)), 6};
    return span;
  }
  const int d = std::stoi(s.substr(8, 2));
  if (d < 1 || d > days_in_month(y, m)) {
    why = "day " + s.substr(8, 2) + " does not exist in " + s.substr(0, 7);
    return std::nullopt;
  }
  span = {ym + s.substr(8, 2), ym + s.substr(8, 2), 8};
  return span;
}

// A date: value as the days it covers, YYYYMMDD, an open end empty. `term` is set for a single
// year, month or day, which the indexer gave a term of its own.
struct DateValue {
  std::string first, last, term;
};

DateValue parse_date_value(const std::string& value) {
  if (value.empty()) throw FieldValueError{"date", value, "empty date: value", 0};
  const auto dots = value.find("..");
  std::string why;
  if (dots == std::string::npos) {
    auto span = parse_date(value, why);
    if (!span) throw FieldValueError{"date", value, "invalid date '" + value + "': " + why, 0};
    const char* prefix = span->digits == 4   ? schema::kYear
                         : span->digits == 6 ? schema::kMonth
                                             : schema::kDay;
    return {span->first, span->last, prefix + span->first.substr(0, span->digits)};
  }
  const std::string lo = value.substr(0, dots), hi = value.substr(dots + 2);
  if (lo.empty() && hi.empty()) {
    throw FieldValueError{"date", value, "date range '..' needs a start or an end", 0};
  }
  DateValue range;
  if (!lo.empty()) {
    auto span = parse_date(lo, why);
    if (!span) throw FieldValueError{"date", value, "invalid date '" + lo + "': " + why, 0};
    range.first = span->first;
  }
  if (!hi.empty()) {
    auto span = parse_date(hi, why);
    if (!span) {
      throw FieldValueError{"date", value, "invalid date '" + hi + "': " + why, dots + 2};
    }
    range.last = span->last;
  }
  if (!range.first.empty() && !range.last.empty() && range.first > range.last) {
    throw FieldValueError{"date", value, "date range '" + value + "' ends before it starts", 0};
  }
  return range;
}

struct Ymd {
  int y, m, d;
};

// As an integer, so that comparisons stay right past year 9999.
int ymd_key(const Ymd& t) { return t.y * 10000 + t.m * 100 + t.d; }

// "YYYYMMDD" naming a real day (the value slot of a foreign or damaged index may not).
std::optional<Ymd> parse_ymd(const std::string& s) {
  if (s.size() != 8 || !all_digits(s, 0, 8)) return std::nullopt;
  const Ymd t{std::stoi(s.substr(0, 4)), std::stoi(s.substr(4, 2)), std::stoi(s.substr(6, 2))};
  if (t.m < 1 || t.m > 12 || t.d < 1 || t.d > days_in_month(t.y, t.m)) return std::nullopt;
  return t;
}

std::string ymd_string(const Ymd& t) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", t.y, t.m, t.d);
  return buf;
}

// The fewest Y/M/D terms whose days are exactly [c, last]: days up to the first whole month,
// months up to the first whole year, years, then months and days again. Boolean terms are far
// cheaper to match than a value range, which reads the value of every candidate document.
std::vector<std::string> date_terms(Ymd c, const Ymd& last) {
  std::vector<std::string> terms;
  const int end = ymd_key(last);
  while (ymd_key(c) <= end) {
    const std::string s = ymd_string(c);
    const int month_days = days_in_month(c.y, c.m);
    if (c.m == 1 && c.d == 1 && ymd_key({c.y, 12, 31}) <= end) {
      terms.push_back(schema::kYear + s.substr(0, 4));
      c = {c.y + 1, 1, 1};
    } else if (c.d == 1 && ymd_key({c.y, c.m, month_days}) <= end) {
      terms.push_back(schema::kMonth + s.substr(0, 6));
      c = c.m == 12 ? Ymd{c.y + 1, 1, 1} : Ymd{c.y, c.m + 1, 1};
    } else {
      terms.push_back(schema::kDay + s);
      c = c.d < month_days ? Ymd{c.y, c.m, c.d + 1}
          : c.m == 12      ? Ymd{c.y + 1, 1, 1}
                           : Ymd{c.y, c.m + 1, 1};
    }
  }
  return terms;
}

// The database's first and last day, nullopt if it has none (empty) or they are not dates.
std::optional<std::pair<std::string, std::string>> db_date_bounds(const Xapian::Database& db) {
  std::string lo = db.get_value_lower_bound(schema::kDateSlot);
  std::string hi = db.get_value_upper_bound(schema::kDateSlot);
  if (!parse_ymd(lo) || !parse_ymd(hi)) return std::nullopt;
  return std::make_pair(std::move(lo), std::move(hi));
}

Xapian::Query terms_query(const std::vector<std::string>& terms) {
  if (terms.empty()) return Xapian::Query::MatchNothing;
  if (terms.size() == 1) return Xapian::Query(terms[0]);
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query date_query_raw(const std::string& value, const Xapian::Database* db) {
  const DateValue v = parse_date_value(value);
  if (!v.term.empty()) return Xapian::Query(v.term);
  const Xapian::Query value_range(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot,
                                  v.first.empty() ? "00000000" : v.first,
                                  v.last.empty() ? "99999999" : v.last);
  if (db == nullptr) return value_range;
  if (db->get_value_lower_bound(schema::kDateSlot).empty()) return Xapian::Query::MatchNothing;
  const auto bounds = db_date_bounds(*db);
  if (!bounds) return value_range;
  // Clamped to the days the database holds, so date:1900..2100 is a few terms, not 200 years.
  const std::string first = std::max(v.first, bounds->first);
  const std::string last = v.last.empty() ? bounds->second : std::min(v.last, bounds->second);
  if (first > last) return Xapian::Query::MatchNothing;
  return terms_query(date_terms(*parse_ymd(first), *parse_ymd(last)));
}

// Xapian 1.4 leaks its parser's state (72 bytes) when a FieldProcessor throws, so a field
// records the first bad value instead and parse_query throws once Xapian has returned.
class CheckedField : public Xapian::FieldProcessor {
 public:
  explicit CheckedField(std::optional<FieldValueError>* error) : error_(error) {}
  Xapian::Query operator()(const std::string& value) final {
    try {
      return parse(value);
    } catch (const FieldValueError& e) {
      if (!*error_) *error_ = e;
      return Xapian::Query::MatchNothing;
    }
  }

 protected:
  virtual Xapian::Query parse(const std::string& value) = 0;

 private:
  std::optional<FieldValueError>* error_;
};

class DateField : public CheckedField {
 public:
  DateField(const Xapian::Database& db, std::optional<FieldValueError>* error)
      : CheckedField(error), db_(db) {}
  Xapian::Query parse(const std::string& value) override { return date_query_raw(value, &db_); }

 private:
  const Xapian::Database& db_;
};

// Words of actor:/place: values, so snippets can mark where the entity is mentioned.
using HighlightWords = std::vector<std::string>;

class EntityField : public CheckedField {
 public:
  EntityField(const char* name, entities::Field field, HighlightWords* words,
              std::vector<std::string>* ranking_terms, std::optional<FieldValueError>* error,
              const entities::ActorAliases* actors = nullptr)
      : CheckedField(error),
        name_(name),
        field_(field),
        words_(words),
        ranking_terms_(ranking_terms),
        actors_(actors) {}
  Xapian::Query parse(const std::string& value) override {
    if (value.empty()) throw FieldValueError{name_, value, "empty " + name_ + ": value", 0};
    if (field_ != entities::Field::country) {
      for (const auto& t : text::tokenize(value)) {
        words_->push_back(text::fold(std::string_view(value).substr(t.begin, t.end - t.begin)));
      }
    }
    auto terms = field_ == entities::Field::actor   ? actor_terms(value)
                 : field_ == entities::Field::place ? place_terms(value)
                                                    : entities::query_terms(field_, value);
    // Countries are a closed list, so no term means a typo, not zero hits.
    if (terms.empty() && field_ == entities::Field::country) {
      throw FieldValueError{name_, value, "unknown country '" + value + "'", 0,
                            "use an ISO 3166-1 code such as RU, KP or US, or a country name "
                            "such as \"North Korea\""};
    }
    ranking_terms_->insert(ranking_terms_->end(), terms.begin(), terms.end());
    return terms_query(terms);
  }

 private:
  std::string name_;
  entities::Field field_;
  HighlightWords* words_;
  std::vector<std::string>* ranking_terms_;
  const entities::ActorAliases* actors_;

  // An actor that the corpus's table puts in a group with others (actor:reagan, actor:"Ronald
  // Reagan", actor:opec): exactly the ids of the group, each as an actor (XA) or, for a name of
  // several words, as an alias of one (XN): whichever of its names the value is, the same
  // articles. Otherwise, as ever: a name, an alias, or (one word) a word of one.
  std::vector<std::string> actor_terms(const std::string& value) const {
    if (actors_ && !actors_->empty()) {
      const std::string folded = text::fold_phrase(value);
      const auto group = actors_->group(folded);
      if (group.size() > 1) {
        std::vector<std::string> terms;
        for (const std::string& id : group) {
          terms.push_back(entities::kActorPrefix + id);
          if (id.find(' ') != std::string::npos) terms.push_back(entities::kActorWordPrefix + id);
          // Snippets mark the group's other names too.
          for (const auto& t : text::tokenize(id)) {
            words_->push_back(id.substr(t.begin, t.end - t.begin));
          }
        }
        return terms;
      }
    }
    return entities::query_terms(entities::Field::actor, value);
  }

  // A place's id as facets and networks show it (place:"geonames:2643743", place:"iso:RU"):
  // that place exactly, not every place of that name or in that country. Otherwise a name.
  static std::vector<std::string> place_terms(const std::string& value) {
    const auto colon = value.find(':');
    if (colon != std::string::npos) {
      const std::string scheme = value.substr(0, colon);
      std::string rest = value.substr(colon + 1);
      const auto all = [&](int (*is)(int)) {
        return !rest.empty() && std::all_of(rest.begin(), rest.end(), [&](char c) {
          return is(static_cast<unsigned char>(c)) != 0;
        });
      };
      if (scheme == "geonames" && all(::isdigit)) {
        return {entities::kPlacePrefix + value};
      }
      if (scheme == "iso" && rest.size() == 2 && all(::isalpha)) {
        for (char& c : rest) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return {entities::kPlacePrefix + scheme + ":" + rest};
      }
    }
    return entities::query_terms(entities::Field::place, value);
  }
};

class PrefixedField : public CheckedField {
 public:
  PrefixedField(const char* name, const char* prefix, std::optional<FieldValueError>* error)
      : CheckedField(error), name_(name), prefix_(prefix) {}
  Xapian::Query parse(const std::string& value) override {
    const std::string folded = text::fold_phrase(value);
    if (folded.empty()) throw FieldValueError{name_, value, "empty " + name_ + ": value", 0};
    return Xapian::Query(prefix_ + folded);
  }

 private:
  std::string name_;
  std::string prefix_;
};

// A near: value: where (a place name or "lat,lon") and how far ("/200km").
struct NearValue {
  entities::LatLon centre;
  double radius_m = 0;
};

constexpr const char* kNearHint =
    "write near:PLACE/RADIUS or near:LAT,LON/RADIUS, e.g. near:Kursk/200km, "
    "near:\"New York\"/50mi or near:51.73,36.19/10km (units km, mi, m; km if none)";

// A decimal number ("51.73", "-0.5", "200") at the start of `s`: its value and length, or
// nullopt. No exponents, infinities or NaN: what a person types as a coordinate or distance.
std::optional<std::pair<double, std::size_t>> leading_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  const std::size_t int_start = i;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  std::size_t digits = i - int_start;
  if (i < s.size() && s[i] == '.') {
    const std::size_t frac_start = ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    digits += i - frac_start;
  }
  if (digits == 0) return std::nullopt;
  const std::size_t from = s[0] == '+' ? 1 : 0;  // from_chars takes no '+'
  double v = 0;
  const auto r = std::from_chars(s.data() + from, s.data() + i, v);
  if (r.ec != std::errc() || !std::isfinite(v)) return std::nullopt;
  return std::make_pair(v, i);
}

bool is_blank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

// Parses "Kursk/200km", "New York/50mi", "51.73,36.19/10km" (a quoted name's radius is moved
// inside the quotes by scan()). Offsets in errors are into `value`.
NearValue parse_near_value(const std::string& value) {
  const auto error = [&](std::string message, std::size_t offset) {
    return FieldValueError{"near", value, std::move(message), offset, kNearHint};
  };
  if (is_blank(value)) throw error("empty near: value", 0);
  const std::size_t slash = value.rfind('/');
  if (slash == std::string::npos) {
    throw error("near:" + value + " has no radius", 0);
  }
  const std::string where = value.substr(0, slash);
  const std::string_view radius = std::string_view(value).substr(slash + 1);
  if (is_blank(where)) throw error("near: needs a place or lat,lon before '/'", 0);

  NearValue near;
  // The radius: a number and an optional unit.
  if (radius.empty()) throw error("near: has no radius after '/'", slash + 1);
  const auto number = leading_number(radius);
  if (!number) {
    throw error("invalid radius '" + std::string(radius) + "': expected a number and a unit",
                slash + 1);
  }
  std::string unit(radius.substr(number->second));
  for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  double metres_per_unit = 0;
  if (unit.empty() || unit == "km") {
    metres_per_unit = 1000;
  } else if (unit == "mi") {
    metres_per_unit = 1609.344;
  } else if (unit == "m") {
    metres_per_unit = 1;
  } else {
    throw error("unknown unit '" + std::string(radius.substr(number->second)) + "' in radius '" +
                    std::string(radius) + "'",
                slash + 1 + number->second);
  }
  if (!(number->first > 0)) {
    throw error("radius '" + std::string(radius) + "' must be greater than 0", slash + 1);
  }
  near.radius_m = number->first * metres_per_unit;

  // The centre: "lat,lon" if it starts like a number, else a place name.
  const std::size_t start = where.find_first_not_of(" \t");
  const char c0 = where[start];
  if (std::isdigit(static_cast<unsigned char>(c0)) || c0 == '-' || c0 == '+' || c0 == '.') {
    const std::string_view w(where);
    const auto lat = leading_number(w.substr(start));
    std::size_t i = lat ? start + lat->second : start;
    while (i < w.size() && (w[i] == ' ' || w[i] == '\t')) ++i;
    if (!lat || i >= w.size() || w[i] != ',') {
      throw error("invalid coordinates '" + where + "': expected LAT,LON in degrees", start);
    }
    ++i;
    while (i < w.size() && (w[i] == ' ' || w[i] == '\t')) ++i;
    const std::size_t lon_at = i;
    const auto lon = leading_number(w.substr(lon_at));
    if (!lon || !is_blank(w.substr(lon_at + lon->second))) {
      throw error("invalid coordinates '" + where + "': expected LAT,LON in degrees", lon_at);
    }
    if (lat->first < -90 || lat->first > 90) {
      throw error(
          "latitude " + std::string(w.substr(start, lat->second)) + " is out of range (-90 to 90)",
          start);
    }
    if (lon->first < -180 || lon->first > 180) {
      throw error("longitude " + std::string(w.substr(lon_at, lon->second)) +
                      " is out of range (-180 to 180)",
                  lon_at);
    }
    near.centre = {lat->first, lon->first};
    return near;
  }
  const entities::Place* without = nullptr;
  const entities::Place* place = entities::near_place(where, &without);
  if (place == nullptr && without == nullptr) {
    throw FieldValueError{"near", value, "unknown place '" + where + "'", 0,
                          "near: takes a city or region the gazetteer knows (as place: does) or "
                          "coordinates, e.g. near:51.73,36.19/50km"};
  }
  if (place == nullptr) {
    const char* kind = without->kind == entities::Place::Kind::country  ? "a country"
                       : without->kind == entities::Place::Kind::region ? "a region"
                                                                        : "a city";
    throw FieldValueError{
        "near", value,
        "place '" + where + "' has no coordinates (" + without->name + " is " + kind + ")", 0,
        "near: needs a city or region, or LAT,LON; for articles about a whole "
        "country use place: or country:"};
  }
  near.centre = {place->latitude, place->longitude};
  return near;
}

// Articles with a place within the radius; the weight grows as the nearest place gets closer
// (Xapian's k1 * (k1 + metres)^-k2, k1 = 1 km, k2 = 1).
Xapian::Query near_query(const NearValue& near) {
  const Xapian::LatLongCoords centre(
      Xapian::LatLongCoord(near.centre.latitude, near.centre.longitude));
  auto* source = new Xapian::LatLongDistancePostingSource(
      schema::kCoordsSlot, centre, Xapian::GreatCircleMetric(), near.radius_m);
  return Xapian::Query(source->release());
}

class NearField : public CheckedField {
 public:
  explicit NearField(std::optional<FieldValueError>* error) : CheckedField(error) {}
  Xapian::Query parse(const std::string& value) override {
    return near_query(parse_near_value(value));
  }
};

// Spelling suggestions: words of up to this many characters are corrected by one edit, longer
// ones by up to two (Xapian's default), as two edits turn a short word into too many others
// (on Reuters-21578, "kursk" became "burst").
constexpr std::size_t kShortWordChars = 5;
// A word the corpus has (in fewer articles than the dictionary needs) is corrected only to a
// word in at least this many times as many articles.
constexpr Xapian::doccount kSpellingGain = 10;
// Xapian's suggestion for one word takes up to some 30 ms on Reuters-21578: only this many words
// of a query are looked up, so a long query that finds nothing does not take seconds more.
constexpr std::size_t kMaxSpellingLookups = 20;

bool is_operator(const std::string& w) {
  return w == "AND" || w == "OR" || w == "NOT" || w == "XOR" || w == "NEAR" || w == "ADJ";
}

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)); }

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Character column (1-based) of byte offset `byte` in UTF-8 `s`.
std::size_t column_of(const std::string& s, std::size_t byte) {
  std::size_t col = 1;
  for (std::size_t i = 0; i < byte && i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++col;
  }
  return col;
}

// A word of the query. A quoted phrase, with whatever field, '-', '+' or '(' precedes it, is one
// word, so it counts as an operand.
struct Word {
  std::string text;           // as typed; an operator without its /N
  std::size_t pos = 0;        // byte offset in the query
  std::string field = {};     // a known field, lower case; empty if none
  std::string value = {};     // the field's value without quotes or closing brackets
  std::size_t value_pos = 0;  // byte offset of the value
  bool negated = false;       // after '-' or NOT
  bool phrase = false;        // ends with a quoted phrase
  // near:"New York"/50km: where in `value` ("New York/50km") the closing quote was taken out
  // (scan() moves it after the radius, so Xapian passes the radius with the name).
  std::size_t moved_quote = std::string::npos;
};

struct Scanned {
  std::string query;  // the query with field names in lower case (same bytes otherwise)
  std::vector<Word> words;
};

// The one pass over the user's syntax that Xapian's parser would otherwise paper over:
// unbalanced quotes and brackets, operators with a missing operand, unknown fields and empty
// field values are errors. Field names are lower-cased so Xapian recognises them.
Scanned scan(const std::string& text) {
  Scanned out{text, {}};
  std::string& q = out.query;
  std::size_t open_quote = std::string::npos;
  std::vector<std::size_t> brackets;
  for (std::size_t i = 0; i < q.size(); ++i) {
    const char c = q[i];
    if (c == '"') {
      open_quote = open_quote == std::string::npos ? i : std::string::npos;
    } else if (open_quote == std::string::npos) {
      if (c == '(') brackets.push_back(i);
      if (c == ')') {
        if (brackets.empty()) {
          throw QueryError("unmatched ')' at column " + std::to_string(column_of(q, i)),
                           column_of(q, i), "remove it or add a '(' before it");
        }
        brackets.pop_back();
      }
    }
  }
  if (open_quote != std::string::npos) {
    throw QueryError("unterminated quote at column " + std::to_string(column_of(q, open_quote)),
                     column_of(q, open_quote), "close the phrase with '\"'");
  }
  if (!brackets.empty()) {
    throw QueryError("unmatched '(' at column " + std::to_string(column_of(q, brackets.back())),
                     column_of(q, brackets.back()), "close it with ')'");
  }

  std::vector<Word>& words = out.words;
  for (std::size_t i = 0; i < q.size();) {
    if (is_space(q[i])) {
      ++i;
      continue;
    }
    const std::size_t lead_end = q.find_first_not_of("(+-", i);
    std::size_t j = i;
    while (j < q.size() && !is_space(q[j]) && q[j] != '"') ++j;
    const bool phrase = j < q.size() && q[j] == '"' && (j == lead_end || q[j - 1] == ':');
    if (phrase) j = q.find('"', j + 1) + 1;  // quotes are balanced (checked above)
    Word word{q.substr(i, j - i), i};
    word.phrase = phrase;
    const auto slash = word.text.find('/');  // NEAR/3 and ADJ/3 are operators too
    if (!phrase && is_operator(word.text.substr(0, slash))) word.text = word.text.substr(0, slash);
    word.negated = q.find('-', i) < lead_end || (!words.empty() && words.back().text == "NOT");

    // name:value with an alphabetic name is a field; 10:30 is not.
    std::size_t colon = lead_end;
    while (colon < j && is_ascii_alpha(q[colon])) ++colon;
    if (colon > lead_end && colon < j && q[colon] == ':') {
      const std::string name = q.substr(lead_end, colon - lead_end);
      std::string lower = name;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      const bool quoted = colon + 1 < j && q[colon + 1] == '"';
      word.value_pos = colon + 1 + (quoted ? 1 : 0);
      std::size_t value_end = quoted ? j - 1 : j;
      while (!quoted && value_end > word.value_pos && q[value_end - 1] == ')') --value_end;
      word.value = q.substr(word.value_pos, value_end - word.value_pos);
      const std::size_t col = column_of(q, lead_end);
      if (std::find(std::begin(kFields), std::end(kFields), lower) == std::end(kFields)) {
        if (quoted || !word.value.empty()) {
          throw QueryError("unknown field '" + name + ":' at column " + std::to_string(col), col,
                           "fields are title:, date:, actor:, place:, country:, source:, "
                           "lang:, near:; put text with a colon in quotes to search for it");
        }
      } else {
        if (!quoted && word.value.empty()) {
          throw QueryError("'" + name + ":' at column " + std::to_string(col) + " has no value",
                           col, "write e.g. " + lower + ":VALUE");
        }
        q.replace(lead_end, lower.size(), lower);
        word.field = lower;
        // near:"New York"/50km: the radius goes inside the quotes (same bytes, the quote moved).
        if (lower == "near" && quoted && j < q.size() && q[j] == '/') {
          std::size_t end = j;
          while (end < q.size() && !is_space(q[end]) && q[end] != ')' && q[end] != '"') ++end;
          q.erase(j - 1, 1);
          q.insert(end - 1, 1, '"');
          word.moved_quote = j - 1 - word.value_pos;
          j = end;
          word.text = q.substr(i, j - i);
          word.value = q.substr(word.value_pos, j - 1 - word.value_pos);
        }
      }
    }
    words.push_back(std::move(word));
    i = j;
  }
  // Operators need an operand on both sides (NOT only on its right).
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (!is_operator(words[k].text)) continue;
    const bool first = k == 0, last = k + 1 == words.size();
    const bool needs_left = words[k].text != "NOT";
    if (last || (first && needs_left) ||
        (!last && is_operator(words[k + 1].text) && words[k + 1].text != "NOT")) {
      throw QueryError("operator " + words[k].text + " at column " +
                           std::to_string(column_of(q, words[k].pos)) + " is missing an operand",
                       column_of(q, words[k].pos),
                       "operators are upper case; write a lower-case word to search for it");
    }
    // Xapian's NEAR and ADJ take single words; given anything else its parser would quietly
    // search for the word "near" instead.
    const bool positional = words[k].text == "NEAR" || words[k].text == "ADJ";
    auto not_a_word = [](const Word& w) {
      return w.phrase || (!w.field.empty() && w.field != "title");
    };
    if (positional && (not_a_word(words[k - 1]) || not_a_word(words[k + 1]))) {
      throw QueryError(words[k].text + " at column " + std::to_string(column_of(q, words[k].pos)) +
                           " takes single words, not a phrase or a field filter",
                       column_of(q, words[k].pos),
                       "write the words with " + words[k].text +
                           " between them (crude NEAR oil NEAR opec), or use AND");
    }
  }
  return out;
}

// Rewrites the query so Xapian's parser sees words as our indexer folded them: accents and
// case folded, possessives dropped, CJK dictionary words separated (and kept together as a
// phrase). Operators, field names and ASCII words without apostrophes are left alone.
std::string rewrite(const std::string& q) {
  const auto tokens = text::tokenize(q);
  std::string out;
  std::size_t copied = 0;
  auto in_quotes_at = [&](std::size_t pos) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < pos; ++i) n += q[i] == '"';
    return n % 2 == 1;
  };
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const auto& t = tokens[k];
    if (t.kind == text::TokenKind::ideographic) {
      // Gather the run of adjacent CJK tokens.
      std::size_t end_k = k;
      while (end_k + 1 < tokens.size() && tokens[end_k + 1].kind == text::TokenKind::ideographic &&
             tokens[end_k + 1].begin == tokens[end_k].end) {
        ++end_k;
      }
      // A field's value (place:深圳) stays as typed, glued to its field: the field's processor
      // folds it as the indexer folded the entity's name.
      if (t.begin > 0 && q[t.begin - 1] == ':') {
        std::size_t f = t.begin - 1;
        while (f > 0 && std::isalpha(static_cast<unsigned char>(q[f - 1]))) --f;
        std::string field = q.substr(f, t.begin - 1 - f);
        for (char& c : field) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (field == "place" || field == "country" || field == "actor") {
          k = end_k;
          continue;
        }
      }
      out.append(q, copied, t.begin - copied);
      std::string run;
      for (std::size_t i = k; i <= end_k; ++i) {
        if (!run.empty()) run += ' ';
        run += text::fold(q.substr(tokens[i].begin, tokens[i].end - tokens[i].begin));
      }
      const bool quote = end_k > k && !in_quotes_at(t.begin);
      out += quote ? "\"" + run + "\"" : (end_k > k ? run : " " + run + " ");
      copied = tokens[end_k].end;
      k = end_k;
      continue;
    }
    const std::string word = q.substr(t.begin, t.end - t.begin);
    bool ascii = true, apostrophe = false;
    for (unsigned char c : word) {
      if (c >= 0x80) ascii = false;
      if (c == '\'') apostrophe = true;
    }
    if (ascii && !apostrophe) continue;
    out.append(q, copied, t.begin - copied);
    // ICU keeps "title:Kúrsk" together (':' is MidLetter): fold each side of the colon.
    std::size_t start = 0;
    std::string rewritten;
    while (true) {
      const auto colon = word.find(':', start);
      const std::string part =
          word.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
      rewritten += (start == 0 && colon != std::string::npos) ? part : text::fold(part);
      if (colon == std::string::npos) break;
      rewritten += ':';
      start = colon + 1;
    }
    out += rewritten;
    copied = t.end;
  }
  out.append(q, copied, std::string::npos);
  return out;
}

// True if Xapian's lexer reads `w` as one plain term: letters, digits, marks and '_' only
// (no hyphen, dot, quote, bracket, wildcard or love/hate sign), after an optional "title:".
bool plain_term(std::string_view w) {
  if (w.rfind("title:", 0) == 0) w.remove_prefix(6);
  if (w.empty() || is_operator(std::string(w))) return false;
  const auto* bytes = reinterpret_cast<const uint8_t*>(w.data());
  const auto length = static_cast<int32_t>(w.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0 || !(c == '_' || u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK))) return false;
  }
  return true;
}

// Xapian 1.4's parser leaks memory (the value of each NEAR/ADJ token) when a query with a NEAR
// or ADJ has a syntax error, even when it then parses the query again without operators, as it
// does after a syntax error, and returns that (found by fuzz/fuzz_query: "a OR, NEAR/3 b",
// "x NEAR 5-03-58", "AND\0 a NEAR b"). So a NEAR or ADJ must stand between two plain terms:
// checked on the query as Xapian will get it (`q`, after rewrite()); anything else is a
// QueryError. `ops` are the positional operators scan() found, for their columns. Returns `q`
// with each NEAR and ADJ written AND (empty if it has none): as they stand between plain terms,
// it has a syntax error where `q` has one, and parses without the leak.
std::string check_positional(const std::string& q, const std::string& text,
                             const std::vector<const Word*>& ops) {
  struct Piece {
    std::string_view text;
    bool quoted;  // starts inside a quoted phrase
  };
  std::vector<Piece> pieces;
  bool quoted = false;
  for (std::size_t i = 0; i < q.size();) {
    if (is_space(q[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < q.size() && !is_space(q[j])) ++j;
    pieces.push_back({std::string_view(q).substr(i, j - i), quoted});
    if (std::count(q.begin() + static_cast<std::ptrdiff_t>(i),
                   q.begin() + static_cast<std::ptrdiff_t>(j), '"') %
            2 ==
        1) {
      quoted = !quoted;
    }
    i = j;
  }
  std::size_t seen = 0;
  std::string as_and;
  std::size_t copied = 0;
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    if (pieces[k].quoted) continue;
    const std::string_view w = pieces[k].text;
    // Where NEAR or ADJ stands as a word of its own, as Xapian's lexer may see it ("x,NEAR/3").
    bool mentions = false, alone = false;
    for (const std::string_view op : {std::string_view("NEAR"), std::string_view("ADJ")}) {
      for (std::size_t at = w.find(op); at != std::string_view::npos; at = w.find(op, at + 1)) {
        const std::size_t end = at + op.size();
        const bool left = at == 0 || !std::isalnum(static_cast<unsigned char>(w[at - 1]));
        const bool right = end == w.size() || !std::isalnum(static_cast<unsigned char>(w[end]));
        if (!left || !right) continue;
        mentions = true;
        std::size_t digits = end + 1;
        while (digits < w.size() && std::isdigit(static_cast<unsigned char>(w[digits]))) ++digits;
        alone = at == 0 && (end == w.size() || (w[end] == '/' && digits == w.size()));
      }
    }
    if (!mentions) continue;
    const Word* word = alone && seen < ops.size() ? ops[seen++] : nullptr;
    const std::string name = word ? word->text : std::string(w);
    const std::size_t col = word ? column_of(text, word->pos) : 0;
    std::string_view left = k > 0 && !pieces[k - 1].quoted ? pieces[k - 1].text : "";
    std::string_view right =
        k + 1 < pieces.size() && !pieces[k + 1].quoted ? pieces[k + 1].text : "";
    while (!left.empty() && left.front() == '(') left.remove_prefix(1);
    while (!right.empty() && right.back() == ')') right.remove_suffix(1);
    if (!alone || !plain_term(left) || !plain_term(right)) {
      throw QueryError("'" + name + "'" + (col ? " at column " + std::to_string(col) : "") +
                           " takes one single word on each side",
                       col,
                       "write NEAR or ADJ between two words (crude NEAR oil NEAR opec), or use "
                       "AND; quote text with NEAR in it");
    }
    const auto at = static_cast<std::size_t>(w.data() - q.data());
    as_and.append(q, copied, at - copied).append("AND");
    copied = at + w.size();
  }
  if (!as_and.empty()) as_and.append(q, copied, std::string::npos);
  return as_and;
}

// The days a date: value asks for (see ParsedQuery::date_first). An open end becomes the
// database's first or last day; it stays empty if the database has no dates or that day falls
// on the wrong side of the other end.
std::pair<std::string, std::string> asked_days(const std::string& value,
                                               const Xapian::Database& db) {
  DateValue v;
  try {
    v = parse_date_value(value);
  } catch (const FieldValueError&) {
    return {};
  }
  if (v.first.empty() || v.last.empty()) {
    if (const auto bounds = db_date_bounds(db)) {
      if (v.first.empty() && (v.last.empty() || bounds->first <= v.last)) v.first = bounds->first;
      if (v.last.empty() && v.first <= bounds->second) v.last = bounds->second;
    }
  }
  return {v.first, v.last};
}

}  // namespace

Xapian::Query date_query(const std::string& value, const Xapian::Database* db) {
  try {
    const Xapian::Query q =
        xapian_try("reading the date range", [&] { return date_query_raw(value, db); });
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0);
  } catch (const FieldValueError& e) {
    throw QueryError(e.message, e.offset_in_value + 1, kDateHint);
  }
}

ParsedQuery parse_query(const std::string& text, const Xapian::Database& db,
                        const std::string& lang, const entities::ActorAliases* actors) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw QueryError("empty query", 1, "give words to search for, e.g. 'oil date:1987-03'");
  }
  const Scanned scanned = scan(text);
  const std::string rewritten = rewrite(scanned.query);
  std::vector<const Word*> positional;
  for (const Word& w : scanned.words) {
    if (w.text == "NEAR" || w.text == "ADJ") positional.push_back(&w);
  }
  const std::string as_and = check_positional(rewritten, text, positional);

  HighlightWords entity_words;
  std::vector<std::string> entity_terms;
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_stemmer(text::query_stemmer(lang));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_default_op(Xapian::Query::OP_AND);
  qp.add_prefix("title", schema::kTitle);
  // release() hands each processor to the parser's reference count; a bare `new` would leak.
  std::optional<FieldValueError> error;
  qp.add_boolean_prefix("date", (new DateField(db, &error))->release());
  const std::pair<const char*, entities::Field> entity_fields[] = {
      {"actor", entities::Field::actor},
      {"place", entities::Field::place},
      {"country", entities::Field::country}};
  // The corpus's actor groups (one metadata read) unless the caller has them.
  std::optional<entities::ActorAliases> own_actors;
  if (!actors && text.find(':') != std::string::npos) {
    own_actors = xapian_try("reading the actor table", [&] { return entities::load_actor_aliases(db); });
    actors = &*own_actors;
  }
  // An article has many actors, places and countries, so two filters of one field both apply
  // (actor:lavrov actor:kim: articles with both), as Xapian advises for non-exclusive prefixes:
  // an empty grouping gives each filter its own group, combined with AND. Date, source and lang
  // have one value per article and keep Xapian's default (OR within the field).
  const std::string and_grouping;
  for (const auto& [name, field] : entity_fields) {
    qp.add_boolean_prefix(
        name,
        (new EntityField(name, field, &entity_words, &entity_terms, &error, actors))->release(),
        &and_grouping);
  }
  qp.add_boolean_prefix("source",
                        (new PrefixedField("source", schema::kSource, &error))->release());
  qp.add_boolean_prefix("lang", (new PrefixedField("lang", schema::kLang, &error))->release());
  qp.add_boolean_prefix("near", (new NearField(&error))->release());
  const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                         Xapian::QueryParser::FLAG_PURE_NOT;
  // With a NEAR or ADJ, Xapian must not meet a syntax error (see check_positional()): the
  // query with AND in their place tells whether it would, as its parse then comes out the same
  // as the parse without operators that Xapian falls back on. The query is then parsed that way
  // at once, which is what Xapian would return, less the leak.
  unsigned query_flags = flags;
  if (!as_and.empty()) {
    Xapian::QueryParser syntax;
    syntax.set_default_op(Xapian::Query::OP_AND);
    for (const char* field : kFields) {
      if (std::string(field) == "title") {
        syntax.add_prefix(field, schema::kTitle);
      } else {
        syntax.add_boolean_prefix(field, "X");
      }
    }
    constexpr unsigned kFallback =
        Xapian::QueryParser::FLAG_CJK_NGRAM | Xapian::QueryParser::FLAG_NO_POSITIONS;
    const auto parse = [&](unsigned f) {
      return xapian_try("parsing the query",
                        [&] { return syntax.parse_query(as_and, f).get_description(); });
    };
    if (parse(flags) == parse(flags & kFallback)) query_flags = flags & kFallback;
  }
  ParsedQuery parsed;
  parsed.query =
      xapian_try("parsing the query", [&] { return qp.parse_query(rewritten, query_flags); });
  if (error) {
    // Point at the value (the rewrite may fold it, so fall back on the field's first use).
    const Word* at = nullptr;
    for (const Word& w : scanned.words) {
      if (w.field != error->field) continue;
      if (w.value == error->value) {
        at = &w;
        break;
      }
      if (at == nullptr) at = &w;
    }
    std::size_t offset = error->offset_in_value;
    if (at && offset >= at->moved_quote) ++offset;  // past the quote scan() moved
    const std::size_t col = at ? column_of(text, at->value_pos + offset) : 0;
    throw QueryError(error->message + (col ? " at column " + std::to_string(col) : ""), col,
                     error->field == "date" ? kDateHint : error->hint);
  }
  // Xapian's matcher builds its tree of postings in time that grows with the square of the
  // number of terms (40,000 OR'ed words took 53 s): queries that large are refused.
  const auto terms = static_cast<std::size_t>(
      std::distance(parsed.query.get_terms_begin(), parsed.query.get_terms_end()));
  if (terms > kMaxQueryTerms) {
    throw QueryError("the query has " + std::to_string(terms) + " terms; at most " +
                         std::to_string(kMaxQueryTerms) + " are allowed",
                     0, "split it into several queries (--queries runs a file of them)");
  }
  const Word* date = nullptr;
  int dates = 0;
  for (const Word& w : scanned.words) {
    if (w.field == "date") ++dates, date = &w;
  }
  if (dates == 1 && !date->negated) {
    std::tie(parsed.date_first, parsed.date_last) = asked_days(date->value, db);
  }
  for (auto it = parsed.query.get_unique_terms_begin(); it != parsed.query.get_unique_terms_end();
       ++it) {
    const std::string term = *it;
    if (term.empty()) continue;
    if (term[0] == 'Z') {
      parsed.stem_terms.push_back(term.substr(term.size() > 1 && term[1] == 'S' ? 2 : 1));
    } else if (term[0] == 'S') {
      parsed.exact_terms.push_back(term.substr(1));
    } else if (!std::isupper(static_cast<unsigned char>(term[0]))) {
      parsed.exact_terms.push_back(term);
    }
  }
  parsed.exact_terms.insert(parsed.exact_terms.end(), entity_words.begin(), entity_words.end());
  // Entity fields filter (boolean prefixes, so quoted names work); their terms, indexed with
  // the mention count as wdf, also add weight, so articles most about the entity rank first.
  if (!entity_terms.empty()) {
    parsed.query =
        Xapian::Query(Xapian::Query::OP_AND_MAYBE, parsed.query, terms_query(entity_terms));
  }
  // near: filters (a boolean prefix, so a quoted name works and its weight is dropped). A query
  // with nothing else to rank by (no words, no entity) is ranked by distance: the first near:
  // that is not negated also adds its weight, larger for a closer place.
  const bool unranked =
      parsed.exact_terms.empty() && parsed.stem_terms.empty() && entity_terms.empty();
  for (const Word& w : scanned.words) {
    if (w.field != "near" || w.negated) continue;
    try {
      parsed.near = near_query(parse_near_value(w.value));
    } catch (const FieldValueError&) {
      break;  // Xapian's parser did not take it as near: (it would have thrown): no ranking
    }
    if (unranked) {
      parsed.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, parsed.query, parsed.near);
    }
    break;
  }
  return parsed;
}

namespace {

// The frequency of `word` in the spelling dictionary of all of `db`'s databases (0 if absent):
// Xapian 1.4 has get_spelling_frequency() only for a WritableDatabase.
Xapian::doccount spelling_frequency(const Xapian::Database& db, const std::string& word) {
  Xapian::TermIterator it = db.spellings_begin();
  it.skip_to(word);
  return it != db.spellings_end() && *it == word ? it.get_termfreq() : 0;
}

}  // namespace

std::string suggest_spelling(const std::string& text, const Xapian::Database& db) {
  Scanned scanned;
  try {
    scanned = scan(text);
  } catch (const QueryError&) {
    return {};
  }
  struct Fix {
    std::size_t begin, end;
    std::string word;
  };
  std::vector<Fix> fixes;
  std::size_t lookups = 0;
  for (const Word& w : scanned.words) {
    if (is_operator(w.text)) continue;
    // Free text and title: values are words; other fields' values are names, codes and dates
    // that the dictionary of words does not hold (an actor: or place: value that exists must
    // stay as typed).
    std::size_t begin = w.pos, end = w.pos + w.text.size();
    if (w.field == "title") {
      begin = w.value_pos;
      end = w.value_pos + w.value.size();
    } else if (!w.field.empty()) {
      continue;
    }
    for (const text::Token& t : text::tokenize(std::string_view(text).substr(begin, end - begin))) {
      if (t.kind != text::TokenKind::word) continue;
      const std::size_t b = begin + t.begin, e = begin + t.end;
      const std::string typed = text.substr(b, e - b);
      // A wildcard's stem, or a possessive (folding drops the "'s" a correction would lose).
      if ((e < text.size() && text[e] == '*') || typed.find('\'') != std::string::npos ||
          typed.find("\u2019") != std::string::npos)
        continue;
      const std::string term = text::fold(typed);
      if (!index::spelling_word(term) || spelling_frequency(db, term) > 0) continue;
      // A word of an actor's or place's name the corpus has is a name, not a typo ("alameda"
      // is not "blamed", "abboud" not "about").
      if (db.get_termfreq(entities::kActorWordPrefix + term) > 0 ||
          db.get_termfreq(entities::kActorPrefix + term) > 0 ||
          db.get_termfreq(entities::kPlaceWordPrefix + term) > 0)
        continue;
      if (++lookups > kMaxSpellingLookups) break;
      std::size_t chars = 0;
      for (unsigned char c : term) chars += (c & 0xC0) != 0x80;
      const std::string better =
          db.get_spelling_suggestion(term, chars <= kShortWordChars ? 1 : 2);
      if (better.empty() || better == term) continue;
      // A rare word of the corpus (a name in one or two articles) gives way only to a far more
      // common one.
      const Xapian::doccount own = db.get_termfreq(term);
      if (own > 0 && spelling_frequency(db, better) < kSpellingGain * own) continue;
      fixes.push_back({b, e, better});
    }
  }
  std::string out = text;
  for (auto it = fixes.rbegin(); it != fixes.rend(); ++it) {
    out.replace(it->begin, it->end - it->begin, it->word);
  }
  return fixes.empty() ? std::string() : out;
}

}  // namespace newsdex::search
