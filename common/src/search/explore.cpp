// Related entities (JLH against the whole corpus) and co-mention edges between entity sets.
#include "search/explore.h"

#include <algorithm>
#include <map>
#include <unordered_set>
#include <utility>

#include "index/schema.h"

namespace newsdex::search {

double jlh_score(std::size_t fg, std::size_t fg_size, std::size_t bg, std::size_t bg_size) {
  if (fg_size == 0 || bg_size == 0 || bg == 0) return 0.0;
  const double p_fg = static_cast<double>(fg) / static_cast<double>(fg_size);
  const double p_bg = static_cast<double>(bg) / static_cast<double>(bg_size);
  if (p_fg <= p_bg) return 0.0;
  return (p_fg - p_bg) * (p_fg / p_bg);
}

std::vector<RelatedEntity> rank_related(const EntityCounts& fg, std::size_t fg_size,
                                        const EntityCounts& bg, std::size_t bg_size,
                                        std::size_t min_fg, std::size_t min_bg, std::size_t limit) {
  std::vector<RelatedEntity> out;
  for (const auto& [id, n] : fg) {
    if (n < min_fg) continue;
    const auto it = bg.find(id);
    const std::size_t in_all = it == bg.end() ? n : std::max(it->second, n);
    if (in_all < min_bg) continue;
    const double score = jlh_score(n, fg_size, in_all, bg_size);
    if (score <= 0.0) continue;
    RelatedEntity e;
    e.id = id;
    e.fg_count = n;
    e.bg_count = in_all;
    e.score = score;
    out.push_back(std::move(e));
  }
  const auto before = [](const RelatedEntity& a, const RelatedEntity& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.fg_count != b.fg_count) return a.fg_count > b.fg_count;
    return a.id < b.id;
  };
  const std::size_t keep = limit == 0 ? out.size() : std::min(limit, out.size());
  std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(keep), out.end(),
                    before);
  out.resize(keep);
  return out;
}

std::vector<Xapian::docid> matching_docids(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  // ANDed with all documents at weight 0, as Searcher does for boolean matches (a Xapian
  // 1.4.22 bug with terms in every document of a database with deletions).
  enquire.set_query(Xapian::Query(
      Xapian::Query::OP_AND,
      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query::MatchAll, 0), query));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::doccount all = db.get_doccount();
  const Xapian::MSet mset = enquire.get_mset(0, all, all);
  std::vector<Xapian::docid> ids;
  ids.reserve(mset.size());
  for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(*it);
  std::sort(ids.begin(), ids.end());
  return ids;
}

StoryOf stories_of(const Xapian::Database& db, const std::vector<Xapian::docid>& docids) {
  StoryOf out;
  std::unordered_map<std::string, std::uint64_t> numbers;
  Xapian::ValueIterator it = db.valuestream_begin(schema::kDuplicateSlot);
  const Xapian::ValueIterator end = db.valuestream_end(schema::kDuplicateSlot);
  for (Xapian::docid did : docids) {  // in docid order
    if (it != end && it.get_docid() < did) it.skip_to(did);
    if (it == end) break;
    if (it.get_docid() != did) continue;
    const auto [n, added] = numbers.emplace(*it, (std::uint64_t{1} << 32) + numbers.size());
    out.emplace(did, n->second);
  }
  return out;
}

namespace {

std::uint64_t story_number(Xapian::docid did, const StoryOf* story) {
  if (story == nullptr) return did;
  const auto it = story->find(did);
  return it == story->end() ? did : it->second;
}

}  // namespace

std::size_t count_stories(const std::vector<Xapian::docid>& docids, const StoryOf* story) {
  if (story == nullptr) return docids.size();
  std::unordered_set<std::uint64_t> seen;
  for (Xapian::docid d : docids) seen.insert(story_number(d, story));
  return seen.size();
}

std::vector<NetworkEdge> co_mention_edges(const std::vector<std::vector<Xapian::docid>>& sets,
                                          std::size_t min_weight, const StoryOf* story) {
  // The nodes of each document, then every pair of them: the cost is the sum over documents of
  // the square of their node count, not the square of the node count.
  std::map<Xapian::docid, std::vector<std::size_t>> by_doc;
  for (std::size_t i = 0; i < sets.size(); ++i) {
    for (Xapian::docid d : sets[i]) by_doc[d].push_back(i);
  }
  // Per pair, the stories (documents) both name; a story counts once however many of its
  // copies name both.
  std::map<std::pair<std::size_t, std::size_t>, std::vector<std::uint64_t>> shared;
  for (const auto& [doc, nodes] : by_doc) {
    const std::uint64_t s = story_number(doc, story);
    for (std::size_t a = 0; a < nodes.size(); ++a) {
      for (std::size_t b = a + 1; b < nodes.size(); ++b) {
        if (nodes[a] != nodes[b]) {
          shared[{std::min(nodes[a], nodes[b]), std::max(nodes[a], nodes[b])}].push_back(s);
        }
      }
    }
  }
  std::vector<NetworkEdge> edges;
  for (auto& [pair, stories] : shared) {
    std::sort(stories.begin(), stories.end());
    const auto w =
        static_cast<std::size_t>(std::unique(stories.begin(), stories.end()) - stories.begin());
    if (w < std::max<std::size_t>(min_weight, 1)) continue;
    edges.push_back({pair.first, pair.second, w});
  }
  std::stable_sort(edges.begin(), edges.end(),
                   [](const NetworkEdge& a, const NetworkEdge& b) { return a.weight > b.weight; });
  return edges;
}

std::string entity_query(EntityKind kind, const std::string& id) {
  if (id.empty() || id.find('"') != std::string::npos) return {};
  return std::string(kind == EntityKind::actor ? "actor" : "place") + ":\"" + id + "\"";
}

std::string revision_key(const Xapian::Database& db) {
  return std::to_string(db.get_doccount()) + "/" + std::to_string(db.get_lastdocid()) + "/" +
         std::to_string(db.get_total_length());
}

}  // namespace newsdex::search
