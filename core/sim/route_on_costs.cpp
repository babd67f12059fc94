// The series a simulation routes on: free-flow times, or a previous run's link times clamped to
// at least free flow (links cars may not use stay closed). route_trips picks each trip's bin.
#include "sim/route_on_costs.hpp"

#include <algorithm>
#include <stdexcept>

#include "routing/link_dijkstra.hpp"

namespace arteria {
namespace {

LinkCostSeries clamped_to_free_flow(const LinkCostSeries& series,
                                    const std::vector<float>& free_flow) {
  LinkCostSeries clamped = series;
  for (std::size_t i = 0; i < clamped.cost_s.size(); ++i) {
    clamped.cost_s[i] = std::max(clamped.cost_s[i], free_flow[i % free_flow.size()]);
  }
  return clamped;
}

}  // namespace

TripRoutes route_on_costs(const Scenario& scenario, RoutingReport& report,
                          std::optional<PreparedCch> prepared) {
  const Network& net = scenario.network;
  const LinkCostSeries& series = scenario.route_costs;
  if (!scenario.route_costs_from.empty() && series.bin_count() == 0) {
    throw std::logic_error("routing.costs_from names " + scenario.route_costs_from +
                           " but its costs were not loaded (load_result_inputs)");
  }
  if (series.bin_count() > 0 && series.link_count != net.link_count) {
    throw std::logic_error("route costs for " + std::to_string(series.link_count) +
                           " links on a network of " + std::to_string(net.link_count));
  }
  std::vector<float> free_flow = free_flow_costs(net, net.link_free_speed_mps, {});
  const LinkCostSeries costs = series.bin_count() == 0
                                   ? LinkCostSeries::constant(std::move(free_flow))
                                   : clamped_to_free_flow(series, free_flow);
  return route_trips(net, scenario.demand, costs,
                     TieBreaking{.seed = scenario.sim.seed, .spread = scenario.route_spread_ties},
                     report, std::move(prepared));
}

}  // namespace arteria
