// Transit vehicles and passengers in the simulation step (docs/ARCHITECTURE.md
// "Transit" has the dwell model and the passengers' rules).
//
// A stop call is served at the downstream end of a link (or before the first link): the node
// phase takes the vehicle off its link there (a bay: it no longer blocks the lane), and the
// transit phase, which runs alone after the node phase, lets passengers off and on, holds the
// vehicle for its dwell time (and at timepoints for the scheduled departure), then puts it onto
// its next link. Passengers walk, wait at stops, board vehicles of the route their plan names
// if there is room (otherwise they are denied and wait for the next), ride, and walk on.
#pragma once

#include "model/scenario.hpp"
#include "routing/journey_planner.hpp"
#include "sim/run_records.hpp"
#include "sim/sim_state.hpp"
#include "sim/transit_records.hpp"

namespace arteria {

// Node phase: whether transit vehicle `v`, at the head of its link's buffer, has reached the
// stop of its next call; if so marks it reached (the caller takes it off the link).
bool transit_stop_here(const Scenario& scenario, SimState& state, Index v);

// Sizes the transit part of a fresh state (vehicles waiting to start, passengers at home).
void init_transit_state(const Scenario& scenario, SimState& state);

// Plans every passenger's journey for their departure time, in parallel.
void plan_passengers(const Scenario& scenario, const JourneyPlanner& planner, SimState& state);

// From now on vehicles of `route` that have not finished take at most `capacity` passengers
// (riders already on board stay); an intervention between steps.
void set_route_capacity(const Scenario& scenario, SimState& state, Index route,
                        std::int32_t capacity);

// The transit phase of one step at state.time_s; appends the wake-ups of the links its
// vehicles enter to `wakes` (for the active sets, meso/active_sets.hpp).
void transit_step(const Scenario& scenario, const JourneyPlanner* planner, SimState& state,
                  WakeOutbox& wakes);

// Every transit vehicle has finished (or will never run) and no passenger is on the move.
bool transit_finished(const Scenario& scenario, const SimState& state);

// Adds the transit and passenger KPIs; throws std::logic_error if a passenger is unaccounted
// for (on board or waiting lists disagree with the passengers' phases).
void add_transit_kpis(const Scenario& scenario, const SimState& state, Kpis& kpis);

TransitRecords transit_records(const Scenario& scenario, const SimState& state, double bin_s);

}  // namespace arteria
