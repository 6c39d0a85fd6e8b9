// Hashed feature templates for the entity tagger; see tagger_features.h for the contract.
#include "entities/tagger_features.h"

#include <newsdex/error.h>

#include <array>
#include <cstring>

#include "text/tokenizer.h"
#include "util/hash.h"

namespace newsdex::entities::tagger_detail {
namespace {

using util::avalanche;
using util::hash_string;
using util::load_bytes;
constexpr std::uint64_t kMul1 = util::kHashMul1;
constexpr std::uint64_t kMul2 = util::kHashMul2;

// A feature key: template id and 64-bit values (string hashes or small numbers) mixed, then a
// final avalanche so that the open-addressing table in the model sees well-spread keys.
class Hash {
 public:
  explicit Hash(std::uint8_t template_id) : h_((template_id + 1) * kMul1) {}
  Hash& add(std::uint64_t value) {
    h_ = (h_ ^ value) * kMul2;
    h_ ^= h_ >> 32;
    return *this;
  }
  std::uint64_t value() const {
    const std::uint64_t x = avalanche(h_);
    return x ? x : 1;  // 0 marks an empty slot in the model's table
  }

 private:
  std::uint64_t h_;
};

constexpr std::size_t kMaxAffix = 3;  // longest prefix/suffix feature, in bytes

enum Template : std::uint8_t {
  kBias = 1,
  kWord,
  kLow,
  kLowM1,
  kLowP1,
  kLowM2,
  kLowP2,
  kBigramM1,
  kBigramP1,
  kBigramM2M1,
  kBigramP1P2,
  kShape,
  kShapeM1,
  kShapeP1,
  kShapeTri,
  kPrefix,
  kSuffix,
  kInitialShape,
  kHeadline,
  kDocCase,
  kDocCaseShape,
  kMemory,
  kMemoryM1,
  kMemoryP1,
  kRunFirst,
  kRunLast,
  kRunPosition,
  kGazetteer,
  kGazetteerShape,
  kGazetteerM1,
  kGazetteerP1,
  kLength,
  kLowShapeM1,
  kLowShapeP1,
  kDocCaseInitial,
  kPrevious,
  kPreviousTri,
  kPooled,
  kPooledShape,
  kPooledContext,
  kClusterCoarse,
  kClusterFine,
  kClusterM1,
  kClusterP1,
  kClusterShape,
};

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string shape_of(std::string_view word) {
  std::string shape;
  char last = 0;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(word[i]);
    char s;
    if (is_upper(char(c)))
      s = 'X';
    else if (is_lower(char(c)))
      s = 'x';
    else if (is_digit(char(c)))
      s = 'd';
    else if (c >= 0x80)
      s = 'u';  // any non-ASCII byte: letters of other scripts mostly
    else
      s = char(c);
    if (s != last) shape.push_back(s);
    last = s;
    if (shape.size() >= 8) break;
  }
  return shape;
}

bool has_letter(std::string_view w) {
  for (char c : w)
    if (is_upper(c) || is_lower(c) || static_cast<unsigned char>(c) >= 0x80) return true;
  return false;
}
bool has_lower(std::string_view w) {
  for (char c : w)
    if (is_lower(c)) return true;
  return false;
}
bool capitalised(std::string_view w) { return !w.empty() && is_upper(w[0]); }

// A sentence set in capitals (a Reuters headline): at least one word of two letters or more,
// and no lower-case letter anywhere.
bool is_headline(const std::vector<std::string>& sentence) {
  bool long_word = false;
  for (const auto& w : sentence) {
    if (has_lower(w)) return false;
    int letters = 0;
    for (char c : w) letters += is_upper(c) ? 1 : 0;
    if (letters >= 2) long_word = true;
  }
  return long_word;
}

const std::uint64_t kStartHash = hash_string("<s>");
const std::uint64_t kEndHash = hash_string("</s>");

}  // namespace

std::string fold_token(std::string_view token) {
  bool ascii = true;
  for (char c : token)
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  if (ascii) {
    std::string out(token);
    for (char& c : out)
      if (is_upper(c)) c = char(c - 'A' + 'a');
    return out;
  }
  std::string folded = text::fold(token);
  return folded.empty() ? std::string(token) : folded;
}

void add_gazetteer_labels(const std::vector<std::vector<std::string>>& document,
                          PreparedDocument& prepared, const Gazetteer& gazetteer);

ClusterIndex::ClusterIndex(const Clusters& clusters) {
  std::size_t size = 16;
  while (size < clusters.size() * 2) size *= 2;
  slots_.assign(size, 0);
  mask_ = size - 1;
  entries_.reserve(clusters.size());
  for (const auto& [word, ids] : clusters) {
    Entry e;
    e.offset = std::uint32_t(text_.size());
    e.length = std::uint32_t(word.size());
    e.ids = ids;
    text_ += word;
    entries_.push_back(e);
    const std::uint64_t h = hash_string(word);
    std::size_t slot = h & mask_;
    while (slots_[slot]) slot = (slot + 1) & mask_;
    slots_[slot] = (h & 0xFFFFFFFF00000000ULL) | entries_.size();
  }
}

const ClusterIds* ClusterIndex::find(std::string_view word, std::uint64_t hash) const {
  if (slots_.empty()) return nullptr;
  const std::uint64_t check = hash & 0xFFFFFFFF00000000ULL;
  for (std::size_t slot = hash & mask_;; slot = (slot + 1) & mask_) {
    const std::uint64_t e = slots_[slot];
    if (e == 0) return nullptr;
    if ((e & 0xFFFFFFFF00000000ULL) == check) {
      const Entry& entry = entries_[(e & 0xFFFFFFFF) - 1];
      if (std::string_view(text_).substr(entry.offset, entry.length) == word) return &entry.ids;
    }
  }
}

PreparedDocument prepare(const std::vector<std::vector<std::string>>& document,
                         const FeatureOptions& options, const Gazetteer* gazetteer,
                         const Clusters* clusters, const ClusterIndex* cluster_index) {
  if (options.gazetteer && !gazetteer)
    throw Error(ErrorCode::internal, "tagger: gazetteer features without a gazetteer");
  PreparedDocument prepared;
  prepared.sentences.resize(document.size());
  // Distinct folded words of the document, their facts computed once: an open-addressing
  // table of word index + 1 over the hash of the folded form.
  std::size_t tokens = 0;
  for (const auto& sentence : document) tokens += sentence.size();
  std::size_t capacity = 64;
  while (capacity < tokens * 2) capacity *= 2;
  thread_local std::vector<std::uint32_t> slots;
  slots.assign(capacity, 0);
  const std::size_t slot_mask = capacity - 1;
  prepared.words.reserve(tokens);
  std::vector<const std::string*> word_text;
  // Shape of each word where casing tells something (not sentence-initial, not in a headline).
  std::vector<const std::string*> body_shape;
  for (std::size_t s = 0; s < document.size(); ++s) {
    const auto& sentence = document[s];
    const bool headline = is_headline(sentence);
    auto& infos = prepared.sentences[s];
    infos.resize(sentence.size());
    for (std::size_t i = 0; i < sentence.size(); ++i) {
      auto& info = infos[i];
      info.raw = sentence[i];
      info.low = fold_token(sentence[i]);
      info.headline = headline;
      if (!headline) info.shape = shape_of(sentence[i]);
      // infos is never resized again, so pointers to info.low stay valid.
      const std::string_view lw = info.low;
      const std::uint64_t hash = hash_string(lw);
      std::size_t slot = hash & slot_mask;
      while (slots[slot] && (prepared.words[slots[slot] - 1].hash != hash ||
                             *word_text[slots[slot] - 1] != lw))
        slot = (slot + 1) & slot_mask;
      if (slots[slot]) {
        info.word = slots[slot] - 1;
      } else {
        info.word = std::uint32_t(word_text.size());
        slots[slot] = info.word + 1;
        word_text.push_back(&info.low);
        WordFacts facts;
        facts.hash = hash;
        const std::size_t head = std::min<std::size_t>(lw.size(), 4);
        facts.first4 = std::uint32_t(load_bytes(lw.data(), head));
        facts.last4 = std::uint32_t(load_bytes(lw.data() + lw.size() - head, head)
                                    << (8 * (4 - head)));
        facts.length = std::uint8_t(std::min<std::size_t>(lw.size(), 255));
        prepared.words.push_back(facts);
      }
    }
  }
  auto& words = prepared.words;
  if (options.document) {
    body_shape.assign(words.size(), nullptr);
    for (const auto& infos : prepared.sentences) {
      for (std::size_t i = 0; i < infos.size(); ++i) {
        const auto& info = infos[i];
        if (info.headline || i == 0 || !has_letter(info.raw)) continue;
        std::uint8_t bit = capitalised(info.raw) ? 1 : (has_lower(info.raw) ? 2 : 0);
        if (!bit) continue;
        words[info.word].doc_case |= bit;
        if (!body_shape[info.word]) body_shape[info.word] = &info.shape;
      }
    }
    for (auto& infos : prepared.sentences)
      for (auto& info : infos) {
        info.doc_case = words[info.word].doc_case;
        // Restore the shape from the same word's casing in the body when the document has it.
        if (info.headline && body_shape[info.word]) info.shape = "r" + *body_shape[info.word];
      }
  }
  for (auto& infos : prepared.sentences)
    for (auto& info : infos) {
      if (info.headline && info.shape.empty()) info.shape = "H" + shape_of(info.raw);
      info.raw_hash = hash_string(info.raw);
      info.shape_hash = hash_string(info.shape);
    }
  if (options.gazetteer) add_gazetteer_labels(document, prepared, *gazetteer);
  if (options.clusters && clusters) {
    if (cluster_index && cluster_index->size() == clusters->size()) {
      for (std::size_t w = 0; w < words.size(); ++w)
        if (const ClusterIds* ids = cluster_index->find(*word_text[w], words[w].hash))
          words[w].cluster = *ids;
    } else {
      for (std::size_t w = 0; w < words.size(); ++w)
        if (auto it = clusters->find(*word_text[w]); it != clusters->end())
          words[w].cluster = it->second;
    }
    for (auto& infos : prepared.sentences)
      for (auto& info : infos) info.cluster = words[info.word].cluster;
  }
  return prepared;
}

void add_previous_stage(PreparedDocument& document,
                        const std::vector<std::vector<std::uint8_t>>& tags,
                        const std::vector<std::string>& tag_names) {
  static const char* const kTypeNames[] = {"PER", "LOC", "ORG", "MISC"};
  std::vector<std::uint8_t> code(tag_names.size(), 0);
  for (std::size_t y = 0; y < tag_names.size(); ++y) {
    const auto& name = tag_names[y];
    if (name.size() <= 2) continue;
    for (std::uint8_t t = 0; t < 4; ++t)
      if (name.compare(2, std::string::npos, kTypeNames[t]) == 0)
        code[y] = std::uint8_t((t + 1) | (name[0] == 'B' || name[0] == 'U' ? 8 : 0));
  }
  std::unordered_map<std::string_view, std::array<std::uint16_t, 5>> counts;
  for (std::size_t s = 0; s < document.sentences.size(); ++s) {
    auto& infos = document.sentences[s];
    for (std::size_t i = 0; i < infos.size(); ++i) {
      infos[i].previous = code[tags[s][i]];
      if (!has_letter(infos[i].raw) || has_lower(infos[i].raw.substr(0, 1))) continue;
      auto& c = counts[infos[i].low];
      c[infos[i].previous & 7] += 1;
    }
  }
  for (auto& infos : document.sentences)
    for (auto& info : infos) {
      auto it = counts.find(info.low);
      if (it == counts.end()) continue;
      const auto& c = it->second;
      std::uint8_t majority = 0;
      for (std::uint8_t t = 1; t < 5; ++t)
        if (c[t] > 0 && (majority == 0 || c[t] > c[majority])) majority = t;
      int total = 0, nonzero = 0;
      for (auto n : c) {
        total += n;
        nonzero += n > 0;
      }
      info.pooled = std::uint8_t(majority | (nonzero == 1 ? 8 : 0) | (total > 1 ? 16 : 0));
    }
}

void remember(const PreparedDocument& document, std::size_t s,
              const std::vector<std::uint8_t>& tags, TagMemory& memory) {
  const auto& infos = document.sentences[s];
  if (memory.size() < document.words.size()) memory.resize(document.words.size(), 255);
  for (std::size_t i = 0; i < infos.size(); ++i) {
    // Only words that could be names: lower-case words carry no useful memory.
    if (!has_letter(infos[i].raw) || has_lower(infos[i].raw.substr(0, 1))) continue;
    memory[infos[i].word] = tags[i];
  }
}

void sentence_features(const PreparedDocument& document, std::size_t s, const TagMemory& memory,
                       const FeatureOptions& options, SentenceFeatures& out) {
  const auto& infos = document.sentences[s];
  const auto& words = document.words;
  const std::size_t n = infos.size();
  // At most kMaxPerToken features per token: written through a pointer, trimmed at the end.
  constexpr std::size_t kMaxPerToken = 56;
  out.features.resize(n * kMaxPerToken);
  out.offsets.resize(n + 1);
  std::uint64_t* const first = out.features.data();
  std::uint64_t* next = first;
  // Per-token values with two sentinels on each side, so neighbours need no bounds checks:
  // entry k + 2 belongs to token k.
  thread_local std::vector<std::uint64_t> lows, shapes;
  thread_local std::vector<std::uint8_t> mems, gazs;
  thread_local std::vector<std::uint16_t> fines;
  lows.assign(n + 4, kStartHash);
  lows[n + 2] = lows[n + 3] = kEndHash;
  shapes.assign(n + 4, kStartHash);
  shapes[n + 2] = shapes[n + 3] = kEndHash;
  mems.assign(n + 4, 254);
  gazs.assign(n + 4, 254);
  fines.assign(n + 4, 65535);
  for (std::size_t k = 0; k < n; ++k) {
    const auto& info = infos[k];
    lows[k + 2] = words[info.word].hash;
    shapes[k + 2] = info.shape_hash;
    mems[k + 2] = info.word < memory.size() ? memory[info.word] : 255;
    gazs[k + 2] = info.gazetteer;
    fines[k + 2] = info.cluster[1];
  }
  // Runs of capitalised words ("Bank of England" counts "of" inside a run).
  thread_local std::vector<std::uint32_t> run_begin, run_end;
  run_begin.resize(n);
  run_end.resize(n);
  {
    std::size_t i = 0;
    while (i < n) {
      auto cap = [&](std::size_t k) {
        const auto& sh = infos[k].shape;
        return !sh.empty() && (sh[0] == 'X' || (sh[0] == 'r' && sh.size() > 1 && sh[1] == 'X'));
      };
      if (!cap(i)) {
        run_begin[i] = run_end[i] = std::uint32_t(i);
        ++i;
        continue;
      }
      std::size_t j = i + 1;
      while (j < n &&
             (cap(j) || ((infos[j].low == "of" || infos[j].low == "&" || infos[j].low == "and") &&
                         j + 1 < n && cap(j + 1))))
        ++j;
      for (std::size_t k = i; k < j; ++k) {
        run_begin[k] = std::uint32_t(i);
        run_end[k] = std::uint32_t(j - 1);
      }
      i = j;
    }
  }
  for (std::size_t u = 0; u < n; ++u) {
    out.offsets[u] = std::uint32_t(next - first);
    const std::size_t c = u + 2;  // index of token u in the padded arrays
    const auto& info = infos[u];
    const auto& word = words[info.word];
    const std::uint64_t lw = lows[c], sh = shapes[c];
    auto emit = [&](const Hash& h) { *next++ = h.value(); };
    emit(Hash(kBias));
    if (!info.headline) emit(Hash(kWord).add(info.raw_hash));
    emit(Hash(kLow).add(lw));
    emit(Hash(kLowM1).add(lows[c - 1]));
    emit(Hash(kLowP1).add(lows[c + 1]));
    emit(Hash(kLowM2).add(lows[c - 2]));
    emit(Hash(kLowP2).add(lows[c + 2]));
    emit(Hash(kBigramM1).add(lows[c - 1]).add(lw));
    emit(Hash(kBigramP1).add(lw).add(lows[c + 1]));
    emit(Hash(kBigramM2M1).add(lows[c - 2]).add(lows[c - 1]));
    emit(Hash(kBigramP1P2).add(lows[c + 1]).add(lows[c + 2]));
    emit(Hash(kShape).add(sh));
    emit(Hash(kShapeM1).add(shapes[c - 1]));
    emit(Hash(kShapeP1).add(shapes[c + 1]));
    emit(Hash(kShapeTri).add(shapes[c - 1]).add(sh).add(shapes[c + 1]));
    emit(Hash(kLowShapeM1).add(lows[c - 1]).add(sh));
    emit(Hash(kLowShapeP1).add(sh).add(lows[c + 1]));
    // Affixes of the folded word: its first/last k bytes, tagged with k. (Up to 4 bytes until
    // feature set 9: the 4-byte affixes added nothing on eng.testa, 0.9416 -> 0.9417.)
    for (std::size_t k = 1; k <= kMaxAffix && k < word.length; ++k) {
      const std::uint64_t tag = std::uint64_t(k) << 32;
      emit(Hash(kPrefix).add(tag | (word.first4 & (0xffffffffu >> (8 * (4 - k))))));
      emit(Hash(kSuffix).add(tag | (word.last4 >> (8 * (4 - k)))));
    }
    emit(Hash(kLength).add(std::min<std::uint8_t>(word.length, 12)));
    if (u == 0) emit(Hash(kInitialShape).add(sh));
    if (info.headline) emit(Hash(kHeadline).add(sh));
    if (options.document) {
      emit(Hash(kDocCase).add(info.doc_case));
      emit(Hash(kDocCaseShape).add(info.doc_case).add(sh));
      if (u == 0 || info.headline) emit(Hash(kDocCaseInitial).add(info.doc_case).add(lw));
      const std::uint64_t m = mems[c];
      emit(Hash(kMemory).add(m));
      emit(Hash(kMemoryM1).add(std::uint64_t(mems[c - 1]) << 8 | m));
      emit(Hash(kMemoryP1).add(m << 8 | mems[c + 1]));
    }
    if (run_end[u] > run_begin[u] || (!info.shape.empty() && info.shape[0] == 'X')) {
      emit(Hash(kRunFirst).add(lows[run_begin[u] + 2]));
      emit(Hash(kRunLast).add(lows[run_end[u] + 2]));
      const std::uint64_t position = run_begin[u] == run_end[u] ? 0
                                     : u == run_begin[u]        ? 1
                                     : u == run_end[u]          ? 2
                                                                : 3;
      emit(Hash(kRunPosition)
               .add(position << 8 | std::min<std::uint32_t>(run_end[u] - run_begin[u], 4)));
    }
    if (options.pooled) {
      auto previous = [&](std::ptrdiff_t k) -> std::uint64_t {
        return k < 0 || k >= std::ptrdiff_t(n) ? 254 : infos[std::size_t(k)].previous;
      };
      auto pooled = [&](std::ptrdiff_t k) -> std::uint64_t {
        return k < 0 || k >= std::ptrdiff_t(n) ? 254 : infos[std::size_t(k)].pooled;
      };
      const auto i = std::ptrdiff_t(u);
      emit(Hash(kPrevious).add(info.previous));
      emit(Hash(kPreviousTri).add(previous(i - 1) << 16 | previous(i) << 8 | previous(i + 1)));
      emit(Hash(kPooled).add(info.pooled));
      emit(Hash(kPooledShape).add(info.pooled).add(sh));
      emit(Hash(kPooledContext).add(pooled(i - 1) << 16 | pooled(i) << 8 | pooled(i + 1)));
    }
    if (options.clusters) {
      const std::uint64_t f = fines[c];
      emit(Hash(kClusterCoarse).add(info.cluster[0]));
      emit(Hash(kClusterFine).add(f));
      emit(Hash(kClusterM1).add(fines[c - 1]));
      emit(Hash(kClusterP1).add(fines[c + 1]));
      emit(Hash(kClusterShape).add(f).add(sh));
    }
    if (options.gazetteer) {
      const std::uint64_t g = gazs[c];
      emit(Hash(kGazetteer).add(g));
      emit(Hash(kGazetteerShape).add(g).add(sh));
      emit(Hash(kGazetteerM1).add(std::uint64_t(gazs[c - 1]) << 8 | g));
      emit(Hash(kGazetteerP1).add(g << 8 | gazs[c + 1]));
    }
  }
  out.offsets[n] = std::uint32_t(next - first);
  out.features.resize(out.offsets[n]);
}

}  // namespace newsdex::entities::tagger_detail
