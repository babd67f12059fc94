// A running simulation: one scenario (the model, shared and read-only), one state, and the
// oneTBB arena that fixes its thread count. Steps apply due events, advance the meso model and
// hand finished output bins to a sink. Several Simulations may live side by side.
#pragma once

#include <tbb/task_arena.h>

#include <functional>
#include <memory>
#include <optional>

#include "model/scenario.hpp"
#include "routing/journey_planner.hpp"
#include "routing/route_trips.hpp"
#include "sim/events/apply_event.hpp"
#include "sim/run_records.hpp"
#include "sim/sim_state.hpp"
#include "sim/transit_records.hpp"

namespace arteria {

struct LiveCounts {
  std::uint64_t inserted = 0;
  std::uint64_t arrived = 0;
  std::uint64_t en_route = 0;
  std::uint64_t stuck = 0;
  std::uint64_t push_throughs = 0;
  std::uint64_t transitions = 0;  // vehicles moved from one link into the next
};

// A copy of everything that changes: continue from it with restore() or the fork constructor.
// It holds state only: no scratch and no observations (each Simulation publishes its own).
struct SimSnapshot {
  std::shared_ptr<const Scenario> scenario;
  SimState state;
  double bin_start_s = 0.0;
};

// The threads a simulation gets: those asked for (0: every core), capped as oneTBB caps them at
// its parallelism limit (the cores, unless a tbb::global_control lifts it).
int resolve_threads(int threads);

class Simulation {
 public:
  // Routes every trip on free-flow times (timed in routing()) and builds the initial state.
  // threads = 0 uses every core; more threads than oneTBB allows (the cores) are capped, and
  // threads() tells how many it runs. `prepared`: the car CCH topology when the caller built it
  // already (arteria run builds it for the memory estimate).
  Simulation(std::shared_ptr<const Scenario> scenario, int threads,
             std::optional<PreparedCch> prepared = std::nullopt);
  // Continues from a snapshot (a fork, or a checkpoint read back): no routing, the state is
  // taken over (pass a copy to keep the snapshot). Observations are off until
  // enable_observations().
  Simulation(SimSnapshot snapshot, int threads);

  SimSnapshot snapshot() const;
  // Returns to a snapshot of a simulation of the same scenario. Array sizes are unchanged, so
  // views of the state's arrays stay valid; observations, when on, are published again from
  // the restored state (in place, so views of them stay valid too).
  void restore(const SimSnapshot& snapshot);
  // Keep observations() and publish them now.
  void enable_observations();
  // Refreshes observations() when observing. Callers publish after a batch of steps (the
  // Python step(n) call), not every step: the vehicle arrays alone are O(vehicles).
  void publish();

  const Scenario& scenario() const { return *scenario_; }
  const SimState& state() const { return state_; }
  // What the last step visited (meso/active_sets.hpp): for diagnostics and tests.
  const ActiveSets& active_sets() const { return scratch_.active; }
  ActiveSets& active_sets() { return scratch_.active; }  // tests tune the shards' balance
  SimState& state() { return state_; }
  // Empty until enable_observations(); then sized once and refreshed in place by publish().
  const Observations& observations() const { return observations_; }
  const RoutingReport& routing() const { return routing_; }
  // Wall seconds spent planning every passenger's journey (in the constructor).
  double planning_s() const { return planning_s_; }
  const JourneyPlanner* planner() const { return planner_.get(); }
  int threads() const { return threads_; }
  // Wall seconds spent re-routing after closures and reopenings so far.
  double rerouting_s() const { return reroute_.seconds; }

  double time_s() const { return state_.time_s; }
  // Start of the output bin in progress (its accumulators are in the state).
  double bin_start_s() const { return bin_start_s_; }
  // At the end time, or earlier when stop_when_empty and every trip has finished.
  bool done() const { return finished_ || state_.time_s >= end_s_ - 1e-9; }
  // The time the run stops at the latest: the scenario's end, or the cap of run_until_clear().
  double end_s() const { return end_s_; }
  // Lets the run go on past the scenario's end until the network is empty (every trip due
  // before the end arrived or was removed as stuck) or `cap_s` is reached; a cap before the
  // end is the end. Road trips all depart before the end (the scenario's check); timetabled
  // trips and passengers planned for later do not start.
  void run_until_clear(double cap_s);
  // Every trip due before the end has arrived or was removed (nothing en route or waiting).
  bool cleared() const;

  // Receives each finished bin of link series (set before stepping to record them).
  void set_bin_sink(std::function<void(LinkBin&&)> sink) { bin_sink_ = std::move(sink); }

  // Applies an event now (Python's interventions), re-routing as a due event would.
  void intervene(const Event& event);
  // Sends an emergency vehicle to `node` now (sim/emergency/emergency_step.hpp); returns the
  // dispatch's index in state().emergency.dispatches.
  Index dispatch(const std::string& incident, Index node);
  void step();
  void run_until(double time_s);
  // Emits the last, partial bin (if any steps went into it). Call once at the end of a run.
  void flush_bin();

  LiveCounts counts() const;
  TripRecords trip_records() const;
  TransitRecords transit_records() const;
  // KPIs of the run so far; checks conservation of vehicles and throws std::logic_error if
  // inserted != arrived + en route + stuck.
  Kpis kpis() const;

 private:
  void apply_due_events();

  std::shared_ptr<const Scenario> scenario_;
  int threads_;
  tbb::task_arena arena_;
  RoutingReport routing_;
  std::shared_ptr<const JourneyPlanner> planner_;  // null without transit
  double planning_s_ = 0.0;
  SimState state_;
  SimScratch scratch_;         // meso_step's, not state: never copied into a snapshot
  RerouteCch reroute_;         // the CCH re-routes run on, built at the first one
  Observations observations_;  // published from state_, not part of it
  bool observing_ = false;
  void count_departures_due();
  // Trips planned to depart before this were due: now, or the end once a run went past it
  // (timetabled trips planned for later never start, so they are not departed, not waiting).
  double due_before_s() const;
  void check_finished();

  double bin_start_s_ = 0.0;
  std::uint64_t departures_due_ = 0;  // routable road trips departing before the end
  bool finished_ = false;
  double end_s_ = 0.0;        // the scenario's end, or the cap of run_until_clear()
  bool until_clear_ = false;  // stop when empty even when the scenario says not to
  std::function<void(LinkBin&&)> bin_sink_;
};

}  // namespace arteria
