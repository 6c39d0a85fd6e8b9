// Feature extraction for the entity tagger: hashed token, context, shape, document and gazetteer
// features.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsdex::entities {
class Gazetteer;
}

namespace newsdex::entities::tagger_detail {

/// Cluster ids of a folded word at two granularities (coarse, fine); 0 = unknown word.
using ClusterIds = std::array<std::uint16_t, 2>;
/// Word clusters by folded word, as a model file stores them (built by the training tools:
/// tools/training/word_clusters.h).
using Clusters = std::unordered_map<std::string, ClusterIds>;

/// Bumped whenever a feature template changes meaning; a model trained with another version
/// is refused at load time instead of silently scoring the wrong features.
inline constexpr std::string_view kFeatureSetVersion = "newsdex-ner-features-10";

/// Optional feature groups; the trained model records which were on, and the run time uses
/// exactly those.
struct FeatureOptions {
  bool gazetteer = true;  ///< places/first names/demonyms from the Gazetteer given to prepare()
  bool document = true;   ///< casing elsewhere in the document, tags predicted earlier in it
  bool pooled =
      false;  ///< the previous stage's tags, and its majority type per word in the document
  bool clusters = false;  ///< word clusters learned from unlabelled news (stored in the model file)
  std::uint32_t bits() const {
    return (gazetteer ? 1u : 0u) | (document ? 2u : 0u) | (pooled ? 4u : 0u) | (clusters ? 8u : 0u);
  }
  static FeatureOptions from_bits(std::uint32_t bits) {
    return {(bits & 1u) != 0, (bits & 2u) != 0, (bits & 4u) != 0, (bits & 8u) != 0};
  }
};

/// Facts about one distinct folded word of a document, computed once however often it occurs.
struct WordFacts {
  std::uint64_t hash = 0;    ///< hash of the folded form
  std::uint32_t first4 = 0;  ///< first (up to) 4 bytes of the folded form, little-endian
  std::uint32_t last4 = 0;   ///< last (up to) 4 bytes, the final byte in the top 8 bits
  std::uint8_t length = 0;   ///< bytes of the folded form, capped at 255
  std::uint8_t doc_case = 0;
  std::int8_t first_name = -1;  ///< gazetteer first-name match (-1: not looked up yet)
  std::uint8_t place = 255;     ///< gazetteer label of the word alone (255: not looked up yet)
  ClusterIds cluster{};
};

/// Per-token facts computed once per document.
struct TokenInfo {
  std::string_view raw;
  std::string low;    ///< folded form (lower case, no diacritics)
  std::string shape;  ///< collapsed shape ("Xx", "X.X.", "d,d"); case restored in headlines
  std::uint64_t raw_hash = 0;    ///< hash of raw
  std::uint64_t shape_hash = 0;  ///< hash of shape
  std::uint32_t word = 0;        ///< index of `low` in PreparedDocument::words
  std::uint8_t doc_case =
      0;  ///< 0 unseen, 1 capitalised only, 2 lower only, 3 both (elsewhere in doc)
  std::uint8_t gazetteer = 0;  ///< index into the gazetteer label list (0: none)
  bool headline = false;       ///< the sentence is ALL CAPS
  std::uint8_t previous =
      0;  ///< entity type (0 = O, 1.. = PER, LOC, ORG, MISC) and B/I from the previous stage
  std::uint8_t pooled =
      0;                 ///< the previous stage's majority type for this word across the document
  ClusterIds cluster{};  ///< word cluster ids (0: none)
};

/// A document prepared for tagging: token facts, one vector per sentence, and the facts of
/// each distinct folded word (TokenInfo::word indexes `words`).
struct PreparedDocument {
  std::vector<std::vector<TokenInfo>> sentences;
  std::vector<WordFacts> words;
};

/// Memory of what was tagged earlier in the same document: word index (TokenInfo::word) ->
/// last tag index, 255 for none. Belongs to one PreparedDocument.
using TagMemory = std::vector<std::uint8_t>;

/// Flat feature lists for one sentence: token i owns features[offsets[i] .. offsets[i+1]).
struct SentenceFeatures {
  std::vector<std::uint64_t> features;
  std::vector<std::uint32_t> offsets;
};

/// Read-only flat copy of a Clusters table for tagging: an open-addressing index over the
/// same hash of the folded word that WordFacts::hash holds, so a lookup needs no hashing and
/// usually one slot read instead of a bucket, a node and its string. Owns its data.
class ClusterIndex {
 public:
  ClusterIndex() = default;
  explicit ClusterIndex(const Clusters& clusters);
  std::size_t size() const { return entries_.size(); }
  /// The ids of `word` (whose WordFacts::hash is `hash`), or nullptr if it has none.
  const ClusterIds* find(std::string_view word, std::uint64_t hash) const;

 private:
  struct Entry {
    std::uint32_t offset = 0, length = 0;  // of the word in text_
    ClusterIds ids{};
  };
  std::vector<std::uint64_t> slots_;  // high 32 bits of the hash | entry + 1; 0 = empty
  std::vector<Entry> entries_;
  std::string text_;
  std::size_t mask_ = 0;
};

/// Computes token facts for a whole document (casing statistics, gazetteer matches against
/// `gazetteer`, which must not be null when options.gazetteer is set: Error(internal)).
/// `cluster_index`, if given, must index `clusters` (it is used instead of it when their sizes
/// agree).
PreparedDocument prepare(const std::vector<std::vector<std::string>>& document,
                         const FeatureOptions& options, const Gazetteer* gazetteer,
                         const Clusters* clusters = nullptr,
                         const ClusterIndex* cluster_index = nullptr);

/// Fills `out` with the hashed features of sentence `s`. `memory` holds the tags predicted for
/// earlier sentences; `tag_names` gives the names of the indices stored there.
void sentence_features(const PreparedDocument& document, std::size_t s, const TagMemory& memory,
                       const FeatureOptions& options, SentenceFeatures& out);

/// Stores the previous stage's tags (indices into `tag_names`) and their per-word majority
/// type across the document in `document`, for pooled features.
void add_previous_stage(PreparedDocument& document,
                        const std::vector<std::vector<std::uint8_t>>& tags,
                        const std::vector<std::string>& tag_names);

/// Records the predicted tags of sentence `s` in `memory`.
void remember(const PreparedDocument& document, std::size_t s,
              const std::vector<std::uint8_t>& tags, TagMemory& memory);

/// Folds one token for feature lookup: ASCII is lower-cased directly, anything else goes
/// through text::fold().
std::string fold_token(std::string_view token);

}  // namespace newsdex::entities::tagger_detail
