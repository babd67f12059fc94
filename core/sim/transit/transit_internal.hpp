// The passenger side of the transit phase, called by the vehicle side (transit_vehicles.cpp).
#pragma once

#include <cstdint>

#include "model/scenario.hpp"
#include "routing/journey_planner.hpp"
#include "sim/sim_state.hpp"

namespace arteria {

// Passengers whose departure time has come set off on their plan (or are stranded without one).
void start_passengers_due(const Scenario& scenario, SimState& state, double t);

// Walks that end and waits that time out by `t`, in (time, passenger) order.
void fire_passenger_timers(const Scenario& scenario, const JourneyPlanner* planner, SimState& state,
                           double t);

// Passengers of `trip` whose ride ends at `call` get off; returns how many.
std::uint32_t alight_passengers(const Scenario& scenario, SimState& state, Index trip, Index call,
                                double t);

// Passengers waiting at `call`'s stop for a vehicle of `trip`'s route that takes them to their
// leg's stop board while there is room; the others are denied (once per call). Returns how many
// boarded.
std::uint32_t board_passengers(const Scenario& scenario, const JourneyPlanner* planner,
                               SimState& state, Index trip, Index call, double t);

}  // namespace arteria
