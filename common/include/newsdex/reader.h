// Reading articles from files, directories and stdin in the text, JSON Lines and Reuters formats.
#pragma once

#include <newsdex/article.h>
#include <newsdex/export.h>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace newsdex {

/// Input format of a file. `automatic` follows the file name (.txt, .jsonl/.ndjson, .sgm, after
/// stripping .gz); stdin and unknown extensions read as text.
enum class InputFormat { automatic, text, jsonl, reuters_sgml };

/// Parses "auto", "text", "jsonl", "reuters"/"sgml"; throws Error(input) otherwise.
NEWSDEX_EXPORT InputFormat parse_input_format(const std::string& name);

/// A problem found while reading. `skipped` problems drop one article (or a whole file that
/// holds none); warnings keep the article (e.g. invalid UTF-8 repaired to U+FFFD).
struct Diagnostic {
  enum class Severity { warning, skipped };
  Severity severity = Severity::skipped;
  std::string path;      ///< file path as given (or "-")
  std::size_t line = 0;  ///< 1-based line, 0 when the problem concerns the whole file
  std::string message;   ///< what is wrong, one line, no path prefix
};

/// Counts over one read: read == accepted + skipped, always.
struct ReadCounts {
  std::size_t read = 0;      ///< articles (or would-be articles) seen
  std::size_t accepted = 0;  ///< articles passed to the callback
  std::size_t skipped = 0;   ///< articles dropped with a Diagnostic of severity skipped
  std::size_t warnings = 0;  ///< Diagnostics of severity warning
};

/// Options for read_articles().
struct ReadOptions {
  InputFormat format = InputFormat::automatic;  ///< forces one format for every input
  /// Files and stdin are read as streams and parsed in pieces of about this many bytes of whole
  /// records, so memory stays bounded by this plus the longest article, whatever the input's
  /// size. Results do not depend on it.
  std::size_t chunk_bytes = std::size_t(8) << 20;
  /// The most one article (one record of its format) may hold, in bytes of text: a longer one
  /// is skipped with a Diagnostic at its line and the reader goes on after its end, keeping
  /// memory bounded (a gzip bomb or a stream with no line breaks ends up here).
  std::size_t max_article_bytes = std::size_t(128) << 20;
};

/// Reads every input in order: a file, a directory (walked recursively, sorted by name, hidden
/// files skipped), or "-" for stdin; gzip data is decompressed (recognised by its magic bytes).
/// Inputs are streamed (see ReadOptions::chunk_bytes). A read or gzip error part-way through a
/// large input keeps the articles before it and reports the rest as one skipped read at the
/// line where the error was met. Calls `on_article` for each
/// good article and `on_diagnostic` for each problem. A file that cannot be opened is one
/// skipped read with line 0. Throws only if a callback throws. Not thread-safe per call; separate
/// calls may run concurrently.
NEWSDEX_EXPORT ReadCounts
read_articles(const std::vector<std::string>& inputs, const ReadOptions& options,
              const std::function<void(Article&&)>& on_article,
              const std::function<void(const Diagnostic&)>& on_diagnostic);

/// One file that read_articles() reads for an input.
struct InputFile {
  std::string path;     ///< the path to open; Article::path and Diagnostic::path
  std::string id_base;  ///< default ids: relative to the directory given, else the path as given
  std::string error;    ///< a problem met while walking ("cannot read: ..."), else empty
};

/// The files read_articles() reads for one input, in its order: a file as given, or a
/// directory walked recursively (sorted by name, hidden entries skipped, only article
/// extensions, no directory entered twice). A path that cannot be found is one entry with an
/// error. Not for "-". Thread-safe.
NEWSDEX_EXPORT std::vector<InputFile> list_input_files(const std::string& input);

/// Reads one listed file exactly as read_articles() reads it (an entry with an error is one
/// skipped read). Lets a caller do something per file, e.g. skip unchanged ones.
NEWSDEX_EXPORT ReadCounts
read_input_file(const InputFile& file, const ReadOptions& options,
                const std::function<void(Article&&)>& on_article,
                const std::function<void(const Diagnostic&)>& on_diagnostic);

/// Reads articles from an in-memory buffer as if it were file `path` in `format` (never
/// automatic-by-content: automatic uses `path`'s extension). Used by tests and embedders.
NEWSDEX_EXPORT ReadCounts read_buffer(const std::string& data, const std::string& path,
                                      InputFormat format,
                                      const std::function<void(Article&&)>& on_article,
                                      const std::function<void(const Diagnostic&)>& on_diagnostic);

}  // namespace newsdex
