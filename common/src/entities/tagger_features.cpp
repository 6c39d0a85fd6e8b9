// Hashed feature templates for the entity tagger; see tagger_features.h for the contract.
#include "entities/tagger_features.h"

#include <array>
#include <cstring>

#include "text/tokenizer.h"

namespace newsdex::entities::tagger_detail {
namespace {

// FNV-1a over template id and values, then a final avalanche so that the open-addressing
// table in the model sees well-spread keys.
class Hash {
 public:
  explicit Hash(std::uint8_t template_id) { byte(template_id); }
  Hash& add(std::string_view value) {
    for (char c : value) byte(static_cast<std::uint8_t>(c));
    byte(0x1f);  // separator, so ("ab","c") != ("a","bc")
    return *this;
  }
  Hash& add(std::uint8_t value) {
    byte(value);
    byte(0x1e);
    return *this;
  }
  Hash& add16(std::uint16_t value) {
    byte(std::uint8_t(value & 0xff));
    byte(std::uint8_t(value >> 8));
    byte(0x1e);
    return *this;
  }
  std::uint64_t value() const {
    std::uint64_t x = h_;
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x ? x : 1;  // 0 marks an empty slot in the model's table
  }

 private:
  void byte(std::uint8_t b) {
    h_ ^= b;
    h_ *= 0x100000001b3ULL;
  }
  std::uint64_t h_ = 0xcbf29ce484222325ULL;
};

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

const std::string kNone = "<none>";
const std::string kStart = "<s>";
const std::string kEnd = "</s>";

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
                          PreparedDocument& prepared, const std::string& gazetteer_dir);

PreparedDocument prepare(const std::vector<std::vector<std::string>>& document,
                         const FeatureOptions& options, const std::string& gazetteer_dir,
                         const Clusters* clusters) {
  PreparedDocument prepared;
  prepared.sentences.resize(document.size());
  // Casing of each word where casing tells something: not sentence-initial, not in a headline.
  std::unordered_map<std::string_view, std::uint8_t> casing;
  std::unordered_map<std::string_view, std::string> restored_shape;
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
    }
  }
  if (options.document) {
    for (const auto& infos : prepared.sentences) {
      for (std::size_t i = 0; i < infos.size(); ++i) {
        const auto& info = infos[i];
        if (info.headline || i == 0 || !has_letter(info.raw)) continue;
        std::uint8_t bit = capitalised(info.raw) ? 1 : (has_lower(info.raw) ? 2 : 0);
        if (!bit) continue;
        casing[info.low] |= bit;
        auto [it, inserted] = restored_shape.try_emplace(info.low);
        if (inserted) it->second = info.shape;
      }
    }
    for (auto& infos : prepared.sentences)
      for (auto& info : infos) {
        if (auto it = casing.find(info.low); it != casing.end()) info.doc_case = it->second;
        if (info.headline) {
          // Restore the shape from the same word's casing in the body when the document has it.
          auto it = restored_shape.find(info.low);
          if (it != restored_shape.end()) info.shape = "r" + it->second;
        }
      }
  }
  for (auto& infos : prepared.sentences)
    for (auto& info : infos)
      if (info.headline && info.shape.empty()) info.shape = "H" + shape_of(info.raw);
  if (options.gazetteer) add_gazetteer_labels(document, prepared, gazetteer_dir);
  if (options.clusters && clusters)
    for (auto& infos : prepared.sentences)
      for (auto& info : infos)
        if (auto it = clusters->find(info.low); it != clusters->end()) info.cluster = it->second;
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
  for (std::size_t i = 0; i < infos.size(); ++i) {
    // Only words that could be names: lower-case words carry no useful memory.
    if (!has_letter(infos[i].raw) || has_lower(infos[i].raw.substr(0, 1))) continue;
    memory[infos[i].low] = tags[i];
  }
}

void sentence_features(const PreparedDocument& document, std::size_t s, const TagMemory& memory,
                       const FeatureOptions& options, SentenceFeatures& out) {
  const auto& infos = document.sentences[s];
  const std::size_t n = infos.size();
  out.features.clear();
  out.offsets.clear();
  auto low = [&](std::ptrdiff_t i) -> const std::string& {
    if (i < 0) return kStart;
    if (i >= std::ptrdiff_t(n)) return kEnd;
    return infos[std::size_t(i)].low;
  };
  auto shape = [&](std::ptrdiff_t i) -> const std::string& {
    if (i < 0) return kStart;
    if (i >= std::ptrdiff_t(n)) return kEnd;
    return infos[std::size_t(i)].shape;
  };
  auto memory_of = [&](std::ptrdiff_t i) -> std::uint8_t {
    if (i < 0 || i >= std::ptrdiff_t(n)) return 254;
    auto it = memory.find(infos[std::size_t(i)].low);
    return it == memory.end() ? 255 : it->second;
  };
  auto gaz = [&](std::ptrdiff_t i) -> std::uint8_t {
    if (i < 0 || i >= std::ptrdiff_t(n)) return 254;
    return infos[std::size_t(i)].gazetteer;
  };
  // Runs of capitalised words ("Bank of England" counts "of" inside a run).
  std::vector<std::uint32_t> run_begin(n), run_end(n);
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
    out.offsets.push_back(std::uint32_t(out.features.size()));
    const auto i = std::ptrdiff_t(u);
    const auto& info = infos[u];
    auto emit = [&](const Hash& h) { out.features.push_back(h.value()); };
    emit(Hash(kBias));
    if (!info.headline) emit(Hash(kWord).add(info.raw));
    emit(Hash(kLow).add(info.low));
    emit(Hash(kLowM1).add(low(i - 1)));
    emit(Hash(kLowP1).add(low(i + 1)));
    emit(Hash(kLowM2).add(low(i - 2)));
    emit(Hash(kLowP2).add(low(i + 2)));
    emit(Hash(kBigramM1).add(low(i - 1)).add(info.low));
    emit(Hash(kBigramP1).add(info.low).add(low(i + 1)));
    emit(Hash(kBigramM2M1).add(low(i - 2)).add(low(i - 1)));
    emit(Hash(kBigramP1P2).add(low(i + 1)).add(low(i + 2)));
    emit(Hash(kShape).add(info.shape));
    emit(Hash(kShapeM1).add(shape(i - 1)));
    emit(Hash(kShapeP1).add(shape(i + 1)));
    emit(Hash(kShapeTri).add(shape(i - 1)).add(info.shape).add(shape(i + 1)));
    emit(Hash(kLowShapeM1).add(low(i - 1)).add(info.shape));
    emit(Hash(kLowShapeP1).add(info.shape).add(low(i + 1)));
    const std::string_view lw = info.low;
    for (std::size_t k = 1; k <= 4 && k < lw.size(); ++k) {
      emit(Hash(kPrefix).add(std::uint8_t(k)).add(lw.substr(0, k)));
      emit(Hash(kSuffix).add(std::uint8_t(k)).add(lw.substr(lw.size() - k)));
    }
    emit(Hash(kLength).add(std::uint8_t(std::min<std::size_t>(lw.size(), 12))));
    if (u == 0) emit(Hash(kInitialShape).add(info.shape));
    if (info.headline) emit(Hash(kHeadline).add(info.shape));
    if (options.document) {
      emit(Hash(kDocCase).add(info.doc_case));
      emit(Hash(kDocCaseShape).add(info.doc_case).add(info.shape));
      if (u == 0 || info.headline) emit(Hash(kDocCaseInitial).add(info.doc_case).add(info.low));
      emit(Hash(kMemory).add(memory_of(i)));
      emit(Hash(kMemoryM1).add(memory_of(i - 1)).add(memory_of(i)));
      emit(Hash(kMemoryP1).add(memory_of(i)).add(memory_of(i + 1)));
    }
    if (run_end[u] > run_begin[u] || (!info.shape.empty() && info.shape[0] == 'X')) {
      emit(Hash(kRunFirst).add(infos[run_begin[u]].low));
      emit(Hash(kRunLast).add(infos[run_end[u]].low));
      const std::uint8_t position = run_begin[u] == run_end[u] ? 0
                                    : u == run_begin[u]        ? 1
                                    : u == run_end[u]          ? 2
                                                               : 3;
      emit(Hash(kRunPosition)
               .add(position)
               .add(std::uint8_t(std::min<std::uint32_t>(run_end[u] - run_begin[u], 4))));
    }
    if (options.pooled) {
      auto previous = [&](std::ptrdiff_t k) -> std::uint8_t {
        return k < 0 || k >= std::ptrdiff_t(n) ? 254 : infos[std::size_t(k)].previous;
      };
      auto pooled = [&](std::ptrdiff_t k) -> std::uint8_t {
        return k < 0 || k >= std::ptrdiff_t(n) ? 254 : infos[std::size_t(k)].pooled;
      };
      emit(Hash(kPrevious).add(info.previous));
      emit(Hash(kPreviousTri).add(previous(i - 1)).add(info.previous).add(previous(i + 1)));
      emit(Hash(kPooled).add(info.pooled));
      emit(Hash(kPooledShape).add(info.pooled).add(info.shape));
      emit(Hash(kPooledContext).add(pooled(i - 1)).add(info.pooled).add(pooled(i + 1)));
    }
    if (options.clusters) {
      auto fine = [&](std::ptrdiff_t k) -> std::uint16_t {
        return k < 0 || k >= std::ptrdiff_t(n) ? 65535 : infos[std::size_t(k)].cluster[1];
      };
      emit(Hash(kClusterCoarse).add16(info.cluster[0]));
      emit(Hash(kClusterFine).add16(fine(i)));
      emit(Hash(kClusterM1).add16(fine(i - 1)));
      emit(Hash(kClusterP1).add16(fine(i + 1)));
      emit(Hash(kClusterShape).add16(fine(i)).add(info.shape));
    }
    if (options.gazetteer) {
      emit(Hash(kGazetteer).add(gaz(i)));
      emit(Hash(kGazetteerShape).add(gaz(i)).add(info.shape));
      emit(Hash(kGazetteerM1).add(gaz(i - 1)).add(gaz(i)));
      emit(Hash(kGazetteerP1).add(gaz(i)).add(gaz(i + 1)));
    }
  }
  out.offsets.push_back(std::uint32_t(out.features.size()));
}

}  // namespace newsdex::entities::tagger_detail
