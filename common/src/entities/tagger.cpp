// Tagger: loads a perceptron model and turns its tag indices into valid IOB2 tag strings.
#include "entities/tagger.h"

#include <newsdex/error.h>

#include <filesystem>

#include "entities/data_dir.h"
#include "entities/tagger_model.h"

namespace newsdex::entities {

Tagger::Tagger(std::shared_ptr<const tagger_detail::Pipeline> pipeline,
               std::shared_ptr<const Gazetteer> gazetteer)
    : pipeline_(std::move(pipeline)), gazetteer_(std::move(gazetteer)) {
  if (!pipeline_ || pipeline_->stages.empty()) throw Error(ErrorCode::internal, "tagger: no model");
  if (pipeline_->stages[0].options().gazetteer && !gazetteer_)
    throw Error(ErrorCode::internal, "tagger: a model with gazetteer features needs a gazetteer");
}
Tagger::~Tagger() = default;

std::shared_ptr<const tagger_detail::Pipeline> Tagger::load_model(const std::string& model_path) {
  return std::make_shared<const tagger_detail::Pipeline>(tagger_detail::Pipeline::load(model_path));
}

std::shared_ptr<const Tagger> Tagger::load(const std::string& model_path,
                                           std::shared_ptr<const Gazetteer> gazetteer) {
  return std::make_shared<const Tagger>(load_model(model_path), std::move(gazetteer));
}

std::string Tagger::model_data_dir(const std::string& model_path) {
  // A model in <data dir>/models/ goes with the gazetteers of that same data directory, so a
  // custom data dir or an installed share/newsdex stays self-consistent.
  const auto parent = std::filesystem::path(model_path).parent_path();
  if (parent.filename() == "models" && parent.has_parent_path() &&
      std::filesystem::exists(parent.parent_path() / "gazetteer"))
    return parent.parent_path().string();
  return resolve_data_dir();
}

std::vector<std::vector<std::string>> Tagger::tag(
    const std::vector<std::vector<std::string>>& document) const {
  const auto indices = tagger_detail::tag_document(*pipeline_, gazetteer_.get(), document);
  const auto& names = pipeline_->stages.back().tag_names();
  std::vector<std::vector<std::string>> out(indices.size());
  for (std::size_t s = 0; s < indices.size(); ++s) {
    auto& tags = out[s];
    tags.reserve(indices[s].size());
    for (std::size_t i = 0; i < indices[s].size(); ++i) {
      std::string tag = names[indices[s][i]];
      // BILOU models: L- ends and U- is a whole entity; IOB2 says I- and B-.
      if (tag[0] == 'L') tag[0] = 'I';
      if (tag[0] == 'U') tag[0] = 'B';
      // Viterbi may still produce I-X after O or after another type: that starts an entity.
      if (tag.size() > 2 && tag[0] == 'I') {
        const std::string& prev = i ? tags[i - 1] : std::string();
        if (prev.size() <= 2 || prev.compare(2, std::string::npos, tag, 2, std::string::npos) != 0)
          tag[0] = 'B';
      }
      tags.push_back(std::move(tag));
    }
  }
  return out;
}

}  // namespace newsdex::entities
