// Until routing takes a LinkCostSeries itself, a series of several bins is routed bin by bin:
// the departures of each bin form a demand of their own, routed on that bin's metric, and the
// paths are put back in trip order (so the result does not depend on the thread count).
#include "sim/route_on_costs.hpp"

#include <algorithm>
#include <stdexcept>

#include "routing/link_dijkstra.hpp"

namespace arteria {
namespace {

std::vector<float> bin_costs(const LinkCostSeries& series, Index bin, std::vector<float> cost) {
  const float* run = series.bin(bin);
  for (Index l = 0; l < series.link_count; ++l) cost[l] = std::max(cost[l], run[l]);
  return cost;
}

}  // namespace

TripRoutes route_on_costs(const Scenario& scenario, RoutingReport& report) {
  const Network& net = scenario.network;
  const Demand& demand = scenario.demand;
  const LinkCostSeries& series = scenario.route_costs;
  if (!scenario.route_costs_from.empty() && series.bin_count() == 0) {
    throw std::logic_error("routing.costs_from names " + scenario.route_costs_from +
                           " but its costs were not loaded (load_route_costs)");
  }
  if (series.bin_count() > 0 && series.link_count != net.link_count) {
    throw std::logic_error("route costs for " + std::to_string(series.link_count) +
                           " links on a network of " + std::to_string(net.link_count));
  }
  const std::vector<float> free_flow = free_flow_costs(net, net.link_free_speed_mps, {});
  if (series.bin_count() <= 1) {
    return route_trips(
        net, demand, series.bin_count() == 0 ? free_flow : bin_costs(series, 0, free_flow), report);
  }

  // Trips without a given route, by the bin of their departure, in trip order.
  std::vector<Demand> parts(series.bin_count());
  std::vector<Index> part_of(demand.trip_count(), invalid_index);
  std::vector<Index> row_of(demand.trip_count(), 0);
  for (Index trip = 0; trip < demand.trip_count(); ++trip) {
    if (demand.has_given_route(trip)) continue;
    const Index bin = series.bin_at(demand.trip_depart_s[trip]);
    Demand& part = parts[bin];
    part_of[trip] = bin;
    row_of[trip] = part.trip_count();
    part.trip_origin.push_back(demand.trip_origin[trip]);
    part.trip_destination.push_back(demand.trip_destination[trip]);
    part.trip_first_given_link.push_back(0);
  }
  std::vector<TripRoutes> part_routes(parts.size());
  report = {};
  for (Index bin = 0; bin < parts.size(); ++bin) {
    if (parts[bin].trip_count() == 0) continue;
    RoutingReport part_report;
    part_routes[bin] = route_trips(net, parts[bin], bin_costs(series, bin, free_flow), part_report);
    report.trees += part_report.trees;
    report.wall_s += part_report.wall_s;
  }

  TripRoutes routes;
  routes.trip_first_link.reserve(demand.trip_count() + 1);
  for (Index trip = 0; trip < demand.trip_count(); ++trip) {
    if (part_of[trip] == invalid_index) {
      routes.links.insert(
          routes.links.end(), demand.given_route_links.begin() + demand.trip_first_given_link[trip],
          demand.given_route_links.begin() + demand.trip_first_given_link[trip + 1]);
    } else {
      const TripRoutes& part = part_routes[part_of[trip]];
      const Index row = row_of[trip];
      routes.links.insert(routes.links.end(), part.links.begin() + part.trip_first_link[row],
                          part.links.begin() + part.trip_first_link[row + 1]);
    }
    if (routes.links.size() == routes.trip_first_link.back()) {
      report.unroutable_trips.push_back(trip);
    }
    routes.trip_first_link.push_back(static_cast<Index>(routes.links.size()));
  }
  return routes;
}

}  // namespace arteria
