// The final routes of a dynamic assignment file (dynamic_assignment_writer.hpp), for a later
// assignment to start from ([assignment] start_routes: a study's variants start from the base's
// equilibrium instead of free-flow paths).
#pragma once

#include <string>
#include <vector>

#include "model/network.hpp"

namespace arteria {

struct RoutesByTripId {
  std::vector<std::string> trip_id;       // per road trip of the file
  std::vector<Index> trip_first_link{0};  // CSR; an empty range: the trip chose no route
  std::vector<Index> links;               // link indices of the scenario's network
};

// Throws InputError naming the file and dataset for a file that is not a complete dynamic
// assignment file, one without trip ids (written before they were stored), or one made on
// another network (links are matched by id).
RoutesByTripId read_dynamic_routes(const std::string& h5_path, const Network& network);

}  // namespace arteria
