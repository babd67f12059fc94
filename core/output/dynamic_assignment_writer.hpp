// Writes a dynamic traffic assignment (run/dynamic_assignment.hpp) as an assignment file:
// /network as runs write it and /assignment with kind "dynamic": the iterations, every route
// found with the number of trips on it at the end, and each road trip's final route (layout:
// docs/OUTPUT.md). Sealed, written as `path + ".tmp"` and renamed like the static file.
// Wall-clock figures go to /assignment/perf only, so the rest is the same at any thread count.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/dynamic_assignment_params.hpp"
#include "model/network.hpp"
#include "output/assignment_writer.hpp"

namespace arteria {

struct DynamicIteration {
  double relative_gap = 0.0;           // Σ (current − best route time) / Σ current route time
  double mean_travel_time_s = 0.0;     // of the road trips that arrived, simulated
  double switched_share = 0.0;         // of the choosing trips, moved before this simulation
  std::uint64_t unfinished_trips = 0;  // road trips that departed but did not arrive
  double wall_s = 0.0;                 // all of the iteration:
  double simulation_s = 0.0;           // building and stepping the simulation
  double routing_s = 0.0;              // routing every choosing trip on its costs
};

struct DynamicAssignmentRecord {
  std::vector<DynamicIteration> iterations;
  bool converged = false;  // stopped at the target gap rather than the iteration limit
  SwitchRule switching = SwitchRule::msa;
  double target_gap = 0.0;
  std::uint64_t choosing_trips = 0;  // road trips whose route the assignment chooses
  bool warm_start = false;  // the first routes were a static equilibrium's or start_routes_from's
  std::string start_routes_from;  // [assignment] start_routes, when the first routes came from it
  // Every route found (CSR over route_links) and the road trips on it at the end.
  std::vector<Index> route_first_link{0};
  std::vector<Index> route_links;
  std::vector<std::uint32_t> route_trips;
  std::vector<Index> trip_route;     // per road trip: its final route; invalid_index: none chosen
  std::vector<std::string> trip_id;  // per road trip: its external id
  int threads = 0;                   // it ran on
  double wall_s = 0.0;               // all iterations
};

void write_dynamic_assignment_file(const std::string& path, const Network& network,
                                   const DynamicAssignmentRecord& record,
                                   const AssignmentFileInfo& info);

}  // namespace arteria
