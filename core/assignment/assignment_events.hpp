// The network events of a scenario in a static assignment. A static assignment has no clock, so
// it sees the network as it stands when its demand period starts: every close_link,
// reopen_link, set_link_capacity and set_link_speed event at or before `at_s` applies, in time
// order (the order Scenario::events keeps), and later ones do not. A closed link carries no
// flow; a capacity or speed event sets the link's BPR capacity or free-flow time as the
// simulation would; road works in force (close_lanes, limit_speed) scale that capacity by the
// share of lanes left open and hold the free-flow time at least at length / limit. set_signal_plan
// has no static counterpart; scale_demand has already changed the scenario's demand when it was
// compiled.
#pragma once

#include <vector>

#include "assignment/static_assignment.hpp"
#include "model/event.hpp"
#include "model/network.hpp"

namespace arteria {

// Applies the events in force at `at_s` to `problem`, a problem built from `network` by
// assignment_problem_for. Returns how many events applied.
Index apply_network_events(const Network& network, const std::vector<Event>& events, double at_s,
                           AssignmentProblem& problem);

}  // namespace arteria
