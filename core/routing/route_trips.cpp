#include "routing/route_trips.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <chrono>

#include "routing/link_dijkstra.hpp"

namespace arteria {
namespace {

// Trips grouped by origin node (CSR), in trip order within a group.
struct OriginGroups {
  std::vector<Index> origins;
  std::vector<Index> first{0};
  std::vector<Index> trips;
};

OriginGroups group_by_origin(const Network& network, const Demand& demand) {
  std::vector<Index> count(network.node_count + 1, 0);
  for (Index trip = 0; trip < demand.trip_count(); ++trip) {
    if (!demand.has_given_route(trip)) ++count[demand.trip_origin[trip] + 1];
  }
  for (Index node = 0; node < network.node_count; ++node) count[node + 1] += count[node];
  OriginGroups groups;
  groups.trips.resize(count.back());
  std::vector<Index> fill(count.begin(), count.end() - 1);
  for (Index trip = 0; trip < demand.trip_count(); ++trip) {
    if (!demand.has_given_route(trip)) groups.trips[fill[demand.trip_origin[trip]]++] = trip;
  }
  for (Index node = 0; node < network.node_count; ++node) {
    if (count[node + 1] > count[node]) {
      groups.origins.push_back(node);
      groups.first.push_back(count[node + 1]);
    }
  }
  return groups;
}

}  // namespace

TripRoutes route_trips(const Network& network, const Demand& demand,
                       const std::vector<float>& link_cost_s, RoutingReport& report) {
  const auto started = std::chrono::steady_clock::now();
  const OriginGroups groups = group_by_origin(network, demand);

  // Each origin's paths land in that origin's own buffer; merged in trip order afterwards.
  struct GroupPaths {
    std::vector<Index> first;  // per trip of the group, CSR into links
    std::vector<Index> links;
  };
  std::vector<GroupPaths> paths(groups.origins.size());
  tbb::enumerable_thread_specific<LinkDijkstra> searches(std::cref(network));
  tbb::parallel_for(std::size_t{0}, groups.origins.size(), [&](std::size_t g) {
    LinkDijkstra& search = searches.local();
    search.from_node(groups.origins[g], link_cost_s);
    GroupPaths& out = paths[g];
    out.first.push_back(0);
    for (Index i = groups.first[g]; i < groups.first[g + 1]; ++i) {
      const Index trip = groups.trips[i];
      if (demand.trip_destination[trip] != groups.origins[g]) {
        search.append_path_to(demand.trip_destination[trip], out.links);
      }
      out.first.push_back(static_cast<Index>(out.links.size()));
    }
  });
  report.trees = static_cast<Index>(groups.origins.size());

  // Where each trip's path sits: (group, position in group).
  std::vector<std::pair<Index, Index>> slot(demand.trip_count(), {invalid_index, 0});
  for (Index g = 0; g < groups.origins.size(); ++g) {
    for (Index i = groups.first[g]; i < groups.first[g + 1]; ++i) {
      slot[groups.trips[i]] = {g, i - groups.first[g]};
    }
  }
  TripRoutes routes;
  routes.trip_first_link.reserve(demand.trip_count() + 1);
  for (Index trip = 0; trip < demand.trip_count(); ++trip) {
    if (demand.has_given_route(trip)) {
      routes.links.insert(
          routes.links.end(), demand.given_route_links.begin() + demand.trip_first_given_link[trip],
          demand.given_route_links.begin() + demand.trip_first_given_link[trip + 1]);
    } else {
      const auto [g, i] = slot[trip];
      const GroupPaths& group = paths[g];
      routes.links.insert(routes.links.end(), group.links.begin() + group.first[i],
                          group.links.begin() + group.first[i + 1]);
    }
    if (routes.links.size() == routes.trip_first_link.back())
      report.unroutable_trips.push_back(trip);
    routes.trip_first_link.push_back(static_cast<Index>(routes.links.size()));
  }
  report.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return routes;
}

}  // namespace arteria
