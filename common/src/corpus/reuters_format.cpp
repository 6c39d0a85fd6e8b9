// Reuters-21578 SGML: one Article per <REUTERS> element that has a <BODY>, with its editors'
// labels.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>

#include "corpus/format_parsers.h"
#include "text/tokenizer.h"

namespace newsdex::corpus {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Inner text of the first <NAME>...</NAME> in `s` (tags here carry no attributes, except TEXT).
bool element(std::string_view s, std::string_view name, std::string_view& inner) {
  std::string open = "<";
  open.append(name).push_back('>');
  const std::size_t begin = s.find(open);
  if (begin == std::string_view::npos) return false;
  std::string close = "</";
  close.append(name).push_back('>');
  const std::size_t content = begin + open.size();
  const std::size_t end = s.find(close, content);
  if (end == std::string_view::npos) return false;
  inner = s.substr(content, end - content);
  return true;
}

// Value of attribute NAME="..." inside a start tag.
std::string attribute(std::string_view tag, std::string_view name) {
  std::string key = " ";
  key.append(name).append("=\"");
  const std::size_t begin = tag.find(key);
  if (begin == std::string_view::npos) return {};
  const std::size_t value = begin + key.size();
  const std::size_t end = tag.find('"', value);
  return end == std::string_view::npos ? std::string()
                                       : std::string(tag.substr(value, end - value));
}

// Decodes SGML entities (&lt; &amp; &#3; ...) and drops the wire's control characters (STX, ETX,
// SYN, ...), which would otherwise reach the index as garbage; tabs become spaces.
std::string decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto put = [&](std::uint32_t c) {
    if (c == '\n') {
      out.push_back('\n');
    } else if (c == '\t') {
      out.push_back(' ');
    } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
      // control character: dropped
    } else if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c != '&') {
      if (static_cast<unsigned char>(c) >= 0x80) {
        out.push_back(c);  // part of a UTF-8 sequence
      } else {
        put(static_cast<unsigned char>(c));
      }
      continue;
    }
    const std::size_t semi = s.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back('&');
      continue;
    }
    const std::string_view name = s.substr(i + 1, semi - i - 1);
    std::uint32_t code = 0;
    bool known = true;
    if (name == "lt") {
      code = '<';
    } else if (name == "gt") {
      code = '>';
    } else if (name == "amp") {
      code = '&';
    } else if (name == "quot") {
      code = '"';
    } else if (name == "apos") {
      code = '\'';
    } else if (name.size() >= 2 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      for (std::size_t k = hex ? 2 : 1; k < name.size() && known; ++k) {
        const char d = name[k];
        if (d >= '0' && d <= '9') {
          code = code * (hex ? 16 : 10) + static_cast<std::uint32_t>(d - '0');
        } else if (hex && ((d >= 'a' && d <= 'f') || (d >= 'A' && d <= 'F'))) {
          code = code * 16 + static_cast<std::uint32_t>((d | 0x20) - 'a' + 10);
        } else {
          known = false;
        }
      }
      if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) code = 0xFFFD;
    } else {
      known = false;
    }
    if (!known) {
      out.push_back('&');
      continue;
    }
    put(code);
    i = semi;
  }
  return out;
}

// Collapses white-space runs (including line breaks) to single spaces, trimmed.
std::string collapse(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (const char c : s) {
    if (is_space(c)) {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
  }
  return out;
}

// The wire wraps lines at ~70 columns and indents each new paragraph; rebuild paragraphs
// joined by '\n' (Article::body's convention) and drop the "Reuter" sign-off, which every
// story carries and which would otherwise look like a mention of the agency.
std::string unwrap_body(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool new_paragraph = true;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t end = s.find('\n', pos);
    if (end == std::string_view::npos) end = s.size();
    const std::string_view raw = s.substr(pos, end - pos);
    pos = end + 1;
    const std::string line = collapse(raw);
    if (line.empty()) {
      new_paragraph = true;
      continue;
    }
    if (!out.empty()) {
      out.push_back(new_paragraph || is_space(raw.front()) ? '\n' : ' ');
    }
    out += line;
    new_paragraph = false;
  }
  // Sign-off: a last word "Reuter"/"REUTER" after white space.
  constexpr std::string_view kSignOff = "reuter";
  if (out.size() > kSignOff.size()) {
    const std::size_t at = out.size() - kSignOff.size();
    bool match = is_space(out[at - 1]);
    for (std::size_t k = 0; match && k < kSignOff.size(); ++k) {
      match = (out[at + k] | 0x20) == kSignOff[k];
    }
    if (match) {
      out.resize(at);
      while (!out.empty() && is_space(out.back())) out.pop_back();
    }
  }
  return out;
}

// "26-FEB-1987 15:01:01.79" -> date "1987-02-26", time "15:01:01.79". Some DATE fields carry
// trailing wire codes ("&#9;&#9;&#9;C T") or an impossible hour ("605:12:19.12"): the date is
// still good then, and the time is left out.
bool parse_reuters_date(std::string_view s, std::string& date, std::string& time) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  std::size_t i = 0;
  int day = 0;
  while (i < s.size() && i < 2 && s[i] >= '0' && s[i] <= '9') day = day * 10 + (s[i++] - '0');
  if (i == 0 || i + 9 > s.size() || s[i] != '-' || s[i + 4] != '-') return false;
  const auto month_it = std::find(kMonths.begin(), kMonths.end(), s.substr(i + 1, 3));
  if (month_it == kMonths.end()) return false;
  const int month = static_cast<int>(month_it - kMonths.begin()) + 1;
  int year = 0;
  for (std::size_t k = i + 5; k < i + 9; ++k) {
    if (s[k] < '0' || s[k] > '9') return false;
    year = year * 10 + (s[k] - '0');
  }
  if (!valid_day(year, month, day)) return false;
  char buffer[32];  // roomy enough for any int, which keeps -Wformat-truncation quiet
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  date = buffer;
  std::size_t pos = i + 9;
  while (pos < s.size() && s[pos] == ' ') ++pos;
  bool valid = false;
  std::string t;
  time = parse_time(s, pos, t, valid) && valid ? t : std::string();
  return true;
}

void add_labels(std::string_view inner, std::string_view element_name, const char* kind,
                Article& article) {
  std::string_view list;
  if (!element(inner, element_name, list)) return;
  std::size_t pos = 0;
  while ((pos = list.find("<D>", pos)) != std::string_view::npos) {
    const std::size_t begin = pos + 3;
    const std::size_t end = list.find("</D>", begin);
    if (end == std::string_view::npos) break;
    std::string value = collapse(decode(list.substr(begin, end - begin)));
    if (!value.empty()) article.labels.emplace_back(kind, std::move(value));
    pos = end + 4;
  }
}

}  // namespace

ReutersStep reuters_step(std::string_view data, std::size_t pos) {
  ReutersStep step;
  step.begin = data.find("<REUTERS", pos);
  if (step.begin == std::string_view::npos) return step;
  const std::size_t tag_end = data.find('>', step.begin);
  const std::size_t end =
      tag_end == std::string_view::npos ? tag_end : data.find("</REUTERS>", tag_end);
  // An element must end before the next one starts: otherwise a missing </REUTERS> would
  // swallow the next story into this one.
  const std::size_t next =
      tag_end == std::string_view::npos ? tag_end : data.find("<REUTERS", tag_end);
  if (end == std::string_view::npos || next < end) {
    step.kind = ReutersStep::unterminated;
    step.next = next;
    return step;
  }
  step.kind = ReutersStep::element;
  step.tag_end = tag_end;
  step.end = end;
  step.next = end + 10;
  return step;
}

std::size_t reuters_record_cut(std::string_view data, std::size_t& records) {
  // Each step the parser takes here is final once it found where the walk goes on: later data
  // cannot move a match found before it. A piece ends after an element, not after an
  // unterminated one, whose message says what comes next (another <REUTERS>, or the end).
  records = 0;
  std::size_t cut = 0, steps = 0;
  for (std::size_t pos = 0;;) {
    const ReutersStep step = reuters_step(data, pos);
    if (step.kind == ReutersStep::none || step.next == std::string_view::npos) return cut;
    ++steps;
    pos = step.next;
    if (step.kind == ReutersStep::element) {
      cut = pos;
      records = steps;
    }
  }
}

void parse_reuters(std::string_view data, Sink& sink) {
  if (is_blank(data)) {
    sink.skip(0, "empty file");
    return;
  }

  std::size_t line = 1;
  std::size_t counted_to = 0;  // line holds the number of the line at data[counted_to]
  std::size_t elements = 0;
  for (std::size_t pos = 0;;) {
    const ReutersStep step = reuters_step(data, pos);
    if (step.kind == ReutersStep::none) break;
    line += static_cast<std::size_t>(
        std::count(data.begin() + static_cast<std::ptrdiff_t>(counted_to),
                   data.begin() + static_cast<std::ptrdiff_t>(step.begin), '\n'));
    counted_to = step.begin;
    ++elements;
    if (step.kind == ReutersStep::unterminated) {
      sink.skip(line, "unterminated <REUTERS> element (no </REUTERS> before " +
                          std::string(step.next == std::string_view::npos ? "the end of the file"
                                                                          : "the next <REUTERS>") +
                          ")");
      if (step.next == std::string_view::npos) break;
      pos = step.next;
      continue;
    }
    pos = step.next;
    // The collection is Latin-1 (one 0xFC byte in reut2-017.sgm); a copy someone re-encoded
    // as UTF-8 is read as such, since Latin-1 text is almost never valid UTF-8. Decided per
    // element, so a file read in pieces of whole elements reads the same as a whole file.
    std::string element_text(data.substr(step.begin, step.end - step.begin));
    if (text::repair_utf8(element_text) > 0) {
      element_text = text::latin1_to_utf8(data.substr(step.begin, step.end - step.begin));
    }
    const std::size_t tag_end = element_text.find('>');  // ASCII: as in the raw bytes
    const std::string_view tag = std::string_view(element_text).substr(0, tag_end);
    const std::string_view inner = std::string_view(element_text).substr(tag_end + 1);

    // <TEXT> or <TEXT TYPE="BRIEF">/<TEXT TYPE="UNPROC">: only stories with a <BODY> are kept;
    // BRIEF items are a headline alone and UNPROC items unparsed tables.
    std::string_view text_inner;
    const std::size_t text_open = inner.find("<TEXT");
    if (text_open != std::string_view::npos) {
      const std::size_t text_start = inner.find('>', text_open);
      const std::size_t text_end =
          text_start == std::string_view::npos ? text_start : inner.find("</TEXT>", text_start);
      if (text_end != std::string_view::npos) {
        text_inner = inner.substr(text_start + 1, text_end - text_start - 1);
      }
    }
    std::string_view body;
    if (!element(text_inner, "BODY", body)) {
      sink.skip(line, "no body");
      continue;
    }

    Article article;
    article.line = line;
    std::string_view date_text;
    if (!element(inner, "DATE", date_text) ||
        !parse_reuters_date(date_text, article.date, article.time)) {
      sink.skip(line, "invalid date '" + collapse(decode(date_text)) + "'");
      continue;
    }
    const std::string new_id = attribute(tag, "NEWID");
    article.id = new_id.empty() ? sink.default_id(elements) : "reuters:" + new_id;
    std::string_view part;
    if (element(text_inner, "TITLE", part)) article.title = collapse(decode(part));
    std::string dateline;
    if (element(text_inner, "DATELINE", part)) dateline = collapse(decode(part));
    article.body = unwrap_body(decode(body));
    if (!dateline.empty())
      article.body = dateline + (article.body.empty() ? "" : " ") + article.body;
    article.source = "Reuters";
    article.lang = "en";
    add_labels(inner, "PLACES", "places", article);
    add_labels(inner, "PEOPLE", "people", article);
    add_labels(inner, "ORGS", "orgs", article);
    add_labels(inner, "TOPICS", "topics", article);
    add_labels(inner, "EXCHANGES", "exchanges", article);
    add_labels(inner, "COMPANIES", "companies", article);
    if (element(text_inner, "AUTHOR", part)) {
      if (std::string author = collapse(decode(part)); !author.empty()) {
        article.labels.emplace_back("author", std::move(author));
      }
    }
    if (std::string split = attribute(tag, "LEWISSPLIT"); !split.empty()) {
      article.labels.emplace_back("lewissplit", std::move(split));
    }
    sink.accept(std::move(article));
  }
  // A file read in pieces: only the first may say the file has no element (the others start
  // after one).
  if (elements == 0 && sink.at_file_start()) sink.skip(0, "no <REUTERS> element");
}

}  // namespace newsdex::corpus
