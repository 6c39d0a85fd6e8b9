// Exploring a story: scoring related entities against the corpus and counting co-mentions.
#pragma once

#include <newsdex/searcher.h>
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace newsdex::search {

/// Elasticsearch's JLH score of an entity in `fg` of `fg_size` matching articles and `bg` of
/// `bg_size` articles in all: (p_fg - p_bg) * (p_fg / p_bg). 0 when it is no more common among
/// the matches (or either size or bg is 0).
double jlh_score(std::size_t fg, std::size_t fg_size, std::size_t bg, std::size_t bg_size);

/// Entity counts by canonical id.
using EntityCounts = std::unordered_map<std::string, std::size_t>;

/// The entities of `fg` that score above 0 (jlh_score) with at least `min_fg` matching and
/// `min_bg` articles in all, highest score first (ties: larger fg count, then id), at most
/// `limit` (0: all). Fills id, fg_count, bg_count and score (an id missing from `bg` has
/// bg_count fg_count: the background holds the foreground).
std::vector<RelatedEntity> rank_related(const EntityCounts& fg, std::size_t fg_size,
                                        const EntityCounts& bg, std::size_t bg_size,
                                        std::size_t min_fg, std::size_t min_bg, std::size_t limit);

/// Every document `query` matches in `db`, in docid order (a boolean match: no weights).
std::vector<Xapian::docid> matching_docids(const Xapian::Database& db, const Xapian::Query& query);

/// Which story each document belongs to: documents with the same number are copies of one
/// story; a document missing from the map is a story of its own.
using StoryOf = std::unordered_map<Xapian::docid, std::uint64_t>;

/// The stories of `docids` of `db` (their group keys, schema::kDuplicateSlot), numbered from
/// 2^32 up so that the numbers never equal a docid.
StoryOf stories_of(const Xapian::Database& db, const std::vector<Xapian::docid>& docids);

/// Number of distinct stories among `docids` (each document its own story when `story` is
/// null).
std::size_t count_stories(const std::vector<Xapian::docid>& docids, const StoryOf* story);

/// Edges between sets of documents (one sorted docid list per node): for each pair of nodes
/// with at least `min_weight` documents in common (and at least one), an edge weighted by that
/// number, heaviest first, then by source and target. With `story`, the documents in common
/// are counted as stories (copies of one story count once).
std::vector<NetworkEdge> co_mention_edges(const std::vector<std::vector<Xapian::docid>>& sets,
                                          std::size_t min_weight, const StoryOf* story = nullptr);

/// The query that finds an entity's articles, as a user would type it: actor:"ID" or
/// place:"ID". Empty if the id cannot be quoted (it holds a double quote).
std::string entity_query(EntityKind kind, const std::string& id);

/// Entity counts over all the articles of a database, kept while the database has not changed
/// (same document count, last docid and total length): the background of related().
struct BackgroundCounts {
  /// By EntityKind * 2 + CountUnit: actors or places, counted as stories or articles.
  bool valid[4] = {false, false, false, false};
  std::string key[4];
  EntityCounts counts[4];
  std::size_t size[4] = {0, 0, 0, 0};  ///< the stories or articles counted
};

/// The key BackgroundCounts compares: what changes when documents are added, replaced or
/// deleted.
std::string revision_key(const Xapian::Database& db);

}  // namespace newsdex::search
