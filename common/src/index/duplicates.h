// Near-duplicate articles (wire resends, corrected copies): their fingerprint, written at index
// time, and the pass that groups them after every change to the documents.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/tokenizer.h"

namespace newsdex::index {

/// What identifies a story across its copies, stored in schema::kFingerprintSlot.
struct Fingerprint {
  std::uint64_t lead = 0;   ///< SimHash of the word 3-shingles of the body's first kLeadWords words
  std::uint64_t title = 0;  ///< SimHash of the title's words, correction markers left out
  /// The lead's SimHash with its figures kept: two copies dated a day apart must agree on it
  /// too, or the daily reports that repeat their wording with new figures (the morning money
  /// market forecast, the day's slaughter estimates) would be one story.
  std::uint64_t figures = 0;

  /// 48 hex digits: lead, title, figures.
  std::string encode() const;
  /// False (and `out` untouched) unless `value` is what encode() writes.
  static bool decode(std::string_view value, Fingerprint& out);
};

/// Words of the body's lead that the fingerprint reads: a resend or a corrected copy repeats
/// the lead, an update adds paragraphs after it (which would move a whole-text fingerprint).
inline constexpr std::size_t kLeadWords = 50;
/// Two articles are copies of one story when their lead fingerprints differ in at most this
/// many bits, their title fingerprints in at most kMaxTitleDistance bits, and their dates by
/// at most kMaxDayGap days; on different days, their `figures` fingerprints also in at most
/// kMaxLeadDistance bits. Measured on Reuters-21578 (bench/README.md, "reuters-duplicates").
inline constexpr int kMaxLeadDistance = 6;
inline constexpr int kMaxTitleDistance = 6;
inline constexpr int kMaxDayGap = 1;
/// A second, looser rule for copies under one headline on one day: two articles of the same day
/// whose title fingerprints differ in at most kMaxCloseTitleDistance bits are copies when their
/// lead fingerprints differ in at most kMaxCloseLeadDistance bits, provided both leads are prose
/// whose figures were masked (`lead` differs from `figures`). A resend that changes a word or
/// two of a short lead ("said that" / "said", "which" / "that", a ticker dropped) moves its
/// 3-shingle SimHash by 7 to 12 bits; same-day copies under the same headline within 12 bits
/// were all copies on Reuters-21578, the first other story (a feedlot report updated with new
/// sales figures) came at 13. Tables (more than a quarter figures, kept) and leads with no
/// figures keep kMaxLeadDistance: the day's grain spreads, meat prices or discount-note rates
/// at another hour share their headline and differ only in figures, as far apart as an
/// earnings table and its corrected copy.
inline constexpr int kMaxCloseTitleDistance = 2;
inline constexpr int kMaxCloseLeadDistance = 12;

/// Fewer words than this in the body and an article gets no fingerprint, so it is never
/// grouped: two short notes ("oil talks") alike in their few words are no evidence of a copy.
inline constexpr std::size_t kMinLeadWords = 10;

/// The fingerprint of an article from its tokens (text::tokenize), or nullopt when its body
/// has fewer than kMinLeadWords words. Words are case-folded;
/// numbers are masked (a corrected figure leaves the fingerprint as it was) unless more than a
/// quarter of the lead's words are numbers: then the text is a table of prices or rates, whose
/// numbers are all it says, and they are kept. Thread-safe.
std::optional<Fingerprint> make_fingerprint(std::string_view title,
                                            const std::vector<text::Token>& title_tokens,
                                            std::string_view body,
                                            const std::vector<text::Token>& body_tokens);

/// Number of bits that differ.
int hamming(std::uint64_t a, std::uint64_t b);

/// One article as the grouping sees it.
struct DuplicateCandidate {
  Fingerprint fingerprint;
  std::int64_t day = 0;  ///< days since 1970-01-01
};

/// Groups `articles` into stories (the rules at kMaxLeadDistance and kMaxCloseLeadDistance;
/// transitive: copies of copies are one story). Returns, per article, the index of its group's
/// first article, or its own index when it has no copy. Candidates are found by splitting the
/// lead fingerprint into kMaxLeadDistance + 1 bands (two fingerprints within the distance agree
/// on at least one) and looking only at the articles of the same and the neighbouring days;
/// for the looser rule, by splitting the title fingerprint into kMaxCloseTitleDistance + 1
/// bands within the same day. So the cost grows with articles per day (and per headline), not
/// with the square of the corpus.
std::vector<std::size_t> group_duplicates(const std::vector<DuplicateCandidate>& articles);

/// What update_duplicates() found and did.
struct DuplicateUpdate {
  std::size_t groups = 0;     ///< stories with more than one copy
  std::size_t articles = 0;   ///< articles in those groups
  std::size_t rewritten = 0;  ///< documents whose group key changed
};

/// Regroups every document of `db` by its fingerprint and date and writes each document's
/// group key (schema::kDuplicateSlot) where it changed: set for an article with copies, removed
/// for one that has none (any more). Does not commit. Throws Xapian errors.
DuplicateUpdate update_duplicates(Xapian::WritableDatabase& db);

}  // namespace newsdex::index
