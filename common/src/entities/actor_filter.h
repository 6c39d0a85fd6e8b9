// What the tagger takes for an actor but is none: stock tickers and names run into them
// (Reuters' `Exxon Corp <XON>`: `XON`, `DU PONT <DD`) and company suffixes on their own (`Inc`).
#pragma once

#include <newsdex/entities.h>

#include <string_view>
#include <vector>

namespace newsdex::entities {

/// Cleans the actors recognised in `title` and `body`: a name (or alias) running into an angle
/// bracket is cut before it (`DU PONT <DD` -> `DU PONT`; one that is then the same as another
/// actor's joins it); an actor named only inside angle brackets in the text (a ticker, `<XON>`)
/// and one whose name is only a company suffix or filler word (`Inc`, `Co`) are dropped.
void drop_non_actors(std::vector<Entity>& actors, std::string_view title, std::string_view body);

}  // namespace newsdex::entities
