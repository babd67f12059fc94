// Scenarios made entirely by the grid generator: the built-in default city and the benchmark
// family. Scenario files reach the same code through `source = "grid"` / `"generated"`.
#pragma once

#include "formats/grid/grid_city.hpp"
#include "model/scenario.hpp"

namespace arteria {

Scenario make_grid_scenario(const GridCityParams& city, const GridDemandParams& demand,
                            const SimulationParams& sim, std::string name);

// The built-in default city: a 31 x 31 grid (6 km square) cut by a river with seven bridges,
// signalised arterials every kilometre, and a 60,000-trip morning peak, 06:00-11:00.
Scenario make_default_city();

}  // namespace arteria
