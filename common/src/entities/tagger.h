// Named-entity sequence tagger (averaged perceptron, Viterbi) over CoNLL-style token sequences.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace newsdex::entities {

class Gazetteer;
namespace tagger_detail {
struct Pipeline;
}

/// A trained model bound to the gazetteer its features look up. Load once; tag() is const and
/// thread-safe. The tagger shares ownership of both the model and the gazetteer.
class Tagger {
 public:
  /// Reads a model file written by newsdex-train-tagger (the weights and word clusters; no
  /// gazetteer). Throws newsdex::Error(io) if the file cannot be read, Error(input) if it is
  /// not a model of this version (including a model trained with another feature set than this
  /// build extracts).
  static std::shared_ptr<const tagger_detail::Pipeline> load_model(const std::string& model_path);

  /// load_model(model_path) bound to `gazetteer`, which must be the gazetteer of the data
  /// directory the model was trained with (model_data_dir()); it may be null only for a model
  /// trained without gazetteer features (else Error(internal)).
  static std::shared_ptr<const Tagger> load(const std::string& model_path,
                                            std::shared_ptr<const Gazetteer> gazetteer);

  /// The data directory whose gazetteer goes with a model file: <dir> for a model at
  /// <dir>/models/<file> when <dir>/gazetteer exists, else resolve_data_dir() (data_dir.h).
  /// EntityRecognizer needs no such guess: its model and gazetteer come from one data dir.
  static std::string model_data_dir(const std::string& model_path);

  /// Tags one document given as sentences of tokens (words and punctuation split CoNLL-style:
  /// "Russia 's", "U.S.", "(", "KCNA", ")"). Returns one IOB2 tag per token: "B-PER", "I-PER",
  /// "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC" or "O". Robust to ALL-CAPS sentences.
  /// Passing the whole document (not one sentence at a time) lets the tagger use what the
  /// document says elsewhere about the same words. Thread-safe.
  std::vector<std::vector<std::string>> tag(
      const std::vector<std::vector<std::string>>& document) const;

  /// The wrapped model stages (for the training and evaluation tools).
  const tagger_detail::Pipeline& pipeline() const { return *pipeline_; }
  /// The gazetteer the features look up (null for a model without gazetteer features).
  const Gazetteer* gazetteer() const { return gazetteer_.get(); }

  /// See load() for what `gazetteer` must be. Throws Error(internal) if it is null and the
  /// model uses gazetteer features.
  Tagger(std::shared_ptr<const tagger_detail::Pipeline> pipeline,
         std::shared_ptr<const Gazetteer> gazetteer);
  ~Tagger();

 private:
  std::shared_ptr<const tagger_detail::Pipeline> pipeline_;
  std::shared_ptr<const Gazetteer> gazetteer_;
};

}  // namespace newsdex::entities
