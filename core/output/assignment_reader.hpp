// What `arteria info` shows of an assignment file (static or dynamic, output/assignment_writer.hpp
// and dynamic_assignment_writer.hpp): how it was found and the gap per iteration.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace arteria {

struct AssignmentSummary {
  std::string kind;      // "static" or "dynamic"
  std::string scenario;  // [scenario] name
  std::string scenario_sha256;
  std::string method;      // static: the algorithm; dynamic: the switching rule
  std::string warm_start;  // dynamic only
  std::string stop_reason;
  double relative_gap = 0.0;
  double target_relative_gap = 0.0;
  std::uint64_t iterations = 0;  // static: after the initial load; dynamic: simulations
  std::uint64_t link_count = 0;
  std::uint64_t route_count = 0;
  std::uint64_t choosing_trips = 0;  // dynamic only
  // Per iteration; the dynamic columns are empty for a static file.
  std::vector<double> gap;
  std::vector<double> mean_travel_time_s;
  std::vector<double> switched_share;
  std::vector<double> wall_s;  // static: elapsed since the start; dynamic: of the iteration
};

// Whether `path` is a sealed assignment file (else it must be a run file; both are checked).
bool is_assignment_file(const std::string& path);

// Throws InputError for a file that is not a complete assignment file.
AssignmentSummary read_assignment_summary(const std::string& path);

}  // namespace arteria
