// Links of a result file (a run or an assignment) matched to a scenario's network by id, for
// inputs a scenario takes from earlier results ([routing] costs_from, [assignment] start_routes).
#pragma once

#include <string>
#include <vector>

#include "model/network.hpp"

namespace arteria {

// The scenario's link index of each link the file lists at /network/links/id (`ids`, in file
// order). A link of either network missing from the other is an InputError naming the file and
// that link: the file was made on another network. `made_by` names the file's kind ("run").
std::vector<Index> match_links_by_id(const std::string& h5_path,
                                     const std::vector<std::string>& ids, const Network& network,
                                     const std::string& made_by);

}  // namespace arteria
