// The vehicle side of the transit phase: starting trips at their first stop, serving calls
// (dwell model, timepoints), and putting vehicles back onto their route. See transit_model.hpp.
#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/meso/link_moves.hpp"
#include "sim/transit/transit_internal.hpp"
#include "sim/transit/transit_model.hpp"

namespace arteria {
namespace {

constexpr double not_yet = std::numeric_limits<double>::quiet_NaN();

Index vehicle_of(const Scenario& sc, Index trip) {
  return sc.demand.transit_first + trip;
}

// When a trip's vehicle may appear at its first stop: terminal_lead_s before the first
// departure (a block's later trip also waits for its predecessor, in transit_step()).
double ready_s(const Scenario& sc, Index trip) {
  const Timetable& tt = sc.transit.timetable;
  return tt.call_arrival_s[tt.calls_begin(trip)] - sc.transit.params.terminal_lead_s;
}

// Passengers' time on and off at a call, after the dwell model of docs/ARCHITECTURE.md: no
// passenger movement, no stop; otherwise door time plus time per passenger through one door.
double dwell_s(const VehicleType& type, std::uint32_t boarded, std::uint32_t alighted) {
  if (boarded + alighted == 0) return 0.0;
  return type.dead_time_s + type.board_s_per_pax * boarded + type.alight_s_per_pax * alighted;
}

class TransitPhaseRun {
 public:
  TransitPhaseRun(const Scenario& sc, const JourneyPlanner* planner, SimState& s, WakeOutbox& wakes)
      : sc_(sc),
        tt_(sc.transit.timetable),
        planner_(planner),
        s_(s),
        ts_(s.transit),
        t_(s.time_s),
        wakes_(wakes) {}

  void run() {
    start_passengers_due(sc_, s_, t_);
    fire_passenger_timers(sc_, planner_, s_, t_);
    start_trips();
    for (const Index trip : ts_.running) serve(trip);
    std::erase_if(ts_.running, [&](Index trip) { return ts_.phase[trip] == TransitPhase::done; });
  }

 private:
  void start_trips() {
    bool started = false;
    const std::vector<Index>& order = sc_.transit.start_order;
    while (ts_.next_start < order.size()) {
      const Index trip = order[ts_.next_start];
      const double ready = ready_s(sc_, trip);
      if (ready > t_ || ready >= sc_.sim.end_s) break;  // none start after the end
      ++ts_.next_start;
      if (ts_.phase[trip] != TransitPhase::waiting_start) continue;
      waiting_.push_back(trip);
    }
    // Trips whose block predecessor is still running wait for it.
    for (std::size_t i = 0; i < waiting_.size();) {
      const Index trip = waiting_[i];
      const Index before = tt_.trip_previous_in_block[trip];
      if (before != invalid_index && ts_.phase[before] != TransitPhase::done &&
          ts_.phase[before] != TransitPhase::unplaced) {
        ++i;
        continue;
      }
      waiting_.erase(waiting_.begin() + static_cast<std::ptrdiff_t>(i));
      const Index v = vehicle_of(sc_, trip);
      s_.vehicles.status[v] = VehicleStatus::en_route;
      s_.vehicles.insert_s[v] = t_;
      const Index first_link = s_.routes.links[s_.routes.trip_first_link[v]];
      ++s_.nodes.inserted[sc_.network.link_from_node[first_link]];
      ts_.place[trip] = -1;
      ts_.running.push_back(trip);
      started = true;
      arrive(trip);
    }
    if (started) std::sort(ts_.running.begin(), ts_.running.end());
  }

  void serve(Index trip) {
    if (ts_.phase[trip] == TransitPhase::reached_stop) {
      const Index v = vehicle_of(sc_, trip);
      ts_.place[trip] =
          static_cast<std::int32_t>(s_.vehicles.motion[v].route_pos - s_.routes.trip_first_link[v]);
      arrive(trip);
    }
    if (ts_.phase[trip] == TransitPhase::at_stop) dwell_or_leave(trip);
  }

  // The vehicle is at next_call's stop: passengers get off and on, the dwell begins.
  void arrive(Index trip) {
    const Index call = ts_.next_call[trip];
    ts_.phase[trip] = TransitPhase::at_stop;
    ts_.call_arrival_s[call] = t_;
    const std::uint32_t off = alight_passengers(sc_, s_, trip, call, t_);
    const std::uint32_t on = board_passengers(sc_, planner_, s_, trip, call, t_);
    ts_.call_alightings[call] += off;
    ts_.call_boardings[call] += on;
    const VehicleType& type = tt_.vehicle_types[tt_.trip_vehicle_type[trip]];
    double ready = t_ + dwell_s(type, on, off);
    // Vehicles wait for the timetable at timepoints and never leave their first stop early.
    if (tt_.call_timepoint[call] || call == tt_.calls_begin(trip)) {
      ready = std::max(ready, static_cast<double>(tt_.call_departure_s[call]));
    }
    ts_.depart_ready_s[trip] = ready;
  }

  void dwell_or_leave(Index trip) {
    const Index call = ts_.next_call[trip];
    const Index stop = tt_.call_stop[call];
    // Boarding goes on while the doors are open, for whoever came since the vehicle looked.
    if (ts_.call_arrival_s[call] < t_ && ts_.stop_joined[stop] != ts_.trip_seen_joined[trip]) {
      const std::uint32_t on = board_passengers(sc_, planner_, s_, trip, call, t_);
      if (on > 0) {
        const VehicleType& type = tt_.vehicle_types[tt_.trip_vehicle_type[trip]];
        const bool doors_closed = ts_.call_boardings[call] + ts_.call_alightings[call] == 0;
        ts_.depart_ready_s[trip] += dwell_s(type, on, 0) - (doors_closed ? 0.0 : type.dead_time_s);
        ts_.call_boardings[call] += on;
      }
    }
    if (ts_.depart_ready_s[trip] > t_) return;
    const Index last = tt_.calls_end(trip) - 1;
    if (call == last) {
      finish(trip);
      return;
    }
    // Calls served at the same place follow at once (stops snapped to one link end).
    if (sc_.transit.placement.call_route_pos[call + 1] == ts_.place[trip]) {
      depart_call(trip, call);
      ts_.next_call[trip] = call + 1;
      arrive(trip);
      dwell_or_leave(trip);
      return;
    }
    const Index v = vehicle_of(sc_, trip);
    const Index pos =
        ts_.place[trip] < 0 ? s_.vehicles.motion[v].route_pos : s_.vehicles.motion[v].route_pos + 1;
    const Index link = s_.routes.links[pos];
    if (!link_can_enter(s_, link)) return;  // waits at the stop until there is room
    if (ts_.place[trip] >= 0 && !green(s_.routes.links[pos - 1], link)) return;  // near-side stop
    depart_call(trip, call);
    ts_.next_call[trip] = call + 1;
    ts_.phase[trip] = TransitPhase::driving;
    s_.vehicles.motion[v].route_pos = pos;
    enter_link(sc_, s_, link, v, t_, wakes_);
    ++s_.nodes.transitions[sc_.network.link_from_node[link]];
  }

  // Whether the movement from `from` into `to` may go now (a stop at a link's end is on the
  // near side of the intersection: the vehicle still crosses it on green).
  bool green(Index from, Index to) const {
    const Index plan = s_.signals.node_plan[sc_.network.link_to_node[from]];
    if (plan == invalid_index) return true;
    const Index turn = sc_.network.find_turn(from, to);
    return turn == invalid_index || s_.signals.plans.is_green(plan, turn, t_);
  }

  void depart_call(Index trip, Index call) {
    ts_.call_departure_s[call] = t_;
    ts_.call_load[call] = static_cast<std::uint32_t>(ts_.on_board[trip].size());
  }

  void finish(Index trip) {
    const Index call = ts_.next_call[trip];
    depart_call(trip, call);
    ts_.phase[trip] = TransitPhase::done;
    const Index v = vehicle_of(sc_, trip);
    s_.vehicles.status[v] = VehicleStatus::arrived;
    s_.vehicles.arrive_s[v] = t_;
    ++s_.nodes.arrived[sc_.network.link_to_node[s_.routes.links[s_.vehicles.motion[v].route_pos]]];
  }

  const Scenario& sc_;
  const Timetable& tt_;
  const JourneyPlanner* planner_;
  SimState& s_;
  TransitState& ts_;
  double t_;
  WakeOutbox& wakes_;
  std::vector<Index>& waiting_ = s_.transit.blocked_starts;
};

}  // namespace

bool transit_stop_here(const Scenario& sc, SimState& s, Index v) {
  const Index trip = v - sc.demand.transit_first;
  const Index call = s.transit.next_call[trip];
  if (call >= sc.transit.timetable.calls_end(trip)) return false;
  const auto offset =
      static_cast<std::int32_t>(s.vehicles.motion[v].route_pos - s.routes.trip_first_link[v]);
  if (sc.transit.placement.call_route_pos[call] != offset) return false;
  s.transit.phase[trip] = TransitPhase::reached_stop;
  return true;
}

void init_transit_state(const Scenario& sc, SimState& s) {
  const Timetable& tt = sc.transit.timetable;
  TransitState& ts = s.transit;
  const Index trips = tt.trip_count();
  ts.phase.assign(trips, TransitPhase::waiting_start);
  ts.next_call.assign(tt.trip_first_call.begin(), tt.trip_first_call.end() - 1);
  ts.place.assign(trips, -1);
  ts.depart_ready_s.assign(trips, 0.0);
  ts.on_board.assign(trips, {});
  ts.trip_capacity.resize(trips);
  for (Index trip = 0; trip < trips; ++trip) {
    ts.trip_capacity[trip] = tt.vehicle_types[tt.trip_vehicle_type[trip]].capacity();
  }
  for (Index trip = 0; trip < trips; ++trip) {
    if (!sc.transit.placement.trip_placed[trip]) ts.phase[trip] = TransitPhase::unplaced;
  }
  ts.next_start = 0;
  ts.running.clear();
  ts.blocked_starts.clear();

  const Index calls = tt.call_count();
  ts.call_arrival_s.assign(calls, not_yet);
  ts.call_departure_s.assign(calls, not_yet);
  for (auto* counts : {&ts.call_boardings, &ts.call_alightings, &ts.call_denied, &ts.call_load}) {
    counts->assign(calls, 0);
  }
  ts.stop_waiting.assign(tt.stop_count(), {});
  ts.stop_joined.assign(tt.stop_count(), 0);
  ts.trip_seen_joined.assign(trips, 0);
}

void set_route_capacity(const Scenario& sc, SimState& s, Index route, std::int32_t capacity) {
  const Timetable& tt = sc.transit.timetable;
  for (Index trip = 0; trip < tt.trip_count(); ++trip) {
    if (tt.trip_route[trip] == route && s.transit.phase[trip] != TransitPhase::done) {
      s.transit.trip_capacity[trip] = capacity;
    }
  }
}

void transit_step(const Scenario& sc, const JourneyPlanner* planner, SimState& s,
                  WakeOutbox& wakes) {
  TransitPhaseRun(sc, planner, s, wakes).run();
}

bool transit_finished(const Scenario& sc, const SimState& s) {
  const TransitState& ts = s.transit;
  if (!ts.running.empty() || !ts.blocked_starts.empty()) return false;
  const std::vector<Index>& trips = sc.transit.start_order;
  for (std::size_t i = ts.next_start; i < trips.size(); ++i) {
    if (ready_s(sc, trips[i]) < sc.sim.end_s) return false;
  }
  for (const PassengerPhase phase : ts.pax_phase) {
    if (phase == PassengerPhase::walking || phase == PassengerPhase::waiting ||
        phase == PassengerPhase::riding) {
      return false;
    }
  }
  const PassengerDemand& pax = sc.transit.passengers;
  const std::vector<Index>& passengers = sc.transit.passenger_order;
  for (std::size_t i = ts.next_pax_departure; i < passengers.size(); ++i) {
    if (pax.depart_s[passengers[i]] < sc.sim.end_s) return false;
  }
  return true;
}

}  // namespace arteria
