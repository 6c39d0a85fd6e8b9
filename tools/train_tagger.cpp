// newsdex-train-tagger: trains the entity tagger on CoNLL-2003 eng.train, or tags a CoNLL file with
// a model.
#include <newsdex/error.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "entities/data_dir.h"
#include "entities/gazetteer.h"
#include "entities/tagger.h"
#include "entities/tagger_model.h"
#include "training/conll.h"
#include "training/tagger_train.h"
#include "training/word_clusters.h"

namespace {

using namespace newsdex::entities;
namespace td = newsdex::entities::tagger_detail;

constexpr const char* kUsage = R"(usage:
  newsdex-train-tagger --train FILE --model OUT [--dev FILE] [options]
  newsdex-train-tagger --tag-conll FILE --model MODEL [--speed]
  newsdex-train-tagger --make-clusters OUT --reuters DIR [--train FILE]

Trains the named-entity tagger (averaged structured perceptron, Viterbi decoding) on a
CoNLL-2003 file (word in column 1, NER tag IOB1/IOB2 in the last column; POS and chunk
columns are ignored), or tags a CoNLL file, printing it with the predicted tag appended.

The committed word clusters and model were made, from the repository root, with:
  newsdex-train-tagger --make-clusters corpus/models/word-clusters.tsv \
      --reuters ../shared/corpora/reuters21578 --train ../shared/corpora/conll2003/eng.train
  newsdex-train-tagger --train ../shared/corpora/conll2003/eng.train \
      --dev ../shared/corpora/conll2003/eng.testa --clusters corpus/models/word-clusters.tsv \
      --model corpus/models/tagger.bin

options:
  --clusters FILE     add word-cluster features from FILE (made with --make-clusters); the
                      clusters are stored inside the model
  --reuters DIR       with --make-clusters: cluster the words of the TITLE and BODY text of
                      DIR/*.sgm (Reuters-21578), plus the words of --train if given
  --dev FILE          score this file after each epoch (reporting only; never trained on)
  --epochs N          training epochs (default 10)
  --upper-share X     share of sentences upper-cased in each epoch (default 0.25)
  --seed N            random seed (default 20250713)
  --stages N          1 (default): one tagger; 2: a second tagger that also sees the first
                      one's tags pooled over the whole document
  --folds N           jackknife folds giving stage 2 honest stage-1 tags (default 4)
  --scheme S          tag scheme learned: bio (default) or bilou; output is IOB2 either way
  --no-gazetteer      leave out the gazetteer features
  --no-document       leave out the document-level features
  --speed             with --tag-conll: report tokens per second on stderr
  -h, --help          this help
)";

[[noreturn]] void usage_error(const std::string& message) {
  std::cerr << "newsdex-train-tagger: error: " << message
            << "\nhint: see newsdex-train-tagger --help\n";
  std::exit(2);
}

// Scores `model` (its features looking up `gazetteer`) on `documents`; with `upper`, every
// sentence is upper-cased first (the all-caps robustness figure: Reuters titles are set in
// capitals).
conll::Score score_documents(const td::Pipeline& model,
                             const std::shared_ptr<const Gazetteer>& gazetteer,
                             const std::vector<conll::Document>& documents, bool upper = false) {
  const Tagger tagger(std::shared_ptr<const td::Pipeline>(&model, [](const td::Pipeline*) {}),
                      gazetteer);
  conll::Score score;
  for (const auto& doc : documents) {
    const auto gold = conll::tags(doc, -1);
    auto words = conll::words(doc);
    if (upper)
      for (auto& sentence : words)
        for (auto& w : sentence)
          for (char& c : w)
            if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
    const auto predicted = tagger.tag(words);
    for (std::size_t s = 0; s < gold.size(); ++s) score.add(gold[s], predicted[s]);
  }
  return score;
}

// Unlabelled text for word clusters: Reuters-21578 titles and bodies, and eng.train's words.
int make_clusters(const std::string& out, const std::string& reuters_dir,
                  const std::string& train_path) {
  std::vector<std::vector<std::string>> sentences;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(reuters_dir))
    if (entry.path().extension() == ".sgm") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  if (files.empty())
    throw newsdex::Error(newsdex::ErrorCode::input, reuters_dir + ": no .sgm files");
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    for (const char* tag : {"TITLE", "BODY"}) {
      const std::string open = std::string("<") + tag + ">", close = std::string("</") + tag + ">";
      for (std::size_t pos = text.find(open); pos != std::string::npos;
           pos = text.find(open, pos)) {
        pos += open.size();
        const std::size_t end = text.find(close, pos);
        if (end == std::string::npos) break;
        std::string body = text.substr(pos, end - pos);
        for (const auto& [entity, plain] : {std::pair<std::string, std::string>{"&lt;", "<"},
                                            {"&gt;", ">"},
                                            {"&amp;", "&"},
                                            {"&#3;", " "},
                                            {"&#22;", " "},
                                            {"&#127;", " "}}) {
          for (std::size_t at = body.find(entity); at != std::string::npos;
               at = body.find(entity, at))
            body.replace(at, entity.size(), plain);
        }
        sentences.emplace_back();
        td::tokenize_for_clusters(body, sentences.back());
        pos = end;
      }
    }
  }
  if (!train_path.empty())
    for (const auto& doc : conll::read_file(train_path))
      for (const auto& sentence : conll::words(doc)) {
        auto& s = sentences.emplace_back();
        for (const auto& w : sentence) s.push_back(td::fold_token(w));
      }
  std::size_t tokens = 0;
  for (const auto& s : sentences) tokens += s.size();
  const auto start = std::chrono::steady_clock::now();
  const auto clusters = td::make_clusters(sentences, {});
  td::write_clusters(clusters, out);
  std::fprintf(
      stderr, "clustered %zu words from %zu tokens in %.1f s into %s\n", clusters.size(), tokens,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), out.c_str());
  return 0;
}

int tag_conll(const std::string& path, const std::string& model_path, bool speed) {
  const auto load_start = std::chrono::steady_clock::now();
  const auto model = Tagger::load_model(model_path);
  const double load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();
  // The gazetteers of the model's data directory (and, on the first tag(), the cities), kept
  // out of the tagging speed.
  const auto warm_start = std::chrono::steady_clock::now();
  std::shared_ptr<const Gazetteer> gazetteer;
  if (model->stages.at(0).options().gazetteer)
    gazetteer = std::make_shared<const Gazetteer>(Tagger::model_data_dir(model_path));
  const auto tagger = std::make_shared<const Tagger>(model, gazetteer);
  tagger->tag({{"Warm", "up", "in", "Paris", "."}});
  const double warm_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - warm_start).count();
  const auto documents = conll::read_file(path);
  std::string out;
  std::size_t tokens = 0;
  double seconds = 0;
  out += "-DOCSTART- -X- O O\n\n";
  bool first = true;
  for (const auto& doc : documents) {
    if (!first) out += "-DOCSTART- -X- O O\n\n";
    first = false;
    const auto words = conll::words(doc);
    const auto start = std::chrono::steady_clock::now();
    const auto tags = tagger->tag(words);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (std::size_t s = 0; s < doc.sentences.size(); ++s) {
      for (std::size_t i = 0; i < doc.sentences[s].size(); ++i) {
        for (const auto& column : doc.sentences[s][i].columns) out += column + ' ';
        out += tags[s][i];
        out += '\n';
        ++tokens;
      }
      out += '\n';
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (speed)
    std::fprintf(stderr, "model loaded in %.3f s; gazetteers loaded in %.3f s\n", load_seconds,
                 warm_seconds);
  if (speed)
    std::fprintf(stderr, "tagged %zu tokens in %.3f s: %.0f tokens/s\n", tokens, seconds,
                 seconds > 0 ? double(tokens) / seconds : 0.0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string train_path, dev_path, model_path, tag_path;
  td::TrainingOptions options;
  bool speed = false;
  std::string clusters_path, make_clusters_path, reuters_dir;
  int stages = 1;
  int folds = 4;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage_error(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (arg == "--train")
      train_path = value();
    else if (arg == "--dev")
      dev_path = value();
    else if (arg == "--model")
      model_path = value();
    else if (arg == "--tag-conll")
      tag_path = value();
    else if (arg == "--epochs")
      options.epochs = std::atoi(value().c_str());
    else if (arg == "--upper-share")
      options.upper_share = std::atof(value().c_str());
    else if (arg == "--seed")
      options.seed = std::uint32_t(std::strtoul(value().c_str(), nullptr, 10));
    else if (arg == "--scheme")
      options.scheme = value();
    else if (arg == "--stages")
      stages = std::atoi(value().c_str());
    else if (arg == "--folds")
      folds = std::atoi(value().c_str());
    else if (arg == "--clusters")
      clusters_path = value();
    else if (arg == "--make-clusters")
      make_clusters_path = value();
    else if (arg == "--reuters")
      reuters_dir = value();
    else if (arg == "--no-gazetteer")
      options.features.gazetteer = false;
    else if (arg == "--no-document")
      options.features.document = false;
    else if (arg == "--speed")
      speed = true;
    else
      usage_error("unknown option " + arg);
  }
  try {
    if (!make_clusters_path.empty()) {
      if (reuters_dir.empty()) usage_error("--make-clusters needs --reuters");
      return make_clusters(make_clusters_path, reuters_dir, train_path);
    }
    td::Clusters clusters;
    if (!clusters_path.empty()) {
      clusters = td::read_clusters(clusters_path);
      options.features.clusters = true;
      options.clusters = &clusters;
    }
    if (!tag_path.empty()) {
      if (model_path.empty()) usage_error("--tag-conll needs --model");
      return tag_conll(tag_path, model_path, speed);
    }
    if (train_path.empty() || model_path.empty()) usage_error("--train and --model are required");
    if (options.epochs < 1) usage_error("--epochs must be at least 1");
    // The gazetteer features look up the default data directory's tables (data_dir.h).
    std::shared_ptr<const Gazetteer> gazetteer;
    if (options.features.gazetteer) {
      gazetteer = std::make_shared<const Gazetteer>(resolve_data_dir());
      options.gazetteer = gazetteer.get();
    }
    const auto start = std::chrono::steady_clock::now();
    const auto train_docs = conll::read_file(train_path);
    std::vector<td::TrainingDocument> documents;
    std::size_t tokens = 0;
    for (const auto& doc : train_docs) {
      documents.push_back({conll::words(doc), conll::tags(doc, -1)});
      for (const auto& s : doc.sentences) tokens += s.size();
    }
    std::vector<conll::Document> dev_docs;
    if (!dev_path.empty()) dev_docs = conll::read_file(dev_path);
    std::fprintf(stderr, "training on %zu documents, %zu tokens (gazetteer %s, document %s)\n",
                 documents.size(), tokens, options.features.gazetteer ? "on" : "off",
                 options.features.document ? "on" : "off");
    auto elapsed = [&] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    auto features = [](const td::Pipeline& p) {
      std::size_t n = 0;
      for (const auto& stage : p.stages) n += stage.feature_count();
      return n;
    };
    const auto model = td::train_pipeline(
        documents, options, stages, folds,
        [&](const std::string& what, int epoch, const td::Pipeline& averaged) {
          std::fprintf(stderr, "%s epoch %d: %zu features, %.1f s", what.c_str(), epoch,
                       features(averaged), elapsed());
          if (!dev_docs.empty() && what.rfind("fold", 0) != 0 &&
              (epoch == options.epochs || epoch % 3 == 0)) {
            const auto score = score_documents(averaged, gazetteer, dev_docs);
            std::fprintf(stderr,
                         ", dev micro F1 (PER/LOC/ORG) %.4f [PER %.4f LOC %.4f ORG %.4f MISC %.4f]",
                         score.micro.f1(), score.by_type[0].f1(), score.by_type[1].f1(),
                         score.by_type[2].f1(), score.by_type[3].f1());
          }
          std::fputc('\n', stderr);
        });
    model.save(model_path);
    std::fprintf(stderr, "wrote %s (%zu features) in %.1f s\n", model_path.c_str(), features(model),
                 elapsed());
    if (!dev_docs.empty()) {
      std::fputs(score_documents(model, gazetteer, dev_docs).table().c_str(), stderr);
      std::fprintf(stderr, "dev with every sentence upper-cased:\n%s",
                   score_documents(model, gazetteer, dev_docs, true).table().c_str());
    }
    return 0;
  } catch (const newsdex::Error& e) {
    std::cerr << "newsdex-train-tagger: error: " << e.what() << '\n';
    if (!e.hint().empty()) std::cerr << "hint: " << e.hint() << '\n';
    return 2;
  }
}
