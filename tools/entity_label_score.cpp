// Scores recognised entities against Reuters-21578 editor labels (PLACES, PEOPLE) from the
// JSON lines `newsdex-index --entities` prints. Used by bench/reuters-entities.
#include <newsdex/error.h>

#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "entities/data_dir.h"
#include "text/tokenizer.h"

namespace {

constexpr const char* kUsage =
    "usage: newsdex-entity-label-score [--split TRAIN|TEST|all] [--places-table FILE]\n"
    "                                  [--show-misses N] < entities.jsonl\n"
    "Reads the JSON lines of `newsdex-index --entities` on stdin. Prints the share of articles\n"
    "with PLACES labels whose every labelled country is among the recognised places' countries,\n"
    "and the share with PEOPLE labels whose every labelled person is among the actors (matched\n"
    "by surname: the label's last word is a word of the actor's name or an alias).\n";

struct Share {
  std::size_t articles = 0;  // with at least one label of the kind
  std::size_t all_found = 0;
  std::size_t labels = 0;
  std::size_t labels_found = 0;

  void print(const char* what) const {
    std::cout << what << ": " << std::fixed << std::setprecision(3)
              << (articles ? double(all_found) / double(articles) : 0.0) << " (" << all_found
              << " of " << articles << " articles; labels found " << labels_found << " of "
              << labels << ")\n";
  }
};

std::map<std::string, std::string> read_places_table(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw newsdex::Error(newsdex::ErrorCode::io, "cannot read " + path);
  std::map<std::string, std::string> table;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    table[line.substr(0, tab)] = line.substr(tab + 1);
  }
  return table;
}

std::vector<std::string> strings(const nlohmann::json& j) {
  std::vector<std::string> out;
  if (j.is_string()) out.push_back(j.get<std::string>());
  if (j.is_array()) {
    for (const auto& x : j) {
      if (x.is_string()) out.push_back(x.get<std::string>());
    }
  }
  return out;
}

std::vector<std::string> words(const std::string& folded) {
  std::vector<std::string> out;
  std::istringstream in(folded);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string split = "TRAIN";
  std::string table_path;
  std::size_t show_misses = 0;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "newsdex-entity-label-score: error: " << arg << " needs a value\n" << kUsage;
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--split") {
      split = value();
    } else if (arg == "--places-table") {
      table_path = value();
    } else if (arg == "--show-misses") {
      show_misses = std::stoul(value());
    } else if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      return 0;
    } else {
      std::cerr << "newsdex-entity-label-score: error: unknown option " << arg << "\n" << kUsage;
      return 2;
    }
  }
  try {
    if (table_path.empty()) {
      table_path = newsdex::entities::data_path("gazetteer/reuters-places.tsv");
    }
    const auto table = read_places_table(table_path);
    Share places, people;
    std::size_t lines = 0, bad = 0, in_split = 0, misses_shown = 0;
    std::set<std::string> unmapped;
    std::string line;
    while (std::getline(std::cin, line)) {
      if (line.empty()) continue;
      ++lines;
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object()) {
        ++bad;
        continue;
      }
      const nlohmann::json labels = j.value("labels", nlohmann::json::object());
      std::string article_split;
      for (const auto& s : strings(labels.value("lewissplit", nlohmann::json()))) article_split = s;
      if (split != "all" && article_split != split) continue;
      ++in_split;

      std::set<std::string> countries;
      for (const auto& p : j.value("places", nlohmann::json::array())) {
        std::string c = p.value("country", "");
        if (!c.empty()) countries.insert(c);
      }
      std::vector<std::string> place_labels = strings(labels.value("places", nlohmann::json()));
      if (!place_labels.empty()) {
        ++places.articles;
        bool all = true;
        std::vector<std::string> missing;
        for (const auto& label : place_labels) {
          ++places.labels;
          auto it = table.find(label);
          if (it == table.end()) unmapped.insert(label);
          if (it != table.end() && countries.count(it->second)) {
            ++places.labels_found;
          } else {
            all = false;
            missing.push_back(label);
          }
        }
        if (all) {
          ++places.all_found;
        } else if (misses_shown < show_misses) {
          ++misses_shown;
          std::cerr << "miss " << j.value("id", "") << ": places labels missing";
          for (const auto& m : missing) std::cerr << " " << m;
          std::cerr << "; recognised";
          for (const auto& c : countries) std::cerr << " " << c;
          std::cerr << "; title: " << j.value("title", "") << "\n";
        }
      }

      std::vector<std::string> people_labels = strings(labels.value("people", nlohmann::json()));
      if (!people_labels.empty()) {
        std::set<std::string> actor_words;
        for (const auto& a : j.value("actors", nlohmann::json::array())) {
          for (const auto& w : words(newsdex::text::fold_phrase(a.value("name", "")))) {
            actor_words.insert(w);
          }
          for (const auto& alias : strings(a.value("aliases", nlohmann::json()))) {
            for (const auto& w : words(newsdex::text::fold_phrase(alias))) actor_words.insert(w);
          }
        }
        ++people.articles;
        bool all = true;
        for (const auto& label : people_labels) {
          ++people.labels;
          auto lw = words(newsdex::text::fold_phrase(label));  // "james-baker" -> james baker
          if (!lw.empty() && actor_words.count(lw.back())) {
            ++people.labels_found;
          } else {
            all = false;
          }
        }
        if (all) ++people.all_found;
      }
    }
    std::cout << "articles: " << lines << " read, " << in_split << " in split " << split;
    if (bad) std::cout << ", " << bad << " unparsable lines skipped";
    std::cout << "\n";
    places.print("places");
    people.print("people");
    if (!unmapped.empty()) {
      std::cout << "unmapped place labels:";
      for (const auto& u : unmapped) std::cout << " " << u;
      std::cout << "\n";
    }
    return 0;
  } catch (const newsdex::Error& e) {
    std::cerr << "newsdex-entity-label-score: error: " << e.what() << "\n";
    return 2;
  }
}
