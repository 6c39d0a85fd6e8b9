// Writing an output file all at once: a temporary file in the same directory, then rename().
#pragma once

#include <string>

namespace newsdex::util {

/// Writes `bytes` to `path` atomically: into a hidden temporary file in the same directory,
/// fsync, then rename over `path`. On any failure no file (partial or temporary) is left and
/// Error(io) "cannot write WHAT PATH: reason" is thrown (`what`: "plot", "network", ...).
void write_file_atomically(const std::string& bytes, const std::string& path,
                           const std::string& what);

/// Throws Error(io) "cannot write WHAT PATH: reason" if a file could not be created at `path`
/// (its directory is missing or not writable, or `path` is a directory), so a run can fail
/// before its work. Thread-safe.
void check_writable_path(const std::string& path, const std::string& what);

}  // namespace newsdex::util
