// newsdex's query language on top of Xapian::QueryParser: our own folding, fields and dates.
#include "search/query_parser.h"

#include <newsdex/error.h>

#include <cctype>
#include <optional>

#include "entities/index_terms.h"
#include "index/schema.h"
#include "text/stemmer.h"
#include "text/tokenizer.h"
#include "util/xapian_error.h"

namespace newsdex::search {
namespace {

// Thrown inside a FieldProcessor (Xapian lets it propagate) and turned into a QueryError
// whose column is found by locating `value` in the query string.
struct FieldValueError {
  std::string field;
  std::string value;
  std::string message;
  std::size_t offset_in_value;  // 0-based
};

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// A date of the forms YYYY, YYYY-MM, YYYY-MM-DD: [first, last] day as YYYYMMDD and its
// precision (4, 6 or 8 digits). nullopt with `why` set if invalid.
struct DateSpan {
  std::string first, last;
  int digits;
};

std::optional<DateSpan> parse_date(const std::string& s, std::string& why) {
  auto digits = [&](std::size_t pos, std::size_t n) {
    if (pos + n > s.size()) return false;
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    }
    return true;
  };
  if (!(s.size() == 4 || s.size() == 7 || s.size() == 10) || !digits(0, 4) ||
      (s.size() >= 7 && (s[4] != '-' || !digits(5, 2))) ||
      (s.size() == 10 && (s[7] != '-' || !digits(8, 2)))) {
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

Xapian::Query terms_query(const std::vector<std::string>& terms) {
  if (terms.empty()) return Xapian::Query::MatchNothing;
  if (terms.size() == 1) return Xapian::Query(terms[0]);
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query date_query_raw(const std::string& value);

class DateField : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override { return date_query_raw(value); }
};

// Words of actor:/place: values, so snippets can mark where the entity is mentioned.
using HighlightWords = std::vector<std::string>;

class EntityField : public Xapian::FieldProcessor {
 public:
  EntityField(const char* name, entities::Field field, HighlightWords* words,
              std::vector<std::string>* ranking_terms)
      : name_(name), field_(field), words_(words), ranking_terms_(ranking_terms) {}
  Xapian::Query operator()(const std::string& value) override {
    if (value.empty()) throw FieldValueError{name_, value, "empty " + name_ + ": value", 0};
    if (field_ != entities::Field::country) {
      for (const auto& t : text::tokenize(value)) {
        words_->push_back(text::fold(std::string_view(value).substr(t.begin, t.end - t.begin)));
      }
    }
    auto terms = entities::query_terms(field_, value);
    ranking_terms_->insert(ranking_terms_->end(), terms.begin(), terms.end());
    return terms_query(terms);
  }

 private:
  std::string name_;
  entities::Field field_;
  HighlightWords* words_;
  std::vector<std::string>* ranking_terms_;
};

class PrefixedField : public Xapian::FieldProcessor {
 public:
  PrefixedField(const char* name, const char* prefix) : name_(name), prefix_(prefix) {}
  Xapian::Query operator()(const std::string& value) override {
    const std::string folded = text::fold_phrase(value);
    if (folded.empty()) throw FieldValueError{name_, value, "empty " + name_ + ": value", 0};
    return Xapian::Query(prefix_ + folded);
  }

 private:
  std::string name_;
  std::string prefix_;
};

bool is_operator(const std::string& w) {
  return w == "AND" || w == "OR" || w == "NOT" || w == "XOR" || w == "NEAR" || w == "ADJ";
}

// Character column (1-based) of byte offset `byte` in UTF-8 `s`.
std::size_t column_of(const std::string& s, std::size_t byte) {
  std::size_t col = 1;
  for (std::size_t i = 0; i < byte && i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++col;
  }
  return col;
}

// Structural checks Xapian's parser would otherwise paper over: unbalanced quotes and
// brackets, operators with a missing operand, empty field values.
void validate(const std::string& q) {
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
  // Words outside quotes: operators need an operand on both sides.
  struct Word {
    std::string text;
    std::size_t pos;
  };
  std::vector<Word> words;
  bool in_quote = false;
  for (std::size_t i = 0; i < q.size();) {
    if (q[i] == '"') in_quote = !in_quote;
    if (in_quote || std::isspace(static_cast<unsigned char>(q[i])) || q[i] == '"') {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < q.size() && !std::isspace(static_cast<unsigned char>(q[j])) && q[j] != '"') ++j;
    std::string w = q.substr(i, j - i);
    // NEAR/3 and ADJ/3 are operators too.
    const auto slash = w.find('/');
    std::string base = slash == std::string::npos ? w : w.substr(0, slash);
    words.push_back({is_operator(base) ? base : w, i});
    // field: with nothing after it
    const auto colon = w.find(':');
    if (colon != std::string::npos && colon + 1 == w.size() && colon > 0 &&
        (j >= q.size() || q[j] != '"')) {
      static const char* kFields[] = {"title",   "date",   "actor", "place",
                                      "country", "source", "lang"};
      for (const char* f : kFields) {
        if (w.substr(0, colon) == f) {
          throw QueryError(
              "'" + w + "' at column " + std::to_string(column_of(q, i)) + " has no value",
              column_of(q, i), "write e.g. " + std::string(f) + ":VALUE");
        }
      }
    }
    i = j;
  }
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
  }
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

Xapian::Query date_query_raw(const std::string& value) {
  if (value.empty()) throw FieldValueError{"date", value, "empty date: value", 0};
  const auto dots = value.find("..");
  std::string why;
  if (dots == std::string::npos) {
    auto span = parse_date(value, why);
    if (!span) throw FieldValueError{"date", value, "invalid date '" + value + "': " + why, 0};
    const char* prefix = span->digits == 4   ? schema::kYear
                         : span->digits == 6 ? schema::kMonth
                                             : schema::kDay;
    return Xapian::Query(prefix + span->first.substr(0, span->digits));
  }
  const std::string lo = value.substr(0, dots), hi = value.substr(dots + 2);
  if (lo.empty() && hi.empty()) {
    throw FieldValueError{"date", value, "date range '..' needs a start or an end", 0};
  }
  std::string first = "00000000", last = "99999999";
  if (!lo.empty()) {
    auto span = parse_date(lo, why);
    if (!span) throw FieldValueError{"date", value, "invalid date '" + lo + "': " + why, 0};
    first = span->first;
  }
  if (!hi.empty()) {
    auto span = parse_date(hi, why);
    if (!span) {
      throw FieldValueError{"date", value, "invalid date '" + hi + "': " + why, dots + 2};
    }
    last = span->last;
  }
  if (first > last) {
    throw FieldValueError{"date", value, "date range '" + value + "' ends before it starts", 0};
  }
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, first, last);
}

}  // namespace

Xapian::Query date_query(const std::string& value) {
  try {
    return date_query_raw(value);
  } catch (const FieldValueError& e) {
    throw QueryError(e.message, e.offset_in_value + 1);
  }
}

ParsedQuery parse_query(const std::string& text, const Xapian::Database& db,
                        const std::string& lang) {
  std::string trimmed = text;
  if (trimmed.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw QueryError("empty query", 1, "give words to search for, e.g. 'oil date:1987-03'");
  }
  validate(text);
  const std::string rewritten = rewrite(text);

  HighlightWords entity_words;
  std::vector<std::string> entity_terms;
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_stemmer(text::query_stemmer(lang));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_default_op(Xapian::Query::OP_AND);
  qp.add_prefix("title", schema::kTitle);
  qp.add_boolean_prefix("date", new DateField);
  qp.add_boolean_prefix(
      "actor", new EntityField("actor", entities::Field::actor, &entity_words, &entity_terms));
  qp.add_boolean_prefix(
      "place", new EntityField("place", entities::Field::place, &entity_words, &entity_terms));
  qp.add_boolean_prefix("country", new EntityField("country", entities::Field::country,
                                                   &entity_words, &entity_terms));
  qp.add_boolean_prefix("source", new PrefixedField("source", schema::kSource));
  qp.add_boolean_prefix("lang", new PrefixedField("lang", schema::kLang));
  const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                         Xapian::QueryParser::FLAG_PURE_NOT;
  ParsedQuery parsed;
  try {
    parsed.query =
        xapian_try("parsing the query", [&] { return qp.parse_query(rewritten, flags); });
  } catch (const FieldValueError& e) {
    // Point at the value in the user's text (the rewrite leaves field values in place).
    const std::string needle = e.field + ":";
    std::size_t at = text.find(needle + e.value);
    if (at == std::string::npos) at = text.find(needle + "\"" + e.value);
    const std::size_t col =
        at == std::string::npos ? 0 : column_of(text, at + needle.size() + e.offset_in_value);
    throw QueryError(e.message + (col ? " at column " + std::to_string(col) : ""), col,
                     e.field == "date" ? "dates look like 2025, 2025-07, 2025-07-13 or "
                                         "2025-07-01..2025-07-31"
                                       : "");
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
  return parsed;
}

}  // namespace newsdex::search
