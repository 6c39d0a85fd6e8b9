// An ordered set of index terms: each once, in first-added order, none too long for Xapian.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace newsdex::entities {

/// Collects prefixed terms for a document or a query (entities/index_terms.cpp and the
/// query-places table generator share it, so both make the same terms).
class TermSet {
 public:
  /// Xapian refuses terms over 245 bytes; entity names never need that many.
  static constexpr std::size_t kMaxTermBytes = 240;

  /// Adds prefix + value unless the value is empty, the term too long, or already added.
  void add(const char* prefix, const std::string& value) {
    if (value.empty()) return;
    std::string term = std::string(prefix) + value;
    if (term.size() > kMaxTermBytes) return;
    if (seen_.insert(term).second) terms_.push_back(std::move(term));
  }
  /// The terms in the order they were first added; the set is left empty.
  std::vector<std::string> take() {
    seen_.clear();
    return std::move(terms_);
  }

 private:
  std::unordered_set<std::string> seen_;
  std::vector<std::string> terms_;
};

}  // namespace newsdex::entities
