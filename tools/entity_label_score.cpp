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
    "                                  [--show-misses N] [--unconfirmed FILE]\n"
    "                                  [--judged FILE] < entities.jsonl\n"
    "Reads the JSON lines of `newsdex-index --entities` on stdin. Prints the share of articles\n"
    "with PLACES labels whose every labelled country is among the recognised places' countries\n"
    "(recall), and the share with PEOPLE labels whose every labelled person is among the actors\n"
    "(matched by surname: the label's last word is a word of the actor's name or an alias).\n"
    "For precision it counts the recognised (article, country) pairs of the split and the share\n"
    "the PLACES labels confirm. The labels name only each story's main countries, so a pair\n"
    "they do not confirm may still be right: --unconfirmed FILE writes those pairs as TSV\n"
    "(id, country, places, title) to draw a sample from, and --judged FILE reads a hand-judged\n"
    "sample (TSV: id, country, ok|wrong, note; '#' comments) and estimates true precision as\n"
    "(confirmed + unconfirmed x the judged share ok) / pairs, over the judged pairs that are\n"
    "still unconfirmed pairs of this output.\n";

struct Judgement {
  bool ok = false;
};

// Hand-judged (article id, country) pairs: "id<TAB>country<TAB>ok|wrong<TAB>note".
std::map<std::pair<std::string, std::string>, Judgement> read_judged(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw newsdex::Error(newsdex::ErrorCode::io, "cannot read " + path);
  std::map<std::pair<std::string, std::string>, Judgement> out;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (;;) {
      auto tab = line.find('\t', start);
      fields.push_back(line.substr(start, tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    if (fields.size() < 3 || (fields[2] != "ok" && fields[2] != "wrong")) {
      throw newsdex::Error(newsdex::ErrorCode::input,
                           path + ":" + std::to_string(number) +
                               ": expected id<TAB>country<TAB>ok|wrong[<TAB>note]");
    }
    out[{fields[0], fields[1]}].ok = fields[2] == "ok";
  }
  return out;
}

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
  std::string unconfirmed_path, judged_path;
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
    } else if (arg == "--unconfirmed") {
      unconfirmed_path = value();
    } else if (arg == "--judged") {
      judged_path = value();
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
    std::map<std::pair<std::string, std::string>, Judgement> judged;
    if (!judged_path.empty()) judged = read_judged(judged_path);
    std::ofstream unconfirmed_out;
    if (!unconfirmed_path.empty()) {
      unconfirmed_out.open(unconfirmed_path);
      if (!unconfirmed_out) {
        throw newsdex::Error(newsdex::ErrorCode::io, "cannot write " + unconfirmed_path);
      }
      unconfirmed_out << "# id\tcountry\tplaces\ttitle\n";
    }
    std::size_t pairs = 0, confirmed = 0, judged_seen = 0, judged_ok = 0;
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
      std::map<std::string, std::string> country_places;  // country -> "name (id); ..."
      for (const auto& p : j.value("places", nlohmann::json::array())) {
        std::string c = p.value("country", "");
        if (c.empty()) continue;
        countries.insert(c);
        std::string& list = country_places[c];
        if (!list.empty()) list += "; ";
        list += p.value("name", "") + " (" + p.value("id", "") + ")";
      }
      std::vector<std::string> place_labels = strings(labels.value("places", nlohmann::json()));
      std::set<std::string> label_countries;
      for (const auto& label : place_labels) {
        if (auto it = table.find(label); it != table.end()) label_countries.insert(it->second);
      }
      const std::string id = j.value("id", "");
      for (const auto& c : countries) {
        ++pairs;
        if (label_countries.count(c)) {
          ++confirmed;
          continue;
        }
        if (unconfirmed_out.is_open()) {
          unconfirmed_out << id << '\t' << c << '\t' << country_places[c] << '\t'
                          << j.value("title", "") << '\n';
        }
        if (auto it = judged.find({id, c}); it != judged.end()) {
          ++judged_seen;
          if (it->second.ok) ++judged_ok;
        }
      }
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
    std::cout << "place pairs: " << pairs << " (article, country) pairs recognised, "
              << confirmed << " confirmed by the PLACES labels: " << std::fixed
              << std::setprecision(3) << (pairs ? double(confirmed) / double(pairs) : 0.0)
              << "\n";
    if (!judged_path.empty()) {
      const std::size_t unconfirmed = pairs - confirmed;
      std::cout << "judged sample: " << judged_seen << " of " << judged.size()
                << " judged pairs are unconfirmed pairs of this output, " << judged_ok << " ok";
      if (judged_seen) {
        const double ok_share = double(judged_ok) / double(judged_seen);
        const double estimate =
            (double(confirmed) + double(unconfirmed) * ok_share) / double(pairs);
        std::cout << ": estimated place precision " << std::setprecision(3) << estimate;
      }
      std::cout << "\n";
    }
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
