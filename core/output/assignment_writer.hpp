// Writes a static assignment to an HDF5 file: /network as runs write it and /assignment with the
// link flows and costs, the iterations, the OD pairs and their routes (layout: docs/OUTPUT.md).
// Written as `path + ".tmp"` and renamed when complete, like run files. Wall-clock figures go
// to /assignment/perf only, so the rest of the file is the same at any thread count.
#pragma once

#include <string>

#include "assignment/static_assignment.hpp"
#include "model/network.hpp"

namespace arteria {

struct AssignmentFileInfo {
  std::string scenario;         // name
  std::string scenario_sha256;  // fingerprint of the scenario and its inputs
  std::string arteria_version;
  double target_relative_gap = 0.0;
};

// `problem` holds the network's links in order (costs in problem.seconds_per_cost_unit).
void write_assignment_file(const std::string& path, const Network& network,
                           const AssignmentProblem& problem, const AssignmentResult& result,
                           const AssignmentOptions& options, const AssignmentFileInfo& info);

}  // namespace arteria
