// The mesoscopic queue model with spillback (docs/ARCHITECTURE.md "Meso model"). A step is two
// parallel phases over plain arrays: the link phase (free-flow exit times, flow-capacity gate,
// backward waves of freed space) and the node phase (movements across intersections, signals, fair
// service of in-links, insertions, arrivals, stuck vehicles). See sim_state.hpp for who owns
// what during a phase; nothing in a step locks or depends on the thread count, and the only
// memory a step allocates is the wake-up wheel's (link_wheel.hpp), given back as it is used.
#pragma once

#include "model/scenario.hpp"
#include "routing/route_trips.hpp"
#include "sim/run_records.hpp"
#include "sim/sim_state.hpp"

namespace arteria {

// How far (pcu) a stuck vehicle may overfill the link it is pushed into; beyond that it is
// removed instead, which bounds every link's ring of vehicles.
inline constexpr double push_through_overfill_pcu = 2.0;

// The smallest and largest vehicle (pcu) of a demand, with 1 pcu always inside the range.
struct PcuRange {
  double min = 1.0;
  double max = 1.0;
};
PcuRange pcu_range(const Demand& demand);

// How make_initial_state sizes a link from the network's values: what may leave per step, the
// downstream buffer, the jam storage and the slots its vehicle and backward-wave rings need
// (before rounding up to powers of two).
struct LinkSizing {
  double flow_per_step = 0.0;  // pcu
  std::uint32_t buffer_size = 1;
  double wave_delay_s = 0.0;
  double storage_pcu = 0.0;
  double vehicle_slots = 0.0;
  double hole_slots = 0.0;
};
LinkSizing size_link(const Scenario& scenario, Index link, PcuRange pcu);

// How make_initial_state sizes a lane group from its link's sizing: its share of the flow and
// storage (the whole link's for a link's only group) and the slots of its ring.
struct GroupSizing {
  double flow_per_step = 0.0;  // pcu
  std::uint32_t buffer_size = 1;
  double storage_pcu = 0.0;
  double vehicle_slots = 0.0;
};
GroupSizing size_group(const Scenario& scenario, Index group, const LinkSizing& link, PcuRange pcu);

// A fresh state at the scenario's start time with the given routes (one per trip).
SimState make_initial_state(const Scenario& scenario, TripRoutes routes);

// Scratch sized for the scenario's network, for meso_step().
SimScratch make_scratch(const Scenario& scenario);

// Recomputes the controls the model uses (capacity, free speed, storage; its groups' flow per
// step, buffer sizes and storage) from the link's own values and road works (LinkState); call
// after an event changed either. Lanes closed scale the capacity and the storage of the link
// and of each of its lane groups by the share of lanes left open; storage below the vehicles
// already on the link lets no new one in until they have made room.
void refresh_link_controls(const Scenario& scenario, SimState& state, Index link);

// Advances the state by one step, from state.time_s to state.time_s + step_s. Events are
// applied by the caller before the step; `scratch` is only used within it.
// With transit, `planner` plans passengers again when they must (transit_model.hpp).
void meso_step(const Scenario& scenario, const JourneyPlanner* planner, SimState& state,
               SimScratch& scratch);

// Fills `obs` from the current state (sizes it on first use, outside stepping). Brings the
// state's queue counters (links.ready) up to date, which changes no result.
// Link mean speed: space-mean speed of vehicles that left the link so far in the current output
// bin; with none, the free speed when the link is empty and 0 when vehicles are on it.
void publish_observations(const Scenario& scenario, SimState& state, Observations& obs);

// Fills `bin` with the link series of the bin that ends now and resets the accumulators.
void collect_link_bin(const Scenario& scenario, SimState& state, double bin_start_s, LinkBin& bin);

}  // namespace arteria
