// The passenger side of the transit phase: passengers follow their plan leg by leg (walk, wait,
// ride), board when there is room, are denied otherwise, and plan again when their route will
// not come. Every passenger is in exactly one place: at home, on a walk, in one stop's waiting
// list, or on one vehicle; add_transit_kpis() checks it.
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "sim/transit/transit_internal.hpp"
#include "sim/transit/transit_model.hpp"
#include "sim/transit_records.hpp"

namespace arteria {
namespace {

std::vector<StopWalk> destination_stops(const Scenario& sc, const JourneyPlanner& planner,
                                        Index p) {
  const PassengerDemand& pax = sc.transit.passengers;
  return planner.stops_near(pax.destination_x_m[p], pax.destination_y_m[p],
                            sc.transit.params.planner.max_access_walk_m);
}

void push_timer(TransitState& ts, double time_s, Index p) {
  ts.timers.push_back({time_s, p, ts.pax_serial[p]});
  std::push_heap(ts.timers.begin(), ts.timers.end(), std::greater<>{});
}

void strand(SimState& s, Index p, StrandedReason reason) {
  s.transit.pax_phase[p] = PassengerPhase::stranded;
  s.transit.pax_reason[p] = static_cast<std::uint8_t>(reason);
}

// Starts the passenger's current leg at `t`, or ends the journey when no leg is left.
void begin_leg(const Scenario& sc, SimState& s, Index p, double t) {
  TransitState& ts = s.transit;
  ++ts.pax_serial[p];
  ts.pax_since_s[p] = t;
  const auto& plan = ts.pax_plan[p];
  // Walks of no length (already at the stop, or alighting at the destination) take no step.
  while (ts.pax_leg[p] < plan.size() && plan[ts.pax_leg[p]].kind == LegKind::walk &&
         plan[ts.pax_leg[p]].arrive_s <= plan[ts.pax_leg[p]].depart_s) {
    ++ts.pax_leg[p];
  }
  if (ts.pax_leg[p] >= plan.size()) {
    ts.pax_phase[p] = PassengerPhase::arrived;
    ts.pax_arrive_s[p] = t;
    return;
  }
  const JourneyLeg& leg = plan[ts.pax_leg[p]];
  if (leg.kind == LegKind::walk) {
    ts.pax_phase[p] = PassengerPhase::walking;
    push_timer(ts, t + (leg.arrive_s - leg.depart_s), p);
    return;
  }
  ts.pax_phase[p] = PassengerPhase::waiting;
  ts.stop_waiting[leg.from_stop].push_back(p);
  ++ts.stop_joined[leg.from_stop];
  push_timer(ts, t + sc.transit.params.max_wait_s, p);
}

void leave_stop(SimState& s, Index p, Index stop) {
  auto& waiting = s.transit.stop_waiting[stop];
  waiting.erase(std::find(waiting.begin(), waiting.end(), p));
}

// Plans again from the stop the passenger waits at, for vehicles leaving from `after_s` on;
// stranded when nothing goes any more.
void replan(const Scenario& sc, const JourneyPlanner* planner, SimState& s, Index p, double t,
            double after_s) {
  TransitState& ts = s.transit;
  const Index stop = ts.pax_plan[p][ts.pax_leg[p]].from_stop;
  leave_stop(s, p, stop);
  ts.pax_wait_s[p] += static_cast<float>(t - ts.pax_since_s[p]);
  ++ts.pax_replans[p];
  Journey journey;
  if (planner != nullptr && ts.pax_replans[p] <= sc.transit.params.max_replans) {
    journey = planner->plan({{stop, 0.0}}, destination_stops(sc, *planner, p), after_s);
  }
  if (!journey.found) {
    strand(s, p, StrandedReason::no_service);
    return;
  }
  ts.pax_plan[p] = std::move(journey.legs);
  ts.pax_leg[p] = 0;
  begin_leg(sc, s, p, t);
}

// The call of `trip` after `call` where a rider for `to_stop` may get off; invalid_index if none.
Index alight_call_for(const Timetable& tt, Index trip, Index call, Index to_stop) {
  for (Index c = call + 1; c < tt.calls_end(trip); ++c) {
    if (tt.call_stop[c] == to_stop && tt.call_dropoff[c]) return c;
  }
  return invalid_index;
}

// Whether a vehicle of `trip`'s route other than `trip` will still call at `stop` and take a
// rider on to `to_stop`.
bool later_service(const Scenario& sc, const SimState& s, Index trip, Index stop, Index to_stop) {
  const Timetable& tt = sc.transit.timetable;
  const TransitState& ts = s.transit;
  const Index route = tt.trip_route[trip];
  const TransitScenario& transit = sc.transit;
  for (Index i = transit.route_first_trip[route]; i < transit.route_first_trip[route + 1]; ++i) {
    const Index other = transit.route_trips[i];
    const TransitPhase phase = ts.phase[other];
    if (other == trip || phase == TransitPhase::done || phase == TransitPhase::unplaced) continue;
    for (Index c = ts.next_call[other]; c < tt.calls_end(other); ++c) {
      if (tt.call_stop[c] == stop && tt.call_pickup[c] &&
          alight_call_for(tt, other, c, to_stop) != invalid_index) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

void plan_passengers(const Scenario& sc, const JourneyPlanner& planner, SimState& s) {
  const PassengerDemand& pax = sc.transit.passengers;
  TransitState& ts = s.transit;
  const Index n = pax.count();
  ts.pax_phase.assign(n, PassengerPhase::not_departed);
  ts.pax_plan.assign(n, {});
  ts.pax_leg.assign(n, 0);
  ts.pax_since_s.assign(n, 0.0);
  ts.pax_arrive_s.assign(n, std::nan(""));
  for (auto* times : {&ts.pax_walk_s, &ts.pax_wait_s, &ts.pax_in_vehicle_s}) times->assign(n, 0.0f);
  for (auto* counts : {&ts.pax_rides, &ts.pax_denied, &ts.pax_replans}) counts->assign(n, 0);
  ts.pax_serial.assign(n, 0);
  ts.pax_denied_call.assign(n, invalid_index);
  ts.pax_reason.assign(n, static_cast<std::uint8_t>(StrandedReason::none));
  std::vector<std::uint8_t> found(n, 0);
  const double max_walk = sc.transit.params.planner.max_access_walk_m;
  tbb::parallel_for(Index{0}, n, [&](Index p) {
    Journey journey =
        planner.plan(planner.stops_near(pax.origin_x_m[p], pax.origin_y_m[p], max_walk),
                     destination_stops(sc, planner, p), pax.depart_s[p]);
    found[p] = journey.found;
    ts.pax_plan[p] = std::move(journey.legs);
  });
  for (Index p = 0; p < n; ++p) {
    if (!found[p]) ts.pax_reason[p] = static_cast<std::uint8_t>(StrandedReason::no_journey);
  }
  ts.next_pax_departure = 0;
  ts.timers.clear();
}

void start_passengers_due(const Scenario& sc, SimState& s, double t) {
  TransitState& ts = s.transit;
  const PassengerDemand& pax = sc.transit.passengers;
  const std::vector<Index>& order = sc.transit.passenger_order;
  while (ts.next_pax_departure < order.size()) {
    const Index p = order[ts.next_pax_departure];
    if (pax.depart_s[p] > t || pax.depart_s[p] >= sc.sim.end_s) break;  // none after the end
    ++ts.next_pax_departure;
    if (ts.pax_reason[p] == static_cast<std::uint8_t>(StrandedReason::no_journey)) {
      strand(s, p, StrandedReason::no_journey);
      continue;
    }
    begin_leg(sc, s, p, t);
  }
}

void fire_passenger_timers(const Scenario& sc, const JourneyPlanner* planner, SimState& s,
                           double t) {
  TransitState& ts = s.transit;
  while (!ts.timers.empty() && ts.timers.front().time_s <= t) {
    std::pop_heap(ts.timers.begin(), ts.timers.end(), std::greater<>{});
    const PassengerTimer timer = ts.timers.back();
    ts.timers.pop_back();
    const Index p = timer.passenger;
    if (timer.serial != ts.pax_serial[p]) continue;  // the passenger moved on since
    if (ts.pax_phase[p] == PassengerPhase::walking) {
      ts.pax_walk_s[p] += static_cast<float>(t - ts.pax_since_s[p]);
      ++ts.pax_leg[p];
      begin_leg(sc, s, p, t);
    } else if (ts.pax_phase[p] == PassengerPhase::waiting) {
      replan(sc, planner, s, p, t, t);
    }
  }
}

std::uint32_t alight_passengers(const Scenario& sc, SimState& s, Index trip, Index call, double t) {
  TransitState& ts = s.transit;
  auto& riders = ts.on_board[trip];
  std::uint32_t off = 0;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < riders.size(); ++i) {
    if (riders[i].alight_call != call) {
      riders[kept++] = riders[i];
      continue;
    }
    const Index p = riders[i].passenger;
    ts.pax_in_vehicle_s[p] += static_cast<float>(t - ts.pax_since_s[p]);
    ++ts.pax_leg[p];
    ++off;
    begin_leg(sc, s, p, t);
  }
  riders.resize(kept);
  return off;
}

std::uint32_t board_passengers(const Scenario& sc, const JourneyPlanner* planner, SimState& s,
                               Index trip, Index call, double t) {
  const Timetable& tt = sc.transit.timetable;
  TransitState& ts = s.transit;
  if (!tt.call_pickup[call]) return 0;
  const Index stop = tt.call_stop[call];
  const Index route = tt.trip_route[trip];
  const auto capacity = static_cast<std::size_t>(ts.trip_capacity[trip]);
  auto& waiting = ts.stop_waiting[stop];
  std::vector<Index> give_up;  // denied with no later vehicle of their route: plan again
  std::uint32_t on = 0;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < waiting.size(); ++i) {
    const Index p = waiting[i];
    const JourneyLeg& leg = ts.pax_plan[p][ts.pax_leg[p]];
    const Index alight = tt.trip_route[leg.trip] == route
                             ? alight_call_for(tt, trip, call, leg.to_stop)
                             : invalid_index;
    if (alight == invalid_index) {
      waiting[kept++] = p;
      continue;
    }
    if (ts.on_board[trip].size() < capacity) {
      ts.pax_wait_s[p] += static_cast<float>(t - ts.pax_since_s[p]);
      ts.pax_since_s[p] = t;
      ++ts.pax_serial[p];  // cancels the wait timeout
      ++ts.pax_rides[p];
      ts.pax_phase[p] = PassengerPhase::riding;
      ts.on_board[trip].push_back({p, alight});
      ++on;
      continue;
    }
    waiting[kept++] = p;
    if (ts.pax_denied_call[p] == call) continue;  // counted once per vehicle and stop
    ts.pax_denied_call[p] = call;
    ++ts.pax_denied[p];
    ++ts.call_denied[call];
    if (!later_service(sc, s, trip, stop, leg.to_stop)) give_up.push_back(p);
  }
  waiting.resize(kept);
  // The timetable still lists the vehicle that refused them: plan for what leaves after it.
  const double after_s = std::max(t, tt.call_departure_s[call] + 1.0);
  for (const Index p : give_up) replan(sc, planner, s, p, t, after_s);
  ts.trip_seen_joined[trip] = ts.stop_joined[stop];
  return on;
}

}  // namespace arteria
