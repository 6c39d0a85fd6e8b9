// Word clusters for training the entity tagger, learned from unlabelled news text (spherical
// k-means on PPMI context vectors): words used alike ("ministry", "agency") share a cluster id.
// newsdex_training only: a model file embeds the clusters its features use, so the runtime
// library reads them from the model (Pipeline::load) and never builds or reads a cluster file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "entities/tagger_features.h"

namespace newsdex::entities::tagger_detail {

/// Clustering settings.
struct ClusterOptions {
  int coarse = 64;           ///< clusters at the coarse level
  int fine = 384;            ///< clusters at the fine level
  int min_count = 5;         ///< words seen fewer times get no cluster
  int context_words = 1500;  ///< most frequent words used as left/right contexts
  int iterations = 12;
  std::uint32_t seed = 20250713;
};

/// Splits raw text into lower-cased tokens roughly as CoNLL does (punctuation apart, "'s" apart).
void tokenize_for_clusters(std::string_view text, std::vector<std::string>& out);

/// Clusters the words of `sentences` (folded tokens).
Clusters make_clusters(const std::vector<std::vector<std::string>>& sentences,
                       const ClusterOptions& options);

/// Reads/writes "word<TAB>coarse<TAB>fine" lines. Throw newsdex::Error(io|input).
Clusters read_clusters(const std::string& path);
void write_clusters(const Clusters& clusters, const std::string& path);

}  // namespace newsdex::entities::tagger_detail
