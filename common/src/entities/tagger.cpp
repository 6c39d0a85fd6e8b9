// Tagger: loads a perceptron model and turns its tag indices into valid IOB2 tag strings.
#include "entities/tagger.h"

#include <filesystem>

#include "entities/tagger_model.h"

namespace newsdex::entities {

Tagger::Tagger(std::shared_ptr<const tagger_detail::Pipeline> pipeline)
    : pipeline_(std::move(pipeline)) {}
Tagger::~Tagger() = default;

std::shared_ptr<const Tagger> Tagger::load(const std::string& model_path) {
  auto pipeline =
      std::make_shared<tagger_detail::Pipeline>(tagger_detail::Pipeline::load(model_path));
  // A model in <data dir>/models/ uses the gazetteers of that same data directory, so a custom
  // RecognizerOptions::data_dir or an installed share/newsdex stays self-consistent.
  const auto parent = std::filesystem::path(model_path).parent_path();
  if (parent.filename() == "models" && parent.has_parent_path() &&
      std::filesystem::exists(parent.parent_path() / "gazetteer"))
    pipeline->gazetteer_dir = parent.parent_path().string();
  return std::make_shared<const Tagger>(std::move(pipeline));
}

std::vector<std::vector<std::string>> Tagger::tag(
    const std::vector<std::vector<std::string>>& document) const {
  const auto indices = tagger_detail::tag_document(*pipeline_, document);
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
