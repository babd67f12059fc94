// Link travel costs that change over the day: one cost per link for each time bin. Routing
// picks the bin of a trip's departure; a series with one bin is a static metric. Filled from a
// run's /links series (see the output stage) or from free-flow times.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include "base/ids.hpp"

namespace arteria {

struct LinkCostSeries {
  Index link_count = 0;
  double start_s = 0.0;                                    // start of bin 0, seconds after midnight
  double bin_s = std::numeric_limits<double>::infinity();  // bin length; infinite: one bin
  std::vector<float> cost_s;  // bin-major: cost of link l in bin b at [b * link_count + l]

  // A static metric: `cost` for every time of day.
  static LinkCostSeries constant(std::vector<float> cost) {
    LinkCostSeries series;
    series.link_count = static_cast<Index>(cost.size());
    series.cost_s = std::move(cost);
    return series;
  }
  Index bin_count() const {
    return link_count == 0 ? 0 : static_cast<Index>(cost_s.size() / link_count);
  }
  // The bin covering `time_s`; times before the first bin use it, times after the last use the
  // last.
  Index bin_at(double time_s) const {
    if (bin_count() <= 1 || !(time_s > start_s)) return 0;
    const double bin = std::floor((time_s - start_s) / bin_s);
    return bin >= static_cast<double>(bin_count() - 1) ? bin_count() - 1 : static_cast<Index>(bin);
  }
  const float* bin(Index b) const {
    return cost_s.data() + static_cast<std::size_t>(b) * link_count;
  }
};

// A link's travel time in one bin of a run, as routing sees it: length over the space-mean speed
// of the vehicles that left it in the bin. When none left: free flow, unless vehicles were queued
// at the bin's end; then the link was blocked for the whole bin and costs the previous bin's time
// (`previous_s`, free flow before the first) plus the bin, so a jam grows dearer bin by bin
// instead of looking free. Never below free flow.
inline double experienced_link_time_s(double length_m, double free_flow_s, float mean_speed_mps,
                                      float queue_veh, double previous_s, double bin_s) {
  double time = free_flow_s;
  if (mean_speed_mps > 0.0f && std::isfinite(mean_speed_mps)) {
    time = length_m / mean_speed_mps;
  } else if (queue_veh > 0.0f) {
    time = previous_s + bin_s;
  }
  return std::max(time, free_flow_s);
}

}  // namespace arteria
