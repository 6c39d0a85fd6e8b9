// Internal interface between the reader front end (files, directories, .gz) and the three format
// parsers.
#pragma once

#include <newsdex/reader.h>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace newsdex::corpus {

/// Removes a leading UTF-8 byte order mark.
std::string_view strip_bom(std::string_view data);

/// Where a parser sends what it finds in one file, keeping ReadCounts consistent:
/// every accept() or skip() is one article read, so read == accepted + skipped by construction.
class Sink {
 public:
  Sink(std::string path, std::string id_base, const std::function<void(Article&&)>& on_article,
       const std::function<void(const Diagnostic&)>& on_diagnostic, ReadCounts& counts)
      : path_(std::move(path)),
        id_base_(std::move(id_base)),
        on_article_(on_article),
        on_diagnostic_(on_diagnostic),
        counts_(counts) {}

  /// File path for Article::path and Diagnostic::path ("-" for stdin).
  const std::string& path() const { return path_; }

  /// For a file parsed in pieces: the piece about to be parsed starts after `lines` line breaks
  /// and `records` records (as the format's parser counts them for default ids) of the file.
  /// Line numbers and default ids the parser gives are shifted accordingly.
  void set_offsets(std::size_t lines, std::size_t records) {
    line_offset_ = lines;
    record_offset_ = records;
  }

  /// True unless this is a piece of a file after its first piece (see set_offsets()).
  bool at_file_start() const { return line_offset_ == 0 && record_offset_ == 0; }

  /// `data` without the UTF-8 byte order mark that may open the file: only at the start of
  /// the file, and only if the reader has not removed it already (see bom_removed()).
  std::string_view without_bom(std::string_view data) const {
    return at_file_start() && !bom_removed_ ? strip_bom(data) : data;
  }
  /// Says the reader took care of the byte order mark before cutting the file in pieces.
  void bom_removed() { bom_removed_ = true; }

  /// Default id of the `n`-th (1-based) article of the file: the id base, plus "#n" when n >= 2.
  std::string default_id(std::size_t n) const;

  /// Hands a good article to the caller; fills in `path` if empty.
  void accept(Article&& article);
  /// Drops one (would-be) article with a Diagnostic of severity skipped.
  void skip(std::size_t line, std::string message);
  /// Reports a problem that keeps the article.
  void warn(std::size_t line, std::string message);

 private:
  std::size_t line(std::size_t n) const { return n == 0 ? 0 : n + line_offset_; }

  std::string path_;
  std::string id_base_;
  std::size_t line_offset_ = 0;
  std::size_t record_offset_ = 0;
  bool bom_removed_ = false;
  const std::function<void(Article&&)>& on_article_;
  const std::function<void(const Diagnostic&)>& on_diagnostic_;
  ReadCounts& counts_;
};

/// Text format: `date YYYY-MM-DD[ time[ zone]] Title` lines, optional header lines, then the body.
void parse_text(std::string_view data, Sink& sink);

/// True if `line` (without its line break) opens an article in the text format.
bool is_text_article_start(std::string_view line);

/// JSON Lines: one object per line with `date` and optional title/body/text/id/source/url/lang.
void parse_jsonl(std::string_view data, Sink& sink);

/// Reuters-21578 SGML (.sgm): <REUTERS> elements, each Latin-1 unless it is valid UTF-8.
void parse_reuters(std::string_view data, Sink& sink);

/// One step of parse_reuters()'s walk over `data` from `pos`: the next <REUTERS> element, or
/// the start of one that does not end before the next one starts (or before the data ends).
struct ReutersStep {
  enum Kind { none, element, unterminated };
  Kind kind = none;                           ///< none: no "<REUTERS" at or after pos
  std::size_t begin = 0;                      ///< offset of "<REUTERS"
  std::size_t tag_end = 0, end = 0;           ///< element: its start tag's '>' and "</REUTERS>"
  std::size_t next = std::string_view::npos;  ///< where the walk goes on (npos: nowhere)
};
ReutersStep reuters_step(std::string_view data, std::size_t pos);

/// Where a Reuters stream may be cut so that [0, cut) holds whole steps of parse_reuters()'s
/// walk that no later data can change, the last an element, and how many (`records`, as its
/// default ids count them); 0 if there is no such place yet.
std::size_t reuters_record_cut(std::string_view data, std::size_t& records);

// --- helpers shared by the parsers (dates.cpp) ---

/// True if `s` is exactly "YYYY-MM-DD" with digits in the right places (the value is not checked).
bool looks_like_date(std::string_view s);

/// True if year-month-day is a real calendar day (Gregorian, leap years included).
bool valid_day(int year, int month, int day);

/// Result of parse_timestamp(); `error` is empty on success.
struct Timestamp {
  std::string date;   ///< "YYYY-MM-DD"
  std::string time;   ///< "HH:MM[:SS[.fff]]" plus zone ("Z" or "+HH:MM"), or empty
  std::string error;  ///< e.g. "invalid date '2025-13-45'"
};

/// Parses "YYYY-MM-DD" optionally followed by 'T' or one space and a time with optional zone
/// ("2025-07-13T14:05:00+03:00", "2025-07-13 14:05Z"). Used for JSON `date` fields.
Timestamp parse_timestamp(std::string_view s);

/// Parses a time "H:MM[:SS[.f+]]" at the start of `s`, advancing `pos`. Returns false (pos
/// unchanged) if `s` does not start like a time; sets `valid` to whether the values are in range.
bool parse_time(std::string_view s, std::size_t& pos, std::string& out, bool& valid);

/// Parses a zone at `pos` ("Z", "UTC", "GMT", "+HH", "+HHMM", "+HH:MM"), normalised to "Z" or
/// "+HH:MM". Returns false (pos unchanged) if there is none.
bool parse_zone(std::string_view s, std::size_t& pos, std::string& out);

/// The text format's lines: the line starting at `pos` ends at the returned offset, before
/// "\n", "\r\n" or a lone "\r" (old Mac files), and `next` is where the following line starts
/// (data.size() after the last line).
std::size_t text_line_end(std::string_view data, std::size_t pos, std::size_t& next);

/// Number of line breaks in `data` as text_line_end() sees them.
std::size_t count_text_lines(std::string_view data);

/// True if `s` holds only spaces, tabs, CR and LF.
bool is_blank(std::string_view s);

/// `s` without leading and trailing white space (space, tab, CR, LF, FF, VT).
std::string_view trim(std::string_view s);

}  // namespace newsdex::corpus
