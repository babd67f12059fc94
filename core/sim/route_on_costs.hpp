// The routes a simulation starts with: free-flow shortest paths, or paths on a previous run's
// link times (Scenario::route_costs), each trip on the bin of its departure. One metric per bin,
// not a time-dependent search: see docs/ARCHITECTURE.md, "Routing on a run's costs".
#pragma once

#include "model/scenario.hpp"
#include "routing/route_trips.hpp"

namespace arteria {

// Costs never fall below a link's free-flow time and stay infinite on links cars may not use.
// Throws std::logic_error when the scenario names costs_from but they were not loaded
// (run/result_inputs.hpp).
// `prepared`: the car CCH topology when the caller built it already (route_trips).
TripRoutes route_on_costs(const Scenario& scenario, RoutingReport& report,
                          std::optional<PreparedCch> prepared = std::nullopt);

}  // namespace arteria
