// newsdex-conll-score: exact-span (conlleval) precision, recall and F1 of a tagged CoNLL file.
#include <newsdex/error.h>

#include <cstdio>
#include <iostream>
#include <string>

#include "training/conll.h"

int main(int argc, char** argv) {
  using namespace newsdex::entities;
  int gold_column = 4;
  std::string path;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::fputs(
          "usage: newsdex-conll-score [--gold-column N] FILE\n\n"
          "Reads a CoNLL file with the gold tag in column N (1-based, default 4) and the "
          "predicted\n"
          "tag in the last column (IOB1 or IOB2), and prints precision, recall and F1 per type\n"
          "(PER, LOC, ORG, MISC) and the micro average over PER, LOC and ORG. An entity counts as\n"
          "correct only if its type and both boundaries match (conlleval rules).\n",
          stdout);
      return 0;
    }
    if (arg == "--gold-column" && i + 1 < argc) {
      gold_column = std::atoi(argv[++i]);
      continue;
    }
    if (!path.empty() || arg.empty() || arg[0] == '-') {
      std::cerr << "newsdex-conll-score: error: unexpected argument " << arg
                << "\nhint: see newsdex-conll-score --help\n";
      return 2;
    }
    path = arg;
  }
  if (path.empty() || gold_column < 1) {
    std::cerr
        << "newsdex-conll-score: error: no input file\nhint: see newsdex-conll-score --help\n";
    return 2;
  }
  try {
    conll::Score score;
    std::size_t tokens = 0;
    for (const auto& doc : conll::read_file(path)) {
      const auto gold = conll::tags(doc, gold_column - 1);
      const auto predicted = conll::tags(doc, -1);
      for (std::size_t s = 0; s < gold.size(); ++s) {
        score.add(gold[s], predicted[s]);
        tokens += gold[s].size();
      }
    }
    std::printf("%zu tokens\n%s", tokens, score.table().c_str());
    return 0;
  } catch (const newsdex::Error& e) {
    std::cerr << "newsdex-conll-score: error: " << e.what() << '\n';
    return 2;
  }
}
