// Translating Xapian exceptions into newsdex::Error at the library boundary (one place).
#pragma once

#include <newsdex/error.h>
#include <xapian.h>

#include <string>
#include <utility>

namespace newsdex {

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
