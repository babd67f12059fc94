// Writes a compiled Scenario back as a scenario folder (scenario.toml + native CSV tables) that
// load_scenario and `arteria run` read back to the same network, demand, events and parameters,
// so an edited scenario (Python, importers) can be kept, shared and re-run bit for bit.
#pragma once

#include <string>

#include "model/scenario.hpp"

namespace arteria {

struct SavedScenarioFiles {
  std::string scenario;  // scenario.toml (or the .toml path given)
  std::string nodes;
  std::string links;
  std::string turns;    // empty when the default turn rule describes the network
  std::string signals;  // empty without signal plans
  std::string trips;
};

// `path` is a folder (created if missing; scenario.toml goes inside it) or a path ending in
// ".toml" (the tables go beside it). What is written:
// - the network as nodes/links/turns/signals.csv (write_csv_network: bit-exact round trip);
// - the demand as trips.csv with departures in seconds and given routes; demand scaling events
//   are already applied to a compiled demand, so the scaled trips are written and the
//   scale_demand events are left out (listed in a comment instead);
// - every parameter of [simulation] and [output], numbers in shortest round-trip form (speeds
//   given in km/h are chosen so that dividing by 3.6 gives back the exact m/s);
// - the other events with their times in seconds.
// output.file is written as its file name only, so the saved scenario writes its result beside
// itself, as any scenario file does. Throws std::runtime_error when a file cannot be written and
// std::invalid_argument for a scenario with transit (not yet saved).
SavedScenarioFiles save_scenario(const Scenario& scenario, const std::string& path);

}  // namespace arteria
