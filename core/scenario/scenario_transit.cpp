// Reading the transit tables of a scenario file (see scenario_transit.hpp).
#include "scenario/scenario_transit.hpp"
#include "formats/gtfs/gtfs_timetable.hpp"

#include <string>

#include "formats/gtfs/gtfs.hpp"
#include "model/timetable_edits.hpp"

namespace arteria {
namespace {

void read_transit_params(TomlTable& table, TransitParams& params) {
  PlannerParams& planner = params.planner;
  planner.walk_speed_mps =
      table.number_in("walk_speed_mps", planner.walk_speed_mps, valid::walk_speed_mps);
  planner.walk_detour = table.number_in("walk_detour", planner.walk_detour, valid::walk_detour);
  planner.max_access_walk_m =
      table.number_in("max_access_walk_m", planner.max_access_walk_m, valid::walk_distance_m);
  planner.max_transfer_walk_m =
      table.number_in("max_transfer_walk_m", planner.max_transfer_walk_m, valid::walk_distance_m);
  planner.transfer_penalty_s =
      table.number_in("transfer_penalty_s", planner.transfer_penalty_s, valid::duration_s);
  params.max_wait_s = table.number_in("max_wait_s", params.max_wait_s, valid::positive_duration_s);
  params.max_replans =
      static_cast<std::uint16_t>(table.integer_in("max_replans", params.max_replans, 0, 1000));
  params.terminal_lead_s =
      table.number_in("terminal_lead_s", params.terminal_lead_s, valid::duration_s);
  params.max_snap_m = table.number_in("max_snap_m", params.max_snap_m, valid::snap_distance_m);
  params.recovery_share = table.number_in("recovery_share", params.recovery_share, valid::share);
  params.max_detour_factor =
      table.number_in("max_detour_factor", params.max_detour_factor, valid::detour_factor);
  params.detour_allowance_s =
      table.number_in("detour_allowance_s", params.detour_allowance_s, valid::duration_s);
  if (params.recovery_share >= 1.0) table.fail("recovery_share", "must be below 1");
}

// [[transit.changes]] kind = "add_line": the keys of NewLine (timetable_edits.hpp).
NewLine read_new_line(TomlTable& change) {
  NewLine line;
  line.route = change.require_string("route");
  const toml::array* stop_ids = change.array("stops");
  if (stop_ids == nullptr) change.fail("stops", "needs two stop ids or more");
  for (const toml::node& node : *stop_ids) {
    const auto text = node.value<std::string>();
    if (!text) change.fail("stops", "stop ids must be strings");
    line.stops.push_back(*text);
  }
  line.mode = *transit_mode_named(change.choice("mode", new_line_modes(), "bus"));
  line.speed_kmh = change.number_in("speed_kmh", line.speed_kmh, valid::free_speed_kmh);
  line.dwell_s = change.number_in("dwell_s", line.dwell_s, valid::dwell_s);
  line.headway_s = change.number_in("headway_s", line.headway_s, valid::headway_s);
  line.first_s = change.time("first").value_or(line.first_s);
  line.last_s = change.time("last").value_or(line.last_s);
  line.name = change.string("name").value_or("");
  return line;
}

TripWindow read_window(TomlTable& change) {
  TripWindow window;
  window.route = change.require_string("route");
  window.from_s = change.time("from").value_or(window.from_s);
  window.to_s = change.time("to").value_or(window.to_s);
  if (change.has("direction"))
    window.direction = static_cast<int>(change.integer_in("direction", 0, 0, 1));
  return window;
}

TimetableChange read_change(TomlTable& change) {
  const std::string kind =
      change.choice("kind", {"add_line", "set_headway", "cancel_trips", "set_capacity"}, "");
  if (kind == "add_line") return read_new_line(change);
  const TripWindow window = read_window(change);
  if (kind == "cancel_trips") return CancelChange{window};
  if (kind == "set_capacity") {
    constexpr auto places_max = static_cast<std::int64_t>(valid::vehicle_places.max);
    CapacityChange capacity{window, std::nullopt, std::nullopt};
    if (change.has("seated"))
      capacity.seated = static_cast<std::int32_t>(change.integer_in("seated", 0, 0, places_max));
    if (change.has("standing"))
      capacity.standing =
          static_cast<std::int32_t>(change.integer_in("standing", 0, 0, places_max));
    return capacity;
  }
  return HeadwayChange{window, change.require_number("headway_s")};
}

// Reads one change and applies it; an edit the timetable refuses names the change's key.
void apply_change(TomlTable& change, Timetable& tt, std::vector<TripCountChange>& counts) {
  const TimetableChange edit = read_change(change);
  try {
    const std::vector<TripCountChange> done = apply_timetable_change(tt, edit);
    counts.insert(counts.end(), done.begin(), done.end());
  } catch (const TimetableEditError& error) {
    change.fail(error.field(), error.what());
  }
  change.finish(" for kind = \"" + change.string("kind").value_or("") + "\"");
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

void apply_transit_changes(TomlTable table, Timetable& timetable,
                           std::vector<TripCountChange>& trip_count_changes) {
  if (const toml::array* changes = table.array("changes")) {
    for (std::size_t i = 0; i < changes->size(); ++i) {
      const toml::table* entry = (*changes)[i].as_table();
      if (entry == nullptr) table.fail("changes", "entries must be tables");
      TomlTable change(*entry, table.key_path("changes") + "[" + std::to_string(i) + "]",
                       table.document());
      apply_change(change, timetable, trip_count_changes);
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
