// ScenarioSpec: what a scenario file describes, read but not yet built. Reading a file
// (read_scenario_spec, scenario_file.hpp) gives one; build_scenario (build_scenario.hpp) turns it
// into the Scenario the simulation runs. Editing a spec (its timetable, say) and building it again
// gives the scenario a file with the same edit would give.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "formats/grid/grid_city.hpp"
#include "formats/sumo/sumo_reader.hpp"
#include "model/scenario.hpp"

namespace arteria {

// What a network source read: the description (compiled when the scenario is built, after
// transit adds its guideways) and the notes it reports about the compiled network.
struct SourceNetwork {
  NetworkSpec spec;
  std::function<void(const Network&)> report;  // empty: nothing to report
};

// A part of the scenario read against the built network: [demand] resolves node and link ids
// (and random demand weighs nodes by every link there, guideways included), [[events]] name
// links and signal plans. Each call reads the kept table afresh and returns the input files it
// read (they join the scenario's fingerprint).
struct NetworkBoundInputs {
  // Fills the road demand; empty when the file has no [demand] (transit only).
  std::function<std::vector<std::string>(const Network&, Demand&)> demand;
  // The timeline of events (none when the file has no [[events]]).
  std::function<std::vector<Event>(const Network&)> events;
};

struct ScenarioSpec {
  std::string name;
  std::string source_path;         // the scenario file
  std::vector<std::string> files;  // SourceRef::file indexes this
  SimulationParams sim;
  OutputParams output;
  // [network]: the road network's description; none for a transit-only scenario, whose network
  // is the guideways alone.
  std::optional<SourceNetwork> roads;
  // [transit] and [passengers]: the day's timetable with [[transit.changes]] applied, the
  // parameters, and the passengers (read against the timetable before the changes, so that a
  // variant keeps the baseline's passengers). Placement and the orders are made by the build.
  TransitScenario transit;
  NetworkBoundInputs bound;
  // What the fingerprint (Scenario::sha256) covers: the file's text, the --set overrides and
  // the input files read so far (feeds, passengers, network), in the order read.
  std::string text;
  std::vector<std::string> overrides;
  std::vector<std::string> inputs;
};

}  // namespace arteria
