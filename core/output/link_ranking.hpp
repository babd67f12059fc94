// The busiest links of a run and those where vehicles lost the most time, from its /links
// series: what `arteria info RUN --top-links N` lists.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace arteria {

struct LinkTotals {
  std::string id;
  double flow_veh = 0.0;         // vehicles that left the link over the run
  double vehicle_hours = 0.0;    // time vehicles spent on it (mean occupancy x bin length)
  double free_flow_hours = 0.0;  // what flow_veh would have spent at the free-flow speed
  // vehicle_hours - free_flow_hours: the time lost to congestion, queues and red lights.
  // Vehicles still on the link at the end count with their time so far and no free-flow share.
  double delay_hours() const { return vehicle_hours - free_flow_hours; }
};

struct LinkRanking {
  std::vector<LinkTotals> busiest;       // by flow_veh, largest first
  std::vector<LinkTotals> most_delayed;  // by delay_hours(), largest first
};

// The `count` busiest and most delayed links of the run file at `path` (ties broken by link
// order). Throws InputError naming the file and dataset when it is not a complete run.
LinkRanking rank_links(const std::string& path, std::size_t count);

}  // namespace arteria
