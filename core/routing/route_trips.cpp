#include "routing/route_trips.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "base/lap_timer.hpp"
#include "routing/cch_order_cache.hpp"
#include "routing/cch_query.hpp"
#include "routing/class_costs.hpp"
#include "routing/grouped_paths.hpp"

namespace arteria {
namespace {

// Stable counting sort of `items` by key(item) in [0, keys).
template <class Key>
std::vector<Index> sort_by(const std::vector<Index>& items, Index keys, const Key& key) {
  std::vector<Index> first(static_cast<std::size_t>(keys) + 1, 0);
  for (const Index item : items) ++first[key(item) + 1];
  for (Index k = 0; k < keys; ++k) first[k + 1] += first[k];
  std::vector<Index> sorted(items.size());
  for (const Index item : items) sorted[first[key(item)]++] = item;
  return sorted;
}

// Trips to route grouped by metric (their cost bin), then by origin node; within a group by
// destination (trips to one destination share a backward sweep), then in trip order.
struct TripGroups {
  std::vector<Index> metric;  // per group
  std::vector<Index> origin;  // per group
  std::vector<Index> first{0};
  std::vector<Index> trips;
};

// A trip's metric is its cost bin's, in the variant of its class (class_costs.hpp):
// bin × variants + variant, so with no restricting class the metric is the bin.
TripGroups group_trips(const Network& network, const Demand& demand, const LinkCostSeries& costs,
                       const ClassVariants& variants) {
  std::vector<Index> metric_of(demand.trip_count(), invalid_index);
  std::vector<Index> trips;
  for (Index trip = 0; trip < demand.trip_count(); ++trip) {
    if (demand.has_given_route(trip)) continue;
    metric_of[trip] = costs.bin_at(demand.trip_depart_s[trip]) * variants.count() +
                      variants.of_trip(demand, trip);
    trips.push_back(trip);
  }
  // Least significant key first: destination, origin, then metric (the sorts are stable).
  trips = sort_by(trips, network.node_count, [&](Index t) { return demand.trip_destination[t]; });
  trips = sort_by(trips, network.node_count, [&](Index t) { return demand.trip_origin[t]; });
  trips =
      sort_by(trips, costs.bin_count() * variants.count(), [&](Index t) { return metric_of[t]; });
  TripGroups groups;
  for (std::size_t i = 0; i < trips.size(); ++i) {
    const Index trip = trips[i];
    if (i > 0 && metric_of[trip] == groups.metric.back() &&
        demand.trip_origin[trip] == groups.origin.back()) {
      continue;
    }
    if (i > 0) groups.first.push_back(static_cast<Index>(i));
    groups.metric.push_back(metric_of[trip]);
    groups.origin.push_back(demand.trip_origin[trip]);
  }
  if (!trips.empty()) groups.first.push_back(static_cast<Index>(trips.size()));
  groups.trips = std::move(trips);
  return groups;
}

// The destinations of the trips in groups [begin, end), each once, in first-seen order;
// tree_of[d] becomes d's position (the caller resets it to invalid_index afterwards).
std::vector<Index> distinct_destinations(const TripGroups& groups, const Demand& demand,
                                         std::size_t begin, std::size_t end,
                                         std::vector<Index>& tree_of) {
  std::vector<Index> destinations;
  for (Index i = groups.first[begin]; i < groups.first[end]; ++i) {
    const Index d = demand.trip_destination[groups.trips[i]];
    if (tree_of[d] == invalid_index) {
      tree_of[d] = static_cast<Index>(destinations.size());
      destinations.push_back(d);
    }
  }
  return destinations;
}

// The paths of group g's trips: one forward sweep from its origin, one backward search (or
// tree) per destination, trips to the same destination sharing it.
struct GroupRouter {
  const TripGroups& groups;
  const Demand& demand;
  const TieBreaking& ties;
  const std::vector<CchQuery::BackwardTree>& trees;  // empty: a backward search per destination
  const std::vector<Index>& tree_of;

  void route(CchQuery& query, std::size_t g, GroupPaths& out) const {
    query.forward_from_node(groups.origin[g]);
    out.first.push_back(0);
    Index swept_to = invalid_index;  // the destination of the last backward search
    double cost = 0.0;
    for (Index i = groups.first[g]; i < groups.first[g + 1]; ++i) {
      const Index trip = groups.trips[i];
      const Index destination = demand.trip_destination[trip];
      if (destination != groups.origin[g]) {
        if (destination != swept_to) {
          cost = trees.empty() ? query.to_node(destination)
                               : query.to_node(destination, trees[tree_of[destination]]);
          swept_to = destination;
        }
        if (!std::isinf(cost) && ties.spread) {
          query.append_spread_path(out.links, ties.seed, trip);
        } else if (!std::isinf(cost)) {
          query.append_path(out.links);
        }
      }
      out.first.push_back(static_cast<Index>(out.links.size()));
    }
    out.trim();
  }
};

// Given routes and the groups' paths, in trip order; trips left without a path are reported.
TripRoutes in_trip_order(const Demand& demand, const GroupedPaths& paths, RoutingReport& report) {
  const auto path_of = [&](Index trip) -> std::span<const Index> {
    if (!demand.has_given_route(trip)) return paths.path(trip);
    const Index* given = demand.given_route_links.data();
    return {given + demand.trip_first_given_link[trip],
            given + demand.trip_first_given_link[trip + 1]};
  };
  TripRoutes routes;
  concatenate_paths(demand.trip_count(), path_of, routes.trip_first_link, routes.links);
  for (Index trip = 0; trip < demand.trip_count(); ++trip) {
    if (routes.trip_first_link[trip] == routes.trip_first_link[trip + 1]) {
      report.unroutable_trips.push_back(trip);
    }
  }
  return routes;
}

// The paths of every group, on the car CCH (`prepared`, or the cached one).
void route_groups(const Network& network, const Demand& demand, const LinkCostSeries& costs,
                  const TieBreaking& ties, const ClassVariants& variants, const TripGroups& groups,
                  std::optional<PreparedCch> prepared, RoutingReport& report, GroupedPaths& paths) {
  if (prepared) report.preparation = prepared->preparation;
  const CchTopology topology = prepared
                                   ? std::move(prepared->topology)
                                   : cached_cch_topology(network, mode_car, report.preparation);
  CchMetric metric(topology);
  LapTimer timer;
  tbb::enumerable_thread_specific<CchQuery> queries(std::cref(metric));
  std::vector<Index> tree_of(network.node_count, invalid_index);
  std::vector<CchQuery::BackwardTree> trees;
  std::vector<float> class_costs;  // a restricting class's costs of the current bin
  // Groups are sorted by metric: each run of one metric is customized once, then routed.
  for (std::size_t begin = 0; begin < groups.origin.size();) {
    const Index metric_index = groups.metric[begin];
    std::size_t end = begin;
    while (end < groups.origin.size() && groups.metric[end] == metric_index) ++end;
    const std::vector<Index> destinations =
        distinct_destinations(groups, demand, begin, end, tree_of);
    const bool use_trees = CchQuery::backward_trees_pay(
        topology, groups.first[end] - groups.first[begin], destinations.size());
    // With trees only one search per origin and one per destination run: too few for the perfect
    // customization to pay (Porto: 0.2 s more customization, no faster queries); searches per
    // trip gain from it (grid_1m, 50,000 trips: queries 23 -> 14 s).
    const Index variant = metric_index % variants.count();
    const float* bin_costs = costs.bin(metric_index / variants.count());
    if (variant != 0) {
      class_link_costs(network, demand.classes, variants.variant_class[variant],
                       variants.variant_time_s[variant], bin_costs, class_costs);
      bin_costs = class_costs.data();
    }
    metric.customize(bin_costs, !use_trees);
    ++report.metrics;
    report.customization_s += timer.lap();
    trees.resize(use_trees ? destinations.size() : 0);
    tbb::parallel_for(std::size_t{0}, trees.size(), [&](std::size_t k) {
      queries.local().backward_tree(destinations[k], trees[k]);
    });
    report.backward_trees += static_cast<Index>(trees.size());
    const GroupRouter router{groups, demand, ties, trees, tree_of};
    tbb::parallel_for(begin, end,
                      [&](std::size_t g) { router.route(queries.local(), g, paths.groups[g]); });
    for (const Index d : destinations) tree_of[d] = invalid_index;
    report.query_s += timer.lap();
    begin = end;
  }
}

}  // namespace

TripRoutes route_trips(const Network& network, const Demand& demand, const LinkCostSeries& costs,
                       const TieBreaking& ties, RoutingReport& report,
                       std::optional<PreparedCch> prepared) {
  LapTimer wall;
  const ClassVariants variants = class_variants(network, demand);
  const TripGroups groups = group_trips(network, demand, costs, variants);
  GroupedPaths paths(demand.trip_count(), groups.first, groups.trips);
  // Every trip with its own route: no CCH to build (grid-large's 150,000 given routes saved
  // 0.15 s of contraction).
  const bool prepared_before = prepared.has_value();
  if (!groups.trips.empty()) {
    route_groups(network, demand, costs, ties, variants, groups, std::move(prepared), report,
                 paths);
  }
  report.sweeps = static_cast<Index>(groups.origin.size());
  report.queries = static_cast<Index>(groups.trips.size());
  TripRoutes routes = in_trip_order(demand, paths, report);
  // A prepared topology was built before this call, but it is part of routing all the same.
  report.wall_s =
      wall.lap() +
      (prepared_before ? report.preparation.order_s + report.preparation.contraction_s : 0.0);
  return routes;
}

}  // namespace arteria
