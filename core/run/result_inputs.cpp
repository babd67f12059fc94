#include "run/result_inputs.hpp"

#include <string_view>
#include <unordered_map>

#include "base/import_log.hpp"
#include "output/dynamic_routes_reader.hpp"
#include "output/link_cost_reader.hpp"
#include "run/trip_route_demand.hpp"

namespace arteria {
namespace {

// Whether `route` (not empty) can carry trip t: it runs from the trip's origin to its
// destination, and a trip between two links keeps them. A variant may give an id another trip.
bool fits_trip(const Network& network, const Demand& demand, Index t,
               std::span<const Index> route) {
  if (route.empty() || network.link_from_node[route.front()] != demand.trip_origin[t] ||
      network.link_to_node[route.back()] != demand.trip_destination[t]) {
    return false;
  }
  if (!demand.route_between_links(t)) return true;
  const Index first = demand.trip_first_given_link[t];
  const Index last = demand.trip_first_given_link[t + 1] - 1;
  return route.front() == demand.given_route_links[first] &&
         route.back() == demand.given_route_links[last];
}

void give_start_routes(Scenario& scenario) {
  DynamicAssignmentParams& params = scenario.dynamic_assignment;
  if (params.start_routes_from.empty()) return;
  Demand& demand = scenario.demand;
  const Index road_trips = demand.road_trip_count();
  // Which trips choose, before any of them is given a route (the choosing rule of
  // run/dynamic_assignment.cpp; a static equilibrium's warm start has set it already).
  std::vector<std::uint8_t>& fixed = params.trip_route_fixed;
  if (fixed.empty()) {
    fixed.resize(road_trips);
    for (Index t = 0; t < road_trips; ++t) {
      fixed[t] = demand.has_given_route(t) && !demand.route_between_links(t);
    }
  }
  const RoutesByTripId start = read_dynamic_routes(params.start_routes_from, scenario.network);
  std::unordered_map<std::string_view, Index> row_of;
  for (Index row = 0; row < start.trip_id.size(); ++row) row_of.emplace(start.trip_id[row], row);
  std::vector<std::uint8_t> choosing(road_trips);
  for (Index t = 0; t < road_trips; ++t) choosing[t] = !fixed[t];
  Index matched = 0, choosing_trips = 0;
  const Index* given = demand.given_route_links.data();
  demand = with_trip_routes(demand, choosing, [&](Index t) {
    ++choosing_trips;
    const auto row = row_of.find(demand.trip_external_id[t]);
    if (row != row_of.end()) {
      const std::span<const Index> route(
          start.links.data() + start.trip_first_link[row->second],
          start.links.data() + start.trip_first_link[row->second + 1]);
      if (fits_trip(scenario.network, demand, t, route)) {
        ++matched;
        return route;
      }
    }
    return std::span<const Index>(given + demand.trip_first_given_link[t],
                                  given + demand.trip_first_given_link[t + 1]);
  });
  import_note("dynamic assignment starts " + std::to_string(matched) + " of " +
              std::to_string(choosing_trips) + " choosing trips on the routes of " +
              params.start_routes_from +
              " (matched by trip id, origin and destination; the others on their first routes)");
}

}  // namespace

void load_result_inputs(Scenario& scenario) {
  if (!scenario.route_costs_from.empty() && scenario.route_costs.bin_count() == 0) {
    scenario.route_costs = read_link_cost_series(scenario.route_costs_from, scenario.network);
  }
  give_start_routes(scenario);
}

}  // namespace arteria
