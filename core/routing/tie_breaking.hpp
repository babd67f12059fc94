// Spreading equal-cost ties. On grids many shortest paths cost exactly the same, and a router
// that always returns the first one puts every trip of an OD pair on one path (all-or-nothing
// loading onto a few links).
//
// route_trips spreads per trip on one metric per cost bin (CchQuery::append_spread_path): each
// tied choice of the trip's path (meeting vertex, the arcs the search labels came by, the turn
// or lower triangle each shortcut unpacks into) is drawn by the counter RNG from (seed, trip,
// choice), so every trip of an OD pair draws its own shortest path, reproducibly at any thread
// count, costing at most the shortest within cch_tie_tolerance (cch_metric.hpp).
//
// Re-routing (sim/events/reroute.cpp) still routes with LinkDijkstra on `variants` perturbed
// metrics: every finite link cost c raised to c * (1 + relative_spread * u), u in [0, 1) drawn
// by the counter RNG from (seed, variant, link); each trip on the variant drawn from (seed,
// trip). A path chosen on a variant costs, on the true metric, at most (1 + relative_spread)
// times the true shortest cost: true(P) <= perturbed(P) <= perturbed(P*) <= (1 + spread) true(P*).
#pragma once

#include <cstdint>
#include <vector>

#include "base/ids.hpp"

namespace arteria {

struct TieBreaking {
  std::uint64_t seed = 1;
  bool spread = true;             // route_trips: false takes the first shortest path everywhere
  Index variants = 4;             // re-routing: perturbed metrics; 1: one for every trip
  float relative_spread = 1e-4f;  // re-routing: well below any real cost difference
};

// The metric variant `trip` is re-routed on, in [0, variants).
Index route_variant(const TieBreaking& ties, Index trip);

// `cost` (link_count values; infinity = unusable) perturbed as variant `variant`, into `out`.
void perturb_costs(const TieBreaking& ties, Index variant, const float* cost, Index link_count,
                   std::vector<float>& out);

}  // namespace arteria
