// The static assignment problem of a TNTP network and OD table, in the files' own units: costs in
// the network's time unit (seconds_per_cost_unit says how many seconds that is), flows as in the
// trips file. Node n (TNTP number) is node index n - 1, links are in file order, nodes below
// <FIRST THRU NODE> are centroids, and fixed_cost = toll_factor * toll + distance_factor *
// length, as TNTP defines generalized cost.
#pragma once

#include "assignment/static_assignment.hpp"
#include "formats/tntp/tntp_reader.hpp"

namespace arteria {

AssignmentProblem tntp_assignment_problem(const TntpNetwork& network, const TntpOdTable& od);

}  // namespace arteria
