// One printer interface for search results, with a human (text) and a script (JSON Lines) back end.
#pragma once

#include <newsdex/searcher.h>

#include <memory>
#include <ostream>
#include <string>

namespace newsdex::output {

/// Totals printed after the hits.
struct Summary {
  std::string query;
  std::size_t matches_estimated = 0;
  std::size_t returned = 0;
  std::size_t offset = 0;
  std::size_t limit = 0;
  double elapsed_ms = 0.0;
};

/// Receives hits and then one summary. Implementations write to the stream given on creation.
class Printer {
 public:
  virtual ~Printer() = default;
  virtual void hit(const Hit& hit) = 0;
  virtual void summary(const Summary& summary) = 0;
};

/// Readable text: rank, date, title, snippet, entities; ANSI colour when `color`.
std::unique_ptr<Printer> make_text_printer(std::ostream& out, bool color);
/// JSON Lines, schema in docs/json.md: {"type":"hit",...} per hit, then {"type":"summary",...}.
std::unique_ptr<Printer> make_json_printer(std::ostream& out);

}  // namespace newsdex::output
