// Runs a scenario from start to end and writes its HDF5 result: the glue between the
// simulation (which knows no file formats) and the output writer.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "model/scenario.hpp"
#include "routing/route_trips.hpp"
#include "run/checkpoints.hpp"
#include "run/dynamic_assignment.hpp"
#include "sim/run_records.hpp"

namespace arteria {

struct RunOptions {
  std::string output_path;  // empty: the scenario's output.file
  int threads = 0;          // 0: every core
  bool progress = false;    // draw a progress bar on stderr
  // [assignment] kind = "dynamic": told each iteration before the run (the progress line).
  std::function<void(Index iteration, const DynamicIteration&)> on_dynamic_iteration;
  std::string resume_path;  // a checkpoint of this scenario to continue from; empty: the start
  CheckpointOptions checkpoints;
  // Refuse the run (InputError, before routing) when the memory estimate exceeds this many
  // bytes; 0: the memory the machine has available now.
  std::uint64_t max_memory_bytes = 0;
  // Seconds the caller spent loading the scenario, counted in the run's wall time (/perf@load_s).
  double load_s = 0.0;
  // Keep stepping past the scenario's end until the network is empty (every trip due before
  // the end arrived or was removed as stuck) or the simulated time reaches `clear_cap_s`
  // (negative: the end + default_clear_margin_s). /kpi@stopped_at_s and
  // /kpi@network_cleared tell which happened; /meta@end_s stays the scenario's end.
  bool until_clear = false;
  double clear_cap_s = -1.0;
};

// How long past the end --until-clear goes on without a cap of its own: a gridlocked network
// still empties within hours, as stuck vehicles are pushed on or removed.
constexpr double default_clear_margin_s = 12.0 * 3600.0;

struct RunResult {
  std::string output_path;
  Kpis kpis;
  RunPerf perf;
  RoutingReport routing;
  int threads = 0;
  // [assignment] kind = "dynamic": the assignment whose final routes the run used; else empty.
  DynamicAssignmentRecord dynamic_assignment;
  double resumed_from_s = -1.0;          // the checkpoint's time; negative: not resumed
  std::vector<std::string> checkpoints;  // written, in order (those `keep` removed too)
  double checkpoint_s = 0.0;             // wall time writing them
  // The whole run: perf.total_s and then closing and sealing the file, which /perf cannot hold.
  double wall_s = 0.0;
};

// Throws InputError for bad input (a checkpoint of another run, or a corrupt one, included) or
// a run that will not fit in memory (run/memory_estimate.hpp), and std::runtime_error for output
// failures; in every case no output file is left behind. A run resumed from a checkpoint writes
// the same output as the run that wrote it would have. A scenario with a dynamic assignment is
// equilibrated first (run/dynamic_assignment.hpp) and run on the final routes; a resumed run
// takes its routes from the checkpoint.
RunResult run_scenario(std::shared_ptr<const Scenario> scenario, const RunOptions& options);

}  // namespace arteria
