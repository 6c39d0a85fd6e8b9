// Named-entity sequence tagger (averaged perceptron, Viterbi) over CoNLL-style token sequences.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace newsdex::entities {

namespace tagger_detail {
struct Pipeline;
}

/// A trained tagger. Load once; tag() is const and thread-safe.
class Tagger {
 public:
  /// Loads a model written by newsdex-train-tagger. Throws newsdex::Error(io) if the file cannot
  /// be read, Error(input) if it is not a model of this version (including a model trained with
  /// another feature set than this build extracts). A model at <dir>/models/<file> looks up
  /// the gazetteers of <dir> (when <dir>/gazetteer exists), else those of the default data
  /// directory; they are loaded on the first tag().
  static std::shared_ptr<const Tagger> load(const std::string& model_path);

  /// Tags one document given as sentences of tokens (words and punctuation split CoNLL-style:
  /// "Russia 's", "U.S.", "(", "KCNA", ")"). Returns one IOB2 tag per token: "B-PER", "I-PER",
  /// "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC" or "O". Robust to ALL-CAPS sentences.
  /// Passing the whole document (not one sentence at a time) lets the tagger use what the
  /// document says elsewhere about the same words. Thread-safe. Throws newsdex::Error(io) if
  /// the gazetteer tables cannot be loaded (on the first call).
  std::vector<std::vector<std::string>> tag(
      const std::vector<std::vector<std::string>>& document) const;

  /// The wrapped model stages (for the training and evaluation tools).
  const tagger_detail::Pipeline& pipeline() const { return *pipeline_; }

  explicit Tagger(std::shared_ptr<const tagger_detail::Pipeline> pipeline);
  ~Tagger();

 private:
  std::shared_ptr<const tagger_detail::Pipeline> pipeline_;
};

}  // namespace newsdex::entities
