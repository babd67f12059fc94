// Scenario files: a TOML file naming the network and demand sources, the simulation and output
// parameters and a timeline of events, loaded into a Scenario ready to simulate. Every error in
// the file or in the inputs it names is an InputError naming file, line and key or column.
#pragma once

#include <string>
#include <vector>

#include "model/scenario.hpp"
#include "scenario/scenario_spec.hpp"

namespace arteria {

// Loads the scenario file at `path`. `overrides` are "key=value" strings (the CLI's --set),
// e.g. "simulation.seed=3" or "output.file=x.h5": the key is dotted, the value is read as a
// TOML value and, when it is not one, as a string. They are applied on top of the file before
// anything is read, and errors about them name "--set". Relative paths in the file are taken
// from the file's folder, relative paths given with --set from the working directory.
// Scenario::sha256 covers the file's text, the overrides and the bytes of every input file.
// A folder for `path` means the scenario.toml inside it.
// Reading and building: build_scenario(read_scenario_spec(path, overrides)).
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});

// Reads the file (and the inputs it names that do not need the built network: feeds,
// passengers, the road network's description) into a spec; see scenario_spec.hpp.
ScenarioSpec read_scenario_spec(const std::string& path,
                                const std::vector<std::string>& overrides = {});

// The top-level tables a scenario file may have.
const std::vector<std::string>& scenario_tables();

}  // namespace arteria
