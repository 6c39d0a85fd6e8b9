// Embeds an installed libnewsdex through its umbrella header: indexes an article, searches it,
// fetches and deletes it by id, and recognises entities in a string (which needs the installed
// model and gazetteers, so it proves the data is found wherever the prefix is).
#include <newsdex/newsdex.h>

#include <cstring>
#include <iostream>

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  try {
    newsdex::IndexOptions options;
    options.db_path = argv[1];
    options.recognize_entities = false;
    newsdex::Indexer indexer(options);
    newsdex::Article a{
        .id = "one", .date = "2025-07-13", .title = "Embedded", .body = "Kúrsk is found by kursk."};
    indexer.add(a);
    indexer.commit();
    newsdex::Searcher searcher({argv[1]});
    for (const auto& hit : searcher.search("KURSK").hits)
      std::cout << hit.id << " " << hit.date << "\n";
    const auto stored = searcher.get_article("one");
    std::cout << "stored: " << (stored ? stored->article.body : "none") << "\n";
    indexer.remove("one");
    searcher.reopen();
    std::cout << "after remove: " << searcher.search("kursk").hits.size() << "\n";
    const newsdex::EntityRecognizer recognizer;
    const auto found = recognizer.recognize_text("Sergey Lavrov flew to Beijing on Monday.");
    for (const auto& e : found.actors) std::cout << "actor: " << e.name << "\n";
    for (const auto& e : found.places) std::cout << "place: " << e.name << "\n";
    std::cout << "version: " << newsdex::version() << " "
              << (std::strcmp(newsdex::version(), newsdex::kVersion) == 0) << "\n";
  } catch (const newsdex::Error& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
}
