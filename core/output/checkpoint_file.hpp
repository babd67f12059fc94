// Checkpoint files: the whole state of a run at one moment, to resume it later with a result
// identical to a run that never stopped. Layout (docs/ARCHITECTURE.md "Checkpoints"):
//   /checkpoint  attributes: the identity (format and engine version, scenario name, hash,
//                seed, overrides), the state's own time and bin start, and state_sha256
//   /state/...   every SimState field (sim/state_fields.hpp), one plain column each
//   /series/...  the /links series recorded so far, bin-major, one column per series
// Written to PATH.tmp and renamed, so no half checkpoint ever carries the final name.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/run_records.hpp"
#include "sim/sim_state.hpp"

namespace arteria {

// Bumped whenever the layout or the state's field list changes: a checkpoint of another
// format version is refused rather than misread. 4: routes and switches; 5: road works
// controls and the per-class outflow.
constexpr std::uint64_t checkpoint_format_version = 5;

// What a checkpoint belongs to. A checkpoint resumes only a run whose identity is equal.
struct CheckpointIdentity {
  std::uint64_t format_version = checkpoint_format_version;
  std::string engine_version;
  std::string scenario_name;
  std::string scenario_sha256;  // the scenario text, its --set lines and every input file
  std::uint64_t seed = 0;
  std::string overrides;  // the --set lines, one per line, as given
};

template <class Record, class F>
requires std::is_same_v<std::remove_const_t<Record>, CheckpointIdentity>
void for_each_field(Record& id, F&& f) {
  f("format_version", id.format_version);
  f("engine_version", id.engine_version);
  f("scenario_name", id.scenario_name);
  f("scenario_sha256", id.scenario_sha256);
  f("seed", id.seed);
  f("overrides", id.overrides);
}

struct Checkpoint {
  CheckpointIdentity identity;
  SimState state;  // signals.plans is not stored: the reader leaves it empty
  double bin_start_s = 0.0;
  std::vector<LinkBin> bins;  // the /links series recorded before the checkpoint
};

// Writes a checkpoint to `path` (via path + ".tmp" and a rename) from the parts of a running
// simulation, which are not copied. Throws std::runtime_error when the file cannot be written;
// the temporary is removed then.
void write_checkpoint(const std::string& path, const CheckpointIdentity& identity,
                      const SimState& state, double bin_start_s, const std::vector<LinkBin>& bins);

// Reads a checkpoint back. Throws InputError naming `path` and the field at fault when the file
// cannot be opened, is not a checkpoint, does not match the checksum sealed into it (truncated
// or corrupt: checked before HDF5 opens it), has another format version or lacks a field.
Checkpoint read_checkpoint(const std::string& path);

// One line per identity field that differs ("seed: checkpoint 1, this run 2"); empty when the
// checkpoint belongs to the run.
std::vector<std::string> identity_differences(const CheckpointIdentity& checkpoint,
                                              const CheckpointIdentity& run);

}  // namespace arteria
