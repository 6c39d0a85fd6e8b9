// Averaged-perceptron weights for the entity tagger: feature table, Viterbi decoding, model file
// I/O. Training lives with the tools (tools/training/tagger_train.h), not in the library.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "entities/tagger_features.h"

namespace newsdex::entities::tagger_detail {

/// Most tags a model may have (the file stores a 32-bit mask of non-zero weights per row).
inline constexpr std::size_t kMaxTags = 32;

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

/// The tagger as stored in a model file: stage 0 tags from the text; each later stage also
/// sees, for every token, what the stage before it predicted across the whole document.
struct Pipeline {
  std::vector<Model> stages;
  /// Word clusters the features use (stored in the file when a stage uses them).
  Clusters clusters;
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

/// Tags one document with every stage of `pipeline` (the whole of Tagger::tag). `gazetteer`
/// feeds the gazetteer features; it may be null only if the pipeline does not use them.
std::vector<std::vector<std::uint8_t>> tag_document(
    const Pipeline& pipeline, const Gazetteer* gazetteer,
    const std::vector<std::vector<std::string>>& document);

}  // namespace newsdex::entities::tagger_detail
