// Where newsdex finds its data files (tagger model, gazetteer tables): one rule for everyone.
#pragma once

#include <string>
#include <vector>

namespace newsdex::entities {

/// The prefix `cmake --install` put this copy of the library under; empty in a build tree.
std::string installed_prefix();

/// The data directory to use. Order: `explicit_dir` if not empty (RecognizerOptions::data_dir),
/// else $NEWSDEX_DATA_DIR if set and not empty; else, in an installed copy, share/newsdex
/// under the prefix it was installed to (installed_prefix()) if it is there, else share/newsdex
/// relative to the library (or the executable linking it statically), for a prefix moved after
/// installing; else, in a build tree, the source tree's corpus/ (NEWSDEX_SOURCE_DATA_DIR);
/// else the configured install location (NEWSDEX_INSTALL_DATA_DIR). Never throws; the
/// directory may not exist. Thread-safe.
std::string resolve_data_dir(const std::string& explicit_dir = {});

/// `relative` ("gazetteer/demonyms.tsv", "models/tagger.bin") under resolve_data_dir(explicit_dir).
std::string data_path(const std::string& relative, const std::string& explicit_dir = {});

/// The lines of a data table (gazetteer/*.tsv, *.txt): '\r' stripped, blank lines and lines
/// starting with '#' skipped. Throws Error(io) naming the file if it cannot be read.
std::vector<std::string> table_lines(const std::string& path);

}  // namespace newsdex::entities
