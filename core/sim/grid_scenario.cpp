#include "sim/grid_scenario.hpp"

namespace arteria {

Scenario make_grid_scenario(const GridCityParams& city, const GridDemandParams& demand,
                            const SimulationParams& sim, std::string name) {
  Scenario scenario;
  scenario.name = std::move(name);
  scenario.sim = sim;
  scenario.network = compile_network(make_grid_city(city));
  DemandBuilder builder(scenario.network, scenario.demand);
  builder.add_file("<generated demand>");
  generate_grid_demand(scenario.network, city, demand, builder);
  finalize_scenario(scenario);
  return scenario;
}

Scenario make_default_city() {
  SimulationParams sim;
  sim.start_s = 6.0 * 3600.0;
  sim.end_s = 11.0 * 3600.0;
  Scenario scenario = make_grid_scenario(GridCityParams{}, GridDemandParams{}, sim, "default city");
  scenario.output.file = "default-city.h5";
  return scenario;
}

}  // namespace arteria
