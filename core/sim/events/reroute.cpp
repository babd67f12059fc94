// Re-routing after closures: the vehicles whose remaining route crosses a closed link, on the
// current free-flow times with closed links at infinity, as their vehicle class sees them
// (class_costs.hpp; the paths: reroute_paths.hpp).
#include <tbb/parallel_for.h>

#include <algorithm>

#include "base/lap_timer.hpp"
#include "routing/link_dijkstra.hpp"
#include "sim/events/apply_event.hpp"
#include "sim/events/reroute_paths.hpp"

namespace arteria {
namespace {

bool crosses_closed(const SimState& s, Index from_pos, Index end) {
  for (Index p = from_pos; p < end; ++p) {
    if (s.links.closed[s.routes.links[p]]) return true;
  }
  return false;
}

// The vehicles whose remaining route crosses a closed link (and, with `diverted_pending`, the
// not-yet-departed vehicles an earlier closure diverted), sorted by where their new path starts,
// in vehicle order within a start.
std::vector<RerouteRequest> affected_requests(const Scenario& scenario, const SimState& s,
                                              bool diverted_pending) {
  const Index vehicles = static_cast<Index>(s.vehicles.status.size());
  std::vector<std::uint8_t> affected(vehicles, 0);
  tbb::parallel_for(Index{0}, vehicles, [&](Index v) {
    if (scenario.demand.is_transit(v)) return;  // transit keeps its route (and its stops)
    const Index pos = s.vehicles.motion[v].route_pos;
    const Index end = s.vehicles.motion[v].route_end;
    if (s.vehicles.status[v] == VehicleStatus::en_route) {
      affected[v] = crosses_closed(s, pos + 1, end);
    } else if (s.vehicles.status[v] == VehicleStatus::pending) {
      affected[v] = crosses_closed(s, pos, end) || (diverted_pending && s.vehicles.reroutes[v] > 0);
    }
  });
  std::vector<RerouteRequest> requests;
  for (Index v = 0; v < vehicles; ++v) {
    if (!affected[v]) continue;
    requests.push_back({reroute_start(scenario, s, v), v});
  }
  std::stable_sort(
      requests.begin(), requests.end(),
      [](const RerouteRequest& a, const RerouteRequest& b) { return a.start < b.start; });
  return requests;
}

}  // namespace

RerouteCounts reroute_vehicles(const Scenario& scenario, SimState& s, bool diverted_pending,
                               RerouteCch& cch) {
  LapTimer timer;
  const std::vector<RerouteRequest> requests = affected_requests(scenario, s, diverted_pending);
  if (requests.empty()) return {};
  const Network& net = scenario.network;
  prepare_reroute_cch(net, cch);
  const std::vector<float> free_flow = free_flow_costs(net, s.links.free_speed_mps, s.links.closed);
  const std::vector<std::vector<Index>> paths =
      class_reroute_paths(scenario, cch, s, free_flow, requests);
  const RerouteCounts counts = install_routes(scenario.network, s, requests, paths);
  s.reroutes += counts.rerouted;
  s.reroute_failures += counts.failed;
  cch.seconds += timer.lap();
  return counts;
}

}  // namespace arteria
