// Translating Xapian exceptions into newsdex::Error at the library boundary (one place).
#pragma once

#include <newsdex/error.h>
#include <xapian.h>

#include <string>
#include <utility>

namespace newsdex {

/// What Xapian's DatabaseModifiedError becomes: the revision a reader had open was overwritten
/// by a writer's commits. Internal: the Searcher catches it, reopens and runs again; anyone
/// else sees an Error(database).
class DatabaseChanged : public Error {
 public:
  using Error::Error;
};

/// Converts a Xapian error into the matching newsdex::Error; `context` says what we were doing
/// ("opening /x/newsdex.db").
[[noreturn]] void rethrow_xapian(const Xapian::Error& e, const std::string& context);

/// Runs `f`, translating any Xapian::Error (see rethrow_xapian).
template <typename F>
auto xapian_try(const std::string& context, F&& f) -> decltype(f()) {
  try {
    return std::forward<F>(f)();
  } catch (const Xapian::Error& e) {
    rethrow_xapian(e, context);
  }
}

}  // namespace newsdex
