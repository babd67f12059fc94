// Spreading equal-cost ties. On grids many shortest paths cost exactly the same, and a router
// that always returns the first one puts every trip of an OD pair on one path (all-or-nothing
// loading onto a few links). Instead the router keeps `variants` copies of the metric, each with
// every finite link cost c raised to c * (1 + relative_spread * u), u in [0, 1) drawn by the
// counter RNG from (seed, variant, link); each trip is routed on the variant the RNG draws from
// (seed, trip). Ties are thus broken at random but reproducibly, per trip, at any thread count.
//
// Bound: a path P chosen on a variant costs, on the true metric, at most (1 + relative_spread)
// times the true shortest cost: true(P) <= perturbed(P) <= perturbed(P*) <= (1 + spread) true(P*).
// With the default 1e-4 a 30-minute trip is at most 0.18 s longer than the shortest.
#pragma once

#include <cstdint>
#include <vector>

#include "base/ids.hpp"

namespace arteria {

struct TieBreaking {
  std::uint64_t seed = 1;
  Index variants = 4;             // metrics per cost bin; 1: one perturbed metric for every trip
  float relative_spread = 1e-4f;  // well below any real cost difference
};

// The metric variant `trip` is routed on, in [0, variants).
Index route_variant(const TieBreaking& ties, Index trip);

// `cost` (link_count values; infinity = unusable) perturbed as variant `variant`, into `out`.
void perturb_costs(const TieBreaking& ties, Index variant, const float* cost, Index link_count,
                   std::vector<float>& out);

}  // namespace arteria
