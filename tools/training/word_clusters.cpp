// Word clustering for training the entity tagger: PPMI context vectors and spherical k-means.
#include "training/word_clusters.h"

#include <newsdex/error.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

namespace newsdex::entities::tagger_detail {

void tokenize_for_clusters(std::string_view text, std::vector<std::string>& out) {
  auto is_punct = [](char c) {
    return std::string_view(",.;:!?\"()[]{}<>").find(c) != std::string_view::npos;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::size_t j = i;
    while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j]))) ++j;
    std::string_view word = text.substr(i, j - i);
    i = j;
    std::vector<std::string> tail;
    while (!word.empty() && is_punct(word.front())) {
      out.emplace_back(1, word.front());
      word.remove_prefix(1);
    }
    while (!word.empty() && is_punct(word.back())) {
      // Keep the dot of abbreviations such as "U.S." and "Corp.".
      if (word.back() == '.' && word.find('.') < word.size() - 1) break;
      tail.emplace_back(1, word.back());
      word.remove_suffix(1);
    }
    if (word.size() > 2 && (word.ends_with("'s") || word.ends_with("'S"))) {
      out.push_back(fold_token(word.substr(0, word.size() - 2)));
      out.push_back("'s");
    } else if (!word.empty()) {
      out.push_back(fold_token(word));
    }
    out.insert(out.end(), tail.rbegin(), tail.rend());
  }
}

namespace {

using Sparse = std::vector<std::pair<std::uint32_t, float>>;

std::vector<std::uint16_t> kmeans(const std::vector<Sparse>& vectors, std::size_t dims, int k,
                                  int iterations, std::uint32_t seed) {
  const std::size_t n = vectors.size();
  std::vector<std::uint16_t> assignment(n, 0);
  if (n == 0) return assignment;
  k = int(std::min<std::size_t>(std::size_t(k), n));
  // Start from k of the frequent words (vectors are in frequency order), picked at random.
  std::mt19937 rng(seed);
  std::vector<std::size_t> pool(std::min<std::size_t>(n, std::size_t(k) * 8));
  for (std::size_t i = 0; i < pool.size(); ++i) pool[i] = i;
  std::shuffle(pool.begin(), pool.end(), rng);
  // Centroids stored dimension-major (d * k + c) so scoring a sparse vector reads contiguously.
  const std::size_t kk = std::size_t(k);
  std::vector<float> centroids(kk * dims, 0.0f);
  for (std::size_t c = 0; c < kk; ++c)
    for (const auto& [d, v] : vectors[pool[c]]) centroids[d * kk + c] = v;
  std::vector<float> scores(kk), norms(kk);
  for (int it = 0; it < iterations; ++it) {
    for (std::size_t w = 0; w < n; ++w) {
      std::fill(scores.begin(), scores.end(), 0.0f);
      for (const auto& [d, v] : vectors[w]) {
        const float* row = &centroids[d * kk];
        for (std::size_t c = 0; c < kk; ++c) scores[c] += v * row[c];
      }
      assignment[w] =
          std::uint16_t(std::max_element(scores.begin(), scores.end()) - scores.begin());
    }
    std::fill(centroids.begin(), centroids.end(), 0.0f);
    for (std::size_t w = 0; w < n; ++w)
      for (const auto& [d, v] : vectors[w]) centroids[d * kk + assignment[w]] += v;
    std::fill(norms.begin(), norms.end(), 0.0f);
    for (std::size_t i = 0; i < centroids.size(); ++i) norms[i % kk] += centroids[i] * centroids[i];
    for (std::size_t i = 0; i < centroids.size(); ++i)
      if (norms[i % kk] > 0) centroids[i] /= std::sqrt(norms[i % kk]);
  }
  return assignment;
}

}  // namespace

Clusters make_clusters(const std::vector<std::vector<std::string>>& sentences,
                       const ClusterOptions& options) {
  std::unordered_map<std::string_view, std::uint32_t> counts;
  for (const auto& s : sentences)
    for (const auto& w : s) ++counts[w];
  std::vector<std::pair<std::string_view, std::uint32_t>> by_count(counts.begin(), counts.end());
  std::sort(by_count.begin(), by_count.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::unordered_map<std::string_view, std::uint32_t> word_index, context_index;
  for (const auto& [w, c] : by_count) {
    if (int(c) < options.min_count) break;
    word_index.emplace(w, std::uint32_t(word_index.size()));
  }
  for (const auto& [w, c] : by_count) {
    if (int(context_index.size()) >= options.context_words) break;
    context_index.emplace(w, std::uint32_t(context_index.size()));
  }
  const std::uint32_t contexts = std::uint32_t(context_index.size()) + 1;  // last: any other word
  const std::size_t dims = 2 * std::size_t(contexts);
  std::vector<std::map<std::uint32_t, float>> raw(word_index.size());
  std::vector<double> context_totals(dims, 0.0);
  double total = 0;
  static const std::string kBoundary = "<s>";
  for (const auto& s : sentences)
    for (std::size_t i = 0; i < s.size(); ++i) {
      auto w = word_index.find(s[i]);
      if (w == word_index.end()) continue;
      auto context = [&](std::ptrdiff_t j) -> std::uint32_t {
        if (j < 0 || j >= std::ptrdiff_t(s.size())) return contexts - 1;
        auto it = context_index.find(s[std::size_t(j)]);
        return it == context_index.end() ? contexts - 1 : it->second;
      };
      const std::uint32_t left = context(std::ptrdiff_t(i) - 1),
                          right = contexts + context(std::ptrdiff_t(i) + 1);
      raw[w->second][left] += 1;
      raw[w->second][right] += 1;
      context_totals[left] += 1;
      context_totals[right] += 1;
      total += 2;
    }
  std::vector<Sparse> vectors(raw.size());
  for (std::size_t w = 0; w < raw.size(); ++w) {
    double word_total = 0;
    for (const auto& [d, c] : raw[w]) word_total += c;
    float norm = 0;
    for (const auto& [d, c] : raw[w]) {
      const double pmi = std::log(c * total / (word_total * context_totals[d]));
      if (pmi <= 0) continue;
      vectors[w].emplace_back(d, float(pmi));
      norm += float(pmi * pmi);
    }
    norm = std::sqrt(norm);
    for (auto& [d, v] : vectors[w]) v /= norm > 0 ? norm : 1.0f;
  }
  const auto coarse = kmeans(vectors, dims, options.coarse, options.iterations, options.seed);
  const auto fine = kmeans(vectors, dims, options.fine, options.iterations, options.seed + 1);
  Clusters clusters;
  for (const auto& [w, i] : word_index)
    clusters.emplace(std::string(w),
                     ClusterIds{std::uint16_t(coarse[i] + 1), std::uint16_t(fine[i] + 1)});
  return clusters;
}

Clusters read_clusters(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(ErrorCode::io, path + ": cannot open word clusters");
  Clusters clusters;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::istringstream fields(line);
    std::string word;
    unsigned coarse = 0, fine = 0;
    if (!std::getline(fields, word, '\t') || !(fields >> coarse >> fine) || coarse > 65535 ||
        fine > 65535)
      throw Error(ErrorCode::input,
                  path + ":" + std::to_string(number) + ": expected word<TAB>coarse<TAB>fine");
    clusters[word] = {std::uint16_t(coarse), std::uint16_t(fine)};
  }
  return clusters;
}

void write_clusters(const Clusters& clusters, const std::string& path) {
  std::vector<std::pair<std::string, ClusterIds>> sorted(clusters.begin(), clusters.end());
  std::sort(sorted.begin(), sorted.end());
  std::ofstream out(path);
  for (const auto& [w, ids] : sorted) out << w << '\t' << ids[0] << '\t' << ids[1] << '\n';
  if (!out.flush()) throw Error(ErrorCode::io, path + ": cannot write word clusters");
}

}  // namespace newsdex::entities::tagger_detail
