// The demand a dynamic assignment iteration simulates or routes: the scenario's, with the given
// routes of the trips that choose theirs replaced (by their current route, or by none so that
// routing finds one).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "model/demand.hpp"

namespace arteria {

// Trip t keeps its given route when choosing[t] is 0 (t past choosing.size(): transit vehicles,
// kept too), and otherwise gets route_of(t), which may be empty.
template <typename RouteOf>
Demand with_trip_routes(const Demand& demand, const std::vector<std::uint8_t>& choosing,
                        RouteOf&& route_of) {
  Demand out = demand;
  out.trip_first_given_link.assign(1, 0);
  out.given_route_links.clear();
  const Index* given = demand.given_route_links.data();
  for (Index t = 0; t < demand.trip_count(); ++t) {
    const std::span<const Index> route =
        t < choosing.size() && choosing[t]
            ? std::span<const Index>(route_of(t))
            : std::span<const Index>(given + demand.trip_first_given_link[t],
                                     given + demand.trip_first_given_link[t + 1]);
    out.given_route_links.insert(out.given_route_links.end(), route.begin(), route.end());
    out.trip_first_given_link.push_back(static_cast<Index>(out.given_route_links.size()));
  }
  return out;
}

}  // namespace arteria
