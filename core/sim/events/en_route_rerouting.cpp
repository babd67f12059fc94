#include "sim/events/en_route_rerouting.hpp"

#include <algorithm>
#include <cmath>

#include "base/lap_timer.hpp"
#include "base/rng.hpp"
#include "model/link_cost_series.hpp"
#include "routing/class_costs.hpp"
#include "routing/link_dijkstra.hpp"
#include "sim/events/reroute_paths.hpp"

namespace arteria {
namespace {

// A new path is taken only when it saves more than this share of the time left: an equal-cost
// path is no reason to move (the same rule as dynamic assignment's switching).
constexpr double min_saving = 1e-6;

// The bin's link times as routing sees them: experienced_link_time_s with free flow as the time
// before (a link that stayed blocked for the bin costs free flow plus the bin); closed links and
// links cars may not use cost infinity.
std::vector<float> current_link_times(const Network& net, const SimState& s, const LinkBin& bin,
                                      double bin_s) {
  std::vector<float> cost = free_flow_costs(net, s.links.free_speed_mps, s.links.closed);
  for (Index l = 0; l < net.link_count; ++l) {
    if (!std::isfinite(cost[l])) continue;
    cost[l] = static_cast<float>(experienced_link_time_s(
        net.link_length_m[l], cost[l], bin.mean_speed_mps[l], bin.queue_veh[l], cost[l], bin_s));
  }
  return cost;
}

bool re_routes(const Scenario& scenario, Index trip) {
  const double share = scenario.en_route.share;
  return share >= 1.0 ||
         random_unit(scenario.sim.seed, trip, 0, RandomPurpose::en_route_rerouting) < share;
}

// The drivers who re-route now: on the network with a link after the current one, or departing
// before the next period ends; sorted by where their new path starts, in vehicle order within.
std::vector<RerouteRequest> re_routing_drivers(const Scenario& scenario, const SimState& s) {
  const double next_time_s = s.time_s + scenario.en_route.period_s;
  std::vector<RerouteRequest> requests;
  for (Index v = 0; v < scenario.demand.road_trip_count(); ++v) {
    const VehicleMotion& motion = s.vehicles.motion[v];
    const bool choosing = s.vehicles.status[v] == VehicleStatus::en_route
                              ? motion.route_pos + 1 < motion.route_end
                              : s.vehicles.status[v] == VehicleStatus::pending &&
                                    scenario.demand.trip_depart_s[v] < next_time_s;
    if (choosing && re_routes(scenario, v)) requests.push_back({reroute_start(scenario, s, v), v});
  }
  std::stable_sort(
      requests.begin(), requests.end(),
      [](const RerouteRequest& a, const RerouteRequest& b) { return a.start < b.start; });
  return requests;
}

// The time of links [first, last) for vehicle v on `cost` as its class sees them (class_costs.hpp)
// when its path starts: now, or at its departure if it has not set off.
template <typename It>
double path_time_s(const Scenario& scenario, const SimState& s, Index v,
                   const std::vector<float>& cost, It first, It last) {
  const ClassIndex c = scenario.demand.trip_class[v];
  const double start_s = s.vehicles.status[v] == VehicleStatus::pending
                             ? std::max(s.time_s, scenario.demand.trip_depart_s[v])
                             : s.time_s;
  double time = 0.0;
  for (; first != last; ++first) {
    time += class_link_cost(scenario.network, scenario.demand.classes, c, start_s, *first,
                            cost[*first]);
  }
  return time;
}

// Keeps the requests whose new path is faster than the rest of their route on `cost`. The link a
// driver on the network is on is the first of both and counts on neither side.
void keep_faster(const Scenario& scenario, const SimState& s, const std::vector<float>& cost,
                 std::vector<RerouteRequest>& requests, std::vector<std::vector<Index>>& paths) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const Index v = requests[i].vehicle;
    if (paths[i].empty()) continue;
    const std::size_t on_link = s.vehicles.status[v] == VehicleStatus::en_route ? 1 : 0;
    const auto route = s.routes.links.begin();
    const double left_s =
        path_time_s(scenario, s, v, cost, route + s.vehicles.motion[v].route_pos + on_link,
                    route + s.vehicles.motion[v].route_end);
    const double new_s =
        path_time_s(scenario, s, v, cost, paths[i].begin() + on_link, paths[i].end());
    if (new_s < left_s * (1.0 - min_saving)) {
      // Not onto itself: a vector moved onto itself is left empty (libstdc++), and the driver
      // would lose its new path.
      if (kept != i) {
        requests[kept] = requests[i];
        paths[kept] = std::move(paths[i]);
      }
      ++kept;
    }
  }
  requests.resize(kept);
  paths.resize(kept);
}

}  // namespace

bool en_route_rerouting_due(const Scenario& scenario, double time_s) {
  if (!scenario.en_route.enabled()) return false;
  const double periods = (time_s - scenario.sim.start_s) / scenario.en_route.period_s;
  return periods > 0.5 && std::abs(periods - std::round(periods)) < 1e-6;
}

RerouteCounts reroute_on_current_times(const Scenario& scenario, SimState& s, const LinkBin& bin,
                                       RerouteCch& cch) {
  LapTimer timer;
  std::vector<RerouteRequest> requests = re_routing_drivers(scenario, s);
  if (requests.empty()) return {};
  const Network& net = scenario.network;
  const std::vector<float> cost = current_link_times(net, s, bin, scenario.output.bin_s);
  prepare_reroute_cch(net, cch);
  std::vector<std::vector<Index>> paths = class_reroute_paths(scenario, cch, s, cost, requests);
  keep_faster(scenario, s, cost, requests, paths);
  const RerouteCounts counts = install_routes(net, s, requests, paths);
  s.reroutes += counts.rerouted;
  cch.seconds += timer.lap();
  return counts;
}

}  // namespace arteria
