// Reader front end: picks the format, reads files and stdin as streams (inflating gzip) in
// pieces of whole records, walks directories, counts.
#include <fcntl.h>
#include <newsdex/error.h>
#include <newsdex/reader.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <utility>

#include "corpus/format_parsers.h"
#include "util/control_chars.h"

namespace newsdex {

namespace fs = std::filesystem;

namespace corpus {

std::string Sink::default_id(std::size_t n) const {
  n += record_offset_;
  return n >= 2 ? id_base_ + "#" + std::to_string(n) : id_base_;
}

void Sink::accept(Article&& article) {
  ++counts_.read;
  ++counts_.accepted;
  if (article.path.empty()) article.path = path_;
  article.line = line(article.line);
  // Control characters never reach the index (or, later, a terminal): blanked, and said so.
  // One-line fields also lose tabs and line breaks (not counted: they are only layout).
  std::size_t blanked = util::blank_control_chars(article.body);
  for (std::string* one_line :
       {&article.title, &article.source, &article.url, &article.lang, &article.id, &article.time}) {
    blanked += util::count_control_chars(*one_line);
    util::blank_control_chars(*one_line, /*keep_newlines=*/false);
  }
  if (blanked) {
    ++counts_.warnings;
    on_diagnostic_(Diagnostic{Diagnostic::Severity::warning, path_, article.line,
                              std::to_string(blanked) + " control character" +
                                  (blanked == 1 ? "" : "s") + " replaced by spaces"});
  }
  on_article_(std::move(article));
}

void Sink::skip(std::size_t line_number, std::string message) {
  ++counts_.read;
  ++counts_.skipped;
  on_diagnostic_(Diagnostic{Diagnostic::Severity::skipped, path_, line(line_number),
                            util::escape_control_chars(message)});
}

void Sink::warn(std::size_t line_number, std::string message) {
  ++counts_.warnings;
  on_diagnostic_(Diagnostic{Diagnostic::Severity::warning, path_, line(line_number),
                            util::escape_control_chars(message)});
}

}  // namespace corpus

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Format implied by a file name, or automatic when the extension is not an article format.
InputFormat format_from_name(const std::string& path) {
  std::string name = lower(fs::path(path).filename().string());
  if (ends_with(name, ".gz")) name.resize(name.size() - 3);
  if (ends_with(name, ".txt") || ends_with(name, ".text")) return InputFormat::text;
  if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson")) return InputFormat::jsonl;
  if (ends_with(name, ".sgm") || ends_with(name, ".sgml")) return InputFormat::reuters_sgml;
  return InputFormat::automatic;
}

// Inflates gzip data (several concatenated members allowed, as gzip(1) writes them).
bool gunzip(std::string_view in, std::string& out, std::string& error) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 32) != Z_OK) {
    error = "zlib initialisation failed";
    return false;
  }
  out.clear();
  out.reserve(in.size() * 4);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  char buffer[1 << 16];
  int rc = Z_OK;
  for (;;) {
    zs.next_out = reinterpret_cast<Bytef*>(buffer);
    zs.avail_out = sizeof buffer;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - zs.avail_out);
    if (rc == Z_STREAM_END) {
      if (zs.avail_in == 0) break;
      inflateReset(&zs);  // another gzip member follows
      continue;
    }
    if (rc != Z_OK) break;
    if (zs.avail_in == 0 && zs.avail_out != 0) {
      rc = Z_BUF_ERROR;  // input ended inside a member
      break;
    }
  }
  if (rc != Z_STREAM_END) {
    error = rc == Z_BUF_ERROR ? "unexpected end of gzip data"
                              : std::string(zs.msg ? zs.msg : "corrupt gzip data");
  }
  inflateEnd(&zs);
  return rc == Z_STREAM_END;
}

bool is_gzip(std::string_view data) {
  return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
         static_cast<unsigned char>(data[1]) == 0x8b;
}

// The bytes of a file or stdin, read in pieces and inflated on the fly when they are gzip
// data (several concatenated members allowed, as gzip(1) writes them), so that a stream of any
// size is read in bounded memory.
class ByteSource {
 public:
  explicit ByteSource(int fd) : fd_(fd) {}
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;
  ~ByteSource() {
    if (inflating_) inflateEnd(&zs_);
  }

  /// Appends about `want` more bytes to `out`. Returns false at the end of the data or on an
  /// error; then error() says which ("" at a clean end).
  bool read_more(std::string& out, std::size_t want) {
    const std::size_t target = out.size() + want;
    while (out.size() < target) {
      if (raw_pos_ == raw_.size() && !fill()) return false;
      if (!decided_) {
        decided_ = true;
        if (raw_.size() - raw_pos_ >= 2 && static_cast<unsigned char>(raw_[raw_pos_]) == 0x1f &&
            static_cast<unsigned char>(raw_[raw_pos_ + 1]) == 0x8b) {
          if (inflateInit2(&zs_, 15 + 32) != Z_OK) return fail("zlib initialisation failed");
          inflating_ = true;
        }
      }
      if (!inflating_) {
        out.append(raw_, raw_pos_, std::string::npos);
        raw_pos_ = raw_.size();
        continue;
      }
      if (!inflate_some(out)) return false;
    }
    return true;
  }
  const std::string& error() const { return error_; }

 private:
  bool fill() {
    raw_.resize(1 << 16);
    raw_pos_ = 0;
    for (;;) {
      const ssize_t n = ::read(fd_, raw_.data(), raw_.size());
      if (n > 0) {
        raw_.resize(static_cast<std::size_t>(n));
        return true;
      }
      if (n == 0) {
        raw_.clear();
        // The data ended: inside a gzip member is an error, between members the end.
        if (inflating_ && in_member_) return fail("unexpected end of gzip data");
        return false;
      }
      if (errno != EINTR) return fail(std::strerror(errno));
    }
  }
  bool inflate_some(std::string& out) {
    char buffer[1 << 16];
    zs_.next_in = reinterpret_cast<Bytef*>(raw_.data() + raw_pos_);
    zs_.avail_in = static_cast<uInt>(raw_.size() - raw_pos_);
    zs_.next_out = reinterpret_cast<Bytef*>(buffer);
    zs_.avail_out = sizeof buffer;
    in_member_ = true;
    const int rc = inflate(&zs_, Z_NO_FLUSH);
    raw_pos_ = raw_.size() - zs_.avail_in;
    out.append(buffer, sizeof buffer - zs_.avail_out);
    if (rc == Z_STREAM_END) {
      in_member_ = false;
      inflateReset(&zs_);  // another member may follow
      return true;
    }
    if (rc == Z_OK || rc == Z_BUF_ERROR) return true;
    return fail(zs_.msg ? zs_.msg : "corrupt gzip data");
  }
  bool fail(std::string why) {
    error_ = std::move(why);
    return false;
  }

  int fd_;
  std::string raw_;
  std::size_t raw_pos_ = 0;
  bool decided_ = false;
  bool inflating_ = false;
  bool in_member_ = false;
  z_stream zs_{};
  std::string error_;
};

// Where `data` may be cut so that [0, cut) holds whole records of `format` only, and how many
// records (as the format's parser counts them for default ids) it holds. cut == 0: no cut yet.
std::size_t record_cut(std::string_view data, InputFormat format, std::size_t& records) {
  records = 0;
  switch (format) {
    case InputFormat::jsonl: {
      const std::size_t nl = data.rfind('\n');
      if (nl == std::string_view::npos) return 0;
      for (std::size_t pos = 0; pos <= nl;) {
        const std::size_t end = data.find('\n', pos);
        if (!corpus::is_blank(data.substr(pos, end - pos))) ++records;
        pos = end + 1;
      }
      return nl + 1;
    }
    case InputFormat::reuters_sgml:
      return corpus::reuters_record_cut(data, records);
    case InputFormat::automatic:
    case InputFormat::text: {
      // Before the last line that opens an article, if another one opens before it: a piece
      // then holds whole articles, and text before the first article (a BOM, blank lines, a
      // preamble) stays with that article, as when the whole file is parsed.
      std::size_t cut = 0;
      bool seen_start = false;
      for (std::size_t pos = 0; pos < data.size();) {
        std::size_t next;
        const std::size_t end = corpus::text_line_end(data, pos, next);
        // An unfinished line may still grow; a final "\r" may be the start of "\r\n".
        if (end == data.size() || next == data.size()) break;
        if (corpus::is_text_article_start(data.substr(pos, end - pos))) {
          if (seen_start) cut = pos;
          seen_start = true;
        }
        pos = next;
      }
      if (cut == 0) return 0;
      for (std::size_t pos = 0; pos < cut;) {
        std::size_t next;
        const std::size_t end = corpus::text_line_end(data, pos, next);
        if (corpus::is_text_article_start(data.substr(pos, end - pos))) ++records;
        pos = next;
      }
      return cut;
    }
  }
  return 0;
}

// Runs the parser for `format` (never automatic here) over decompressed data.
void parse(std::string_view data, InputFormat format, corpus::Sink& sink) {
  switch (format) {
    case InputFormat::jsonl:
      corpus::parse_jsonl(data, sink);
      break;
    case InputFormat::reuters_sgml:
      corpus::parse_reuters(data, sink);
      break;
    case InputFormat::automatic:
    case InputFormat::text:
      corpus::parse_text(data, sink);
      break;
  }
}

// Where the first record after data[0] ends, so that a record too long to keep can be skipped:
// the end of the first line (jsonl), after the first </REUTERS>, or the start of the second
// line that opens an article (text). 0 if there is none in `data` yet.
std::size_t first_boundary(std::string_view data, InputFormat format) {
  switch (format) {
    case InputFormat::jsonl: {
      const std::size_t nl = data.find('\n');
      return nl == std::string_view::npos ? 0 : nl + 1;
    }
    case InputFormat::reuters_sgml: {
      const std::size_t end = data.find("</REUTERS>");
      return end == std::string_view::npos ? 0 : end + 10;
    }
    case InputFormat::automatic:
    case InputFormat::text:
      for (std::size_t pos = 0; pos < data.size();) {
        std::size_t next;
        const std::size_t end = corpus::text_line_end(data, pos, next);
        if (end == data.size() || next == data.size()) break;
        if (pos > 0 && corpus::is_text_article_start(data.substr(pos, end - pos))) return pos;
        pos = next;
      }
      return 0;
  }
  return 0;
}

// Line breaks in `data` as `format`'s parser counts them.
std::size_t count_lines(std::string_view data, InputFormat format) {
  return format == InputFormat::text
             ? corpus::count_text_lines(data)
             : static_cast<std::size_t>(std::count(data.begin(), data.end(), '\n'));
}

// Reads file descriptor `fd` (a file or stdin) as `path` and parses it piece by piece: whole
// records of about `chunk_bytes` at a time, so memory stays bounded by the piece and the
// longest record, whatever the size of the stream.
void parse_stream(int fd, const std::string& path, const std::string& id_base, InputFormat format,
                  std::size_t chunk_bytes, std::size_t max_article_bytes,
                  const std::function<void(Article&&)>& on_article,
                  const std::function<void(const Diagnostic&)>& on_diagnostic, ReadCounts& counts) {
  corpus::Sink sink(path, id_base, on_article, on_diagnostic, counts);
  if (format == InputFormat::automatic) format = format_from_name(path);
  if (format == InputFormat::automatic) format = InputFormat::text;
  chunk_bytes = std::max<std::size_t>(chunk_bytes, 1);
  ByteSource source(fd);
  std::string pending;
  std::size_t lines = 0, records = 0;
  bool parsed_any = false, more = true;
  bool discarding = false;  // inside a record longer than max_article_bytes, until it ends
  // The text and JSON Lines parsers drop a byte order mark that opens the file; it goes before
  // the first piece is cut, so that a piece can never hold the mark alone (a blank "file").
  bool bom_checked = format == InputFormat::reuters_sgml;
  while (more) {
    more = source.read_more(pending, chunk_bytes);
    if (!bom_checked && (pending.size() >= 3 || !more)) {
      bom_checked = true;
      pending.erase(0, pending.size() - corpus::strip_bom(pending).size());
      sink.bom_removed();
    }
    if (!bom_checked) continue;
    if (!source.error().empty()) {
      // What was read before the error has been parsed; the rest of the file is lost.
      sink.set_offsets(0, 0);
      sink.skip(parsed_any ? lines + 1 : 0,
                "cannot read: " + source.error() +
                    (parsed_any ? " (the articles before this line were read)" : ""));
      return;
    }
    if (discarding) {
      // Drop the oversized record up to its end, keeping only what may start the next one.
      const std::size_t end = first_boundary(pending, format);
      if (end > 0 || !more) {
        const std::size_t drop = end > 0 ? end : pending.size();
        lines += count_lines(std::string_view(pending).substr(0, drop), format);
        records += 1;  // the skipped record still counts for the default ids after it
        pending.erase(0, drop);
        discarding = false;
      } else {
        // Keep only what may begin the end marker, which may straddle two reads: a "\n" ends a
        // JSON line at once; "</REUTERS>" may have begun; a text article starts on a new line.
        std::size_t keep = 0;
        if (format == InputFormat::reuters_sgml) {
          keep = 9;
        } else if (format != InputFormat::jsonl) {
          const std::size_t nl = pending.find_last_of("\r\n");
          keep = nl == std::string::npos ? pending.size() : pending.size() - nl;
        }
        keep = std::min({keep, pending.size(), std::size_t(1) << 20});
        const std::size_t drop = pending.size() - keep;
        lines += count_lines(std::string_view(pending).substr(0, drop), format);
        pending.erase(0, drop);
      }
      if (discarding || pending.empty()) continue;
    }
    std::size_t cut = pending.size(), in_cut = 0;
    if (more) {
      if (pending.size() < chunk_bytes) continue;
      cut = record_cut(pending, format, in_cut);
      if (cut == 0 && pending.size() > max_article_bytes) {
        // One record larger than any article may be: reported, skipped, memory kept bounded.
        sink.set_offsets(0, 0);
        sink.skip(lines + 1, "article longer than " + std::to_string(max_article_bytes >> 20) +
                                 " MB: skipped (the most one article may hold)");
        parsed_any = true;
        discarding = true;
        const std::size_t drop = pending.size() - std::min<std::size_t>(pending.size(), 1 << 20);
        lines += count_lines(std::string_view(pending).substr(0, drop), format);
        pending.erase(0, drop);
        continue;
      }
      if (cut == 0) continue;  // one record longer than a piece: read on
    }
    const std::string_view piece(pending.data(), cut);
    // Blank pieces are parsed only when the whole file is blank, for the parser to say so.
    if (!corpus::is_blank(piece) || (!more && !parsed_any)) {
      sink.set_offsets(lines, records);
      parse(piece, format, sink);
      parsed_any = true;
    }
    lines += count_lines(piece, format);
    records += in_cut;
    pending.erase(0, cut);
  }
}

// Decompresses if needed and parses one file's bytes.
void parse_bytes(const std::string& data, const std::string& path, const std::string& id_base,
                 InputFormat format, const std::function<void(Article&&)>& on_article,
                 const std::function<void(const Diagnostic&)>& on_diagnostic, ReadCounts& counts) {
  corpus::Sink sink(path, id_base, on_article, on_diagnostic, counts);
  if (format == InputFormat::automatic) format = format_from_name(path);
  if (is_gzip(data)) {
    std::string inflated;
    std::string error;
    if (!gunzip(data, inflated, error)) {
      sink.skip(0, "cannot read: " + error);
      return;
    }
    parse(inflated, format, sink);
  } else {
    parse(data, format, sink);
  }
}

// Id base of a file named directly on the command line: the path as given, tidied.
std::string id_for_given_path(const std::string& path) {
  std::string id = fs::path(path).lexically_normal().generic_string();
  while (id.rfind("./", 0) == 0) id.erase(0, 2);
  return id;
}

std::string join_path(const std::string& dir, const std::string& rel) {
  if (dir.empty()) return rel;
  return dir.back() == '/' ? dir + rel : dir + "/" + rel;
}

// Walks `root` depth-first in name order; `visited` holds (device, inode) of the directories
// entered so a symlink back up the tree is not followed again. The walk keeps its own stack of
// open directories rather than recursing, so no depth of tree can overflow the call stack.
void walk(const std::string& root, std::set<std::pair<dev_t, ino_t>>& visited,
          std::vector<InputFile>& found) {
  struct Level {
    std::string dir, relative;
    std::vector<std::string> names;  // sorted
    std::size_t next = 0;
  };
  auto open_level = [&](const std::string& dir, const std::string& relative) {
    Level level{dir, relative, {}, 0};
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      found.push_back({dir, relative, "cannot read: " + ec.message()});
      return level;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (!name.empty() && name[0] != '.') level.names.push_back(std::move(name));
    }
    if (ec) found.push_back({dir, relative, "cannot read: " + ec.message()});
    std::sort(level.names.begin(), level.names.end());
    return level;
  };
  std::vector<Level> stack;
  stack.push_back(open_level(root, ""));
  while (!stack.empty()) {
    Level& level = stack.back();
    if (level.next == level.names.size()) {
      stack.pop_back();
      continue;
    }
    const std::string& name = level.names[level.next++];
    const std::string path = join_path(level.dir, name);
    const std::string rel = level.relative.empty() ? name : level.relative + "/" + name;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      found.push_back({path, rel, std::string("cannot read: ") + std::strerror(errno)});
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      if (visited.insert({st.st_dev, st.st_ino}).second) {
        Level child = open_level(path, rel);  // `level` may move when the stack grows
        stack.push_back(std::move(child));
      }
    } else if (S_ISREG(st.st_mode) && format_from_name(name) != InputFormat::automatic) {
      found.push_back({path, rel, {}});
    }
  }
}

}  // namespace

InputFormat parse_input_format(const std::string& name) {
  const std::string n = lower(name);
  if (n == "auto" || n == "automatic") return InputFormat::automatic;
  if (n == "text" || n == "txt") return InputFormat::text;
  if (n == "jsonl" || n == "ndjson" || n == "json") return InputFormat::jsonl;
  if (n == "reuters" || n == "sgml" || n == "sgm" || n == "reuters-sgml") {
    return InputFormat::reuters_sgml;
  }
  throw Error(ErrorCode::input, "unknown input format '" + name + "'",
              "use one of: auto, text, jsonl, reuters");
}

ReadCounts read_buffer(const std::string& data, const std::string& path, InputFormat format,
                       const std::function<void(Article&&)>& on_article,
                       const std::function<void(const Diagnostic&)>& on_diagnostic) {
  ReadCounts counts;
  parse_bytes(data, path, id_for_given_path(path), format, on_article, on_diagnostic, counts);
  return counts;
}

namespace {

// Reads one listed file into `counts`.
void read_one(const InputFile& file, const ReadOptions& options,
              const std::function<void(Article&&)>& on_article,
              const std::function<void(const Diagnostic&)>& on_diagnostic, ReadCounts& counts) {
  if (!file.error.empty()) {
    corpus::Sink(file.path, file.id_base, on_article, on_diagnostic, counts).skip(0, file.error);
    return;
  }
  const int fd = ::open(file.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    corpus::Sink(file.path, file.id_base, on_article, on_diagnostic, counts)
        .skip(0, std::string("cannot read: ") + std::strerror(errno));
    return;
  }
  parse_stream(fd, file.path, file.id_base, options.format, options.chunk_bytes,
               options.max_article_bytes, on_article, on_diagnostic, counts);
  ::close(fd);
}

}  // namespace

std::vector<InputFile> list_input_files(const std::string& input) {
  struct stat st {};
  if (::stat(input.c_str(), &st) != 0) {
    return {InputFile{input, input, std::string("cannot read: ") + std::strerror(errno)}};
  }
  if (!S_ISDIR(st.st_mode)) return {InputFile{input, id_for_given_path(input), {}}};
  std::set<std::pair<dev_t, ino_t>> visited{{st.st_dev, st.st_ino}};
  std::vector<InputFile> found;
  walk(input, visited, found);
  return found;
}

ReadCounts read_input_file(const InputFile& file, const ReadOptions& options,
                           const std::function<void(Article&&)>& on_article,
                           const std::function<void(const Diagnostic&)>& on_diagnostic) {
  ReadCounts counts;
  read_one(file, options, on_article, on_diagnostic, counts);
  return counts;
}

ReadCounts read_articles(const std::vector<std::string>& inputs, const ReadOptions& options,
                         const std::function<void(Article&&)>& on_article,
                         const std::function<void(const Diagnostic&)>& on_diagnostic) {
  ReadCounts counts;
  for (const std::string& input : inputs) {
    if (input == "-") {
      const InputFormat format =
          options.format == InputFormat::automatic ? InputFormat::text : options.format;
      parse_stream(STDIN_FILENO, "-", "-", format, options.chunk_bytes, options.max_article_bytes,
                   on_article, on_diagnostic, counts);
      continue;
    }
    for (const InputFile& file : list_input_files(input)) {
      read_one(file, options, on_article, on_diagnostic, counts);
    }
  }
  return counts;
}

}  // namespace newsdex
