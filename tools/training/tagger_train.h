// Training the entity tagger (averaged structured perceptron), for newsdex-train-tagger and the
// tests. Part of the newsdex_training library (tools/CMakeLists.txt), not of libnewsdex: the
// runtime only loads and applies models (common/src/entities/tagger_model.h).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "entities/tagger_model.h"

namespace newsdex::entities::tagger_detail {

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
  /// Gazetteer the features look up, when features.gazetteer is on (not owned; the model
  /// goes with that data directory's tables, as Tagger::model_data_dir() finds them).
  const Gazetteer* gazetteer = nullptr;
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

/// Trains the two-stage pipeline: `folds` jackknifed stage-0 models give stage 1 honest
/// stage-0 tags of the training documents. `report(stage, epoch, pipeline_so_far)` follows
/// each epoch of the final stage-0 and stage-1 training.
/// The pipeline records options.clusters (copied) when features.clusters is on.
Pipeline train_pipeline(
    const std::vector<TrainingDocument>& documents, const TrainingOptions& options, int stages,
    int folds, const std::function<void(const std::string&, int, const Pipeline&)>& report);

}  // namespace newsdex::entities::tagger_detail
