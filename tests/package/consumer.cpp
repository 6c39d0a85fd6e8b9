// Embeds libnewsdex through its public headers only: index one article, search it, print hits.
#include <newsdex/error.h>
#include <newsdex/indexer.h>
#include <newsdex/searcher.h>

#include <iostream>

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  try {
    newsdex::IndexOptions options;
    options.db_path = argv[1];
    options.recognize_entities = false;
    {
      newsdex::Indexer indexer(options);
      newsdex::Article a;
      a.id = "one";
      a.date = "2025-07-13";
      a.title = "Embedded";
      a.body = "Kúrsk is found by kursk.";
      indexer.add(a);
      indexer.commit();
    }
    newsdex::Searcher searcher({argv[1]});
    const auto result = searcher.search("KURSK");
    for (const auto& hit : result.hits) std::cout << hit.id << " " << hit.date << "\n";
    return result.hits.size() == 1 ? 0 : 1;
  } catch (const newsdex::Error& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
}
