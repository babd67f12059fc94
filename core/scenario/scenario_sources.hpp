// The [network] and [demand] tables of a scenario file: `source` picks a reader, each reader
// takes its own keys. A new kind of source is one reader function and one row in the table of
// readers in scenario_sources.cpp (real-data readers: source_readers.hpp).
#pragma once

#include <functional>
#include <optional>
#include <utility>

#include "formats/grid/grid_city.hpp"
#include "formats/sumo/sumo_reader.hpp"
#include "model/demand.hpp"
#include "model/demand_scale.hpp"
#include "model/network.hpp"
#include "model/scenario.hpp"
#include "scenario/scenario_spec.hpp"
#include "scenario/toml_reader.hpp"

namespace arteria {

// What readers may learn from the rest of the scenario and leave for later readers.
struct SourceContext {
  // A constructor, so that adding a member never breaks the places that make one.
  SourceContext(const SimulationParams& sim_params, std::optional<GridCityParams> grid_params = {})
      : sim(sim_params), grid(std::move(grid_params)) {}

  const SimulationParams& sim;         // already read: period and seed
  std::optional<GridCityParams> grid;  // set by the grid network source (generated demand)
  // Set by the sumo network source when it read a .sumocfg: the demand may take its files.
  std::optional<SumoScenarioFiles> sumo;
  // For the demand: the scale_demand events; load_demand_source adds [demand] scale.
  DemandScale scale;
};

// Reads [network] (its keys are checked, unknown ones rejected) into a description.
SourceNetwork load_network_source(TomlTable network, SourceContext& context);

// Reads [demand] into `demand`, resolving nodes and links against `network`.
void load_demand_source(TomlTable demand_table, const Network& network, SourceContext& context,
                        Demand& demand);

// The fields of GridCityParams and GridDemandParams under the same names; absent keys keep the
// struct's defaults. Times (start_s, peak_s, end_s) may also be written "HH:MM".
GridCityParams read_grid_city_params(TomlTable& table);
GridDemandParams read_grid_demand_params(TomlTable& table);

}  // namespace arteria
