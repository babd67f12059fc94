// Connection Scan (Dibbelt, Pajor, Strasser, Wagner, "Connection Scan Algorithm", 2018, §3):
// connections sorted by departure time are scanned once; a trip is "on" once it could be boarded,
// and every connection of an "on" trip relaxes its arrival stop. Stop labels hold the earliest
// time a new vehicle may be boarded there ("ready": arrival + transfer penalty, or the access
// time), so the boarding test is one comparison whatever the way the stop was reached.
#include "routing/journey_planner.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace arteria {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

enum class Via : std::uint8_t { access, ride, footpath };

// How a stop was reached (for the ready label) and when (the arrival label, kept apart because
// an access walk may be later than an arrival by vehicle yet still give the earlier ready time).
struct StopLabel {
  std::uint32_t stamp = 0;
  std::uint32_t rides = 0;
  double ready_s = 0.0;
  double arrive_s = 0.0;
  Index trip = invalid_index;  // ride and footpath: the trip left to get here
  Index board_call = invalid_index;
  Index alight_call = invalid_index;
  Index walk_from = invalid_index;  // footpath: the stop walked from
  Via via = Via::access;
};

struct TripLabel {
  std::uint32_t stamp = 0;
  std::uint32_t rides = 0;  // counting this trip
  Index board_call = invalid_index;
};

// Per-thread query state. Entries whose stamp differs from `generation` are unset, so a query
// starts by bumping the generation instead of clearing arrays.
struct Scratch {
  std::uint32_t generation = 0;
  std::vector<StopLabel> stops;
  std::vector<TripLabel> trips;
  std::vector<std::uint32_t> egress_stamp;
  std::vector<double> egress_walk_s;
  std::vector<Index> touched;  // stops labelled this query

  void begin(Index stop_count, Index trip_count) {
    if (stops.size() < stop_count) {
      stops.resize(stop_count);
      egress_stamp.resize(stop_count, 0);
      egress_walk_s.resize(stop_count, 0.0);
    }
    if (trips.size() < trip_count) trips.resize(trip_count);
    if (++generation == 0) {  // wrapped: clear once every 4 billion queries
      for (auto& label : stops) label.stamp = 0;
      for (auto& label : trips) label.stamp = 0;
      std::fill(egress_stamp.begin(), egress_stamp.end(), 0);
      generation = 1;
    }
    touched.clear();
  }
};

Scratch& thread_scratch() {
  thread_local Scratch scratch;
  return scratch;
}

bool better(double ready_s, std::uint32_t rides, const StopLabel& label, std::uint32_t generation) {
  if (label.stamp != generation) return true;
  return ready_s < label.ready_s || (ready_s == label.ready_s && rides < label.rides);
}

// Labels the stops the access walks reach; returns the earliest ready time among them
// (infinity: none labelled). With destinations, an access stop that is also an egress stop gives
// the walk-only journey: the earliest such arrival lands in best_arrive_s and best_stop.
double label_access(Scratch& scratch, const std::vector<StopWalk>& from, double depart_s,
                    bool with_destinations, double& best_arrive_s, Index& best_stop) {
  const std::uint32_t generation = scratch.generation;
  StopLabel* stops = scratch.stops.data();
  double earliest_ready_s = infinity;
  for (const StopWalk& access : from) {
    const double ready_s = depart_s + access.walk_s;
    StopLabel& label = stops[access.stop];
    if (!better(ready_s, 0, label, generation)) continue;
    if (label.stamp != generation) scratch.touched.push_back(access.stop);
    label = StopLabel{generation, 0, ready_s, ready_s};
    earliest_ready_s = std::min(earliest_ready_s, ready_s);
    if (with_destinations && scratch.egress_stamp[access.stop] == generation) {
      const double arrive_s = ready_s + scratch.egress_walk_s[access.stop];
      if (arrive_s < best_arrive_s) {
        best_arrive_s = arrive_s;
        best_stop = access.stop;
      }
    }
  }
  return earliest_ready_s;
}

// The first connection departing at or after time_s.
std::vector<JourneyPlanner::Connection>::const_iterator first_departing(
    const std::vector<JourneyPlanner::Connection>& connections, double time_s) {
  return std::lower_bound(connections.begin(), connections.end(), time_s,
                          [](const JourneyPlanner::Connection& c, double t_s) {
                            return static_cast<double>(c.depart_s) < t_s;
                          });
}

}  // namespace

struct JourneyPlanner::Best {
  double arrive_s = infinity;
  std::uint32_t rides = 0;
  Index stop = invalid_index;  // egress stop
  Index trip = invalid_index;  // invalid_index: the walk-only journey
  Index board_call = invalid_index;
  Index alight_call = invalid_index;
};

std::int32_t Journey::rides() const {
  return static_cast<std::int32_t>(std::count_if(
      legs.begin(), legs.end(), [](const JourneyLeg& leg) { return leg.kind == LegKind::ride; }));
}

JourneyPlanner::JourneyPlanner(const Timetable& timetable, const PlannerParams& params,
                               const std::vector<std::uint8_t>& runs)
    : timetable_(timetable), params_(params), walk_{params.walk_speed_mps, params.walk_detour} {
  const Timetable& tt = timetable_;
  connections_.reserve(tt.call_count());
  for (Index trip = 0; trip < tt.trip_count(); ++trip) {
    if (!runs.empty() && !runs[trip]) continue;
    for (Index call = tt.calls_begin(trip); call + 1 < tt.calls_end(trip); ++call) {
      connections_.push_back({tt.call_departure_s[call], tt.call_arrival_s[call + 1],
                              tt.call_stop[call], tt.call_stop[call + 1], trip, call,
                              tt.call_pickup[call], tt.call_dropoff[call + 1]});
    }
  }
  // Ties on departure by arrival, so a zero-minute hop is scanned before the hop leaving its
  // arrival stop at the same second; then by trip and call for a fixed order.
  std::sort(connections_.begin(), connections_.end(), [](const Connection& a, const Connection& b) {
    if (a.depart_s != b.depart_s) return a.depart_s < b.depart_s;
    if (a.arrive_s != b.arrive_s) return a.arrive_s < b.arrive_s;
    if (a.trip != b.trip) return a.trip < b.trip;
    return a.depart_call < b.depart_call;
  });
  footpaths_ = build_footpaths(tt.stop_x_m, tt.stop_y_m, walk_, params_.max_transfer_walk_m);
  grid_ = StopGrid(tt.stop_x_m, tt.stop_y_m,
                   std::max(params_.max_access_walk_m, 1.0) / params_.walk_detour);
}

std::vector<StopWalk> JourneyPlanner::stops_near(double x_m, double y_m, double max_walk_m) const {
  std::vector<Index> stops;
  std::vector<double> distances_m;
  grid_.within(x_m, y_m, max_walk_m / params_.walk_detour, stops, distances_m);
  std::vector<StopWalk> near;
  near.reserve(stops.size());
  for (std::size_t i = 0; i < stops.size(); ++i) {
    if (distances_m[i] * params_.walk_detour > max_walk_m) continue;
    near.push_back({stops[i], walk_.walk_s(distances_m[i])});
  }
  return near;
}

JourneyPlanner::Best JourneyPlanner::scan(const std::vector<StopWalk>& from, double depart_s,
                                          double until_s, bool with_destinations) const {
  Scratch& scratch = thread_scratch();
  const std::uint32_t generation = scratch.generation;
  StopLabel* stops = scratch.stops.data();
  TripLabel* trips = scratch.trips.data();
  Best best;

  const double earliest_ready_s =
      label_access(scratch, from, depart_s, with_destinations, best.arrive_s, best.stop);
  if (earliest_ready_s == infinity) return best;

  const double penalty_s = params_.transfer_penalty_s;
  const auto first = first_departing(connections_, earliest_ready_s);
  const Index* path_first = footpaths_.first.data();
  const Index* path_to = footpaths_.to_stop.data();
  const double* path_walk_s = footpaths_.walk_s.data();

  // Relaxes stop `stop` reached at arrive_s with `rides` rides; the ready label moves only on a
  // strictly better (ready, rides) pair, the arrival label on a strictly earlier arrival.
  auto relax = [&](Index stop, double arrive_s, std::uint32_t rides, const Connection& c,
                   Index board_call, Index walk_from) {
    StopLabel& label = stops[stop];
    const double ready_s = arrive_s + penalty_s;
    if (label.stamp != generation) {
      scratch.touched.push_back(stop);
      label.stamp = generation;
      label.ready_s = infinity;
      label.arrive_s = infinity;
    }
    if (arrive_s < label.arrive_s) label.arrive_s = arrive_s;
    if (ready_s < label.ready_s || (ready_s == label.ready_s && rides < label.rides)) {
      label.rides = rides;
      label.ready_s = ready_s;
      label.trip = c.trip;
      label.board_call = board_call;
      label.alight_call = c.depart_call + 1;
      label.walk_from = walk_from;
      label.via = walk_from == invalid_index ? Via::ride : Via::footpath;
    }
  };

  for (auto it = first; it != connections_.end(); ++it) {
    const Connection& c = *it;
    const auto connection_depart_s = static_cast<double>(c.depart_s);
    if (connection_depart_s > until_s || connection_depart_s > best.arrive_s) break;
    TripLabel& trip = trips[c.trip];
    bool on = trip.stamp == generation;
    if (c.pickup) {
      const StopLabel& at = stops[c.depart_stop];
      if (at.stamp == generation && at.ready_s <= connection_depart_s) {
        const std::uint32_t rides = at.rides + 1;
        if (!on || rides < trip.rides) {
          trip = TripLabel{generation, rides, c.depart_call};
          on = true;
        }
      }
    }
    if (!on || !c.drop_off) continue;
    const auto arrive_s = static_cast<double>(c.arrive_s);
    if (arrive_s > until_s) continue;
    relax(c.arrive_stop, arrive_s, trip.rides, c, trip.board_call, invalid_index);
    for (Index p = path_first[c.arrive_stop]; p < path_first[c.arrive_stop + 1]; ++p) {
      const double walked_s = arrive_s + path_walk_s[p];
      if (walked_s <= until_s)
        relax(path_to[p], walked_s, trip.rides, c, trip.board_call, c.arrive_stop);
    }
    if (with_destinations && scratch.egress_stamp[c.arrive_stop] == generation) {
      const double at_destination_s = arrive_s + scratch.egress_walk_s[c.arrive_stop];
      if (at_destination_s < best.arrive_s ||
          (at_destination_s == best.arrive_s && trip.rides < best.rides)) {
        best = Best{at_destination_s, trip.rides,      c.arrive_stop,
                    c.trip,           trip.board_call, c.depart_call + 1};
      }
    }
  }
  return best;
}

Journey JourneyPlanner::plan(const std::vector<StopWalk>& from, const std::vector<StopWalk>& to,
                             double depart_s) const {
  Scratch& scratch = thread_scratch();
  const Timetable& tt = timetable_;
  scratch.begin(tt.stop_count(), tt.trip_count());
  const std::uint32_t generation = scratch.generation;
  for (const StopWalk& egress : to) {
    if (scratch.egress_stamp[egress.stop] != generation ||
        egress.walk_s < scratch.egress_walk_s[egress.stop]) {
      scratch.egress_stamp[egress.stop] = generation;
      scratch.egress_walk_s[egress.stop] = egress.walk_s;
    }
  }
  const Best best = scan(from, depart_s, infinity, true);
  Journey journey;
  if (best.stop == invalid_index) return journey;
  journey.found = true;
  journey.arrive_s = best.arrive_s;

  // Walk back from the destination; legs come out last first.
  std::vector<JourneyLeg>& legs = journey.legs;
  const double egress_walk_s = scratch.egress_walk_s[best.stop];
  legs.push_back({LegKind::walk, best.stop, invalid_index, invalid_index, invalid_index,
                  invalid_index, best.arrive_s - egress_walk_s, best.arrive_s});
  Index trip = best.trip;
  Index board_call = best.board_call;
  Index alight_call = best.alight_call;
  Index stop = best.stop;
  // Each step goes back one ride; the bound only guards against a broken label chain.
  for (Index guard = 0; trip != invalid_index && guard <= tt.trip_count(); ++guard) {
    legs.push_back({LegKind::ride, tt.call_stop[board_call], tt.call_stop[alight_call], trip,
                    board_call, alight_call, static_cast<double>(tt.call_departure_s[board_call]),
                    static_cast<double>(tt.call_arrival_s[alight_call])});
    stop = tt.call_stop[board_call];
    const StopLabel& label = scratch.stops[stop];
    if (label.via == Via::footpath) {
      // The same arithmetic as build_footpaths, so the walk ends exactly where the label did.
      const double left_s = tt.call_arrival_s[label.alight_call];
      const double walk_s =
          walk_.walk_s(std::hypot(tt.stop_x_m[stop] - tt.stop_x_m[label.walk_from],
                                  tt.stop_y_m[stop] - tt.stop_y_m[label.walk_from]));
      legs.push_back({LegKind::walk, label.walk_from, stop, invalid_index, invalid_index,
                      invalid_index, left_s, left_s + walk_s});
    }
    trip = label.via == Via::access ? invalid_index : label.trip;
    board_call = label.board_call;
    alight_call = label.alight_call;
  }
  const StopLabel& origin = scratch.stops[stop];
  legs.push_back({LegKind::walk, invalid_index, stop, invalid_index, invalid_index, invalid_index,
                  depart_s, origin.ready_s});
  std::reverse(legs.begin(), legs.end());
  return journey;
}

void JourneyPlanner::earliest_arrivals(const std::vector<StopWalk>& from, double depart_s,
                                       double until_s, std::vector<StopArrival>& out) const {
  Scratch& scratch = thread_scratch();
  scratch.begin(timetable_.stop_count(), timetable_.trip_count());
  scan(from, depart_s, until_s, false);
  out.clear();
  for (Index stop : scratch.touched) {
    const double arrive_s = scratch.stops[stop].arrive_s;
    if (arrive_s <= until_s) out.push_back({stop, arrive_s});
  }
}

std::vector<double> JourneyPlanner::earliest_arrivals(Index from_stop, double depart_s,
                                                      double until_s) const {
  std::vector<StopArrival> reached;
  earliest_arrivals({StopWalk{from_stop, 0.0}}, depart_s, until_s, reached);
  std::vector<double> arrive_s(timetable_.stop_count(), infinity);
  for (const StopArrival& arrival : reached) arrive_s[arrival.stop] = arrival.arrive_s;
  return arrive_s;
}

}  // namespace arteria
