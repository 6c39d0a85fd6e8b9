// CoNLL-2003 reading and conlleval-style exact-span scoring for the tagger tools and tests.
#include "training/conll.h"

#include <newsdex/error.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace newsdex::entities::conll {

std::vector<Document> read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(ErrorCode::io, path + ": cannot open CoNLL file");
  std::vector<Document> documents;
  std::vector<Line> sentence;
  auto flush_sentence = [&] {
    if (sentence.empty()) return;
    if (documents.empty()) documents.emplace_back();
    documents.back().sentences.push_back(std::move(sentence));
    sentence.clear();
  };
  std::string text;
  std::size_t line_number = 0;
  std::size_t width = 0;
  while (std::getline(in, text)) {
    ++line_number;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    Line line;
    std::size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
      std::size_t j = i;
      while (j < text.size() && text[j] != ' ' && text[j] != '\t') ++j;
      if (j > i) line.columns.emplace_back(text, i, j - i);
      i = j;
    }
    if (line.columns.empty()) {
      flush_sentence();
      continue;
    }
    if (line.columns[0] == "-DOCSTART-") {
      flush_sentence();
      documents.emplace_back();
      continue;
    }
    if (width == 0) width = line.columns.size();
    if (line.columns.size() != width)
      throw Error(ErrorCode::input, path + ":" + std::to_string(line_number) + ": expected " +
                                        std::to_string(width) + " columns, found " +
                                        std::to_string(line.columns.size()));
    sentence.push_back(std::move(line));
  }
  if (in.bad()) throw Error(ErrorCode::io, path + ": read error");
  flush_sentence();
  std::erase_if(documents, [](const Document& d) { return d.sentences.empty(); });
  return documents;
}

std::vector<std::vector<std::string>> words(const Document& document) {
  std::vector<std::vector<std::string>> out;
  out.reserve(document.sentences.size());
  for (const auto& sentence : document.sentences) {
    auto& s = out.emplace_back();
    s.reserve(sentence.size());
    for (const auto& line : sentence) s.push_back(line.columns.front());
  }
  return out;
}

std::vector<std::vector<std::string>> tags(const Document& document, int column) {
  std::vector<std::vector<std::string>> out;
  for (const auto& sentence : document.sentences) {
    auto& s = out.emplace_back();
    for (const auto& line : sentence) {
      const int n = int(line.columns.size());
      const int c = column < 0 ? n + column : column;
      if (c < 0 || c >= n)
        throw Error(ErrorCode::input, "CoNLL line has no column " + std::to_string(column));
      s.push_back(line.columns[std::size_t(c)]);
    }
    to_iob2(s);
  }
  return out;
}

namespace {
std::string type_of(const std::string& tag) {
  return tag.size() > 2 ? tag.substr(2) : std::string();
}
}  // namespace

void to_iob2(std::vector<std::string>& tags) {
  std::string previous = "O";
  for (auto& tag : tags) {
    const std::string original = tag;
    if (tag.size() > 2 && tag[0] == 'I' && tag[1] == '-') {
      if (previous == "O" || type_of(previous) != type_of(tag)) tag[0] = 'B';
    } else if (tag.size() <= 2) {
      tag = "O";  // anything that is not X-TYPE reads as outside
    }
    previous = original.size() > 2 ? original : "O";
  }
}

std::vector<Span> spans(const std::vector<std::string>& tags_in) {
  std::vector<std::string> tags = tags_in;
  to_iob2(tags);
  std::vector<Span> out;
  for (std::size_t i = 0; i < tags.size(); ++i) {
    if (tags[i][0] != 'B') continue;
    Span span{i, i + 1, type_of(tags[i])};
    while (span.end < tags.size() && tags[span.end][0] == 'I' &&
           type_of(tags[span.end]) == span.type)
      ++span.end;
    out.push_back(span);
  }
  return out;
}

void Score::add(const std::vector<std::string>& gold, const std::vector<std::string>& predicted) {
  const auto g = spans(gold), p = spans(predicted);
  auto index = [](const std::string& type) -> int {
    for (std::size_t t = 0; t < kTypes.size(); ++t)
      if (type == kTypes[t]) return int(t);
    return -1;
  };
  for (const auto& s : g)
    if (int t = index(s.type); t >= 0) ++by_type[std::size_t(t)].gold;
  for (const auto& s : p) {
    const int t = index(s.type);
    if (t < 0) continue;
    ++by_type[std::size_t(t)].predicted;
    for (const auto& h : g)
      if (h == s) {
        ++by_type[std::size_t(t)].correct;
        break;
      }
  }
  micro = {};
  for (std::size_t t = 0; t < 3; ++t) {
    micro.gold += by_type[t].gold;
    micro.predicted += by_type[t].predicted;
    micro.correct += by_type[t].correct;
  }
}

std::string Score::table() const {
  std::ostringstream out;
  char row[160];
  std::snprintf(row, sizeof row, "%-14s %6s %6s %6s %9s %7s %7s\n", "type", "gold", "pred",
                "correct", "precision", "recall", "F1");
  out << row;
  auto line = [&](const char* name, const Counts& c) {
    std::snprintf(row, sizeof row, "%-14s %6zu %6zu %7zu %9.4f %7.4f %7.4f\n", name, c.gold,
                  c.predicted, c.correct, c.precision(), c.recall(), c.f1());
    out << row;
  };
  for (std::size_t t = 0; t < kTypes.size(); ++t) line(kTypes[t], by_type[t]);
  line("micro(P/L/O)", micro);
  return out.str();
}

}  // namespace newsdex::entities::conll
