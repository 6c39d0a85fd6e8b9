// Starting worker threads (see threads.h).
#include "util/threads.h"

#include <newsdex/error.h>

#include <system_error>

namespace newsdex::util {

void start_threads(std::vector<std::thread>& threads, unsigned count,
                   const std::function<void()>& body, const std::function<void()>& stop,
                   const std::string& what) {
  const std::size_t before = threads.size();
  try {
    for (unsigned t = 0; t < count; ++t) threads.emplace_back(body);
  } catch (const std::system_error& e) {
    const std::size_t started = threads.size() - before;
    stop();
    for (auto& t : threads) {
      if (t.joinable()) t.join();
    }
    throw Error(ErrorCode::io,
                "cannot start " + std::to_string(count) + " " + what + " (started " +
                    std::to_string(started) + "): " + e.code().message(),
                "use a smaller --jobs, or raise the limit on processes (ulimit -u)");
  }
}

}  // namespace newsdex::util
