// Perceptron weights, Viterbi decoding and the model file format for the entity tagger
// (training: tools/training/tagger_train.cpp).
#include "entities/tagger_model.h"

#include <newsdex/error.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace newsdex::entities::tagger_detail {
namespace {

constexpr std::string_view kMagic = "NEWSDEX-TAGGER\n";
const std::int16_t kZeroRow[kMaxTags] = {};
constexpr std::size_t kRowPadding = 8;  // int16 after the last row of Model::qweights_
constexpr unsigned kPresenceBits = 20;  // Model::present_ holds 2^20 bits (128 KB)
constexpr std::uint64_t kPresenceMask = (std::uint64_t(1) << kPresenceBits) - 1;
inline std::uint64_t presence_bit(std::uint64_t key) { return (key >> 24) & kPresenceMask; }

class Writer {
 public:
  void bytes(const void* p, std::size_t n) {
    const auto* c = static_cast<const char*>(p);
    out_.insert(out_.end(), c, c + n);
  }
  template <class T>
  void pod(T v) {
    bytes(&v, sizeof v);
  }
  void str(std::string_view s) {
    pod(std::uint32_t(s.size()));
    bytes(s.data(), s.size());
  }
  std::string& buffer() { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  Reader(std::string_view data, const std::string& path) : data_(data), path_(path) {}
  void bytes(void* p, std::size_t n) {
    if (n > data_.size() - pos_)
      throw Error(ErrorCode::input, path_ + ": tagger model is truncated");
    std::memcpy(p, data_.data() + pos_, n);
    pos_ += n;
  }
  template <class T>
  T pod() {
    T v;
    bytes(&v, sizeof v);
    return v;
  }
  std::string str() {
    const auto n = pod<std::uint32_t>();
    if (n > data_.size() - pos_)
      throw Error(ErrorCode::input, path_ + ": tagger model is truncated");
    std::string s(data_.substr(pos_, n));
    pos_ += n;
    return s;
  }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
  const std::string& path_;
};

}  // namespace

Model::Model(std::vector<std::string> tag_names, FeatureOptions options)
    : tag_names_(std::move(tag_names)), options_(options) {
  if (tag_names_.empty() || tag_names_.size() > kMaxTags)
    throw Error(ErrorCode::internal, "tagger: unsupported number of tags");
  keys_.assign(1 << 16, 0);
  rows_.assign(keys_.size(), 0);
  transitions_.assign((tag_count() + 1) * tag_count(), 0.0f);
}

const float* Model::find(std::uint64_t key) const {
  if (keys_.empty()) return nullptr;
  const std::size_t mask = keys_.size() - 1;
  for (std::size_t slot = key & mask;; slot = (slot + 1) & mask) {
    const std::uint64_t k = keys_[slot];
    if (k == key) return &weights_[std::size_t(rows_[slot]) * tag_count()];
    if (k == 0) return nullptr;
  }
}

const std::int16_t* Model::find_compact(std::uint64_t key) const {
  const std::size_t mask = compact_.size() - 1;
  const std::uint64_t tag = key >> 24;
  for (std::size_t slot = key & mask;; slot = (slot + 1) & mask) {
    const std::uint64_t e = compact_[slot];
    if (e == 0) return nullptr;
    if ((e >> 24) == tag) return &qweights_[((e & 0xFFFFFF) - 1) * tag_count()];
  }
}

float* Model::insert(std::uint64_t key) {
  if ((used_ + 1) * 2 > keys_.size()) grow();
  const std::size_t mask = keys_.size() - 1;
  for (std::size_t slot = key & mask;; slot = (slot + 1) & mask) {
    if (keys_[slot] == key) return &weights_[std::size_t(rows_[slot]) * tag_count()];
    if (keys_[slot] == 0) {
      keys_[slot] = key;
      rows_[slot] = std::uint32_t(used_++);
      weights_.resize(used_ * tag_count(), 0.0f);
      return &weights_[std::size_t(rows_[slot]) * tag_count()];
    }
  }
}

void Model::grow() {
  std::vector<std::uint64_t> keys(std::max<std::size_t>(keys_.size() * 2, 1 << 16), 0);
  std::vector<std::uint32_t> rows(keys.size(), 0);
  const std::size_t mask = keys.size() - 1;
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (!keys_[i]) continue;
    std::size_t slot = keys_[i] & mask;
    while (keys[slot]) slot = (slot + 1) & mask;
    keys[slot] = keys_[i];
    rows[slot] = rows_[i];
  }
  keys_.swap(keys);
  rows_.swap(rows);
}

void Model::for_each(const std::function<void(std::uint64_t, float*)>& visit) {
  for (std::size_t i = 0; i < keys_.size(); ++i)
    if (keys_[i]) visit(keys_[i], &weights_[std::size_t(rows_[i]) * tag_count()]);
}

namespace {

// The best predecessor tag of tag `y` given the previous position's scores: (its score plus
// the transition, its index).
std::pair<float, std::uint8_t> best_predecessor(const Model& model, const float* prev,
                                                std::size_t y) {
  float best = -std::numeric_limits<float>::infinity();
  std::uint8_t arg = 0;
  for (std::size_t p = 0; p < model.tag_count(); ++p) {
    const float s = prev[p] + model.transition(p, y);
    if (s > best) {
      best = s;
      arg = std::uint8_t(p);
    }
  }
  return {best, arg};
}

}  // namespace

void Model::decode(const SentenceFeatures& features, std::vector<std::uint8_t>& tags,
                   std::vector<float>& scratch) const {
  const std::size_t n = features.offsets.empty() ? 0 : features.offsets.size() - 1;
  const std::size_t t = tag_count();
  tags.assign(n, 0);
  if (n == 0) return;
  scratch.resize(2 * n * t);  // every entry is written below
  float* emissions = scratch.data();
  float* scores = scratch.data() + n * t;
  // Feature lookups are random reads in a table of several MB, so they are done ahead of the
  // arithmetic with prefetches a few keys in advance: the memory system then serves many
  // misses at once instead of one after another (this loop dominates tagging time).
  const std::size_t total = features.offsets[n];
  const std::uint64_t* keys = features.features.data();
  constexpr std::size_t kAhead = 32;
  if (!compact_.empty()) {
    thread_local std::vector<const std::int16_t*> rows;
    thread_local std::vector<std::uint32_t> known;  // indices of keys the bitmap lets through
    rows.resize(total);
    known.resize(total);
    const std::uint64_t* table = compact_.data();
    const std::uint64_t* present = present_.data();
    const std::int16_t* weights = qweights_.data();
    const std::size_t mask = compact_.size() - 1;
    std::size_t candidates = 0;
    for (std::size_t f = 0; f < total; ++f) {
      const std::uint64_t b = presence_bit(keys[f]);
      rows[f] = kZeroRow;  // unknown features point at a row of zeros: the sums need no test
      known[candidates] = std::uint32_t(f);
      candidates += (present[b >> 6] >> (b & 63)) & 1;
    }
    const std::uint32_t* cand = known.data();
    for (std::size_t c = 0; c < std::min(kAhead, candidates); ++c)
      __builtin_prefetch(&table[keys[cand[c]] & mask]);
    for (std::size_t c = 0; c < candidates; ++c) {
      if (c + kAhead < candidates) __builtin_prefetch(&table[keys[cand[c + kAhead]] & mask]);
      // find_compact, inline.
      const std::uint64_t key = keys[cand[c]], tag = key >> 24;
      for (std::size_t slot = key & mask;; slot = (slot + 1) & mask) {
        const std::uint64_t e = table[slot];
        if (e == 0) break;
        if ((e >> 24) == tag) {
          const std::int16_t* row = weights + ((e & 0xFFFFFF) - 1) * t;
          __builtin_prefetch(row);
          rows[cand[c]] = row;
          break;
        }
      }
    }
    // Emission sums: 16-bit weights widened to 32 bits. With SSE2 (baseline x86-64) two rows
    // at a time are interleaved and pairwise added (pmaddwd), eight tags per instruction;
    // a ninth tag (the usual O + B/I of four types) is summed the same way from 32-bit loads;
    // any other tags, and builds without SSE2, take the scalar loops.
    std::int32_t sum[kMaxTags];
    for (std::size_t i = 0; i < n; ++i) {
      std::fill(sum, sum + t, 0);
      const std::uint32_t begin = features.offsets[i], end = features.offsets[i + 1];
      std::size_t y0 = 0;
#if defined(__SSE2__)
      if (t >= 8) {
        const __m128i ones = _mm_set1_epi16(1);
        __m128i lo = _mm_setzero_si128(), hi = _mm_setzero_si128();
        std::uint32_t f = begin;
        // The ninth weight of a 9-tag row (and the next int16, ignored) via a 32-bit load:
        // qweights_ is padded so that this never reads past its end.
        const bool nine = t == 9;
        __m128i ninth = _mm_setzero_si128();
        for (; f + 1 < end; f += 2) {
          const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(rows[f]));
          const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(rows[f + 1]));
          lo = _mm_add_epi32(lo, _mm_madd_epi16(_mm_unpacklo_epi16(a, b), ones));
          hi = _mm_add_epi32(hi, _mm_madd_epi16(_mm_unpackhi_epi16(a, b), ones));
          if (nine) {
            std::int32_t a8, b8;
            std::memcpy(&a8, rows[f] + 8, 4);
            std::memcpy(&b8, rows[f + 1] + 8, 4);
            ninth = _mm_add_epi32(
                ninth, _mm_madd_epi16(_mm_unpacklo_epi16(_mm_cvtsi32_si128(a8),
                                                         _mm_cvtsi32_si128(b8)),
                                      ones));
          }
        }
        if (nine) {
          std::int32_t n8 = _mm_cvtsi128_si32(ninth);
          if (f < end) n8 += rows[f][8];
          sum[8] = n8;
          y0 = 9;
        }
        if (f < end) {
          const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(rows[f]));
          const __m128i z = _mm_setzero_si128();
          lo = _mm_add_epi32(lo, _mm_madd_epi16(_mm_unpacklo_epi16(a, z), ones));
          hi = _mm_add_epi32(hi, _mm_madd_epi16(_mm_unpackhi_epi16(a, z), ones));
        }
        _mm_storeu_si128(reinterpret_cast<__m128i*>(sum), lo);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(sum + 4), hi);
        if (!nine) y0 = 8;
      }
#endif
      if (y0 + 1 == t) {  // the usual 9 tags (O and B/I of four types): one left over
        std::int32_t last = 0;
        for (std::uint32_t f = begin; f < end; ++f) last += rows[f][y0];
        sum[y0] = last;
      } else if (y0 < t) {
        for (std::uint32_t f = begin; f < end; ++f) {
          const std::int16_t* w = rows[f];
          for (std::size_t y = y0; y < t; ++y) sum[y] += w[y];
        }
      }
      for (std::size_t y = 0; y < t; ++y) emissions[i * t + y] = float(sum[y]) * qscale_;
    }
  } else {
    std::fill(emissions, emissions + n * t, 0.0f);
    thread_local std::vector<const float*> found;
    found.assign(total, nullptr);
    if (!keys_.empty()) {
      const std::size_t mask = keys_.size() - 1;
      for (std::size_t f = 0; f < std::min(kAhead, total); ++f) {
        __builtin_prefetch(&keys_[keys[f] & mask]);
        __builtin_prefetch(&rows_[keys[f] & mask]);
      }
      for (std::size_t f = 0; f < total; ++f) {
        if (f + kAhead < total) {
          __builtin_prefetch(&keys_[keys[f + kAhead] & mask]);
          __builtin_prefetch(&rows_[keys[f + kAhead] & mask]);
        }
        found[f] = find(keys[f]);
        if (found[f]) __builtin_prefetch(found[f]);
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      float* e = emissions + i * t;
      for (std::uint32_t f = features.offsets[i]; f < features.offsets[i + 1]; ++f)
        if (const float* w = found[f])
          for (std::size_t y = 0; y < t; ++y) e[y] += w[y];
    }
  }
  for (std::size_t y = 0; y < t; ++y) scores[y] = emissions[y] + transition(start(), y);
#if defined(__SSE2__)
  // Viterbi four tags at a time, best scores only (max is exact, so the order of the maxima
  // does not matter); the back pointer of the one tag on the best path is found afterwards,
  // first p first as in the scalar loop.
  constexpr std::size_t kLanes = 4, kMaxVectors = kMaxTags / kLanes;
  const std::size_t vectors = (t + kLanes - 1) / kLanes, width = vectors * kLanes;
  thread_local std::vector<float> padded;  // transitions from p, padded to `width` columns
  padded.assign(t * width, 0.0f);
  for (std::size_t p = 0; p < t; ++p)
    for (std::size_t y = 0; y < t; ++y) padded[p * width + y] = transition(p, y);
  for (std::size_t i = 1; i < n; ++i) {
    const float* prev = scores + (i - 1) * t;
    __m128 best[kMaxVectors];
    for (std::size_t v = 0; v < vectors; ++v)
      best[v] = _mm_set1_ps(-std::numeric_limits<float>::infinity());
    for (std::size_t p = 0; p < t; ++p) {
      const __m128 from = _mm_set1_ps(prev[p]);
      const float* row = &padded[p * width];
      for (std::size_t v = 0; v < vectors; ++v)
        best[v] = _mm_max_ps(best[v], _mm_add_ps(from, _mm_loadu_ps(row + v * kLanes)));
    }
    alignas(16) float best_out[kMaxTags];
    for (std::size_t v = 0; v < vectors; ++v) _mm_store_ps(best_out + v * kLanes, best[v]);
    float* cur = scores + i * t;
    for (std::size_t y = 0; y < t; ++y) cur[y] = best_out[y] + emissions[i * t + y];
  }
  const float* last = scores + (n - 1) * t;
  tags[n - 1] = std::uint8_t(std::max_element(last, last + t) - last);
  for (std::size_t i = n - 1; i > 0; --i) {
    tags[i - 1] = best_predecessor(*this, scores + (i - 1) * t, tags[i]).second;
  }
#else
  thread_local std::vector<std::uint8_t> back;
  back.resize(n * t);
  for (std::size_t i = 1; i < n; ++i) {
    const float* prev = scores + (i - 1) * t;
    float* cur = scores + i * t;
    for (std::size_t y = 0; y < t; ++y) {
      const auto [best, arg] = best_predecessor(*this, prev, y);
      cur[y] = best + emissions[i * t + y];
      back[i * t + y] = arg;
    }
  }
  const float* last = scores + (n - 1) * t;
  tags[n - 1] = std::uint8_t(std::max_element(last, last + t) - last);
  for (std::size_t i = n - 1; i > 0; --i) tags[i - 1] = back[i * t + tags[i]];
#endif
}

// Reads and writes one Model inside a pipeline file (friend of Model).
struct ModelIo {
  static void write(const Model& m, Writer& w) {
    float max_weight = 0;
    for (float x : m.weights_) max_weight = std::max(max_weight, std::fabs(x));
    const float scale = max_weight > 0 ? max_weight / 32767.0f : 1.0f;
    w.pod(m.options_.bits());
    w.pod(std::uint32_t(m.tag_count()));
    for (const auto& name : m.tag_names_) w.str(name);
    for (float x : m.transitions_) w.pod(x);
    w.pod(scale);
    std::vector<std::pair<std::uint64_t, std::uint32_t>> rows;
    for (std::size_t i = 0; i < m.keys_.size(); ++i)
      if (m.keys_[i]) rows.emplace_back(m.keys_[i], m.rows_[i]);
    std::sort(rows.begin(), rows.end());  // deterministic file for a given model
    w.pod(std::uint64_t(rows.size()));
    for (const auto& [key, row] : rows) {
      w.pod(key);
      std::uint32_t mask = 0;
      std::int16_t values[kMaxTags];
      std::size_t count = 0;
      for (std::size_t y = 0; y < m.tag_count(); ++y) {
        const long q = std::lround(m.weights_[std::size_t(row) * m.tag_count() + y] / scale);
        if (q != 0) {
          mask |= std::uint32_t(1u << y);
          values[count++] = std::int16_t(q);
        }
      }
      w.pod(mask);
      w.bytes(values, count * sizeof(std::int16_t));
    }
  }

  static Model read(Reader& r, const std::string& path, std::size_t raw_size) {
    const auto options = FeatureOptions::from_bits(r.pod<std::uint32_t>());
    const auto tags = r.pod<std::uint32_t>();
    if (tags == 0 || tags > kMaxTags)
      throw Error(ErrorCode::input, path + ": corrupt tagger model (tag count)");
    std::vector<std::string> names;
    for (std::uint32_t i = 0; i < tags; ++i) names.push_back(r.str());
    Model model(std::move(names), options);
    for (float& x : model.transitions_) x = r.pod<float>();
    const float scale = r.pod<float>();
    const auto rows = r.pod<std::uint64_t>();
    if (rows > raw_size) throw Error(ErrorCode::input, path + ": corrupt tagger model (row count)");
    if (rows >= (1u << 24) - 1)
      throw Error(ErrorCode::input, path + ": tagger model too large (row count)");
    // A loaded model is only used for tagging: it goes straight into the compact table.
    std::size_t size = 1 << 16;
    while (size < rows * 2 + 2) size *= 2;
    model.compact_.assign(size, 0);
    model.qweights_.assign(rows * tags + kRowPadding, 0);  // decode() may read past a row
    model.qscale_ = scale;
    model.present_.assign((kPresenceMask + 1) / 64, 0);
    const std::size_t slot_mask = size - 1;
    for (std::uint64_t i = 0; i < rows; ++i) {
      const auto key = r.pod<std::uint64_t>();
      const auto mask = r.pod<std::uint32_t>();
      if (key == 0 || (tags < 32 && (mask >> tags) != 0))
        throw Error(ErrorCode::input, path + ": corrupt tagger model (row)");
      std::size_t slot = key & slot_mask;
      while (model.compact_[slot]) {
        if ((model.compact_[slot] >> 24) == (key >> 24))
          throw Error(ErrorCode::input, path + ": corrupt tagger model (duplicate key)");
        slot = (slot + 1) & slot_mask;
      }
      model.compact_[slot] = ((key >> 24) << 24) | (i + 1);
      const std::uint64_t b = presence_bit(key);
      model.present_[b >> 6] |= std::uint64_t(1) << (b & 63);
      std::int16_t* row = &model.qweights_[i * tags];
      for (std::size_t y = 0; y < tags; ++y)
        if (mask & (1u << y)) row[y] = r.pod<std::int16_t>();
    }
    model.used_ = rows;
    return model;
  }
};

void Pipeline::save(const std::string& path) const {
  Writer w;
  w.str(kFeatureSetVersion);
  w.pod(std::uint32_t(stages.size()));
  for (const auto& stage : stages) ModelIo::write(stage, w);
  std::vector<std::pair<std::string, ClusterIds>> sorted(clusters.begin(), clusters.end());
  std::sort(sorted.begin(), sorted.end());
  w.pod(std::uint32_t(sorted.size()));
  for (const auto& [word, ids] : sorted) {
    w.str(word);
    w.pod(ids[0]);
    w.pod(ids[1]);
  }
  const std::string& raw = w.buffer();
  uLongf packed_size = compressBound(raw.size());
  std::string packed(packed_size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size,
                reinterpret_cast<const Bytef*>(raw.data()), raw.size(), 9) != Z_OK)
    throw Error(ErrorCode::internal, "tagger: zlib compression failed");
  packed.resize(packed_size);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  const std::uint64_t raw_size = raw.size();
  out.write(kMagic.data(), std::streamsize(kMagic.size()));
  out.write(reinterpret_cast<const char*>(&raw_size), sizeof raw_size);
  out.write(packed.data(), std::streamsize(packed.size()));
  if (!out.flush()) throw Error(ErrorCode::io, path + ": cannot write tagger model");
}

Pipeline Pipeline::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(ErrorCode::io, path + ": cannot open tagger model",
                "train one with newsdex-train-tagger (see corpus/models/README.md)");
  std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw Error(ErrorCode::io, path + ": cannot read tagger model");
  if (file.size() < kMagic.size() + 8 || file.compare(0, kMagic.size(), kMagic) != 0)
    throw Error(ErrorCode::input, path + ": not a newsdex tagger model");
  std::uint64_t raw_size;
  std::memcpy(&raw_size, file.data() + kMagic.size(), sizeof raw_size);
  if (raw_size > (std::uint64_t(1) << 31))
    throw Error(ErrorCode::input, path + ": corrupt tagger model");
  std::string raw(raw_size, '\0');
  uLongf out_size = raw_size;
  const std::size_t header = kMagic.size() + sizeof raw_size;
  if (uncompress(reinterpret_cast<Bytef*>(raw.data()), &out_size,
                 reinterpret_cast<const Bytef*>(file.data() + header),
                 file.size() - header) != Z_OK ||
      out_size != raw_size)
    throw Error(ErrorCode::input, path + ": corrupt tagger model (bad compressed data)");
  Reader r(raw, path);
  const std::string version = r.str();
  if (version != kFeatureSetVersion)
    throw Error(ErrorCode::input,
                path + ": tagger model was trained with feature set '" + version +
                    "' but this build uses '" + std::string(kFeatureSetVersion) + "'",
                "retrain it with newsdex-train-tagger (see corpus/models/README.md)");
  const auto count = r.pod<std::uint32_t>();
  if (count == 0 || count > 4)
    throw Error(ErrorCode::input, path + ": corrupt tagger model (stage count)");
  Pipeline pipeline;
  for (std::uint32_t i = 0; i < count; ++i)
    pipeline.stages.push_back(ModelIo::read(r, path, raw_size));
  const auto words = r.pod<std::uint32_t>();
  if (words > raw_size)
    throw Error(ErrorCode::input, path + ": corrupt tagger model (cluster count)");
  pipeline.clusters.reserve(words);
  for (std::uint32_t i = 0; i < words; ++i) {
    std::string word = r.str();
    const auto coarse = r.pod<std::uint16_t>();
    const auto fine = r.pod<std::uint16_t>();
    pipeline.clusters.emplace(std::move(word), ClusterIds{coarse, fine});
  }
  if (pipeline.stages[0].options().clusters && pipeline.clusters.empty())
    throw Error(ErrorCode::input, path + ": corrupt tagger model (word clusters missing)");
  for (const auto& stage : pipeline.stages)
    if (stage.options().gazetteer != pipeline.stages[0].options().gazetteer ||
        stage.options().document != pipeline.stages[0].options().document)
      throw Error(ErrorCode::input, path + ": corrupt tagger model (stages disagree on features)");
  if (!pipeline.clusters.empty()) pipeline.cluster_index = ClusterIndex(pipeline.clusters);
  return pipeline;
}

std::vector<std::vector<std::uint8_t>> tag_with(
    const Model& model, PreparedDocument& prepared, const Model* previous_model,
    const std::vector<std::vector<std::uint8_t>>* previous) {
  if (model.options().pooled) {
    if (!previous || !previous_model)
      throw Error(ErrorCode::internal, "tagger: pooled stage without a previous stage");
    add_previous_stage(prepared, *previous, previous_model->tag_names());
  }
  TagMemory memory;
  thread_local SentenceFeatures features;
  thread_local std::vector<float> scratch;
  std::vector<std::vector<std::uint8_t>> out(prepared.sentences.size());
  for (std::size_t s = 0; s < prepared.sentences.size(); ++s) {
    sentence_features(prepared, s, memory, model.options(), features);
    model.decode(features, out[s], scratch);
    remember(prepared, s, out[s], memory);
  }
  return out;
}

std::vector<std::vector<std::uint8_t>> tag_document(
    const Pipeline& pipeline, const Gazetteer* gazetteer,
    const std::vector<std::vector<std::string>>& document) {
  PreparedDocument prepared = prepare(document, pipeline.stages.at(0).options(), gazetteer,
                                      &pipeline.clusters, &pipeline.cluster_index);
  std::vector<std::vector<std::uint8_t>> tags;
  const Model* previous_model = nullptr;
  for (const auto& stage : pipeline.stages) {
    tags = tag_with(stage, prepared, previous_model, previous_model ? &tags : nullptr);
    previous_model = &stage;
  }
  return tags;
}

}  // namespace newsdex::entities::tagger_detail
