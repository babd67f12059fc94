// Reading back the summary of a run file: what `arteria info` prints and what tools check
// before loading the series. Reads attributes, dataset shapes and the small class table, never
// the series.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/run_records.hpp"

namespace arteria {

// The layout version run files carry in /meta@format_version (docs/OUTPUT.md). 2 added
// /meta@routes, /meta@equilibrium_route_trips and the routing split in /perf; 3 sealed the
// file (output/sealed_outputs.hpp) and added /perf@load_s and /perf@startup_s; 4 added
// /trips/removed_s and the completion KPIs in /kpi (vehicles_unfinished,
// mean_travel_time_incl_unfinished_s, stopped_at_s, network_cleared); 5 added /emissions and
// the emission totals in /kpi (co2_kg, nox_kg, pm25_kg, fuel_kg).
constexpr int run_format_version = 5;

struct RunSummary {
  RunMeta meta;
  Kpis kpis;
  std::uint64_t node_count = 0;
  std::uint64_t link_count = 0;
  std::uint64_t bin_count = 0;  // rows of the /links series
  std::uint64_t trip_count = 0;
  std::uint64_t event_count = 0;
  // Rows of the transit tables; -1 for a table the file does not have (a run without transit).
  std::int64_t transit_stop_count = -1;
  std::int64_t transit_trip_count = -1;
  std::int64_t transit_call_count = -1;
  std::int64_t passenger_count = -1;
  // The classes with road trips whose exhaust is not counted (/vehicle_classes emission
  // "none"), in class order; empty for a file without the table.
  std::vector<std::string> classes_not_in_exhaust;
};

// Throws InputError naming `path` and the missing group, dataset or attribute when the file
// cannot be opened, is not HDF5, or is not a complete Arteria run.
RunSummary read_run_summary(const std::string& path);

}  // namespace arteria
