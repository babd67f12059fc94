#include "sim/simulation.hpp"

#include <tbb/global_control.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "sim/emergency/emergency_records.hpp"
#include "sim/emergency/emergency_step.hpp"
#include "sim/events/en_route_rerouting.hpp"
#include "sim/meso/meso_model.hpp"
#include "sim/route_on_costs.hpp"
#include "sim/transit/transit_model.hpp"

namespace arteria {
int resolve_threads(int threads) {
  const int limit = static_cast<int>(std::max<std::size_t>(
      1, tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism)));
  return threads > 0 ? std::min(threads, limit) : limit;
}

namespace {

std::uint64_t total(const std::vector<std::uint64_t>& per_node) {
  return std::accumulate(per_node.begin(), per_node.end(), std::uint64_t{0});
}

}  // namespace

Simulation::Simulation(std::shared_ptr<const Scenario> scenario, int threads,
                       std::optional<PreparedCch> prepared)
    : scenario_(std::move(scenario)), threads_(resolve_threads(threads)), arena_(threads_) {
  arena_.execute([&] {
    state_ =
        make_initial_state(*scenario_, route_on_costs(*scenario_, routing_, std::move(prepared)));
    if (scenario_->transit.present()) {
      const auto started = std::chrono::steady_clock::now();
      planner_ = std::make_shared<JourneyPlanner>(scenario_->transit.timetable,
                                                  scenario_->transit.params.planner,
                                                  scenario_->transit.placement.trip_placed);
      plan_passengers(*scenario_, *planner_, state_);
      planning_s_ =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    }
  });
  scratch_ = make_scratch(*scenario_);
  bin_start_s_ = scenario_->sim.start_s;
  end_s_ = scenario_->sim.end_s;
  count_departures_due();
}

// Road trips only: timetabled vehicles start by their own rule (ready before the end, which
// can be a little before a first departure after it), and transit_finished() covers them.
void Simulation::count_departures_due() {
  departures_due_ = 0;
  const Demand& demand = scenario_->demand;
  for (Index v = 0; v < state_.vehicles.status.size(); ++v) {
    departures_due_ += !demand.is_transit(v) &&
                       state_.vehicles.status[v] != VehicleStatus::unroutable &&
                       demand.trip_depart_s[v] < scenario_->sim.end_s;
  }
}

// Checked every 60 steps: summing the per-node counters every step would cost
// more than it saves. The check is a function of the state alone, so the stop is deterministic.
void Simulation::check_finished() {
  if (!(scenario_->sim.stop_when_empty || until_clear_) || state_.step % 60 != 0) return;
  finished_ = cleared();
}

bool Simulation::cleared() const {
  const LiveCounts c = counts();
  const Demand& demand = scenario_->demand;
  std::uint64_t transit_inserted = 0;  // a few thousand at most: cheap every 60 steps
  for (Index v = demand.transit_first; v < demand.trip_count(); ++v) {
    transit_inserted += !std::isnan(state_.vehicles.insert_s[v]);
  }
  // Emergency vehicles still to be sent or on their way keep the run going.
  const bool emergencies_done =
      state_.emergency.en_route.empty() &&
      state_.emergency.next_incident == scenario_->emergency.incidents.size();
  return c.en_route == 0 && c.inserted - transit_inserted == departures_due_ &&
         (!scenario_->transit.present() || transit_finished(*scenario_, state_)) &&
         emergencies_done;
}

double Simulation::due_before_s() const {
  return std::min(state_.time_s, scenario_->sim.end_s);
}

void Simulation::run_until_clear(double cap_s) {
  until_clear_ = true;
  end_s_ = std::max(cap_s, scenario_->sim.end_s);
}

Simulation::Simulation(SimSnapshot snapshot, int threads)
    : scenario_(std::move(snapshot.scenario)),
      threads_(resolve_threads(threads)),
      arena_(threads_),
      state_(std::move(snapshot.state)),
      scratch_(make_scratch(*scenario_)),
      bin_start_s_(snapshot.bin_start_s),
      end_s_(scenario_->sim.end_s) {
  if (scenario_->transit.present()) {
    planner_ = std::make_shared<JourneyPlanner>(scenario_->transit.timetable,
                                                scenario_->transit.params.planner,
                                                scenario_->transit.placement.trip_placed);
  }
  count_departures_due();
}

SimSnapshot Simulation::snapshot() const {
  return {scenario_, state_, bin_start_s_};
}

void Simulation::restore(const SimSnapshot& snapshot) {
  if (snapshot.scenario != scenario_) {
    throw std::invalid_argument("the snapshot was taken from a simulation of another scenario");
  }
  state_ = snapshot.state;  // equal sizes: vectors keep their buffers, so views stay valid
  bin_start_s_ = snapshot.bin_start_s;
  scratch_.active.stale = true;
  finished_ = false;
  publish();  // observations show the restored state (the snapshot has none)
}

void Simulation::enable_observations() {
  observing_ = true;
  publish();
}

void Simulation::publish() {
  if (observing_) {
    arena_.execute([&] { publish_observations(*scenario_, state_, observations_); });
  }
}

void Simulation::apply_due_events() {
  const auto& events = scenario_->events;
  while (state_.next_event < events.size() && events[state_.next_event].time_s <= state_.time_s) {
    apply_event(*scenario_, state_, events[state_.next_event], reroute_);
    ++state_.next_event;
    scratch_.active.stale = true;  // rebuilt from the changed state before the step
  }
}

void Simulation::intervene(const Event& event) {
  arena_.execute([&] { apply_event(*scenario_, state_, event, reroute_); });
  scratch_.active.stale = true;
}

Index Simulation::dispatch(const std::string& incident, Index node) {
  Index index = invalid_index;
  arena_.execute([&] { index = dispatch_now(*scenario_, state_, incident, node); });
  return index;
}

void Simulation::step() {
  if (done()) return;
  arena_.execute([&] {
    apply_due_events();
    if (scenario_->emergency.present()) emergency_step(*scenario_, state_);
    meso_step(*scenario_, planner_.get(), state_, scratch_);
    check_finished();
    const double bin_end = bin_start_s_ + scenario_->output.bin_s;
    if (state_.time_s >= bin_end - 1e-9) {
      LinkBin bin;
      collect_link_bin(*scenario_, state_, bin_start_s_, bin);
      bin_start_s_ = bin_end;
      if (en_route_rerouting_due(*scenario_, bin_end)) {
        reroute_on_current_times(*scenario_, state_, bin, reroute_);
        scratch_.active.stale = true;
      }
      if (bin_sink_) bin_sink_(std::move(bin));
    }
  });
}

void Simulation::run_until(double time_s) {
  while (!done() && state_.time_s < time_s - 1e-9) step();
}

void Simulation::flush_bin() {
  if (state_.bin.steps == 0) return;
  arena_.execute([&] {
    LinkBin bin;
    collect_link_bin(*scenario_, state_, bin_start_s_, bin);
    bin_start_s_ = state_.time_s;
    if (bin_sink_) bin_sink_(std::move(bin));
  });
}

LiveCounts Simulation::counts() const {
  LiveCounts c;
  c.inserted = total(state_.nodes.inserted);
  c.arrived = total(state_.nodes.arrived);
  c.stuck = total(state_.nodes.stuck_removed);
  c.en_route = c.inserted - c.arrived - c.stuck;
  c.push_throughs = total(state_.nodes.push_throughs);
  c.transitions = total(state_.nodes.transitions);
  return c;
}

TripRecords Simulation::trip_records() const {
  const Demand& demand = scenario_->demand;
  const Index n = demand.trip_count();
  TripRecords r;
  r.vehicle.resize(n);
  std::iota(r.vehicle.begin(), r.vehicle.end(), Index{0});
  r.external_id = demand.trip_external_id;
  r.origin = demand.trip_origin;
  r.destination = demand.trip_destination;
  r.depart_s = demand.trip_depart_s;
  r.insert_s = state_.vehicles.insert_s;
  r.arrive_s = state_.vehicles.arrive_s;
  r.removed_s = state_.vehicles.removed_s;
  r.distance_m.resize(n);
  for (Index v = 0; v < n; ++v) r.distance_m[v] = state_.vehicles.motion[v].distance_m;
  r.free_flow_time_s = state_.vehicles.free_flow_s;
  r.reroutes = state_.vehicles.reroutes;
  r.vehicle_class.assign(n, no_vehicle_class);
  std::copy(demand.trip_class.begin(), demand.trip_class.end(), r.vehicle_class.begin());
  r.status.resize(n);
  for (Index v = 0; v < n; ++v) {
    TripStatus status = TripStatus::en_route;
    switch (state_.vehicles.status[v]) {
      case VehicleStatus::arrived: status = TripStatus::arrived; break;
      case VehicleStatus::en_route: status = TripStatus::en_route; break;
      case VehicleStatus::stuck: status = TripStatus::stuck; break;
      case VehicleStatus::unroutable: status = TripStatus::unroutable; break;
      case VehicleStatus::pending:
        status = demand.trip_depart_s[v] < due_before_s() ? TripStatus::waiting
                                                          : TripStatus::not_departed;
        break;
    }
    r.status[v] = static_cast<std::uint8_t>(status);
  }
  return r;
}

TransitRecords Simulation::transit_records() const {
  return arteria::transit_records(*scenario_, state_, scenario_->output.bin_s);
}

namespace {

// Sums over every trip for the KPIs, in trip order (a fixed order: the same bits every run).
struct TripSums {
  std::uint64_t en_route = 0, waiting = 0, not_departed = 0, unroutable = 0;
  std::uint64_t road_arrived = 0, road_due = 0;
  double distance_m = 0.0, hours_s = 0.0, travel_s = 0.0, delay_s = 0.0, travel_due_s = 0.0;
};

// `due_before_s`: departures before it were due (now, or the end when a run went past it).
TripSums sum_trips(const Demand& demand, const SimState& state, double due_before_s) {
  const VehicleState& vehicles = state.vehicles;
  const double now = state.time_s;
  TripSums sums;
  for (Index v = 0; v < demand.trip_count(); ++v) {
    const VehicleStatus status = vehicles.status[v];
    sums.distance_m += vehicles.motion[v].distance_m;
    if (status == VehicleStatus::unroutable) {
      ++sums.unroutable;
      continue;
    }
    const bool due = demand.trip_depart_s[v] < due_before_s;
    const bool road = !demand.is_transit(v);
    if (status == VehicleStatus::pending) {
      ++(due ? sums.waiting : sums.not_departed);
    } else if (status == VehicleStatus::en_route) {
      ++sums.en_route;
    }
    // Every road trip due to depart counts in the honest mean: to its arrival, or until now.
    const bool arrived = status == VehicleStatus::arrived;
    if (road && due) {
      ++sums.road_due;
      sums.travel_due_s += (arrived ? vehicles.arrive_s[v] : now) - demand.trip_depart_s[v];
    }
    if (std::isnan(vehicles.insert_s[v])) continue;
    // Time on the network ends on arrival or removal as stuck; en route it runs until now.
    const double left = !std::isnan(vehicles.arrive_s[v])    ? vehicles.arrive_s[v]
                        : !std::isnan(vehicles.removed_s[v]) ? vehicles.removed_s[v]
                                                             : now;
    sums.hours_s += left - vehicles.insert_s[v];
    // Travel time and delay are the road users' (transit runs to a timetable).
    if (arrived && road) {
      ++sums.road_arrived;
      const double travel = vehicles.arrive_s[v] - demand.trip_depart_s[v];
      sums.travel_s += travel;
      sums.delay_s += travel - vehicles.free_flow_s[v];
    }
  }
  return sums;
}

double mean(double sum, std::uint64_t count) {
  return count > 0 ? sum / static_cast<double>(count) : 0.0;
}

}  // namespace

Kpis Simulation::kpis() const {
  const LiveCounts live = counts();
  const TripSums sums = sum_trips(scenario_->demand, state_, due_before_s());
  if (sums.en_route != live.en_route) {
    throw std::logic_error("vehicle conservation violated: inserted " +
                           std::to_string(live.inserted) + " != arrived " +
                           std::to_string(live.arrived) + " + stuck " + std::to_string(live.stuck) +
                           " + en route " + std::to_string(sums.en_route));
  }
  Kpis k;
  k.vehicles_inserted = live.inserted;
  k.vehicles_arrived = live.arrived;
  k.vehicles_stuck = live.stuck;
  k.stuck_push_throughs = live.push_throughs;
  k.reroutes = state_.reroutes;
  k.vehicles_en_route = sums.en_route;
  k.vehicles_waiting = sums.waiting;
  k.vehicles_not_departed = sums.not_departed;
  k.vehicles_unroutable = sums.unroutable;
  add_transit_kpis(*scenario_, state_, k);
  add_emergency_kpis(state_, k);
  k.vkt_km = sums.distance_m / 1000.0;
  k.vht_h = sums.hours_s / 3600.0;
  k.mean_travel_time_s = mean(sums.travel_s, sums.road_arrived);
  k.mean_delay_s = mean(sums.delay_s, sums.road_arrived);
  k.vehicles_unfinished = sums.en_route + sums.waiting + live.stuck;
  k.mean_travel_time_incl_unfinished_s = mean(sums.travel_due_s, sums.road_due);
  k.stopped_at_s = state_.time_s;
  k.network_cleared = sums.en_route == 0 && sums.waiting == 0 ? 1 : 0;
  return k;
}

}  // namespace arteria
