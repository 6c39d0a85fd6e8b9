// Tagger: the committed model finds people and places, survives ALL-CAPS titles, and bad model
// files throw.
#include "entities/tagger.h"

#include <newsdex/error.h>
#include <zlib.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "entities/gazetteer.h"
#include "training/conll.h"
#include "training/word_clusters.h"

namespace {

using newsdex::entities::Gazetteer;
using newsdex::entities::Tagger;
namespace conll = newsdex::entities::conll;

const std::string kModel = NEWSDEX_SOURCE_DIR "/corpus/models/tagger.bin";

std::vector<std::string> split(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

// Entity spans of a one-sentence document as "TYPE:word word".
std::vector<std::string> entities(const Tagger& tagger, const std::string& sentence) {
  const auto words = split(sentence);
  const auto tags = tagger.tag({words}).at(0);
  REQUIRE(tags.size() == words.size());
  std::vector<std::string> out;
  for (const auto& span : conll::spans(tags)) {
    std::string text = span.type + ":";
    for (std::size_t i = span.begin; i < span.end; ++i)
      text += (i > span.begin ? " " : "") + words[i];
    out.push_back(text);
  }
  return out;
}

std::shared_ptr<const Gazetteer> gazetteer() {
  return Gazetteer::shared(Tagger::model_data_dir(kModel));
}

std::shared_ptr<const Tagger> model() {
  static const auto tagger = Tagger::load(kModel, gazetteer());
  return tagger;
}

}  // namespace

TEST_CASE("tagger finds people and places in a plain sentence", "[tagger]") {
  const auto found = entities(*model(), "Sergey Lavrov met Wang Yi in Beijing .");
  CHECK(found == std::vector<std::string>{"PER:Sergey Lavrov", "PER:Wang Yi", "LOC:Beijing"});
}

TEST_CASE("tagger finds organisations and places", "[tagger]") {
  const auto found = entities(*model(), "The European Union and NATO met in Brussels on Monday .");
  CHECK(std::find(found.begin(), found.end(), "ORG:European Union") != found.end());
  CHECK(std::find(found.begin(), found.end(), "LOC:Brussels") != found.end());
}

TEST_CASE("tagger still finds a place in an ALL-CAPS title", "[tagger]") {
  const std::vector<std::vector<std::string>> document = {
      split("RUSSIA SAYS TALKS WITH JAPAN WILL GO ON"),
      split("Russia said on Tuesday that talks with Japan would go on , Interfax reported ."),
  };
  const auto tags = model()->tag(document);
  REQUIRE(tags.size() == 2);
  REQUIRE(tags[0].size() == document[0].size());
  CHECK(tags[0][0] == "B-LOC");  // RUSSIA
  CHECK(tags[0][4] == "B-LOC");  // JAPAN
  // Without the body to help, a lone capitalised title still yields a place.
  const auto alone = entities(*model(), "FLOODS KILL 12 IN NORTHERN CHINA");
  CHECK(std::find(alone.begin(), alone.end(), "LOC:CHINA") != alone.end());
}

TEST_CASE("tagger returns all O for a sentence without entities", "[tagger]") {
  const auto words = split("the price of bread rose by three percent last month .");
  const auto tags = model()->tag({words}).at(0);
  CHECK(tags == std::vector<std::string>(words.size(), "O"));
}

TEST_CASE("tagger output is valid IOB2 and keeps sentence shapes", "[tagger]") {
  const std::vector<std::vector<std::string>> document = {
      {}, split("New York Stock Exchange shares fell ."), split("Bill Clinton"), {"."}};
  const auto tags = model()->tag(document);
  REQUIRE(tags.size() == document.size());
  for (std::size_t s = 0; s < document.size(); ++s) {
    REQUIRE(tags[s].size() == document[s].size());
    for (std::size_t i = 0; i < tags[s].size(); ++i) {
      const auto& t = tags[s][i];
      if (t[0] == 'I') {
        REQUIRE(i > 0);
        CHECK(tags[s][i - 1].substr(2) == t.substr(2));
      }
    }
  }
  CHECK(model()->tag({}).empty());
}

TEST_CASE("tagger gives the same tags from many threads at once", "[tagger][threads]") {
  const std::vector<std::vector<std::string>> document = {
      split("GERMAN CHANCELLOR VISITS MOSCOW"),
      split("German Chancellor Helmut Kohl arrived in Moscow on Monday for talks with Boris "
            "Yeltsin ."),
      split("Kohl and Yeltsin will discuss NATO expansion , a Kremlin spokesman said ."),
  };
  const auto expected = model()->tag(document);
  std::vector<std::vector<std::vector<std::string>>> results(4);
  std::vector<std::thread> threads;
  for (auto& result : results)
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) result = model()->tag(document);
    });
  for (auto& t : threads) t.join();
  for (const auto& result : results) CHECK(result == expected);
  CHECK(expected[1][2] == "B-PER");  // Helmut
  CHECK(expected[1][6] == "B-LOC");  // Moscow
}

TEST_CASE("loading a missing or garbage model throws newsdex::Error", "[tagger]") {
  using newsdex::ErrorCode;
  try {
    Tagger::load("/nonexistent/tagger.bin", gazetteer());
    FAIL("no exception for a missing model");
  } catch (const newsdex::Error& e) {
    CHECK(e.code() == ErrorCode::io);
  }
  const auto dir = std::filesystem::temp_directory_path();
  const auto garbage = (dir / "newsdex-tagger-garbage.bin").string();
  { std::ofstream(garbage) << "this is not a model\n"; }
  try {
    Tagger::load(garbage, gazetteer());
    FAIL("no exception for a garbage model");
  } catch (const newsdex::Error& e) {
    CHECK(e.code() == ErrorCode::input);
  }
  // A real model cut short must be refused too, not half-loaded.
  std::ifstream in(kModel, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(bytes.size() > 1000);
  const auto truncated = (dir / "newsdex-tagger-truncated.bin").string();
  std::ofstream(truncated, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  CHECK_THROWS_AS(Tagger::load(truncated, gazetteer()), newsdex::Error);
  std::remove(garbage.c_str());
  std::remove(truncated.c_str());
}

TEST_CASE("a model with gazetteer features needs the gazetteer passed to it", "[tagger]") {
  const auto pipeline = Tagger::load_model(kModel);
  CHECK_THROWS_AS(Tagger(pipeline, nullptr), newsdex::Error);
  CHECK_THROWS_AS(Tagger::load(kModel, nullptr), newsdex::Error);
  const Tagger tagger(pipeline, gazetteer());
  CHECK(tagger.gazetteer() == gazetteer().get());
  CHECK(entities(tagger, "Sergey Lavrov met Wang Yi in Beijing .") ==
        entities(*model(), "Sergey Lavrov met Wang Yi in Beijing ."));
}

TEST_CASE("a model trained with another feature set is refused, not silently misread", "[tagger]") {
  // Same container as a real model, but the payload names a feature-set version this build
  // does not extract: loading must say so instead of scoring the wrong features.
  std::ifstream in(kModel, std::ios::binary);
  std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string magic = "NEWSDEX-TAGGER\n";
  REQUIRE(file.compare(0, magic.size(), magic) == 0);
  std::uint64_t raw_size = 0;
  std::memcpy(&raw_size, file.data() + magic.size(), sizeof raw_size);
  std::string raw(raw_size, '\0');
  uLongf out_size = raw_size;
  const std::size_t header = magic.size() + sizeof raw_size;
  REQUIRE(uncompress(reinterpret_cast<Bytef*>(raw.data()), &out_size,
                     reinterpret_cast<const Bytef*>(file.data() + header),
                     file.size() - header) == Z_OK);
  // The payload starts with the version string (u32 length, bytes): change its last character.
  std::uint32_t length = 0;
  std::memcpy(&length, raw.data(), sizeof length);
  REQUIRE(length > 0);
  raw[sizeof length + length - 1] = raw[sizeof length + length - 1] == 'x' ? 'y' : 'x';
  uLongf packed_size = compressBound(raw.size());
  std::string packed(packed_size, '\0');
  REQUIRE(compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size,
                    reinterpret_cast<const Bytef*>(raw.data()), raw.size(), 1) == Z_OK);
  packed.resize(packed_size);
  const auto path =
      (std::filesystem::temp_directory_path() / "newsdex-tagger-other-version.bin").string();
  {
    std::ofstream out(path, std::ios::binary);
    out << file.substr(0, header) << packed;
  }
  try {
    Tagger::load(path, gazetteer());
    FAIL("a model of another feature-set version was accepted");
  } catch (const newsdex::Error& e) {
    CHECK(e.code() == newsdex::ErrorCode::input);
    CHECK(std::string(e.what()).find("feature set") != std::string::npos);
  }
  std::remove(path.c_str());
}

TEST_CASE("conll scoring follows conlleval's exact-span rules", "[tagger]") {
  conll::Score score;
  // IOB1 gold against IOB2 prediction: same spans; a boundary error counts as miss and false alarm.
  score.add({"I-PER", "I-PER", "O", "I-LOC", "B-LOC"}, {"B-PER", "I-PER", "O", "B-LOC", "I-LOC"});
  CHECK(score.micro.gold == 3);
  CHECK(score.micro.predicted == 2);
  CHECK(score.micro.correct == 1);
  CHECK(score.by_type[0].f1() == Approx(1.0));
}

TEST_CASE("tagger reaches its F1 on CoNLL-2003 eng.testa", "[tagger][shared]") {
  const std::string path = NEWSDEX_SHARED_DIR "/corpora/conll2003/eng.testa";
  if (!std::filesystem::exists(path)) {
    WARN("SKIPPED: " << path << " not found");
    return;
  }
  conll::Score score;
  for (const auto& doc : conll::read_file(path)) {
    const auto gold = conll::tags(doc, 3);
    const auto predicted = model()->tag(conll::words(doc));
    for (std::size_t s = 0; s < gold.size(); ++s) score.add(gold[s], predicted[s]);
  }
  INFO(score.table());
  CHECK(score.micro.f1() >= 0.88);
}

TEST_CASE("word clusters group words used in the same contexts", "[tagger]") {
  namespace td = newsdex::entities::tagger_detail;
  std::vector<std::vector<std::string>> sentences;
  std::vector<std::string> tokens;
  // Ministries and cities never share a context here; clustering must keep them apart.
  for (int i = 0; i < 20; ++i) {
    for (const char* body : {"ministry", "agency", "commission"}) {
      tokens.clear();
      td::tokenize_for_clusters(std::string("The ") + body + " said on Monday it would act.",
                                tokens);
      sentences.push_back(tokens);
    }
    for (const char* city : {"Paris", "London", "Tokyo"}) {
      tokens.clear();
      td::tokenize_for_clusters(
          std::string("Prices fell in ") + city + ", traders in " + city + " said.", tokens);
      sentences.push_back(tokens);
    }
  }
  CHECK(sentences[0] == std::vector<std::string>{"the", "ministry", "said", "on", "monday", "it",
                                                 "would", "act", "."});
  td::ClusterOptions options;
  options.coarse = 3;
  options.fine = 6;
  options.min_count = 5;
  options.context_words = 20;
  const auto clusters = td::make_clusters(sentences, options);
  REQUIRE(clusters.count("ministry"));
  REQUIRE(clusters.count("paris"));
  CHECK(clusters.at("ministry")[1] == clusters.at("agency")[1]);
  CHECK(clusters.at("ministry")[1] == clusters.at("commission")[1]);
  CHECK(clusters.at("paris")[1] == clusters.at("tokyo")[1]);
  CHECK(clusters.at("paris")[1] != clusters.at("ministry")[1]);
}
