// Routes for every trip of a demand: given routes are kept, the others are shortest paths on the
// link costs of the bin of their departure time, on the metric variant drawn for the trip (equal
// costs spread, see tie_breaking.hpp). Trips are routed one (bin, variant) metric at a time, in
// parallel with oneTBB; results are written in trip order, so they do not depend on the thread
// count.
#pragma once

#include <vector>

#include "model/demand.hpp"
#include "model/link_cost_series.hpp"
#include "model/network.hpp"
#include "routing/tie_breaking.hpp"

namespace arteria {

struct TripRoutes {
  std::vector<Index> trip_first_link{0};  // CSR, size trip_count + 1; empty range: no route
  std::vector<Index> links;
};

struct RoutingReport {
  Index metrics = 0;                    // (cost bin, variant) metrics prepared
  Index trees = 0;                      // shortest-path trees grown
  std::vector<Index> unroutable_trips;  // no path, or origin equals destination
  double metric_s = 0.0;                // preparing the metrics (perturbing costs)
  double wall_s = 0.0;                  // all of it
};

TripRoutes route_trips(const Network& network, const Demand& demand, const LinkCostSeries& costs,
                       const TieBreaking& ties, RoutingReport& report);

}  // namespace arteria
