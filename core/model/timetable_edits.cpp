// What-if edits of a timetable; see timetable_edits.hpp.
#include "model/timetable_edits.hpp"

#include <algorithm>
#include <cmath>

#include "base/did_you_mean.hpp"
#include "base/value_ranges.hpp"

namespace arteria {
namespace {

[[noreturn]] void fail(const std::string& field, const std::string& message) {
  throw TimetableEditError(field, message);
}

void check_value(const std::string& field, const ValueRange& range, double value) {
  const std::string problem = range_problem(range, value);
  if (!problem.empty()) fail(field, problem);
}

// Trips of the window's route whose first departure lies in [from_s, to_s), in its direction
// when it names one.
std::vector<Index> trips_in_window(const Timetable& tt, Index route, const TripWindow& window) {
  std::vector<Index> trips;
  for (Index trip = 0; trip < tt.trip_count(); ++trip) {
    const double start = tt.call_departure_s[tt.calls_begin(trip)];
    if (tt.trip_route[trip] == route && start >= window.from_s && start < window.to_s &&
        (!window.direction || tt.trip_direction[trip] == *window.direction)) {
      trips.push_back(trip);
    }
  }
  return trips;
}

// The directions the trips run in, ascending (-1 first: trips the feed gives no direction).
std::vector<int> directions_of(const Timetable& tt, const std::vector<Index>& trips) {
  std::vector<int> directions;
  for (const Index trip : trips) directions.push_back(tt.trip_direction[trip]);
  std::sort(directions.begin(), directions.end());
  directions.erase(std::unique(directions.begin(), directions.end()), directions.end());
  return directions;
}

std::vector<Index> in_direction(const Timetable& tt, const std::vector<Index>& trips,
                                int direction) {
  std::vector<Index> kept;
  for (const Index trip : trips) {
    if (tt.trip_direction[trip] == direction) kept.push_back(trip);
  }
  return kept;
}

void check_direction(const TripWindow& window) {
  if (window.direction && *window.direction != 0 && *window.direction != 1) {
    fail("direction", "must be 0 or 1 (GTFS direction_id)");
  }
}

// Removes the listed trips (ascending) from the timetable.
void remove_trips(Timetable& tt, const std::vector<Index>& doomed) {
  if (doomed.empty()) return;
  Timetable kept = tt;
  kept.trip_id.clear();
  kept.trip_route.clear();
  kept.trip_vehicle_type.clear();
  kept.trip_previous_in_block.clear();
  kept.trip_shape.clear();
  kept.trip_direction.clear();
  kept.trip_first_call = {0};
  kept.call_stop.clear();
  kept.call_arrival_s.clear();
  kept.call_departure_s.clear();
  kept.call_timepoint.clear();
  kept.call_pickup.clear();
  kept.call_dropoff.clear();
  std::vector<Index> new_index(tt.trip_count(), invalid_index);
  std::size_t d = 0;
  for (Index trip = 0; trip < tt.trip_count(); ++trip) {
    if (d < doomed.size() && doomed[d] == trip) {
      ++d;
      continue;
    }
    new_index[trip] = kept.trip_count();
    append_calls(kept, tt, trip);
    kept.trip_id.push_back(tt.trip_id[trip]);
    kept.trip_route.push_back(tt.trip_route[trip]);
    kept.trip_vehicle_type.push_back(tt.trip_vehicle_type[trip]);
    kept.trip_previous_in_block.push_back(tt.trip_previous_in_block[trip]);
    kept.trip_shape.push_back(tt.trip_shape[trip]);
    kept.trip_direction.push_back(tt.trip_direction[trip]);
    kept.trip_first_call.push_back(kept.call_count());
  }
  for (Index& before : kept.trip_previous_in_block) {
    if (before != invalid_index) before = new_index[before];  // a cancelled one: none
  }
  tt = std::move(kept);
}

// A trip's stops with arrival and departure times relative to its first departure.
struct CallOffsets {
  std::vector<Index> stops;
  std::vector<std::int32_t> arrival_s;
  std::vector<std::int32_t> departure_s;
};

CallOffsets offsets_of(const Timetable& tt, Index trip) {
  CallOffsets offsets;
  const std::int32_t start = tt.call_departure_s[tt.calls_begin(trip)];
  for (Index c = tt.calls_begin(trip); c < tt.calls_end(trip); ++c) {
    offsets.stops.push_back(tt.call_stop[c]);
    offsets.arrival_s.push_back(tt.call_arrival_s[c] - start);
    offsets.departure_s.push_back(tt.call_departure_s[c] - start);
  }
  return offsets;
}

// Departures every `headway_s` from `first_s` to `last_s` (inclusive) running `offsets`; trip ids
// `id_prefix` + 0, 1, ...
void add_departures(Timetable& tt, Index route, const CallOffsets& offsets, double first_s,
                    double last_s, double headway_s, const std::string& id_prefix) {
  int k = 0;
  for (double t = first_s; t <= last_s + 1e-9; t += headway_s, ++k) {
    const auto shift = static_cast<std::int32_t>(std::lround(t));
    std::vector<std::int32_t> arrival(offsets.arrival_s), departure(offsets.departure_s);
    for (auto& a : arrival) a += shift;
    for (auto& d : departure) d += shift;
    add_timetable_trip(tt, id_prefix + std::to_string(k), route, offsets.stops, arrival, departure);
  }
}

// The stops of a new line, checked against the timetable.
std::vector<Index> line_stops(const Timetable& tt, const NewLine& line) {
  if (line.stops.size() < 2) fail("stops", "needs two stop ids or more");
  std::vector<Index> stops;
  for (const std::string& id : line.stops) {
    const Index stop = tt.find_stop(id);
    if (stop == invalid_index) fail("stops", "no stop '" + id + "' in the feed");
    stops.push_back(stop);
  }
  return stops;
}

// The parameters of a new line (the route and stops are checked first, as the file lists them).
void check_line(const NewLine& line) {
  if (std::find(new_line_modes().begin(), new_line_modes().end(), transit_mode_name(line.mode)) ==
      new_line_modes().end()) {
    fail("mode", std::string("a new line cannot be a ") + transit_mode_name(line.mode) + " line");
  }
  check_value("speed_kmh", valid::free_speed_kmh, line.speed_kmh);
  check_value("dwell_s", valid::dwell_s, line.dwell_s);
  check_value("headway_s", valid::headway_s, line.headway_s);
  if (line.last_s < line.first_s) fail("last", "is before 'first'");
}

}  // namespace

Index resolve_route(const Timetable& tt, const std::string& name) {
  const Index by_id = tt.find_route(name);
  if (by_id != invalid_index) return by_id;
  std::vector<Index> named;
  for (Index route = 0; route < tt.route_count(); ++route) {
    if (tt.route_name[route] == name) named.push_back(route);
  }
  if (named.size() == 1) return named.front();
  if (named.size() > 1) {
    std::string ids;
    for (const Index route : named) ids += (ids.empty() ? "" : ", ") + tt.route_id[route];
    fail("route", "'" + name + "' is the public name of " + std::to_string(named.size()) +
                      " routes (" + ids + "); give its route id");
  }
  std::vector<std::string> known = tt.route_id;
  known.insert(known.end(), tt.route_name.begin(), tt.route_name.end());
  fail("route", "no route '" + name + "' in the feed (by route id or public name)" +
                    did_you_mean(name, known));
}

const std::vector<std::string>& new_line_modes() {
  static const std::vector<std::string> modes = {"bus", "tram", "metro", "rail", "ferry"};
  return modes;
}

void add_line(Timetable& tt, const NewLine& line) {
  if (line.route.empty()) fail("route", "a new line needs a route id");
  if (tt.find_route(line.route) != invalid_index)
    fail("route", "route '" + line.route + "' exists already");
  const std::vector<Index> stops = line_stops(tt, line);
  check_line(line);

  const Index route = tt.route_count();
  tt.route_by_id.emplace(line.route, route);
  tt.route_id.push_back(line.route);
  tt.route_name.push_back(line.name.empty() ? line.route : line.name);
  tt.route_mode.push_back(line.mode);
  tt.route_vehicle_type.push_back(static_cast<Index>(tt.vehicle_types.size()));
  tt.vehicle_types.push_back(default_vehicle_type(line.mode));
  const double speed_mps = line.speed_kmh / 3.6;
  CallOffsets offsets{stops, {0}, {0}};
  double clock = 0.0;
  for (std::size_t k = 1; k < stops.size(); ++k) {
    const double dx = tt.stop_x_m[stops[k]] - tt.stop_x_m[stops[k - 1]];
    const double dy = tt.stop_y_m[stops[k]] - tt.stop_y_m[stops[k - 1]];
    clock += std::max(1.0, std::hypot(dx, dy) * 1.3 / speed_mps);
    offsets.arrival_s.push_back(static_cast<std::int32_t>(std::lround(clock)));
    clock += k + 1 < stops.size() ? line.dwell_s : 0.0;
    offsets.departure_s.push_back(static_cast<std::int32_t>(std::lround(clock)));
  }
  add_departures(tt, route, offsets, line.first_s, line.last_s, line.headway_s, line.route + "#");
}

std::vector<TripCountChange> set_headway(Timetable& tt, const TripWindow& window,
                                         double headway_s) {
  const Index route = resolve_route(tt, window.route);
  check_direction(window);
  check_value("headway_s", valid::headway_s, headway_s);
  const std::vector<Index> trips = trips_in_window(tt, route, window);
  if (trips.empty()) {
    fail(window.direction ? "direction" : "route", "has no trips in the window to take times from");
  }
  std::vector<TripCountChange> changes;
  for (const int direction : directions_of(tt, trips)) {
    // Each direction runs its own pattern: the other way's stops in reverse, its own times.
    const std::vector<Index> own = in_direction(tt, trips, direction);
    const Index pattern = own.front();
    const double first = tt.call_departure_s[tt.calls_begin(pattern)];
    const double last =
        std::min(window.to_s, static_cast<double>(tt.call_departure_s[tt.calls_begin(own.back())]));
    const Index before = tt.trip_count();
    const std::string prefix = tt.route_id[route] + "@headway" +
                               (direction < 0 ? std::string() : "/" + std::to_string(direction)) +
                               "#";
    add_departures(tt, route, offsets_of(tt, pattern), first, last, headway_s, prefix);
    for (Index added = before; added < tt.trip_count(); ++added) {
      tt.trip_direction[added] = static_cast<std::int8_t>(direction);
    }
    changes.push_back({"set_headway", tt.route_id[route], tt.route_name[route], direction,
                       own.size(), static_cast<std::size_t>(tt.trip_count() - before)});
  }
  remove_trips(tt, trips);
  return changes;
}

std::vector<TripCountChange> cancel_trips(Timetable& tt, const TripWindow& window) {
  const Index route = resolve_route(tt, window.route);
  check_direction(window);
  const std::vector<Index> trips = trips_in_window(tt, route, window);
  std::vector<TripCountChange> changes;
  for (const int direction : directions_of(tt, trips)) {
    changes.push_back({"cancel_trips", tt.route_id[route], tt.route_name[route], direction,
                       in_direction(tt, trips, direction).size(), 0});
  }
  remove_trips(tt, trips);
  return changes;
}

std::size_t trips_removed(const std::vector<TripCountChange>& changes) {
  std::size_t removed = 0;
  for (const TripCountChange& c : changes) removed += c.before > c.after ? c.before - c.after : 0;
  return removed;
}

std::string describe_trip_count_change(const TripCountChange& change) {
  std::string text = change.edit + " route " + change.route_name;
  if (change.route_name != change.route) text += " (" + change.route + ")";
  if (change.direction >= 0) text += " direction " + std::to_string(change.direction);
  return text + ": " + std::to_string(change.before) + " -> " + std::to_string(change.after) +
         " trips";
}

void set_capacity(Timetable& tt, const TripWindow& window, std::optional<std::int32_t> seated,
                  std::optional<std::int32_t> standing) {
  const Index route = resolve_route(tt, window.route);
  check_direction(window);
  if (seated) check_value("seated", valid::vehicle_places, *seated);
  if (standing) check_value("standing", valid::vehicle_places, *standing);
  const std::vector<Index> trips = trips_in_window(tt, route, window);
  // Builds on the type the window's trips run now (an earlier change may have set it).
  VehicleType type = tt.vehicle_types[trips.empty() ? tt.route_vehicle_type[route]
                                                    : tt.trip_vehicle_type[trips.front()]];
  type.seated = seated.value_or(type.seated);
  type.standing = standing.value_or(type.standing);
  type.name += "@" + tt.route_id[route];
  const auto id = static_cast<Index>(tt.vehicle_types.size());
  tt.vehicle_types.push_back(type);
  for (const Index trip : trips) tt.trip_vehicle_type[trip] = id;
}

std::vector<TripCountChange> apply_timetable_change(Timetable& tt, const TimetableChange& change) {
  struct Apply {
    Timetable& tt;
    std::vector<TripCountChange> operator()(const NewLine& line) const {
      add_line(tt, line);
      return {};
    }
    std::vector<TripCountChange> operator()(const HeadwayChange& c) const {
      return set_headway(tt, c.window, c.headway_s);
    }
    std::vector<TripCountChange> operator()(const CancelChange& c) const {
      return cancel_trips(tt, c.window);
    }
    std::vector<TripCountChange> operator()(const CapacityChange& c) const {
      set_capacity(tt, c.window, c.seated, c.standing);
      return {};
    }
  };
  return std::visit(Apply{tt}, change);
}

}  // namespace arteria
