// Searcher: opens databases read-only, runs parsed queries, turns matches into Hits.
#include <newsdex/error.h>
#include <newsdex/searcher.h>
#include <xapian.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "entities/entity_json.h"
#include "index/schema.h"
#include "search/query_parser.h"
#include "search/snippet.h"
#include "util/xapian_error.h"

namespace newsdex {
SortOrder parse_sort_order(const std::string& name) {
  if (name == "relevance") return SortOrder::relevance;
  if (name == "date" || name == "+date") return SortOrder::date_ascending;
  if (name == "-date") return SortOrder::date_descending;
  throw Error(ErrorCode::input, "unknown sort order '" + name + "'",
              "use relevance, date (oldest first) or -date (newest first)");
}

struct Searcher::Impl {
  Xapian::Database db;
};

Searcher::Searcher(const std::vector<std::string>& db_paths) : impl_(std::make_unique<Impl>()) {
  if (db_paths.empty()) throw Error(ErrorCode::input, "no database given");
  for (const std::string& path : db_paths) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      throw Error(ErrorCode::database, path + ": no such database",
                  "create it with: newsdex-index --db " + path + " FILES...");
    }
    Xapian::Database shard = xapian_try("opening " + path, [&] { return Xapian::Database(path); });
    xapian_try("opening " + path, [&] {
      schema::check_schema(shard, path);
      if (shard.get_doccount() == 0 && shard.get_metadata(schema::kMetaSchema).empty()) {
        throw Error(ErrorCode::database, path + ": not a newsdex database (empty, no schema)",
                    "create it with: newsdex-index --db " + path + " FILES...");
      }
    });
    impl_->db.add_database(shard);
  }
}

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

std::size_t Searcher::doc_count() const {
  return xapian_try("counting documents", [&] { return impl_->db.get_doccount(); });
}

SearchResult Searcher::search(const std::string& query, const SearchOptions& options) {
  const search::ParsedQuery parsed = search::parse_query(query, impl_->db);
  search::MatchTerms match_terms;
  match_terms.exact.insert(parsed.exact_terms.begin(), parsed.exact_terms.end());
  match_terms.stems.insert(parsed.stem_terms.begin(), parsed.stem_terms.end());

  return xapian_try("searching", [&] {
    Xapian::Enquire enquire(impl_->db);
    enquire.set_query(parsed.query);
    switch (options.sort) {
      case SortOrder::relevance:
        break;
      case SortOrder::date_ascending:
        enquire.set_sort_by_value_then_relevance(schema::kDateSlot, false);
        break;
      case SortOrder::date_descending:
        enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);
        break;
    }
    const Xapian::MSet mset =
        enquire.get_mset(options.offset, options.limit, options.offset + options.limit + 100);
    SearchResult result;
    result.matches_estimated = mset.get_matches_estimated();
    result.matches_lower_bound = mset.get_matches_lower_bound();
    result.matches_upper_bound = mset.get_matches_upper_bound();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const nlohmann::json data = nlohmann::json::parse(it.get_document().get_data(), nullptr,
                                                        /*allow_exceptions=*/false);
      Hit hit;
      hit.rank = it.get_rank() + 1;
      hit.score = it.get_weight();
      hit.percent = it.get_percent();
      if (data.is_object()) {
        hit.id = data.value("id", "");
        hit.date = data.value("date", "");
        hit.title = data.value("title", "");
        hit.source = data.value("source", "");
        hit.url = data.value("url", "");
        hit.path = data.value("path", "");
        hit.lang = data.value("lang", "");
        hit.snippet = search::make_snippet(data.value("body", ""), match_terms, hit.lang,
                                           options.snippet_chars);
        hit.title_highlights = search::highlight_all(hit.title, match_terms, hit.lang);
        if (data.contains("actors")) hit.actors = entities::entities_from_json(data["actors"]);
        if (data.contains("places")) hit.places = entities::entities_from_json(data["places"]);
      }
      result.hits.push_back(std::move(hit));
    }
    return result;
  });
}

}  // namespace newsdex
