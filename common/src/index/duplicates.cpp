// Near-duplicate detection: SimHash fingerprints and the grouping pass over a database.
#include "index/duplicates.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdlib>
#include <numeric>
#include <tuple>
#include <unordered_map>

#include "index/schema.h"
#include "util/calendar.h"
#include "util/hash.h"

namespace newsdex::index {
namespace {

// Title words that mark a copy as a repeat or a correction of the story, not another story.
bool is_correction_marker(std::string_view word) {
  static constexpr std::string_view kMarkers[] = {"corrected", "correction", "rpt",
                                                  "repeat",    "repeated",   "update"};
  return std::find(std::begin(kMarkers), std::end(kMarkers), word) != std::end(kMarkers);
}

// The text's words as the fingerprint reads them: folded, numbers as "#" when `mask`.
std::vector<std::string> words(std::string_view text, const std::vector<text::Token>& tokens,
                               std::size_t limit, bool mask) {
  std::vector<std::string> out;
  for (const text::Token& t : tokens) {
    if (out.size() >= limit) break;
    if (t.kind == text::TokenKind::punct) continue;
    std::string w = text::fold(text.substr(t.begin, t.end - t.begin));
    if (w.empty()) continue;
    if (mask &&
        (t.kind == text::TokenKind::number || w.find_first_of("0123456789") != std::string::npos)) {
      w = "#";
    }
    out.push_back(std::move(w));
  }
  return out;
}

// Charikar's SimHash: each feature's 64-bit hash votes on every bit; distinct features only, so
// a repeated phrase does not outweigh the rest.
std::uint64_t simhash(const std::vector<std::uint64_t>& features) {
  std::array<int, 64> votes{};
  for (std::uint64_t h : features) {
    for (int b = 0; b < 64; ++b) votes[b] += (h >> b & 1) ? 1 : -1;
  }
  std::uint64_t out = 0;
  for (int b = 0; b < 64; ++b) {
    if (votes[b] > 0) out |= std::uint64_t{1} << b;
  }
  return out;
}

std::uint64_t feature_hash(std::string_view s) { return util::avalanche(util::fnv1a64(s)); }

// Hashes of the distinct `n`-word shingles of `w` (the whole of `w` if shorter).
std::vector<std::uint64_t> shingles(const std::vector<std::string>& w, std::size_t n) {
  std::vector<std::uint64_t> out;
  if (w.empty()) return out;
  const std::size_t count = w.size() >= n ? w.size() - n + 1 : 1;
  for (std::size_t i = 0; i < count; ++i) {
    std::string s;
    for (std::size_t j = i; j < std::min(w.size(), i + n); ++j) {
      if (j > i) s += ' ';
      s += w[j];
    }
    out.push_back(feature_hash(s));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Union-find with path halving.
struct Groups {
  std::vector<std::size_t> parent;
  explicit Groups(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void join(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

constexpr int kBands = kMaxLeadDistance + 1;
constexpr int kTitleBands = kMaxCloseTitleDistance + 1;

// Band `b` of `bands` of `fp`: bits [64*b/bands, 64*(b+1)/bands).
std::uint64_t band(std::uint64_t fp, int b, int bands = kBands) {
  const int lo = 64 * b / bands, hi = 64 * (b + 1) / bands;
  return (fp >> lo) & ((std::uint64_t{1} << (hi - lo)) - 1);
}

// Whether the lead is prose whose figures were masked: then `lead` and `figures` differ.
bool masked_lead(const Fingerprint& fp) { return fp.lead != fp.figures; }

}  // namespace

std::string Fingerprint::encode() const {
  return util::hex64(lead) + util::hex64(title) + util::hex64(figures);
}

bool Fingerprint::decode(std::string_view value, Fingerprint& out) {
  if (value.size() != 48 || value.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return false;
  }
  out.lead = std::stoull(std::string(value.substr(0, 16)), nullptr, 16);
  out.title = std::stoull(std::string(value.substr(16, 16)), nullptr, 16);
  out.figures = std::stoull(std::string(value.substr(32)), nullptr, 16);
  return true;
}

int hamming(std::uint64_t a, std::uint64_t b) { return std::popcount(a ^ b); }

std::optional<Fingerprint> make_fingerprint(std::string_view title,
                                            const std::vector<text::Token>& title_tokens,
                                            std::string_view body,
                                            const std::vector<text::Token>& body_tokens) {
  const std::vector<std::string> figures = words(body, body_tokens, kLeadWords, false);
  if (figures.size() < kMinLeadWords) return std::nullopt;
  const auto numbers = std::count_if(figures.begin(), figures.end(), [](const std::string& w) {
    return w.find_first_of("0123456789") != std::string::npos;
  });
  const bool mask = static_cast<std::size_t>(numbers) * 4 <= figures.size();
  const std::vector<std::string> lead = mask ? words(body, body_tokens, kLeadWords, true) : figures;
  std::vector<std::string> title_words = words(title, title_tokens, SIZE_MAX, mask);
  title_words.erase(std::remove_if(title_words.begin(), title_words.end(),
                                   [](const std::string& w) { return is_correction_marker(w); }),
                    title_words.end());
  Fingerprint fp;
  fp.lead = simhash(shingles(lead, 3));
  fp.title = simhash(shingles(title_words, 1));
  fp.figures = simhash(shingles(figures, 3));
  return fp;
}

std::vector<std::size_t> group_duplicates(const std::vector<DuplicateCandidate>& articles) {
  const std::size_t n = articles.size();
  Groups groups(n);
  // (day, band number, band value) -> articles; looked up for the same and the next days.
  auto key = [](std::int64_t day, int b, std::uint64_t value) {
    return util::avalanche(static_cast<std::uint64_t>(day) * 64 + static_cast<std::uint64_t>(b)) ^
           value;
  };
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> buckets;
  buckets.reserve(n * kBands);
  for (std::size_t i = 0; i < n; ++i) {
    for (int b = 0; b < kBands; ++b) {
      buckets[key(articles[i].day, b, band(articles[i].fingerprint.lead, b))].push_back(i);
    }
  }
  auto same_story = [&](std::size_t i, std::size_t j) {
    const DuplicateCandidate &a = articles[i], &c = articles[j];
    const int lead = hamming(a.fingerprint.lead, c.fingerprint.lead);
    const int title = hamming(a.fingerprint.title, c.fingerprint.title);
    if (a.day == c.day && title <= kMaxCloseTitleDistance && lead <= kMaxCloseLeadDistance &&
        masked_lead(a.fingerprint) && masked_lead(c.fingerprint)) {
      return true;
    }
    return std::abs(a.day - c.day) <= kMaxDayGap && lead <= kMaxLeadDistance &&
           title <= kMaxTitleDistance &&
           (a.day == c.day ||
            hamming(a.fingerprint.figures, c.fingerprint.figures) <= kMaxLeadDistance);
  };
  for (std::size_t i = 0; i < n; ++i) {
    for (int b = 0; b < kBands; ++b) {
      const std::uint64_t value = band(articles[i].fingerprint.lead, b);
      for (std::int64_t d = 0; d <= kMaxDayGap; ++d) {
        const auto it = buckets.find(key(articles[i].day + d, b, value));
        if (it == buckets.end()) continue;
        for (std::size_t j : it->second) {
          if ((d > 0 || j > i) && groups.find(i) != groups.find(j) && same_story(i, j)) {
            groups.join(i, j);
          }
        }
      }
    }
  }
  // The looser rule: same day, close titles, masked leads. (day, title band number, band
  // value) of the articles with a masked lead, sorted so that a bucket is a run; the headline is
  // what finds the candidates here, as leads up to kMaxCloseLeadDistance bits apart would need
  // bands too narrow to be selective.
  std::vector<std::pair<std::uint64_t, std::size_t>> by_title;
  for (std::size_t i = 0; i < n; ++i) {
    if (!masked_lead(articles[i].fingerprint)) continue;
    for (int b = 0; b < kTitleBands; ++b) {
      by_title.emplace_back(
          key(articles[i].day, b, band(articles[i].fingerprint.title, b, kTitleBands)), i);
    }
  }
  std::sort(by_title.begin(), by_title.end());
  for (std::size_t lo = 0, hi = 0; lo < by_title.size(); lo = hi) {
    while (hi < by_title.size() && by_title[hi].first == by_title[lo].first) ++hi;
    for (std::size_t x = lo; x < hi; ++x) {
      for (std::size_t y = x + 1; y < hi; ++y) {
        const std::size_t i = by_title[x].second, j = by_title[y].second;
        if (articles[i].day == articles[j].day && groups.find(i) != groups.find(j) &&
            same_story(i, j)) {
          groups.join(i, j);
        }
      }
    }
  }
  std::vector<std::size_t> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = groups.find(i);
  return out;
}

DuplicateUpdate update_duplicates(Xapian::WritableDatabase& db) {
  // Value streams in docid order: fingerprints, dates and the keys written last time.
  std::vector<Xapian::docid> docids;
  std::vector<DuplicateCandidate> articles;
  std::vector<std::string> dates;
  for (auto it = db.valuestream_begin(schema::kFingerprintSlot);
       it != db.valuestream_end(schema::kFingerprintSlot); ++it) {
    Fingerprint fp;
    if (!Fingerprint::decode(*it, fp)) continue;
    docids.push_back(it.get_docid());
    articles.push_back({fp, 0});
  }
  dates.resize(docids.size());
  {
    auto it = db.valuestream_begin(schema::kDateSlot);
    const auto end = db.valuestream_end(schema::kDateSlot);
    for (std::size_t i = 0; i < docids.size() && it != end; ++i) {
      if (it.get_docid() < docids[i]) it.skip_to(docids[i]);
      if (it == end) break;
      if (it.get_docid() != docids[i]) continue;
      util::CivilDay c;
      if (util::parse_compact_day(*it, c)) articles[i].day = util::days_from_civil(c);
      dates[i] = *it;
    }
  }
  const std::vector<std::size_t> group = group_duplicates(articles);

  // A group's key: the date and fingerprint of its earliest member (ties: smallest
  // fingerprint), so it does not depend on docids, and copies of one story kept in two
  // shards collapse together when their groups start with the same copy.
  std::vector<std::size_t> size(articles.size(), 0), first(articles.size());
  std::iota(first.begin(), first.end(), 0);
  for (std::size_t i = 0; i < articles.size(); ++i) {
    ++size[group[i]];
    std::size_t& f = first[group[i]];
    const auto rank = [&](std::size_t k) {
      const Fingerprint& fp = articles[k].fingerprint;
      return std::make_tuple(dates[k], fp.lead, fp.title, fp.figures);
    };
    if (rank(i) < rank(f)) f = i;
  }
  std::unordered_map<Xapian::docid, std::string> wanted;
  DuplicateUpdate update;
  for (std::size_t i = 0; i < articles.size(); ++i) {
    if (size[group[i]] < 2) continue;
    const std::size_t f = first[group[i]];
    wanted.emplace(docids[i], dates[f] + articles[f].fingerprint.encode());
    ++update.articles;
    if (group[i] == i) ++update.groups;
  }
  // Rewrite only what changed: keys to set or change, then keys to remove.
  std::vector<std::pair<Xapian::docid, std::string>> changes;
  for (auto it = db.valuestream_begin(schema::kDuplicateSlot);
       it != db.valuestream_end(schema::kDuplicateSlot); ++it) {
    const auto w = wanted.find(it.get_docid());
    if (w == wanted.end()) {
      changes.emplace_back(it.get_docid(), std::string());
    } else {
      if (w->second != *it) changes.emplace_back(w->first, w->second);
      wanted.erase(w);
    }
  }
  for (auto& [did, key] : wanted) changes.emplace_back(did, std::move(key));
  std::sort(changes.begin(), changes.end());
  for (const auto& [did, key] : changes) {
    Xapian::Document doc = db.get_document(did);
    if (key.empty()) {
      doc.remove_value(schema::kDuplicateSlot);
    } else {
      doc.add_value(schema::kDuplicateSlot, key);
    }
    db.replace_document(did, doc);
  }
  update.rewritten = changes.size();
  return update;
}

}  // namespace newsdex::index
