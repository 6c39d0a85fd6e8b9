// Aligning timelines of several queries on one axis of periods, for the SVG chart.
#include <newsdex/plot.h>

#include <map>

#include "search/facets.h"

namespace newsdex::output {

PlotData timeline_plot(const std::vector<std::pair<std::string, Timeline>>& series,
                       const std::string& title) {
  PlotData plot;
  plot.title = title;
  if (series.empty()) return plot;
  const Period period = series.front().second.period;
  const bool shares = series.front().second.normalized;
  const std::string name = to_string(period);
  plot.x_label = name;
  plot.percent = shares;
  const std::string unit = to_string(series.front().second.counts);
  plot.y_label =
      shares ? "share of all " + unit + " in the " + name + " (%)" : unit + " per " + name;
  std::string first, last;
  for (const auto& [label, t] : series) {
    if (t.buckets.empty()) continue;
    if (first.empty() || t.buckets.front().first_day < first) first = t.buckets.front().first_day;
    if (last.empty() || t.buckets.back().last_day > last) last = t.buckets.back().last_day;
  }
  const auto periods = search::periods_between(period, first, last);
  std::map<std::string, std::size_t> index;
  for (const auto& b : periods) {
    index[b.period] = plot.periods.size();
    plot.periods.push_back(b.period);
    plot.first_days.push_back(b.first_day);
  }
  for (const auto& [label, t] : series) {
    PlotSeries s;
    s.label = label;
    s.values.assign(plot.periods.size(), 0.0);
    for (const TimelineBucket& b : t.buckets) {
      const auto it = index.find(b.period);
      if (it != index.end()) s.values[it->second] = shares ? b.share : static_cast<double>(b.count);
    }
    plot.series.push_back(std::move(s));
  }
  return plot;
}

}  // namespace newsdex::output
