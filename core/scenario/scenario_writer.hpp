// Writes a compiled Scenario as a scenario folder (scenario.toml + native CSV tables) that
// load_scenario and `arteria run` read back to the same network, demand, events and parameters,
// so an edited scenario can be kept, shared and re-run bit for bit. The one writer of the folder
// format: Python's Scenario.save and `arteria import` (osm, sumo, tntp) both use it.
#pragma once

#include <string>

#include "model/scenario.hpp"

namespace arteria {

// A TOML basic string holding `text`: quotes, backslashes and control characters escaped.
std::string toml_quote(const std::string& text);

struct SaveOptions {
  // Text heading scenario.toml, each line written after "# "; empty: "Saved by Arteria ... from
  // <the scenario's source>".
  std::string comment;
  // TOML text with the [simulation] and [output] tables, written verbatim in place of every
  // parameter (`arteria import` copies them from the scenario file it loaded, so the folder reads
  // like a hand-written one); empty: every parameter is written from the Scenario.
  std::string simulation_tables;
};

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
// - the demand as trips.csv with departures in seconds and given routes (a route column only
//   when some trip has one; repeated trip ids get a suffix "~2", ...); demand scaling events
//   are already applied to a compiled demand, so the scaled trips are written and the
//   scale_demand events are left out (listed in a comment instead);
// - every parameter of [simulation] and [output], numbers in shortest round-trip form (speeds
//   given in km/h are chosen so that dividing by 3.6 gives back the exact m/s);
// - the other events with their times in seconds.
// output.file is written as its file name only, so the saved scenario writes its result beside
// itself, as any scenario file does. Throws std::runtime_error when a file cannot be written and
// std::invalid_argument for a scenario with transit (not yet saved).
SavedScenarioFiles save_scenario(const Scenario& scenario, const std::string& path,
                                 const SaveOptions& options = {});

}  // namespace arteria
