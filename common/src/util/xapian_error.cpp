// Maps Xapian's exception classes onto newsdex error codes, with hints a user can act on.
#include "util/xapian_error.h"

namespace newsdex {

const char* to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::input:
      return "input";
    case ErrorCode::query:
      return "query";
    case ErrorCode::database:
      return "database";
    case ErrorCode::locked:
      return "locked";
    case ErrorCode::io:
      return "io";
    case ErrorCode::internal:
      return "internal";
  }
  return "unknown";
}

void rethrow_xapian(const Xapian::Error& e, const std::string& context) {
  const std::string what = context + ": " + e.get_msg();
  // Xapian::Error is not polymorphic; its type name tells the subclasses apart.
  const std::string type = e.get_type();
  if (type == "DatabaseLockError") {
    throw Error(ErrorCode::locked, context + ": the database is locked by another writer",
                "wait for the other newsdex-index to finish, or use another --db");
  }
  if (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError") {
    throw Error(ErrorCode::database, context + ": not a newsdex database (" + e.get_msg() + ")",
                "create one with: newsdex-index --db PATH FILES...");
  }
  if (type == "DatabaseModifiedError") {
    throw DatabaseChanged(ErrorCode::database,
                          what + " (the database changed while it was being read)",
                          "search again: a search reads from the last commit");
  }
  if (type == "DatabaseCorruptError" || type == "DatabaseVersionError") {
    throw Error(ErrorCode::database, what, "re-index into a new --db");
  }
  if (type == "QueryParserError") {
    throw QueryError(what, 0);
  }
  if (type.rfind("Database", 0) == 0) {
    throw Error(ErrorCode::database, what);
  }
  if (type == "NetworkError") {
    throw Error(ErrorCode::io, what, "is the xapian-tcpsrv for this shard running?");
  }
  throw Error(ErrorCode::internal, what);
}

}  // namespace newsdex
