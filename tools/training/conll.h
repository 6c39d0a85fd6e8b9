// CoNLL-2003 files for the tagger tools: reading documents, IOB1/IOB2 conversion, conlleval
// scoring. newsdex_training only (newsdex-train-tagger, newsdex-conll-score, tests), not the
// runtime library; newsdex-index --tag-conll reads its input with its own few lines.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace newsdex::entities::conll {

/// One token line: its columns as read (word first; gold tag in column 4 for CoNLL-2003).
struct Line {
  std::vector<std::string> columns;
};

/// A document: sentences of token lines. `-DOCSTART-` lines start a new document.
struct Document {
  std::vector<std::vector<Line>> sentences;
};

/// Reads a CoNLL file (space- or tab-separated columns, blank line between sentences).
/// Throws newsdex::Error(io) if the file cannot be read, Error(input) on a malformed line.
std::vector<Document> read_file(const std::string& path);

/// The words (column 0) of a document, as Tagger::tag() takes them.
std::vector<std::vector<std::string>> words(const Document& document);

/// The tags in column `column` (negative: counted from the end) converted to IOB2.
std::vector<std::vector<std::string>> tags(const Document& document, int column);

/// Rewrites one sentence of IOB1 or IOB2 tags as IOB2 (B- at every entity start); an I-X that
/// follows a tag of another type also starts an entity, as conlleval reads it.
void to_iob2(std::vector<std::string>& tags);

/// An entity span [begin, end) of one type within a sentence.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string type;
  bool operator==(const Span&) const = default;
};

/// Entity spans of an IOB2 (or IOB1) tag sequence, read by conlleval's rules.
std::vector<Span> spans(const std::vector<std::string>& tags);

/// Exact-span counts for one entity type, or for a micro average.
struct Counts {
  std::size_t gold = 0;
  std::size_t predicted = 0;
  std::size_t correct = 0;
  double precision() const { return predicted ? double(correct) / double(predicted) : 0.0; }
  double recall() const { return gold ? double(correct) / double(gold) : 0.0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};

/// Scores of PER, LOC, ORG, MISC (in that order) and the micro average over PER, LOC, ORG.
struct Score {
  static constexpr std::array<const char*, 4> kTypes = {"PER", "LOC", "ORG", "MISC"};
  std::array<Counts, 4> by_type;
  Counts micro;  ///< over PER, LOC, ORG only (MISC ignored)
  /// Adds one sentence: gold and predicted tags of equal length.
  void add(const std::vector<std::string>& gold, const std::vector<std::string>& predicted);
  /// The table as printed by newsdex-conll-score.
  std::string table() const;
};

}  // namespace newsdex::entities::conll
