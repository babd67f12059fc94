// Routes for every trip of a demand: given routes are kept, the others are shortest paths on
// the given link costs, one tree per origin, computed in parallel over origins with oneTBB.
// Results are written in trip order, so they do not depend on the thread count.
#pragma once

#include <vector>

#include "model/demand.hpp"
#include "model/network.hpp"

namespace arteria {

struct TripRoutes {
  std::vector<Index> trip_first_link{0};  // CSR, size trip_count + 1; empty range: no route
  std::vector<Index> links;
};

struct RoutingReport {
  Index trees = 0;                      // shortest-path trees grown
  std::vector<Index> unroutable_trips;  // no path, or origin equals destination
  double wall_s = 0.0;
};

TripRoutes route_trips(const Network& network, const Demand& demand,
                       const std::vector<float>& link_cost_s, RoutingReport& report);

}  // namespace arteria
