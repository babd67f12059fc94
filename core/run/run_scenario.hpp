// Runs a scenario from start to end and writes its HDF5 result: the glue between the
// simulation (which knows no file formats) and the output writer.
#pragma once

#include <memory>
#include <string>

#include "model/scenario.hpp"
#include "routing/route_trips.hpp"
#include "sim/run_records.hpp"

namespace arteria {

struct RunOptions {
  std::string output_path;  // empty: the scenario's output.file
  int threads = 0;          // 0: every core
  bool progress = false;    // draw a progress bar on stderr
};

struct RunResult {
  std::string output_path;
  Kpis kpis;
  RunPerf perf;
  RoutingReport routing;
  int threads = 0;
};

// Throws InputError for bad input and std::runtime_error for output failures; in both cases
// no output file is left behind.
RunResult run_scenario(std::shared_ptr<const Scenario> scenario, const RunOptions& options);

}  // namespace arteria
