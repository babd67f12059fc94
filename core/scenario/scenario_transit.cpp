// Reading the transit tables of a scenario file (see scenario_transit.hpp).
#include "scenario/scenario_transit.hpp"
#include "formats/gtfs/gtfs_timetable.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "formats/gtfs/gtfs.hpp"

namespace arteria {
namespace {

void read_transit_params(TomlTable& table, TransitParams& params) {
  PlannerParams& planner = params.planner;
  planner.walk_speed_mps = table.positive("walk_speed_mps", planner.walk_speed_mps);
  planner.walk_detour = table.positive("walk_detour", planner.walk_detour);
  planner.max_access_walk_m = table.non_negative("max_access_walk_m", planner.max_access_walk_m);
  planner.max_transfer_walk_m =
      table.non_negative("max_transfer_walk_m", planner.max_transfer_walk_m);
  planner.transfer_penalty_s = table.non_negative("transfer_penalty_s", planner.transfer_penalty_s);
  params.max_wait_s = table.positive("max_wait_s", params.max_wait_s);
  params.max_replans =
      static_cast<std::uint16_t>(table.integer_in("max_replans", params.max_replans, 0, 1000));
  params.terminal_lead_s = table.non_negative("terminal_lead_s", params.terminal_lead_s);
  params.max_snap_m = table.positive("max_snap_m", params.max_snap_m);
  params.recovery_share = table.non_negative("recovery_share", params.recovery_share);
  params.max_detour_factor = table.positive("max_detour_factor", params.max_detour_factor);
  params.detour_allowance_s = table.non_negative("detour_allowance_s", params.detour_allowance_s);
  if (params.recovery_share >= 1.0) table.fail("recovery_share", "must be below 1");
}

Index require_route(TomlTable& change, const Timetable& tt) {
  const std::string id = change.require_string("route");
  const Index route = tt.find_route(id);
  if (route == invalid_index) change.fail("route", "no route '" + id + "' in the feed");
  return route;
}

// Trips of `route` whose first departure lies in [from_s, to_s).
std::vector<Index> trips_in_window(const Timetable& tt, Index route, double from_s, double to_s) {
  std::vector<Index> trips;
  for (Index trip = 0; trip < tt.trip_count(); ++trip) {
    const double start = tt.call_departure_s[tt.calls_begin(trip)];
    if (tt.trip_route[trip] == route && start >= from_s && start < to_s) trips.push_back(trip);
  }
  return trips;
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
    kept.trip_first_call.push_back(kept.call_count());
  }
  for (Index& before : kept.trip_previous_in_block) {
    if (before != invalid_index) before = new_index[before];  // a cancelled one: none
  }
  tt = std::move(kept);
}

// Departures every `headway_s` from `first_s` to `last_s` running `pattern_trip`'s calls with its
// running and dwell times.
void add_trips_like(Timetable& tt, Index route, Index pattern_trip, double first_s, double last_s,
                    double headway_s, const std::string& id_prefix) {
  std::vector<Index> stops;
  std::vector<std::int32_t> arrival, departure;
  const std::int32_t start = tt.call_departure_s[tt.calls_begin(pattern_trip)];
  for (Index c = tt.calls_begin(pattern_trip); c < tt.calls_end(pattern_trip); ++c) {
    stops.push_back(tt.call_stop[c]);
    arrival.push_back(tt.call_arrival_s[c] - start);
    departure.push_back(tt.call_departure_s[c] - start);
  }
  int k = 0;
  for (double t = first_s; t <= last_s + 1e-9; t += headway_s, ++k) {
    const auto shift = static_cast<std::int32_t>(std::lround(t));
    std::vector<std::int32_t> arr(arrival), dep(departure);
    for (auto& a : arr) a += shift;
    for (auto& d : dep) d += shift;
    add_timetable_trip(tt, id_prefix + std::to_string(k), route, stops, arr, dep);
  }
}

// [[transit.changes]] kind = "add_line": a new route over listed stops, running at `speed_kmh`
// over straight-line distance × 1.3 with `dwell_s` per stop, every `headway_s`.
void add_line(TomlTable& change, Timetable& tt) {
  const std::string id = change.require_string("route");
  if (tt.find_route(id) != invalid_index) change.fail("route", "route '" + id + "' exists already");
  const toml::array* stop_ids = change.array("stops");
  if (stop_ids == nullptr || stop_ids->size() < 2)
    change.fail("stops", "needs two stop ids or more");
  std::vector<Index> stops;
  for (const toml::node& node : *stop_ids) {
    const auto text = node.value<std::string>();
    if (!text) change.fail("stops", "stop ids must be strings");
    const Index stop = tt.find_stop(*text);
    if (stop == invalid_index) change.fail("stops", "no stop '" + *text + "' in the feed");
    stops.push_back(stop);
  }
  const std::string mode_name =
      change.choice("mode", {"bus", "tram", "metro", "rail", "ferry"}, "bus");
  TransitMode mode = TransitMode::bus;
  for (const TransitMode m : {TransitMode::bus, TransitMode::tram, TransitMode::metro,
                              TransitMode::rail, TransitMode::ferry}) {
    if (mode_name == transit_mode_name(m)) mode = m;
  }
  const double speed_mps = change.positive("speed_kmh", 20.0) / 3.6;
  const double dwell = change.non_negative("dwell_s", 20.0);
  const double headway = change.positive("headway_s", 600.0);
  const double first = change.time("first").value_or(6 * 3600.0);
  const double last = change.time("last").value_or(20 * 3600.0);
  if (last < first) change.fail("last", "is before 'first'");

  const Index route = tt.route_count();
  tt.route_by_id.emplace(id, route);
  tt.route_id.push_back(id);
  tt.route_name.push_back(change.string("name").value_or(id));
  tt.route_mode.push_back(mode);
  tt.route_vehicle_type.push_back(static_cast<Index>(tt.vehicle_types.size()));
  tt.vehicle_types.push_back(default_vehicle_type(mode));
  std::vector<std::int32_t> arrival{0}, departure{0};
  double clock = 0.0;
  for (std::size_t k = 1; k < stops.size(); ++k) {
    const double dx = tt.stop_x_m[stops[k]] - tt.stop_x_m[stops[k - 1]];
    const double dy = tt.stop_y_m[stops[k]] - tt.stop_y_m[stops[k - 1]];
    clock += std::max(1.0, std::hypot(dx, dy) * 1.3 / speed_mps);
    arrival.push_back(static_cast<std::int32_t>(std::lround(clock)));
    clock += k + 1 < stops.size() ? dwell : 0.0;
    departure.push_back(static_cast<std::int32_t>(std::lround(clock)));
  }
  const Index pattern = add_timetable_trip(tt, id + "#pattern", route, stops, arrival, departure);
  add_trips_like(tt, route, pattern, first, last, headway, id + "#");
  remove_trips(tt, {pattern});
  change.finish(" for kind = \"add_line\"");
}

void apply_change(TomlTable& change, Timetable& tt) {
  const std::string kind =
      change.choice("kind", {"add_line", "set_headway", "cancel_trips", "set_capacity"}, "");
  if (kind == "add_line") return add_line(change, tt);
  const Index route = require_route(change, tt);
  const double from = change.time("from").value_or(0.0);
  const double to = change.time("to").value_or(1e9);
  const std::vector<Index> trips = trips_in_window(tt, route, from, to);
  if (kind == "cancel_trips") {
    remove_trips(tt, trips);
  } else if (kind == "set_capacity") {
    // Builds on the type the window's trips run now (an earlier change may have set it).
    VehicleType type = tt.vehicle_types[trips.empty() ? tt.route_vehicle_type[route]
                                                      : tt.trip_vehicle_type[trips.front()]];
    type.seated = static_cast<std::int32_t>(change.integer_in("seated", type.seated, 0, 100000));
    type.standing =
        static_cast<std::int32_t>(change.integer_in("standing", type.standing, 0, 100000));
    type.name += "@" + tt.route_id[route];
    const auto id = static_cast<Index>(tt.vehicle_types.size());
    tt.vehicle_types.push_back(type);
    for (const Index trip : trips) tt.trip_vehicle_type[trip] = id;
  } else {  // set_headway: the window's trips are replaced by evenly spaced copies of its first
    const double headway = change.require_number("headway_s");
    if (!(headway > 0.0)) change.fail("headway_s", "must be positive");
    if (trips.empty()) change.fail("route", "has no trips in the window to take times from");
    const Index pattern = trips.front();
    const double first = tt.call_departure_s[tt.calls_begin(pattern)];
    const double last =
        std::min(to, static_cast<double>(tt.call_departure_s[tt.calls_begin(trips.back())]));
    add_trips_like(tt, route, pattern, first, last, headway, tt.route_id[route] + "@headway#");
    remove_trips(tt, trips);
  }
  change.finish(" for kind = \"" + kind + "\"");
}

}  // namespace

void read_transit_table(TomlTable& table, TransitScenario& transit) {
  if (!table.has("gtfs")) table.fail("gtfs", "is required: a GTFS feed (.zip or folder)");
  const std::vector<std::string> feeds = table.input_paths("gtfs");
  const std::string date = table.string("date").value_or("");
  read_transit_params(table, transit.params);
  // Several feeds serve one day together; without a date, each runs on its busiest day.
  for (std::size_t f = 0; f < feeds.size(); ++f) {
    const GtfsFeed feed = read_gtfs(feeds[f]);
    Timetable day = build_timetable(feed, select_service_day(feed, date));
    if (f == 0) {
      transit.timetable = std::move(day);
    } else {
      merge_timetable(transit.timetable, day, "feed" + std::to_string(f + 1));
    }
  }
  const std::string feed_path = transit.timetable.source;
  if (transit.timetable.trip_count() == 0) {
    table.fail("gtfs", "no trip of '" + feed_path + "' runs on the chosen service day");
  }
}

void apply_transit_changes(TomlTable table, Timetable& timetable) {
  if (const toml::array* changes = table.array("changes")) {
    for (std::size_t i = 0; i < changes->size(); ++i) {
      const toml::table* entry = (*changes)[i].as_table();
      if (entry == nullptr) table.fail("changes", "entries must be tables");
      TomlTable change(*entry, table.key_path("changes") + "[" + std::to_string(i) + "]",
                       table.document());
      apply_change(change, timetable);
    }
  }
  table.finish();
  if (timetable.trip_count() == 0) table.fail("changes", "leave no trip in the timetable");
}

void read_passengers_table(TomlTable table, const TransitScenario& transit, std::uint64_t seed,
                           PassengerDemand& passengers) {
  const std::string source = table.choice("source", {"csv", "od", "random"}, "");
  const Timetable& tt = transit.timetable;
  if (source == "csv") {
    read_passengers_csv(table.require_input_path("file"), tt, passengers);
  } else if (source == "od") {
    generate_passengers_from_od(table.require_input_path("file"), tt, seed, passengers);
  } else {
    const auto count = static_cast<Index>(table.integer_in("count", 1000, 0, 100000000));
    const double start = table.time("start").value_or(6 * 3600.0);
    const double end = table.time("end").value_or(22 * 3600.0);
    if (!(end > start)) table.fail("end", "must be after 'start'");
    generate_random_passengers(count, start, end, tt, seed, passengers);
  }
  table.finish(" for source = \"" + source + "\"");
}

}  // namespace arteria
