// JSON Lines format: one article object per line, parsed with nlohmann::json.
#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "corpus/format_parsers.h"
#include "text/tokenizer.h"

namespace newsdex::corpus {

namespace {

using nlohmann::json;

// nlohmann's messages read "[json.exception.parse_error.101] parse error at line 1, column 5:
// syntax error ..."; the bracketed id and the line (always 1 here) only add noise.
std::string brief_json_error(const json::exception& e) {
  std::string message = e.what();
  if (const std::size_t bracket = message.find("] ");
      message.rfind("[json.", 0) == 0 && bracket != std::string::npos) {
    message.erase(0, bracket + 2);
  }
  constexpr std::string_view kPrefix = "parse error at line 1, ";
  if (message.rfind(kPrefix, 0) == 0) message.erase(0, kPrefix.size());
  return message;
}

// Reads optional string field `key`; false (with `error`) if present but neither string nor null.
bool string_field(const json& object, const char* key, std::string& out, std::string& error) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return true;
  if (!it->is_string()) {
    error = std::string("'") + key + "' is not a string";
    return false;
  }
  out = it->get<std::string>();
  return true;
}

// Builds the article of one parsed line; returns the reason for skipping it, or "".
std::string to_article(const json& object, Article& article) {
  if (!object.is_object()) return "not a JSON object";
  const auto date = object.find("date");
  if (date == object.end() || date->is_null()) return "no 'date' field";
  if (!date->is_string()) return "'date' is not a string";
  Timestamp stamp = parse_timestamp(date->get_ref<const std::string&>());
  if (!stamp.error.empty()) return stamp.error;
  article.date = std::move(stamp.date);
  article.time = std::move(stamp.time);

  std::string error;
  if (const auto id = object.find("id"); id != object.end() && id->is_number_integer()) {
    article.id = id->dump();  // numeric ids are common in exports; keep them as text
  } else if (!string_field(object, "id", article.id, error)) {
    return error;
  }
  if (!string_field(object, "title", article.title, error) ||
      !string_field(object, "body", article.body, error) ||
      !string_field(object, "source", article.source, error) ||
      !string_field(object, "url", article.url, error) ||
      !string_field(object, "lang", article.lang, error)) {
    return error;
  }
  if (article.body.empty() && !string_field(object, "text", article.body, error)) return error;
  std::transform(article.lang.begin(), article.lang.end(), article.lang.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  article.title = std::string(trim(article.title));
  return {};
}

}  // namespace

void parse_jsonl(std::string_view data, Sink& sink) {
  data = sink.without_bom(data);
  if (is_blank(data)) {
    sink.skip(0, "empty file");
    return;
  }
  std::size_t line_number = 0;
  std::size_t records = 0;
  std::string line;
  std::size_t pos = 0;
  while (pos < data.size()) {
    std::size_t end = data.find('\n', pos);
    if (end == std::string_view::npos) end = data.size();
    const std::string_view text = data.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (is_blank(text)) continue;
    ++records;

    // Repair before parsing: nlohmann rejects ill-formed UTF-8 outright, and one bad byte in
    // a body should cost a warning, not the article.
    line.assign(text);
    const std::size_t repairs = text::repair_utf8(line);
    json object;
    try {
      object = json::parse(line);
    } catch (const json::exception& e) {
      sink.skip(line_number, "invalid JSON: " + brief_json_error(e));
      continue;
    }
    Article article;
    if (std::string error = to_article(object, article); !error.empty()) {
      sink.skip(line_number, std::move(error));
      continue;
    }
    if (article.id.empty()) article.id = sink.default_id(records);
    article.line = line_number;
    if (repairs > 0) {
      sink.warn(line_number, "invalid UTF-8 replaced by U+FFFD (" + std::to_string(repairs) +
                                 (repairs == 1 ? " sequence)" : " sequences)"));
    }
    sink.accept(std::move(article));
  }
}

}  // namespace newsdex::corpus
