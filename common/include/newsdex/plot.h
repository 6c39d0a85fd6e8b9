// Timelines (matches per period) drawn as SVG line charts: what newsdex-search --plot writes.
#pragma once

#include <newsdex/export.h>
#include <newsdex/searcher.h>

#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace newsdex::output {

/// One line of the chart.
struct PlotSeries {
  std::string label;           ///< legend text (the query)
  std::vector<double> values;  ///< one value per PlotData::periods entry; NaN leaves a gap
};

/// Everything the chart shows. Texts may hold any characters: they are escaped on output.
struct PlotData {
  std::string title;    ///< chart title
  std::string y_label;  ///< e.g. "articles per month" or "share of articles per month (%)"
  std::string x_label;  ///< e.g. "month"
  /// Period labels, oldest first: "1987", "1987-03", "1987-03-02", "1987-W10".
  std::vector<std::string> periods;
  /// "YYYY-MM-DD" first day of each period (same length as periods). Points are placed on a
  /// time scale by these days, so missing periods show as a longer step; may be left empty for
  /// year, month and day periods (the day is then read from the period label).
  std::vector<std::string> first_days;
  std::vector<PlotSeries> series;
  bool percent = false;  ///< values are shares in [0,1]: label the y axis ticks as percentages
};

/// Writes a complete standalone SVG document (900x450, with a viewBox) to `out`.
/// Throws std::invalid_argument, before writing anything, when a series does not have one value
/// per period or first_days is neither empty nor as long as periods.
NEWSDEX_EXPORT void write_svg_plot(const PlotData& data, std::ostream& out);

/// Writes the SVG to `path` atomically: into a temporary file in the same directory, then rename.
/// On any failure no file (partial or temporary) is left behind and newsdex::Error(ErrorCode::io)
/// is thrown with the path and the system's reason (strerror), e.g.
/// "cannot write plot /nope/x.svg: No such file or directory". Throws std::invalid_argument as
/// write_svg_plot does, without creating any file.
NEWSDEX_EXPORT void write_svg_plot_file(const PlotData& data, const std::string& path);

/// Throws Error(io) if an SVG could not be written to `path` (its directory is missing or not
/// writable, or `path` is a directory), so a long run can fail before it starts. Thread-safe.
NEWSDEX_EXPORT void check_plot_path(const std::string& path);

/// One series per (label, timeline), all on the periods from the earliest to the latest bucket
/// of any of them (a period a series does not cover counts 0 for it). Plots shares when the
/// timelines are normalised. All timelines must have the same period.
NEWSDEX_EXPORT PlotData timeline_plot(const std::vector<std::pair<std::string, Timeline>>& series,
                                      const std::string& title);

}  // namespace newsdex::output
