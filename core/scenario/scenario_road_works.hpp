// Road works in a scenario file: an [[events]] table with action = "road_works", a window
// (from, to), a zone (links = [...] or polygon = [[x, y], ...]) and what the works do
// (lanes_closed, speed_kmh). Reading checks the table; building finds the zone in the network
// and expands the works into close_lanes and limit_speed events (model/road_works.hpp).
#pragma once

#include <string>
#include <vector>

#include "model/event.hpp"
#include "model/network.hpp"
#include "scenario/scenario_spec.hpp"
#include "scenario/toml_reader.hpp"

namespace arteria {

inline constexpr const char* road_works_action = "road_works";

// Whether the event table's action is road_works (marks `action` as read).
bool is_road_works(TomlTable& table);

// Reads one road works table: from and to (to after from), exactly one of links and polygon
// (at least three [x, y] points), lanes_closed (a whole number, at least 1) and speed_kmh (a
// valid speed), at least one of the two. The caller sets `where` and `field`.
RoadWorksSpec read_road_works(TomlTable& table);

// The events of every road works, for `events` (the file's other events, resolved). An
// InputError names the file, line and field ("events[2].links") of an unknown link, a polygon
// holding no road link, lanes_closed that would leave a link of the zone without lanes, a
// window outside the period, and works on a link already under works at the time
// (road_works_overlap_error). finalize_scenario puts them in order (event_applies_before).
std::vector<Event> resolve_road_works(const std::vector<RoadWorksSpec>& works,
                                      const Network& network, const SimulationParams& sim,
                                      const std::vector<Event>& events,
                                      const std::vector<std::string>& files);

}  // namespace arteria
