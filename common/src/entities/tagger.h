// Named-entity sequence tagger (averaged perceptron) over CoNLL-style token sequences.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace newsdex::entities {

/// A trained tagger. Load once; tag() is const and thread-safe.
class Tagger {
 public:
  /// Loads a model written by newsdex-train-tagger. Throws newsdex::Error(io) if the file cannot
  /// be read, Error(input) if it is not a model of this version.
  static std::shared_ptr<const Tagger> load(const std::string& model_path);

  /// Tags one document given as sentences of tokens (words and punctuation split CoNLL-style:
  /// "Russia 's", "U.S.", "(", "KCNA", ")"). Returns one IOB2 tag per token: "B-PER", "I-PER",
  /// "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC" or "O". Robust to ALL-CAPS sentences.
  std::vector<std::vector<std::string>> tag(
      const std::vector<std::vector<std::string>>& document) const;

  virtual ~Tagger() = default;

 protected:
  Tagger() = default;
  virtual std::vector<std::vector<std::string>> tag_impl(
      const std::vector<std::vector<std::string>>& document) const = 0;
};

}  // namespace newsdex::entities
