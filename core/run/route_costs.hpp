// The one place a scenario's [routing] costs_from is read: the scenario stage keeps the path
// (it cannot open HDF5), the output stage knows the file, the run stage joins them.
#pragma once

#include "model/scenario.hpp"

namespace arteria {

// Fills scenario.route_costs from the run file scenario.route_costs_from names, when it names
// one and the costs are not there yet. Throws InputError for a file that is not a complete run
// or was made on another network (output/link_cost_reader.hpp).
void load_route_costs(Scenario& scenario);

}  // namespace arteria
