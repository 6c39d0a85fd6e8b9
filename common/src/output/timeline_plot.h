// Turns the timelines of one or more queries into the data of one chart (output/svg_plot.h).
#pragma once

#include <newsdex/searcher.h>

#include <string>
#include <utility>
#include <vector>

#include "output/svg_plot.h"

namespace newsdex::output {

/// One series per (label, timeline), all on the periods from the earliest to the latest bucket
/// of any of them (a period a series does not cover counts 0 for it). Plots shares when the
/// timelines are normalised. All timelines must have the same period.
PlotData timeline_plot(const std::vector<std::pair<std::string, Timeline>>& series,
                       const std::string& title);

}  // namespace newsdex::output
