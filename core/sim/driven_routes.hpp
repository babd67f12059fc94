// The links each vehicle drove, pieced together at the end of a run from its routes and the
// re-routes it was given (SimState::route_switches): what select-link analysis needs
// (`output.routes`, /trips/route_links).
#pragma once

#include "routing/route_trips.hpp"
#include "sim/sim_state.hpp"

namespace arteria {

// Per vehicle, in vehicle order: its route up to where each re-route left it, then the new
// route, up to and including the link it is on, was removed from as stuck, or arrived at the end
// of. Vehicles that never entered the network (pending, unroutable) drove none.
TripRoutes driven_routes(const SimState& s);

}  // namespace arteria
