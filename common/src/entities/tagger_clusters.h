// Word clusters for the entity tagger, learned from unlabelled news text (spherical k-means on
// PPMI context vectors): words used alike ("ministry", "agency") share a cluster id.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsdex::entities::tagger_detail {

/// Cluster ids of a folded word at two granularities (coarse, fine); 0 = unknown word.
using ClusterIds = std::array<std::uint16_t, 2>;
using Clusters = std::unordered_map<std::string, ClusterIds>;

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
