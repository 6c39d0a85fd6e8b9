// What the three reader fuzz targets (and tests/unit/fuzz_regressions_test.cpp) share: read
// one input in memory and in pieces, check the documented contracts of read_buffer() and
// read_input_file() on whatever comes out.
#pragma once

#include <newsdex/reader.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::fuzz {

// A broken contract. Thrown out of LLVMFuzzerTestOneInput, it ends the fuzzer (std::terminate
// prints what()) and libFuzzer keeps the input as a crash; the unit test reports it.
struct ContractBroken : std::logic_error {
  using std::logic_error::logic_error;
};

[[noreturn]] inline void fail(const std::string& what, const std::string& detail = {}) {
  throw ContractBroken("contract broken: " + what + (detail.empty() ? "" : " " + detail));
}

// Code points of strict UTF-8 `s` (no overlongs, surrogates or values above U+10FFFF), or
// false. Written here rather than taken from the library, so the two can disagree.
inline bool decode_utf8(std::string_view s, std::vector<char32_t>& out) {
  out.clear();
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    int n = b < 0x80 ? 0 : (b >> 5) == 6 ? 1 : (b >> 4) == 14 ? 2 : (b >> 3) == 30 ? 3 : -1;
    if (n < 0 || (n > 0 && i + n >= s.size())) return false;
    char32_t cp = n == 0 ? b : b & (0x3F >> n);
    for (int k = 1; k <= n; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c >> 6) != 2) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    static constexpr char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    out.push_back(cp);
    i += n + 1;
  }
  return true;
}

// Checks that `s` is UTF-8 without control characters (C0 but tab and line feed, DEL, C1);
// with `one_line`, without tab and line feed either.
inline void check_text(const char* field, const std::string& s, bool one_line) {
  std::vector<char32_t> cps;
  if (!decode_utf8(s, cps)) fail("invalid UTF-8 in", field);
  for (char32_t c : cps) {
    const bool control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
    if (control && (one_line || (c != '\t' && c != '\n'))) fail("control character in", field);
  }
}

inline bool valid_date(const std::string& d) {
  auto digits = [&](std::size_t pos, std::size_t n) {
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (d[i] < '0' || d[i] > '9') return false;
    }
    return true;
  };
  if (d.size() != 10 || d[4] != '-' || d[7] != '-' || !digits(0, 4) || !digits(5, 2) ||
      !digits(8, 2)) {
    return false;
  }
  const int y = std::atoi(d.substr(0, 4).c_str()), m = std::atoi(d.substr(5, 2).c_str()),
            day = std::atoi(d.substr(8, 2).c_str());
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || day < 1) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return day <= (m == 2 && leap ? 29 : kDays[m - 1]);
}

// Everything one read produced.
struct Read {
  std::vector<Article> articles;
  std::vector<Diagnostic> diagnostics;
  ReadCounts counts;
};

// The contracts of reader.h and article.h that hold for any input.
inline void check_read(const Read& r, const std::string& path) {
  const ReadCounts& c = r.counts;
  if (c.read != c.accepted + c.skipped) fail("read != accepted + skipped");
  if (c.accepted != r.articles.size()) fail("accepted != articles passed on");
  std::size_t skipped = 0, warnings = 0;
  for (const Diagnostic& d : r.diagnostics) {
    (d.severity == Diagnostic::Severity::skipped ? skipped : warnings) += 1;
    if (d.path != path) fail("diagnostic path", d.path);
    check_text("diagnostic message", d.message, /*one_line=*/true);
  }
  if (skipped != c.skipped || warnings != c.warnings) fail("diagnostics != counts");
  for (const Article& a : r.articles) {
    if (!valid_date(a.date)) fail("article date", a.date);
    if (a.id.empty()) fail("empty article id");
    if (a.path != path) fail("article path", a.path);
    if (a.line == 0) fail("article line 0");
    check_text("body", a.body, false);
    check_text("title", a.title, true);
    check_text("id", a.id, true);
    check_text("time", a.time, true);
    check_text("source", a.source, true);
    check_text("url", a.url, true);
    check_text("lang", a.lang, true);
  }
}

inline std::string describe(const Article& a) {
  return a.id + "|" + std::to_string(a.line) + "|" + a.date + "|" + a.time + "|" + a.title + "|" +
         a.body + "|" + a.source + "|" + a.url + "|" + a.lang + "|" +
         std::to_string(a.labels.size());
}

inline std::string describe(const Diagnostic& d) {
  return std::string(d.severity == Diagnostic::Severity::skipped ? "skipped " : "warning ") +
         std::to_string(d.line) + ": " + d.message;
}

// Reads `data` in `format` with read_buffer(), then as a file streamed in small pieces (a
// memfd, so no disk), and checks both results and that they are the same (reader.h:
// "Results do not depend on" ReadOptions::chunk_bytes).
// Throws ContractBroken when a check fails.
inline void check_reader(const std::uint8_t* bytes, std::size_t size, InputFormat format) {
  static const int fd = ::memfd_create("newsdex-fuzz", MFD_CLOEXEC);
  if (fd < 0) fail("memfd_create");
  static const std::string path = "/proc/self/fd/" + std::to_string(fd);
  const std::string data(reinterpret_cast<const char*>(bytes), size);

  Read whole;
  whole.counts = read_buffer(
      data, path, format, [&](Article&& a) { whole.articles.push_back(std::move(a)); },
      [&](const Diagnostic& d) { whole.diagnostics.push_back(d); });
  check_read(whole, path);

  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, data.data(), data.size(), 0) != ssize_t(size)) {
    fail("writing the memfd");
  }
  // Piece sizes from 1 byte up, chosen by the input so the fuzzer can explore them. (Small
  // pieces cost time quadratic in the input: the reader looks for a cut in all it holds.)
  static constexpr std::size_t kPieces[] = {1, 2, 3, 7, 16, 64, 256, 1024};
  ReadOptions options;
  options.format = format;
  options.chunk_bytes = kPieces[size == 0 ? 0 : bytes[size - 1] % 8];
  // A file named on the command line is its own id base, as in read_buffer().
  const InputFile file{path, path, {}};
  Read streamed;
  streamed.counts = read_input_file(
      file, options, [&](Article&& a) { streamed.articles.push_back(std::move(a)); },
      [&](const Diagnostic& d) { streamed.diagnostics.push_back(d); });
  check_read(streamed, path);

  // A gzip error is reported where the streaming inflater meets it; a buffer is inflated whole.
  const bool gzip = size >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
  if (gzip) return;
  std::string w, s;
  for (const Article& a : whole.articles) w += describe(a) + "\n";
  for (const Diagnostic& d : whole.diagnostics) w += describe(d) + "\n";
  for (const Article& a : streamed.articles) s += describe(a) + "\n";
  for (const Diagnostic& d : streamed.diagnostics) s += describe(d) + "\n";
  if (w != s) {
    fail("read whole and streamed in pieces of " + std::to_string(options.chunk_bytes) +
         " bytes differ:\n" + w + "  vs\n" + s);
  }
}

}  // namespace newsdex::fuzz
