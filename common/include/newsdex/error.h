// The one exception hierarchy libnewsdex throws; Xapian and ICU errors never escape the library.
#pragma once

#include <newsdex/export.h>

#include <cstddef>
#include <stdexcept>
#include <string>

namespace newsdex {

/// What kind of failure an Error reports; the CLIs map these to exit codes and hints.
enum class ErrorCode {
  input,     ///< bad input data or arguments (a file that cannot be parsed at all, bad option)
  query,     ///< a query string that cannot be parsed; see QueryError::column()
  database,  ///< a missing, corrupt or foreign database, or a schema mismatch
  locked,    ///< the database is locked by another writer
  io,        ///< a file could not be read or written
  internal,  ///< a bug in newsdex
  /// A named thing does not exist (an article id): the CLIs exit 1, "nothing found".
  not_found,
};

/// Returns a short lower-case name for `code` ("input", "query", ...).
NEWSDEX_EXPORT const char* to_string(ErrorCode code) noexcept;

/// Base of every exception libnewsdex throws. what() is one line saying what went wrong and
/// where; hint() is an optional one-line suggestion ("re-index with ..."), empty if none.
/// Besides Error, only two things leave the library: std::bad_alloc when memory runs out
/// (from Xapian too), and whatever a caller's callback throws.
class NEWSDEX_EXPORT Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message, std::string hint = {})
      : std::runtime_error(message), code_(code), hint_(std::move(hint)) {}
  ErrorCode code() const noexcept { return code_; }
  const std::string& hint() const noexcept { return hint_; }

 private:
  ErrorCode code_;
  std::string hint_;
};

/// A query that cannot be parsed. column() is the 1-based character position of the problem
/// in the query string (0 when unknown).
class NEWSDEX_EXPORT QueryError : public Error {
 public:
  QueryError(const std::string& message, std::size_t column, std::string hint = {})
      : Error(ErrorCode::query, message, std::move(hint)), column_(column) {}
  std::size_t column() const noexcept { return column_; }

 private:
  std::size_t column_;
};

}  // namespace newsdex
