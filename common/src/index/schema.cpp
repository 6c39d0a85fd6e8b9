// Schema version check on open: a database from another version is an error with a way out.
#include "index/schema.h"

#include <newsdex/error.h>
#include <newsdex/version.h>

namespace newsdex::schema {

void check_schema(const Xapian::Database& db, const std::string& path) {
  const std::string version = db.get_metadata(kMetaSchema);
  if (version.empty()) {
    if (db.get_doccount() == 0) return;  // a new, empty database
    throw Error(ErrorCode::database, path + ": not a newsdex database (no schema version)",
                "use a database created by newsdex-index");
  }
  if (version != std::to_string(kSchemaVersion)) {
    throw Error(ErrorCode::database,
                path + ": database has schema version " + version + ", this newsdex needs " +
                    std::to_string(kSchemaVersion),
                "re-index: newsdex-index --db NEW_PATH FILES... (then remove the old database)");
  }
  // Terms made by another version of the text normaliser would not match this version's
  // queries: say so rather than silently find less.
  const std::string normaliser = db.get_metadata(kMetaNormaliser);
  if (!normaliser.empty() && normaliser != std::to_string(kNormaliserVersion)) {
    throw Error(ErrorCode::database,
                path + ": database was built with text normaliser version " + normaliser +
                    ", this newsdex uses " + std::to_string(kNormaliserVersion),
                "re-index: newsdex-index --db NEW_PATH FILES... (then remove the old database)");
  }
}

}  // namespace newsdex::schema
