// [assignment] routes = "equilibrium": the scenario's road trips start on the routes of a static
// user equilibrium of its own demand rather than on free-flow shortest paths (all-or-nothing).
// The assignment is the one `arteria assign` solves for the file (scenario_assignment.hpp: same
// options, demand period and network events); then each road trip without a route of its own
// whose OD pair was assigned gets one of the pair's routes, drawn in proportion to route flow
// (assignment/assigned_routes.hpp). Trips the assignment does not cover (departing outside the
// demand period, or whose pair has no drivable route) keep shortest paths.
#pragma once

#include "model/scenario.hpp"
#include "scenario/scenario_spec.hpp"

namespace arteria {

// Solves the assignment and gives the trips their routes; sets scenario.routes. Throws
// InputError naming unreachable OD pairs unless [assignment] allow_unreachable = true.
void give_equilibrium_routes(const ScenarioSpec& spec, Scenario& scenario);

}  // namespace arteria
