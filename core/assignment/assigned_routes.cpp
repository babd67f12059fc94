#include "assignment/assigned_routes.hpp"

#include <algorithm>
#include <unordered_map>

#include "base/rng.hpp"

namespace arteria {
namespace {

std::uint64_t pair_key(Index origin, Index destination) {
  return (static_cast<std::uint64_t>(origin) << 32) | destination;
}

bool drivable(const Network& network, const std::vector<Index>& links) {
  for (std::size_t i = 1; i < links.size(); ++i) {
    if (network.find_turn(links[i - 1], links[i]) == invalid_index) return false;
  }
  return !links.empty();
}

// The drivable routes of one pair with their cumulative flows, for drawing.
struct RouteChoice {
  std::vector<const AssignmentPath*> routes;
  std::vector<double> cumulative_flow;

  const AssignmentPath* draw(double u) const {
    const double target = u * cumulative_flow.back();
    for (std::size_t r = 0; r + 1 < routes.size(); ++r) {
      if (target < cumulative_flow[r]) return routes[r];
    }
    return routes.back();
  }
};

// Whether road trip `trip`'s class may drive every link of `links` (static assignment sees every
// vehicle as a car, so its routes may take a truck's banned links).
bool class_allows(const Network& network, const Demand& demand, Index trip,
                  const std::vector<Index>& links) {
  const ClassIndex c = demand.trip_class[trip];
  return std::all_of(links.begin(), links.end(),
                     [&](Index l) { return demand.classes.allows(network, c, l); });
}

}  // namespace

std::vector<Index> trip_od_entries(const Demand& demand, const AssignmentProblem& problem,
                                   double from_s, double to_s) {
  std::unordered_map<std::uint64_t, Index> entry;
  for (Index i = 0; i < problem.od.size(); ++i) {
    entry.emplace(pair_key(problem.od[i].origin, problem.od[i].destination), i);
  }
  std::vector<Index> trip_od(demand.road_trip_count(), invalid_index);
  for (Index trip = 0; trip < demand.road_trip_count(); ++trip) {
    const double depart = demand.trip_depart_s[trip];
    if (demand.has_given_route(trip) || depart < from_s || depart >= to_s) continue;
    const auto found =
        entry.find(pair_key(demand.trip_origin[trip], demand.trip_destination[trip]));
    if (found != entry.end()) trip_od[trip] = found->second;
  }
  return trip_od;
}

AssignedRoutesReport give_assigned_routes(const Network& network, const std::vector<Index>& trip_od,
                                          const AssignmentResult& result, std::uint64_t seed,
                                          Demand& demand) {
  AssignedRoutesReport report;
  std::vector<RouteChoice> choices(result.od_paths.size());
  for (std::size_t od = 0; od < result.od_paths.size(); ++od) {
    double total = 0.0;
    for (const AssignmentPath& path : result.od_paths[od]) {
      if (!(path.flow > 0.0)) continue;
      if (!drivable(network, path.links)) {
        ++report.undrivable_routes;
        continue;
      }
      total += path.flow;
      choices[od].routes.push_back(&path);
      choices[od].cumulative_flow.push_back(total);
    }
  }

  std::vector<Index> first{0};
  std::vector<Index> links;
  first.reserve(demand.trip_count() + 1);
  links.reserve(demand.given_route_links.size());
  for (Index trip = 0; trip < demand.trip_count(); ++trip) {
    const Index od = trip < trip_od.size() ? trip_od[trip] : invalid_index;
    const AssignmentPath* route = nullptr;
    if (!demand.has_given_route(trip) && od != invalid_index && !choices[od].routes.empty()) {
      route = choices[od].draw(random_unit(seed, trip, 0, RandomPurpose::equilibrium_route_choice));
      if (!class_allows(network, demand, trip, route->links)) route = nullptr;
    }
    if (route == nullptr) {
      links.insert(links.end(),
                   demand.given_route_links.begin() + demand.trip_first_given_link[trip],
                   demand.given_route_links.begin() + demand.trip_first_given_link[trip + 1]);
      if (!demand.is_transit(trip) && !demand.has_given_route(trip)) ++report.unassigned_trips;
    } else {
      links.insert(links.end(), route->links.begin(), route->links.end());
      ++report.equilibrium_trips;
    }
    first.push_back(static_cast<Index>(links.size()));
  }
  demand.trip_first_given_link = std::move(first);
  demand.given_route_links = std::move(links);
  return report;
}

}  // namespace arteria
