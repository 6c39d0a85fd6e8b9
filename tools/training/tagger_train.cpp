// Training the entity tagger: the averaged structured perceptron and the two-stage pipeline
// (jackknifed stage 0 feeding stage 1). Tools and tests only: the runtime library loads and
// applies models (common/src/entities/tagger_model.h) but never trains one.
#include "training/tagger_train.h"

#include <newsdex/error.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <unordered_map>

namespace newsdex::entities::tagger_detail {
namespace {

const std::vector<std::string> kTypes = {"PER", "LOC", "ORG", "MISC"};

// Tag names of a scheme: "bio" (IOB2) or "bilou" (also L- for the last token of an entity and
// U- for a one-token entity, which lets the weights tell entity ends apart).
std::vector<std::string> tag_names(const std::string& scheme) {
  std::vector<std::string> names = {"O"};
  const std::string prefixes = scheme == "bilou" ? "BILU" : "BI";
  for (const auto& type : kTypes)
    for (char p : prefixes) names.push_back(std::string(1, p) + "-" + type);
  return names;
}

// IOB2 gold tags rewritten in `scheme`.
std::vector<std::string> in_scheme(const std::vector<std::string>& tags,
                                   const std::string& scheme) {
  if (scheme != "bilou") return tags;
  std::vector<std::string> out = tags;
  for (std::size_t i = 0; i < tags.size(); ++i) {
    if (tags[i].size() <= 2) continue;
    const bool continues =
        i + 1 < tags.size() && tags[i + 1].size() > 2 && tags[i + 1][0] == 'I' &&
        tags[i + 1].compare(2, std::string::npos, tags[i], 2, std::string::npos) == 0;
    if (!continues) out[i][0] = tags[i][0] == 'B' ? 'U' : 'L';
  }
  return out;
}

std::string upper(const std::string& word) {
  std::string out = word;
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
  return out;
}

}  // namespace

Model train(const std::vector<TrainingDocument>& documents, const TrainingOptions& options,
            const std::function<void(int, const Model&)>& after_epoch,
            const PreviousStage& previous) {
  if (options.scheme != "bio" && options.scheme != "bilou")
    throw Error(ErrorCode::input,
                "tagger: unknown tag scheme '" + options.scheme + "' (bio or bilou)");
  const std::vector<std::string> kTagNames = tag_names(options.scheme);
  Model weights(kTagNames, options.features);
  const std::size_t t = weights.tag_count();
  std::vector<double> totals;  // sum of (update time * delta), per weight, for averaging
  std::vector<double> transition_totals((t + 1) * t, 0.0);
  std::unordered_map<std::uint64_t, std::uint32_t> row_of;  // feature -> index into totals
  auto tag_index = [&](const std::string& tag) -> std::uint8_t {
    for (std::size_t y = 0; y < t; ++y)
      if (kTagNames[y] == tag) return std::uint8_t(y);
    return 0;  // unknown tags count as O
  };
  std::vector<std::vector<std::vector<std::uint8_t>>> gold(documents.size());
  for (std::size_t d = 0; d < documents.size(); ++d)
    for (const auto& sentence : documents[d].tags) {
      auto& g = gold[d].emplace_back();
      for (const auto& tag : in_scheme(sentence, options.scheme)) g.push_back(tag_index(tag));
    }

  std::mt19937 rng(options.seed);
  std::vector<std::size_t> order(documents.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  double clock = 1;  // number of sentences seen: the averaging time
  SentenceFeatures features;
  std::vector<std::uint8_t> predicted;
  std::vector<float> scratch;

  auto averaged = [&] {
    Model avg(kTagNames, options.features);
    for (std::size_t i = 0; i < transition_totals.size(); ++i) {
      const std::size_t from = i / t, to = i % t;
      avg.transition(from, to) = weights.transition(from, to) - float(transition_totals[i] / clock);
    }
    weights.for_each([&](std::uint64_t key, float* w) {
      const double* total = &totals[std::size_t(row_of.at(key)) * t];
      float row[kMaxTags];
      float largest = 0;
      for (std::size_t y = 0; y < t; ++y) {
        row[y] = w[y] - float(total[y] / clock);
        largest = std::max(largest, std::fabs(row[y]));
      }
      if (largest < options.prune_below) return;
      std::copy(row, row + t, avg.insert(key));
    });
    return avg;
  };

  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    std::bernoulli_distribution make_upper(options.upper_share);
    for (std::size_t d : order) {
      const auto& doc = documents[d];
      auto words = doc.words;
      for (auto& sentence : words)
        if (make_upper(rng))
          for (auto& w : sentence) w = upper(w);
      PreparedDocument prepared =
          prepare(words, options.features, options.gazetteer, options.clusters);
      if (options.features.pooled) {
        if (!previous)
          throw Error(ErrorCode::internal, "tagger: pooled features need a previous stage");
        previous(d, words, prepared);
      }
      TagMemory memory;
      for (std::size_t s = 0; s < words.size(); ++s) {
        sentence_features(prepared, s, memory, options.features, features);
        weights.decode(features, predicted, scratch);
        const auto& g = gold[d][s];
        if (predicted != g) {
          auto update = [&](std::uint64_t key, std::size_t y, float delta) {
            auto [it, inserted] = row_of.try_emplace(key, std::uint32_t(row_of.size()));
            if (inserted) totals.resize(row_of.size() * t, 0.0);
            weights.insert(key)[y] += delta;
            totals[std::size_t(it->second) * t + y] += clock * delta;
          };
          for (std::size_t i = 0; i < g.size(); ++i) {
            const std::size_t gp = i ? g[i - 1] : weights.start(),
                              pp = i ? predicted[i - 1] : weights.start();
            if (g[i] != predicted[i]) {
              for (std::uint32_t f = features.offsets[i]; f < features.offsets[i + 1]; ++f) {
                update(features.features[f], g[i], 1.0f);
                update(features.features[f], predicted[i], -1.0f);
              }
            }
            if (gp != pp || g[i] != predicted[i]) {
              weights.transition(gp, g[i]) += 1.0f;
              transition_totals[gp * t + g[i]] += clock;
              weights.transition(pp, predicted[i]) -= 1.0f;
              transition_totals[pp * t + predicted[i]] -= clock;
            }
          }
        }
        remember(prepared, s, predicted, memory);
        clock += 1;
      }
    }
    if (after_epoch) after_epoch(epoch, averaged());
  }
  return averaged();
}

Pipeline train_pipeline(
    const std::vector<TrainingDocument>& documents, const TrainingOptions& options, int stages,
    int folds, const std::function<void(const std::string&, int, const Pipeline&)>& report) {
  if (stages < 1 || stages > 2)
    throw Error(ErrorCode::input, "tagger: 1 or 2 stages are supported");
  if (folds < 2) throw Error(ErrorCode::input, "tagger: at least 2 folds are needed");
  TrainingOptions first = options;
  first.features.pooled = false;
  Pipeline pipeline;
  if (options.features.clusters) {
    if (!options.clusters)
      throw Error(ErrorCode::input, "tagger: cluster features need word clusters");
    pipeline.clusters = *options.clusters;
  }
  // Stage 1 must learn how far to trust stage 0 on text stage 0 has not seen: its training
  // tags come from models trained without the document at hand (jackknife).
  std::vector<Model> fold_models;
  if (stages > 1) {
    for (int k = 0; k < folds; ++k) {
      std::vector<TrainingDocument> subset;
      for (std::size_t d = 0; d < documents.size(); ++d)
        if (int(d % std::size_t(folds)) != k) subset.push_back(documents[d]);
      fold_models.push_back(train(subset, first, [&](int epoch, const Model& m) {
        if (report && epoch == first.epochs)
          report("fold " + std::to_string(k + 1), epoch, Pipeline{{m}, pipeline.clusters, {}});
      }));
    }
  }
  pipeline.stages.push_back(train(documents, first, [&](int epoch, const Model& m) {
    if (report) report("stage 0", epoch, Pipeline{{m}, pipeline.clusters, {}});
  }));
  if (stages == 1) return pipeline;
  TrainingOptions second = options;
  second.features.pooled = true;
  second.seed = options.seed + 1;
  const auto previous = [&](std::size_t d, const std::vector<std::vector<std::string>>&,
                            PreparedDocument& prepared) {
    const Model& m = fold_models[d % std::size_t(folds)];
    const auto tags = tag_with(m, prepared, nullptr, nullptr);
    add_previous_stage(prepared, tags, m.tag_names());
  };
  Model last = train(
      documents, second,
      [&](int epoch, const Model& m) {
        if (report)
          report("stage 1", epoch, Pipeline{{pipeline.stages[0], m}, pipeline.clusters, {}});
      },
      previous);
  pipeline.stages.push_back(std::move(last));
  return pipeline;
}

}  // namespace newsdex::entities::tagger_detail
