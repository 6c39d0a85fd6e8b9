// The user aliases file (RecognizerOptions::aliases_file, newsdex-index --aliases).
#include <newsdex/error.h>

#include <fstream>
#include <string>
#include <vector>

#include "entities/recognizer_stages.h"
#include "text/tokenizer.h"

namespace newsdex::entities {

UserAliases load_user_aliases(const std::string& path) {
  UserAliases map;
  if (path.empty()) return map;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::io, "cannot read aliases file " + path);
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
      std::size_t tab = line.find('\t', start);
      fields.push_back(line.substr(start, tab == std::string::npos ? tab : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    const std::string where = path + ":" + std::to_string(number) + ": ";
    if (fields.size() < 2) {
      throw Error(ErrorCode::input,
                  where + "expected a canonical name and at least one alias, tab-separated",
                  "format: canonical name<TAB>alias<TAB>alias...; '#' starts a comment");
    }
    std::vector<std::string> keys;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      std::string key = text::fold_phrase(fields[i]);
      if (key.empty()) {
        throw Error(ErrorCode::input, where + "field " + std::to_string(i + 1) + " is empty");
      }
      keys.push_back(std::move(key));
    }
    std::string canonical = fields[0];
    canonical.erase(0, canonical.find_first_not_of(" "));
    canonical.erase(canonical.find_last_not_of(" ") + 1);
    for (const auto& key : keys) {
      auto [it, inserted] = map.emplace(key, canonical);
      if (!inserted && text::fold_phrase(it->second) != keys[0]) {
        throw Error(ErrorCode::input,
                    where + "\"" + key + "\" is already an alias of \"" + it->second + "\"");
      }
    }
  }
  return map;
}

// Models are large and read-only: one copy per path in the process while a recogniser uses it.

}  // namespace newsdex::entities
