// Checkpoints of a run: when to write them (each multiple of an interval of simulated time),
// their names, how many to keep, and resuming a run from one. The file layout is
// output/checkpoint_file.hpp; docs/ARCHITECTURE.md "Checkpoints" says why it is complete.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/scenario.hpp"
#include "output/checkpoint_file.hpp"
#include "sim/simulation.hpp"

namespace arteria {

struct CheckpointOptions {
  double every_s = 0.0;  // simulated time between checkpoints; 0: none
  std::string dir;       // where they are written (created if missing); empty: beside the output
  std::size_t keep = 0;  // the newest this many stay, older ones this run wrote go; 0: all
};

// "1h", "30m", "90s", "HH:MM[:SS]" or seconds as a positive number of seconds; nullopt for
// anything else (the CLI and Python each say so in their own words).
std::optional<double> parse_checkpoint_interval(std::string_view text);

// The identity a checkpoint of this scenario carries (and a resumed run must match).
CheckpointIdentity checkpoint_identity(const Scenario& scenario);

// DIR/<scenario>-<HHMMSS>.ckpt.h5, the scenario name with every character but letters, digits,
// '-' and '_' as '_', the simulated time as hours (past 24 for runs past midnight), minutes,
// seconds.
std::string checkpoint_path(const std::string& dir, const std::string& scenario_name,
                            double time_s);

// Reads a checkpoint of `scenario` and turns it into a snapshot to build a Simulation from,
// with the bins recorded before it in `bins`. Throws InputError naming the file and every
// identity field that differs when it belongs to another scenario, overrides, seed or engine.
SimSnapshot load_checkpoint(const std::string& path, std::shared_ptr<const Scenario> scenario,
                            std::vector<LinkBin>& bins);

// Writes a checkpoint at each multiple of every_s (counted from time 0, so 1 h gives 07:00,
// 08:00, ... whatever the start) that a run reaches before its end.
class CheckpointSchedule {
 public:
  // `from_s`: the run's current time; the first checkpoint is the next multiple after it.
  CheckpointSchedule(const Scenario& scenario, CheckpointOptions options, double from_s);

  bool enabled() const { return options_.every_s > 0.0; }
  // Whether a checkpoint is due at `time_s` (the time the next step would simulate).
  bool due(double time_s) const { return enabled() && time_s >= next_s_ - 1e-9; }
  // Writes the checkpoint of `sim` and the bins recorded so far, removes what `keep` no longer
  // keeps, and schedules the next. Returns the path written.
  std::string write(const Simulation& sim, const std::vector<LinkBin>& bins);

  const std::vector<std::string>& written() const { return written_; }
  double wall_s() const { return wall_s_; }

 private:
  CheckpointOptions options_;
  CheckpointIdentity identity_;
  std::string scenario_name_;
  double next_s_ = 0.0;
  std::vector<std::string> written_;
  std::deque<std::string> kept_;
  double wall_s_ = 0.0;
};

}  // namespace arteria
