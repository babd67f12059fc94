// Routes given with the demand as link ids (trips.csv, SUMO routes) resolved to link indices,
// where a reader can run it in parallel: no state but the caller's output array.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/network.hpp"

namespace arteria {

// Appends the links named by `names` to `links`. Returns what is wrong with the route (an
// unknown link, or one its predecessor has no turn into), empty when nothing is; `links` may
// then hold part of the route after its old end.
std::string resolve_given_route(const Network& network, std::span<const std::string_view> names,
                                std::vector<Index>& links);

}  // namespace arteria
