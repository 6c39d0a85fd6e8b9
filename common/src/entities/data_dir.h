// Where newsdex finds its data files (tagger model, gazetteer tables): one rule for everyone.
#pragma once

#include <string>

namespace newsdex::entities {

/// The data directory to use. Order: `explicit_dir` if not empty (RecognizerOptions::data_dir),
/// else $NEWSDEX_DATA_DIR if set and not empty, else the source tree's corpus/ (compiled in as
/// NEWSDEX_SOURCE_DATA_DIR) if it exists, else the installed share/newsdex
/// (NEWSDEX_INSTALL_DATA_DIR). Never throws; the directory may not exist. Thread-safe.
std::string resolve_data_dir(const std::string& explicit_dir = {});

/// `relative` ("gazetteer/demonyms.tsv", "models/tagger.bin") under resolve_data_dir(explicit_dir).
std::string data_path(const std::string& relative, const std::string& explicit_dir = {});

}  // namespace newsdex::entities
