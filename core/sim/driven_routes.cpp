#include "sim/driven_routes.hpp"

#include <cstddef>

namespace arteria {

namespace {

bool entered_network(VehicleStatus status) {
  return status == VehicleStatus::en_route || status == VehicleStatus::arrived ||
         status == VehicleStatus::stuck;
}

}  // namespace

TripRoutes driven_routes(const SimState& s) {
  const std::size_t vehicles = s.vehicles.status.size();
  // The switches of each vehicle, in the order they were made (a stable counting sort).
  std::vector<std::size_t> first(vehicles + 1, 0);
  for (const RouteSwitch& change : s.route_switches) ++first[change.vehicle + 1];
  for (std::size_t v = 0; v < vehicles; ++v) first[v + 1] += first[v];
  std::vector<std::size_t> order(s.route_switches.size());
  std::vector<std::size_t> fill(first.begin(), first.end() - 1);
  for (std::size_t k = 0; k < s.route_switches.size(); ++k) {
    order[fill[s.route_switches[k].vehicle]++] = k;
  }

  TripRoutes driven;
  driven.trip_first_link.reserve(vehicles + 1);
  const auto append = [&](Index from, Index to) {  // route positions [from, to)
    driven.links.insert(driven.links.end(), s.routes.links.begin() + from,
                        s.routes.links.begin() + to);
  };
  for (std::size_t v = 0; v < vehicles; ++v) {
    if (entered_network(s.vehicles.status[v])) {
      Index start = s.routes.trip_first_link[v];
      for (std::size_t k = first[v]; k < first[v + 1]; ++k) {
        const RouteSwitch& change = s.route_switches[order[k]];
        append(start, change.left_pos);  // the link it was on starts the new route
        start = change.new_pos;
      }
      append(start, s.vehicles.motion[v].route_pos + 1);
    }
    driven.trip_first_link.push_back(static_cast<Index>(driven.links.size()));
  }
  return driven;
}

}  // namespace arteria
