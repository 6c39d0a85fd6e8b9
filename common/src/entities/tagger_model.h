// Averaged-perceptron weights for the entity tagger: feature table, Viterbi decoding, model file
// I/O, training.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "entities/tagger_features.h"

namespace newsdex::entities::tagger_detail {

/// Feature weights: an open-addressing table from feature hash to a row of one weight per tag,
/// plus tag-to-tag transition weights (row kStart is the sentence start).
class Model {
 public:
  Model() = default;
  explicit Model(std::vector<std::string> tag_names, FeatureOptions options);

  const std::vector<std::string>& tag_names() const { return tag_names_; }
  std::size_t tag_count() const { return tag_names_.size(); }
  const FeatureOptions& options() const { return options_; }
  std::size_t feature_count() const { return used_; }

  /// Row of weights for `key`, or nullptr when the feature was never learned.
  const float* find(std::uint64_t key) const;
  /// Row for `key`, created (zeroed) if absent.
  float* insert(std::uint64_t key);
  float& transition(std::size_t from, std::size_t to) {
    return transitions_[from * tag_count() + to];
  }
  float transition(std::size_t from, std::size_t to) const {
    return transitions_[from * tag_count() + to];
  }
  /// Index of the sentence-start row in the transition table.
  std::size_t start() const { return tag_count(); }

  /// Best tag sequence (Viterbi) for a sentence's features. `scratch` avoids reallocation.
  void decode(const SentenceFeatures& features, std::vector<std::uint8_t>& tags,
              std::vector<float>& scratch) const;

  /// Visits every (key, row) pair; used by training to average and prune.
  void for_each(const std::function<void(std::uint64_t, float*)>& visit);

 private:
  void grow();
  friend struct ModelIo;

  std::vector<std::string> tag_names_;
  FeatureOptions options_;
  std::vector<std::uint64_t> keys_;  // 0 = empty slot; size is a power of two
  std::vector<std::uint32_t> rows_;  // slot -> row index
  std::vector<float> weights_;       // row-major, tag_count() per row
  std::vector<float> transitions_;   // (tag_count() + 1) x tag_count()
  std::size_t used_ = 0;
  // Compact read-only table of a loaded model, used by decode() instead of the three above:
  // one 8-byte slot per entry (key's top 40 bits, row + 1 in the low 24) and 16-bit weights,
  // so a lookup touches one slot and one short row. Tagging is bound by these random reads.
  std::vector<std::uint64_t> compact_;
  std::vector<std::int16_t> qweights_;
  // One bit per value of key bits 24..24+kPresenceBits of the compact table's keys: most
  // features of a sentence were never learned, and a clear bit (a read in this 128 KB map,
  // which stays in cache) rules the probe of the multi-MB table out.
  std::vector<std::uint64_t> present_;
  float qscale_ = 0.0f;
  const std::int16_t* find_compact(std::uint64_t key) const;
};

/// One training document: words and gold IOB2 tags per sentence.
struct TrainingDocument {
  std::vector<std::vector<std::string>> words;
  std::vector<std::vector<std::string>> tags;
};

/// Training settings; the defaults are what corpus/models/ was trained with.
struct TrainingOptions {
  int epochs = 10;
  double upper_share = 0.25;  ///< share of sentences upper-cased per epoch (headline robustness)
  std::uint32_t seed = 20250713;
  FeatureOptions features;
  float prune_below = 1e-3f;           ///< averaged weights of smaller magnitude are dropped
  std::string scheme = "bio";          ///< tag scheme learned: "bio" (IOB2) or "bilou"
  const Clusters* clusters = nullptr;  ///< word clusters, when features.clusters is on
};

/// Adds the previous stage's tags to a training document's prepared facts (with
/// add_previous_stage): (document index, its words as trained this epoch, prepared facts).
using PreviousStage = std::function<void(std::size_t, const std::vector<std::vector<std::string>>&,
                                         PreparedDocument&)>;

/// Trains an averaged structured perceptron. `after_epoch(epoch, averaged_model)` is called
/// after each epoch (for progress reports and dev-set scores); it may be empty. When
/// options.features.pooled is set, `previous` supplies the previous stage's tags.
Model train(const std::vector<TrainingDocument>& documents, const TrainingOptions& options,
            const std::function<void(int, const Model&)>& after_epoch,
            const PreviousStage& previous = {});

/// The tagger as stored in a model file: stage 0 tags from the text; each later stage also
/// sees, for every token, what the stage before it predicted across the whole document.
struct Pipeline {
  std::vector<Model> stages;
  /// Word clusters the features use (stored in the file when a stage uses them).
  Clusters clusters;
  /// Data directory whose gazetteers the features look up (not stored; empty: the default).
  std::string gazetteer_dir;
  /// Flat index of `clusters` built by load() for tagging (not stored; unused when empty or
  /// when `clusters` has since changed size).
  ClusterIndex cluster_index;
  /// Writes the pipeline (zlib-compressed, weights quantised to 16 bits). Throws Error(io).
  void save(const std::string& path) const;
  /// Reads a file written by save(). Throws Error(io) if unreadable, Error(input) if not a
  /// model or of another feature-set version.
  static Pipeline load(const std::string& path);
};

/// Tags one document with one model; `previous` (may be null) holds the previous stage's tags
/// when the model uses pooled features. Returns tag indices of `model`.
std::vector<std::vector<std::uint8_t>> tag_with(
    const Model& model, PreparedDocument& prepared, const Model* previous_model,
    const std::vector<std::vector<std::uint8_t>>* previous);

/// Tags one document with every stage of `pipeline` (the whole of Tagger::tag).
std::vector<std::vector<std::uint8_t>> tag_document(
    const Pipeline& pipeline, const std::vector<std::vector<std::string>>& document);

/// Trains the two-stage pipeline: `folds` jackknifed stage-0 models give stage 1 honest
/// stage-0 tags of the training documents. `report(stage, epoch, pipeline_so_far)` follows
/// each epoch of the final stage-0 and stage-1 training.
/// The pipeline records options.clusters (copied) when features.clusters is on.
Pipeline train_pipeline(
    const std::vector<TrainingDocument>& documents, const TrainingOptions& options, int stages,
    int folds, const std::function<void(const std::string&, int, const Pipeline&)>& report);

}  // namespace newsdex::entities::tagger_detail
