// Example: a faceted, date-filtered search: who and where, for one actor over two months.
//   faceted_search news.db 'actor:lavrov date:2025-06..2025-07'
#include <newsdex/newsdex.h>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: faceted_search DB QUERY\n";
    return 2;
  }
  try {
    newsdex::Searcher searcher({argv[1]});
    newsdex::SearchOptions options;
    options.limit = 5;
    options.sort = newsdex::SortOrder::date_descending;
    options.facets = {newsdex::FacetField::actor, newsdex::FacetField::place};
    options.facet_limit = 5;
    options.timeline = newsdex::Period::month;
    const newsdex::SearchResult result = searcher.search(argv[2], options);

    std::cout << *result.matches << " matching articles\n";
    for (const newsdex::Hit& hit : result.hits) {
      std::cout << "  " << hit.date << "  " << hit.title << "  [" << hit.id << "]\n";
    }
    for (const newsdex::Facet& facet : result.facets) {
      std::cout << newsdex::to_string(facet.field) << ":\n";
      for (const newsdex::FacetValue& v : facet.values) {
        std::cout << "  " << v.count << "  " << v.name << '\n';
      }
    }
    for (const newsdex::TimelineBucket& b : result.timeline->buckets) {
      std::cout << b.period << "  " << std::string(b.count, '#') << '\n';
    }
    // The whole first hit, by id, as stored.
    if (!result.hits.empty()) {
      const auto stored = searcher.get_article(result.hits.front().id);
      std::cout << "first hit has " << stored->article.body.size() << " bytes of text\n";
    }
    return result.hits.empty() ? 1 : 0;
  } catch (const newsdex::QueryError& e) {
    std::cerr << "bad query at column " << e.column() << ": " << e.what() << '\n';
    return 2;
  } catch (const newsdex::Error& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 2;
  }
}
