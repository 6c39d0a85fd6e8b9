// Starting a fixed set of worker threads, with an Error (not std::terminate) when the system
// refuses one.
#pragma once

#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace newsdex::util {

/// Appends `count` threads running `body` to `threads`. If one cannot be started (ulimit -u, a
/// huge --jobs), calls `stop`, which must make the started ones return, joins them and throws
/// Error(io) "cannot start <count> <what> (started N): <reason>" with a hint about --jobs.
/// (Left joinable, they would end the program with std::terminate.)
void start_threads(std::vector<std::thread>& threads, unsigned count,
                   const std::function<void()>& body, const std::function<void()>& stop,
                   const std::string& what);

}  // namespace newsdex::util
