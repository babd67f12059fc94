// After an iteration of dynamic assignment, which travellers take their best route. Each decision
// is a draw of the counter RNG keyed by (seed, trip, iteration), so the routes do not depend on
// the thread count or on any other trip's draw. Rules and why gap-based is the default:
// docs/ARCHITECTURE.md, "Dynamic assignment".
#pragma once

#include <cstdint>
#include <vector>

#include "base/ids.hpp"
#include "model/dynamic_assignment_params.hpp"

namespace arteria {

// Per trip that chooses its route: its current route's time and its best route and time on the
// iteration's costs (best_route == route when nothing beats the current one).
struct RouteChoices {
  std::vector<Index> trips;  // the trips that choose, ascending
  std::vector<Index> route;  // per trip of the demand: its route in RouteSets; invalid: none
  std::vector<Index> best_route;
  std::vector<double> current_s;
  std::vector<double> best_s;
};

// The share of the trips (among those with a better route) that switch after iteration
// `iteration` (0 = the first simulation): 1 / (iteration + 2), so half switch after the first.
double switch_step(Index iteration);

// Moves trips to their best route by `rule` with the given step; returns how many moved.
Index switch_routes(SwitchRule rule, double step, std::uint64_t seed, Index iteration,
                    RouteChoices& choices);

}  // namespace arteria
