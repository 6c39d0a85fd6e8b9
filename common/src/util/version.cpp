// The library's own version, for programs that check the library they run with.
#include <newsdex/version.h>

namespace newsdex {

const char* version() noexcept { return kVersion; }

}  // namespace newsdex
