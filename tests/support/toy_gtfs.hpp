// Tiny GTFS feeds and transit scenario files for the transit simulation tests: a compact C++
// description (stops, routes, trips with their stop times) written out as a GTFS folder, and a
// scenario.toml naming it, so a test goes through load_scenario end to end.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "toy_files.hpp"

namespace arteria::testing {

// Seconds after midnight of hh:mm:ss.
constexpr std::int32_t hms(int h, int m, int s = 0) {
  return h * 3600 + m * 60 + s;
}

struct ToyStop {
  std::string id;
  double lat_deg = 0.0;
  double lon_deg = 0.0;
};

struct ToyRoute {
  std::string id;
  int type = 3;  // GTFS route_type: 3 bus
};

struct ToyCall {
  std::string stop;
  std::int32_t arrival_s = 0;
  std::int32_t departure_s = 0;
  int timepoint = -1;  // -1 leaves the timepoint field blank (an exact time), else 0 or 1
};

struct ToyTrip {
  std::string id;
  std::string route;
  std::vector<ToyCall> calls;
  std::string block;  // block_id; empty for none
};

struct ToyFeed {
  // Stops placed by metres go about this point (east = x, north = y).
  double origin_lat_deg = -16.92;
  double origin_lon_deg = 145.77;
  std::vector<ToyStop> stops;
  std::vector<ToyRoute> routes;
  std::vector<ToyTrip> trips;

  // A stop x_m east and y_m north of the origin, on the feed reader's own local projection: if
  // the stops' bounding box is centred on the origin, the stop lands at (x_m, y_m) in the
  // timetable's frame.
  void stop_at(const std::string& id, double x_m, double y_m);
  void route(const std::string& id, int type = 3) { routes.push_back({id, type}); }
  // A trip calling at `stops` with the given arrival times, leaving each `dwell_s` later (not
  // at the last), every call an exact-time timepoint.
  ToyTrip& trip(const std::string& id, const std::string& route,
                const std::vector<std::string>& stops, const std::vector<std::int32_t>& arrival_s,
                std::int32_t dwell_s = 0);
};

// Writes agency, stops, routes, trips, stop_times and calendar (every day of 2024) into the
// folder `dir` (created if need be) and returns it.
std::string write_toy_gtfs(const std::string& dir, const ToyFeed& feed);

struct ToyPassenger {
  std::string id;
  std::int32_t depart_s = 0;
  std::string origin_stop;
  std::string destination_stop;
};

std::string passengers_csv(const std::vector<ToyPassenger>& passengers);

struct ToyScenarioOptions {
  std::int32_t start_s = hms(6, 0);
  std::int32_t end_s = hms(12, 0);
  std::vector<ToyPassenger> passengers;  // none: no [passengers] table
  std::string transit_keys;              // extra key = value lines of [transit]
  std::string changes;                   // [[transit.changes]] tables, written after [transit]
  std::string extra;                     // more tables ([network], [demand], ...) at the end
};

// Writes the feed into dir/gtfs, the passengers into dir/passengers.csv and dir/scenario.toml
// (transit only unless `extra` adds a network); returns the scenario file's path.
std::string write_toy_scenario(const TempDir& dir, const ToyFeed& feed,
                               const ToyScenarioOptions& options);

// Route B's buses both ways along row 1 of a 6 x 6 generated grid (200 m blocks), every 10 min
// from 07:00, among 3,000 cars and with 400 random passengers, 06:30-11:00; `more_toml` is
// appended (events, say). Stops sit 10 m off the road, so every call is served in traffic.
std::string write_buses_in_grid_traffic(const TempDir& dir, const std::string& more_toml = "");

}  // namespace arteria::testing
