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
    case ErrorCode::not_found:
      return "not_found";
  }
  return "unknown";
}

void rethrow_xapian(const Xapian::Error& e, const std::string& context) {
  // Xapian keeps the system's reason (errno's text) apart from its message: "Error writing
  // block 422" means little without "No space left on device".
  const char* reason = e.get_error_string();
  const std::string why = reason && *reason ? std::string(reason) : std::string();
  std::string what = context + ": " + e.get_msg();
  if (!why.empty() && what.find(why) == std::string::npos) what += ": " + why;
  // Xapian::Error is not polymorphic; its type name tells the subclasses apart.
  const std::string type = e.get_type();
  if (type == "DatabaseLockError") {
    // Only a lock that another process holds is "locked"; a lock file that cannot be created
    // (read-only database, directory or disk) is an I/O problem, with its own reason.
    // (Xapian puts the reason in the message: "...: Couldn't open lockfile: Permission denied".)
    const std::string msg = e.get_msg();
    if (!why.empty() || msg.find("lockfile") != std::string::npos) {
      const auto colon = msg.rfind(": ");
      const std::string cause = !why.empty()                 ? why
                                : colon == std::string::npos ? msg
                                                             : msg.substr(colon + 2);
      throw Error(ErrorCode::io, context + ": cannot write to the database: " + cause,
                  "check the permissions of the database directory, or use another --db");
    }
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
