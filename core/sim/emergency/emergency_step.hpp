// Emergency vehicles in the meso model (docs/ARCHITECTURE.md "Emergency vehicles"). They run
// beside the queues rather than in them: other traffic yields, so an emergency vehicle takes no
// storage or flow capacity, passes a link's standing queue at a reduced speed, and at a red
// signal gets green after a clearance time, during which the node is all-red for the others.
#pragma once

#include <string>

#include "model/scenario.hpp"
#include "sim/sim_state.hpp"

namespace arteria {

// Runs between the steps, before the meso step at s.time_s, on one thread: dispatches the
// scenario's incidents that are due, moves the vehicles en route through the nodes they have
// reached, and charges the vehicles held by each pre-emption for the coming step. Costs one
// comparison when no incident is due and none is en route.
void emergency_step(const Scenario& scenario, SimState& s);

// Sends the vehicle of the nearest station (by its travel time now) to `node` now; returns the
// dispatch's index in s.emergency.dispatches. A dispatch no station reaches is recorded with no
// station and no arrival. std::invalid_argument when the scenario has no station.
Index dispatch_now(const Scenario& scenario, SimState& s, const std::string& incident, Index node);

// An emergency vehicle's time (s) on `l` entered now: free-flow time at min(link speed, the
// emergency class's maximum), with the queue's length (its vehicles x the jam length per pcu
// / lanes, at most the link) at min(pass speed, that speed). Sets `queued` to the queue's
// vehicles.
double emergency_link_time_s(const Scenario& scenario, const SimState& s, Index l,
                             std::uint64_t& queued);

}  // namespace arteria
