// The one place a scenario's inputs from earlier results are read: [routing] costs_from (a run
// whose link times route the trips) and [assignment] start_routes (a dynamic assignment whose
// routes a new one starts from). The scenario stage keeps the paths (it cannot open HDF5), the
// output stage reads the files, the run stage joins them.
#pragma once

#include "model/scenario.hpp"

namespace arteria {

// Fills scenario.route_costs from the run file route_costs_from names, when it names one and the
// costs are not there yet. Gives the choosing trips of a dynamic assignment the routes of
// start_routes_from, matched by trip id where the route still joins the trip's origin and
// destination (other trips keep their first routes), and marks the trips that do not choose
// (DynamicAssignmentParams::trip_route_fixed). Calling it again changes nothing. Throws
// InputError for a file that is not a complete run (assignment) or was made on another network
// (output/link_cost_reader.hpp, output/dynamic_routes_reader.hpp).
void load_result_inputs(Scenario& scenario);

}  // namespace arteria
