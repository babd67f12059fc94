// Road works: a work zone (a list of links, or the links inside a polygon) whose links lose
// lanes and get a speed limit for a time window. Works expand into close_lanes and limit_speed
// events (event.hpp), so the simulation and the assignments apply them like any link event.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "base/ids.hpp"
#include "model/event.hpp"
#include "model/network.hpp"

namespace arteria {

struct RoadWorks {
  double from_s = 0.0;  // the window [from_s, to_s), on the run's clock (hours may pass 24)
  double to_s = 0.0;
  std::vector<Index> links;      // the zone, in link id order, each once
  double lanes_closed = 0.0;     // on every link of the zone; 0: none
  double speed_limit_mps = 0.0;  // 0: none
  SourceRef where;
};

// The road links of the zone drawn by `polygon` (at least three points; its last point joins
// its first): every link that admits a road mode, is no centroid connector, and whose whole
// polyline (both end nodes and every shape point) lies inside the polygon by the even-odd rule.
// A point exactly on an edge may fall either way, so a polygon is drawn around the links it
// means. Points are in the network's own coordinates: [lon, lat] in degrees for a network
// imported from geographic data (projection transverse_mercator), else its metres [x, y].
// In link id order.
std::vector<Index> links_inside_polygon(const Network& network,
                                        const std::vector<std::array<double, 2>>& polygon);

// What is wrong with a window against the simulated period [start_s, end_s] (empty: nothing):
// it must end after it starts and overlap the period.
std::string road_works_window_error(double from_s, double to_s, double start_s, double end_s);

// What is wrong with adding `works` to `events` (empty: nothing): a link of the zone under road
// works (close_lanes or limit_speed in force) at some time of the works' window, since the end of
// either works would lift both.
std::string road_works_overlap_error(const RoadWorks& works, const std::vector<Event>& events,
                                     const Network& network);

// The events of `works` (a window road_works_window_error accepts) clipped to the period: at
// the later of from_s and start_s, close_lanes and limit_speed (each when set) on every link
// of the zone; at to_s, when it comes before end_s, the same with 0: all lanes open, no limit.
// Works still on at end_s stay on until the run ends.
std::vector<Event> road_works_events(const RoadWorks& works, double start_s, double end_s);

}  // namespace arteria
