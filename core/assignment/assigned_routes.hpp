// Vehicle routes from an equilibrium: each road trip whose OD pair was assigned gets one of the
// pair's routes (AssignmentResult::od_paths) as its given route, drawn with probability
// proportional to the route's flow. The draw is the counter RNG keyed by (seed, trip), so the
// routes do not depend on the thread count or on any other trip.
//
// Static assignment ignores turns; the simulator does not. A route that takes a movement the
// network does not allow (a banned turn, a U-turn away from a dead end) is left out of the
// draw and the others share its flow; a trip whose pair has no drivable route, or whose pair was
// not assigned, keeps no given route and is routed on shortest paths as before.
#pragma once

#include <cstdint>
#include <vector>

#include "assignment/static_assignment.hpp"
#include "model/demand.hpp"
#include "model/network.hpp"

namespace arteria {

struct AssignedRoutesReport {
  Index equilibrium_trips = 0;  // road trips given an equilibrium route
  Index unassigned_trips = 0;   // road trips without a route of their own left to shortest paths
  Index undrivable_routes = 0;  // equilibrium routes left out for a movement the network forbids
};

// Per road trip of `demand`, the AssignmentProblem::od entry whose demand it is, or
// invalid_index when the assignment does not cover it: trips with a route of their own, trips
// departing outside [from_s, to_s), and pairs the problem does not list.
std::vector<Index> trip_od_entries(const Demand& demand, const AssignmentProblem& problem,
                                   double from_s, double to_s);

// Gives every trip with trip_od[trip] != invalid_index one of its pair's routes in `result`
// (the result of solving `problem`); the other trips keep what they have. `trip_od` has one entry
// per road trip.
AssignedRoutesReport give_assigned_routes(const Network& network, const std::vector<Index>& trip_od,
                                          const AssignmentResult& result, std::uint64_t seed,
                                          Demand& demand);

}  // namespace arteria
