// Time-dependent link costs from a finished run: the travel time of every link in every bin of
// the run's /links series, for routing a later run on them ([routing] costs_from).
#pragma once

#include <string>

#include "model/link_cost_series.hpp"
#include "model/network.hpp"

namespace arteria {

// Reads the run file at `h5_path` into one cost per link of `network` per bin of its /links
// series (bin_s and the first bin's start as the file says). Links are matched by id
// (/network/links/id), so the file may list them in another order; a link of either network
// missing from the other is an InputError naming the file and that link.
//
// The travel time of link l in bin b, never below l's free-flow time in `network`:
// - vehicles left l in b: length / mean_speed_mps, their mean time on the link;
// - none left but vehicles were queued at the bin's end (queue_veh > 0): the link was blocked
//   for the whole bin, so the previous bin's time (free flow before the first) plus bin_s;
// - none left and none queued (empty, or only vehicles still within their free-flow time): the
//   free-flow time.
LinkCostSeries read_link_cost_series(const std::string& h5_path, const Network& network);

}  // namespace arteria
