// En-route route choice on current link times ([routing] en_route_period_s): at the end of every
// period, the drivers who re-route (a share of the trips, drawn once per trip from the counter
// RNG) take the fastest path on the link times of the output bin just ended, when it is faster
// than what is left of their route on the same times. Drivers on the network re-route from the
// end of their current link; drivers departing before the next period ends, from their origin.
// Transit vehicles keep their routes. What SUMO's rerouting device does with
// --device.rerouting.period, on measured instead of smoothed times.
#pragma once

#include "model/scenario.hpp"
#include "sim/events/apply_event.hpp"
#include "sim/run_records.hpp"
#include "sim/sim_state.hpp"

namespace arteria {

// Whether the drivers re-route at `time_s`, the end of an output bin.
bool en_route_rerouting_due(const Scenario& scenario, double time_s);

// Re-routes as above on `bin`'s link times; counts the re-routes in the state.
RerouteCounts reroute_on_current_times(const Scenario& scenario, SimState& state,
                                       const LinkBin& bin, RerouteCch& cch);

}  // namespace arteria
