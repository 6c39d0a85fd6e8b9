// Text format: articles opened by `date YYYY-MM-DD[ time[ zone]] Title` lines, then headers and
// body.
#include <algorithm>
#include <cctype>
#include <vector>

#include "corpus/format_parsers.h"
#include "text/tokenizer.h"

namespace newsdex::corpus {

namespace {

constexpr char kNoDateLine[] = "no 'date YYYY-MM-DD' line";

bool is_hspace(char c) { return c == ' ' || c == '\t'; }

std::string_view ltrim(std::string_view s) {
  while (!s.empty() && is_hspace(s.front())) s.remove_prefix(1);
  return s;
}

// Splits off the next white-space separated token of `s`.
std::string_view next_token(std::string_view& s) {
  s = ltrim(s);
  std::size_t end = 0;
  while (end < s.size() && !is_hspace(s[end])) ++end;
  const std::string_view token = s.substr(0, end);
  s.remove_prefix(end);
  return token;
}

// A line opens an article when, after optional white space, it reads "date" + blank + digit.
// Requiring the digit keeps a body line such as "date of birth unknown" in the body, while a
// mistyped date ("date 2025-13-45") still opens an article that is then reported.
bool is_date_line(std::string_view line, std::string_view& rest) {
  // A byte order mark where files were concatenated (cat a.txt b.txt) still opens an article.
  line = strip_bom(ltrim(line));
  line = ltrim(line);
  if (line.size() < 6 || line.substr(0, 4) != "date" || !is_hspace(line[4])) return false;
  rest = ltrim(line.substr(5));
  return !rest.empty() && rest[0] >= '0' && rest[0] <= '9';
}

}  // namespace

bool is_text_article_start(std::string_view line) {
  std::string_view rest;
  return is_date_line(line, rest);
}

namespace {

struct Line {
  std::size_t number;
  std::string_view text;
};

// Fills date, time and title from what follows "date " on an article's first line; returns the
// reason for skipping the article, or "" if the line is good.
std::string parse_date_line(std::string_view rest, Article& article) {
  const std::string_view token = next_token(rest);
  if (token.size() < 10 || !looks_like_date(token.substr(0, 10))) {
    return "invalid date '" + std::string(token) + "'";
  }
  const std::string_view date = token.substr(0, 10);
  const auto number = [&](std::size_t at, std::size_t len) {
    int n = 0;
    for (std::size_t i = at; i < at + len; ++i) n = n * 10 + (date[i] - '0');
    return n;
  };
  if (!valid_day(number(0, 4), number(5, 2), number(8, 2))) {
    return "invalid date '" + std::string(date) + "'";
  }
  article.date = std::string(date);

  std::string time, zone;
  bool valid = true;
  if (token.size() > 10) {
    // "2025-07-13T14:05:00+03:00": the time and zone are part of the date token.
    std::size_t pos = 11;
    if ((token[10] != 'T' && token[10] != 't')) return "invalid date '" + std::string(token) + "'";
    if (!parse_time(token, pos, time, valid) || !valid ||
        (pos < token.size() && !parse_zone(token, pos, zone)) || pos != token.size()) {
      return "invalid time '" + std::string(token.substr(11)) + "'";
    }
  } else {
    // "2025-07-13 14:05 +0300 Title" or "2025-07-13 14:05Z Title": a separate time token.
    std::string_view after = rest;
    const std::string_view time_token = next_token(after);
    std::size_t pos = 0;
    if (parse_time(time_token, pos, time, valid) &&
        (pos == time_token.size() ||
         (parse_zone(time_token, pos, zone) && pos == time_token.size()))) {
      if (!valid) return "invalid time '" + std::string(time_token) + "'";
      rest = after;
      if (zone.empty()) {
        const std::string_view zone_token = next_token(after);
        pos = 0;
        if (parse_zone(zone_token, pos, zone) && pos == zone_token.size()) {
          rest = after;
        } else {
          zone.clear();
        }
      }
    } else {
      time.clear();
    }
  }
  article.time = time.empty() ? std::string() : time + zone;
  article.title = std::string(trim(rest));
  return {};
}

// Recognises a header line ("lang: ru"), returning false for anything else.
bool parse_header(std::string_view line, std::string& key, std::string_view& value) {
  line = trim(line);
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 6) return false;
  key.clear();
  for (const char c : line.substr(0, colon)) {
    key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (key != "lang" && key != "source" && key != "url" && key != "id") return false;
  value = trim(line.substr(colon + 1));
  return true;
}

// Turns one article's lines into an Article and hands it to the sink.
void finish_article(const Line& date_line, std::string_view rest, const std::vector<Line>& lines,
                    std::size_t number, Sink& sink) {
  Article article;
  article.line = date_line.number;
  if (std::string error = parse_date_line(rest, article); !error.empty()) {
    sink.skip(date_line.number, std::move(error));
    return;
  }
  std::size_t repairs = 0;
  std::size_t first_bad_line = 0;
  const auto repaired = [&](std::string_view text, std::size_t line_number) {
    std::string s(text);
    if (const std::size_t n = text::repair_utf8(s); n > 0) {
      repairs += n;
      if (first_bad_line == 0) first_bad_line = line_number;
    }
    return s;
  };
  article.title = repaired(article.title, date_line.number);

  std::size_t i = 0;
  std::string key;
  std::string_view value;
  for (; i < lines.size() && parse_header(lines[i].text, key, value); ++i) {
    std::string v = repaired(value, lines[i].number);
    if (key == "lang") {
      std::transform(v.begin(), v.end(), v.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      article.lang = std::move(v);
    } else if (key == "source") {
      article.source = std::move(v);
    } else if (key == "url") {
      article.url = std::move(v);
    } else {
      article.id = std::move(v);
    }
  }
  for (; i < lines.size(); ++i) {
    const std::string_view text = trim(lines[i].text);
    if (text.empty()) continue;
    if (!article.body.empty()) article.body.push_back('\n');
    article.body += repaired(text, lines[i].number);
  }
  if (article.id.empty()) article.id = sink.default_id(number);
  if (repairs > 0) {
    sink.warn(first_bad_line, "invalid UTF-8 replaced by U+FFFD (" + std::to_string(repairs) +
                                  (repairs == 1 ? " sequence)" : " sequences)"));
  }
  sink.accept(std::move(article));
}

}  // namespace

void parse_text(std::string_view data, Sink& sink) {
  data = sink.without_bom(data);
  if (is_blank(data)) {
    sink.skip(0, "empty file");
    return;
  }
  std::size_t line_number = 0;
  std::size_t preamble_line = 0;  // first non-blank line before any date line
  std::size_t articles = 0;
  bool in_article = false;
  Line date_line{};
  std::string_view date_rest;
  std::vector<Line> lines;

  std::size_t pos = 0;
  while (pos < data.size()) {
    std::size_t next;
    const std::size_t end = text_line_end(data, pos, next);
    const std::string_view text = data.substr(pos, end - pos);
    pos = next;
    ++line_number;

    std::string_view rest;
    if (is_date_line(text, rest)) {
      if (in_article) {
        finish_article(date_line, date_rest, lines, ++articles, sink);
      } else if (preamble_line > 0) {
        sink.skip(preamble_line, "text before the first 'date YYYY-MM-DD' line");
      }
      in_article = true;
      date_line = Line{line_number, text};
      date_rest = rest;
      lines.clear();
    } else if (in_article) {
      lines.push_back(Line{line_number, text});
    } else if (preamble_line == 0 && !is_blank(text)) {
      preamble_line = line_number;
    }
  }
  if (in_article) {
    finish_article(date_line, date_rest, lines, ++articles, sink);
  } else {
    sink.skip(preamble_line, kNoDateLine);
  }
}

}  // namespace newsdex::corpus
