// Routes for every trip of a demand: given routes are kept, the others are shortest paths on the
// link costs of the bin of their departure time, equal-cost ties spread per trip (see
// tie_breaking.hpp). Paths come from a Customizable Contraction Hierarchy for cars: the order
// (cached on disk, cch_order_cache.hpp) and contraction once, one customization per cost bin
// that some trip uses (and per restricting vehicle class in it: class_costs.hpp), then its trips in
// parallel with oneTBB, one forward sweep per origin shared by the trips leaving there and one
// backward sweep per (origin, destination), or, when many trips go to few destinations, one
// backward tree per destination shared by all. Results are written in trip order, so they do not
// depend on the thread count.
#pragma once

#include <optional>
#include <vector>

#include "model/demand.hpp"
#include "model/link_cost_series.hpp"
#include "model/network.hpp"
#include "routing/cch_order_cache.hpp"
#include "routing/tie_breaking.hpp"

namespace arteria {

struct TripRoutes {
  std::vector<Index> trip_first_link{0};  // CSR, size trip_count + 1; empty range: no route
  std::vector<Index> links;
};

struct RoutingReport {
  Index metrics = 0;                    // cost-bin metrics customized
  Index sweeps = 0;                     // forward sweeps (one per origin and metric)
  Index queries = 0;                    // trips routed
  Index backward_trees = 0;             // backward searches kept per (metric, destination)
  std::vector<Index> unroutable_trips;  // no path, or origin equals destination
  CchPreparation preparation;           // the CCH order (cached or computed) and contraction
  double customization_s = 0.0;         // every metric
  double query_s = 0.0;                 // the queries and path unpacking
  double wall_s = 0.0;                  // all of it
};

// `prepared`, when given, is the car CCH topology of this network (prepare_cch(network,
// mode_car)): it is used, and freed with the rest of routing, instead of building another.
TripRoutes route_trips(const Network& network, const Demand& demand, const LinkCostSeries& costs,
                       const TieBreaking& ties, RoutingReport& report,
                       std::optional<PreparedCch> prepared = std::nullopt);

}  // namespace arteria
