// Spreading equal-cost ties. On grids many shortest paths cost exactly the same, and a router
// that always returns the first one puts every trip of an OD pair on one path (all-or-nothing
// loading onto a few links).
//
// route_trips spreads per trip on one metric per cost bin (CchQuery::append_spread_path): each
// tied choice of the trip's path (meeting vertex, the arcs the search labels came by, the turn
// or lower triangle each shortcut unpacks into) is drawn by the counter RNG from (seed, trip,
// choice), so every trip of an OD pair draws its own shortest path, reproducibly at any thread
// count, costing at most the shortest within cch_tie_tolerance (cch_metric.hpp).
// Re-routing after closures (sim/events/reroute.cpp) draws its paths the same way.
#pragma once

#include <cstdint>

namespace arteria {

struct TieBreaking {
  std::uint64_t seed = 1;
  bool spread = true;  // false takes the first shortest path everywhere
};

}  // namespace arteria
