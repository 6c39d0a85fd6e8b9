// Reader front end: picks the format, reads files whole (inflating gzip), walks directories,
// counts.
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

namespace newsdex {

namespace fs = std::filesystem;

namespace corpus {

std::string Sink::default_id(std::size_t n) const {
  return n >= 2 ? id_base_ + "#" + std::to_string(n) : id_base_;
}

void Sink::accept(Article&& article) {
  ++counts_.read;
  ++counts_.accepted;
  if (article.path.empty()) article.path = path_;
  on_article_(std::move(article));
}

void Sink::skip(std::size_t line, std::string message) {
  ++counts_.read;
  ++counts_.skipped;
  on_diagnostic_(Diagnostic{Diagnostic::Severity::skipped, path_, line, std::move(message)});
}

void Sink::warn(std::size_t line, std::string message) {
  ++counts_.warnings;
  on_diagnostic_(Diagnostic{Diagnostic::Severity::warning, path_, line, std::move(message)});
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

// Reads a whole file (or stdin for fd 0); returns false with errno's text on failure.
bool read_fd(int fd, std::string& out, std::string& error) {
  struct stat st {};
  out.clear();
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    out.reserve(static_cast<std::size_t>(st.st_size));
  }
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      out.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0) {
      return true;
    } else if (errno != EINTR) {
      error = std::strerror(errno);
      return false;
    }
  }
}

bool read_file(const std::string& path, std::string& out, std::string& error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  const bool ok = read_fd(fd, out, error);
  ::close(fd);
  return ok;
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

// One entry found by walking a directory: its path to open, its id base, and why it cannot be
// read (empty when it can).
struct FoundFile {
  std::string path;
  std::string relative;
  std::string error;
};

// Walks `dir` depth-first in name order; `visited` holds (device, inode) of the directories
// entered so a symlink back up the tree is not followed again.
void walk(const std::string& dir, const std::string& relative,
          std::set<std::pair<dev_t, ino_t>>& visited, std::vector<FoundFile>& found) {
  std::error_code ec;
  std::vector<std::string> names;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    found.push_back({dir, relative, "cannot read: " + ec.message()});
    return;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!name.empty() && name[0] != '.') names.push_back(std::move(name));
  }
  if (ec) found.push_back({dir, relative, "cannot read: " + ec.message()});
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    const std::string path = join_path(dir, name);
    const std::string rel = relative.empty() ? name : relative + "/" + name;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      found.push_back({path, rel, std::string("cannot read: ") + std::strerror(errno)});
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      if (visited.insert({st.st_dev, st.st_ino}).second) walk(path, rel, visited, found);
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

ReadCounts read_articles(const std::vector<std::string>& inputs, const ReadOptions& options,
                         const std::function<void(Article&&)>& on_article,
                         const std::function<void(const Diagnostic&)>& on_diagnostic) {
  ReadCounts counts;
  std::string data;
  std::string error;
  const auto cannot_read = [&](const std::string& path, const std::string& why) {
    corpus::Sink sink(path, path, on_article, on_diagnostic, counts);
    sink.skip(0, "cannot read: " + why);
  };
  for (const std::string& input : inputs) {
    if (input == "-") {
      if (!read_fd(STDIN_FILENO, data, error)) {
        cannot_read(input, error);
        continue;
      }
      const InputFormat format =
          options.format == InputFormat::automatic ? InputFormat::text : options.format;
      parse_bytes(data, "-", "-", format, on_article, on_diagnostic, counts);
      continue;
    }
    struct stat st {};
    if (::stat(input.c_str(), &st) != 0) {
      cannot_read(input, std::strerror(errno));
      continue;
    }
    if (!S_ISDIR(st.st_mode)) {
      if (!read_file(input, data, error)) {
        cannot_read(input, error);
        continue;
      }
      parse_bytes(data, input, id_for_given_path(input), options.format, on_article, on_diagnostic,
                  counts);
      continue;
    }
    std::set<std::pair<dev_t, ino_t>> visited{{st.st_dev, st.st_ino}};
    std::vector<FoundFile> found;
    walk(input, "", visited, found);
    for (const FoundFile& file : found) {
      if (!file.error.empty()) {
        corpus::Sink(file.path, file.relative, on_article, on_diagnostic, counts)
            .skip(0, file.error);
      } else if (!read_file(file.path, data, error)) {
        cannot_read(file.path, error);
      } else {
        parse_bytes(data, file.path, file.relative, options.format, on_article, on_diagnostic,
                    counts);
      }
    }
  }
  return counts;
}

}  // namespace newsdex
