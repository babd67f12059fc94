// Re-routing after a closure on the CCH (sim/events/reroute.cpp): on the bridge closure of
// scenarios/grid_events.toml every re-routed vehicle's remaining route is a shortest path on the
// closed network (LinkDijkstra as the reference, within the tie-spreading bound), and a fork,
// which builds its own CCH, re-routes exactly as the simulation it was forked from.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

#include "routing/link_dijkstra.hpp"
#include "scenario/scenario_file.hpp"
#include "sim/simulation.hpp"
#include "toy_scenarios.hpp"

using namespace arteria;
using arteria::testing::turn_penalties_s;

namespace {

constexpr double closure_s = 7.5 * 3600.0;  // both bridge directions close at 07:30

std::shared_ptr<const Scenario> grid_events() {
  return std::make_shared<const Scenario>(
      load_scenario(std::string(ARTERIA_SOURCE_DIR) + "/scenarios/grid_events.toml"));
}

}  // namespace

TEST_CASE("re-routes after a closure are shortest paths on the closed network") {
  const auto scenario = grid_events();
  Simulation sim(scenario, 2);
  sim.run_until(closure_s);
  sim.step();  // applies the closures, then moves vehicles one step along their new routes
  const SimState& s = sim.state();
  const Network& net = scenario->network;
  const std::vector<float> cost = free_flow_costs(net, s.links.free_speed_mps, s.links.closed);
  LinkDijkstra dijkstra(net);
  int checked = 0;
  for (Index v = 0; v < s.vehicles.status.size(); ++v) {
    if (s.vehicles.reroutes[v] == 0) continue;
    const bool en_route = s.vehicles.status[v] == VehicleStatus::en_route;
    if (!en_route && s.vehicles.status[v] != VehicleStatus::pending) continue;
    const Index pos = s.vehicles.motion[v].route_pos;
    const Index end = s.vehicles.motion[v].route_end;
    const Index destination = scenario->demand.trip_destination[v];
    // The rest of the route from the current link (its turn out of it is still to pay).
    const std::vector<Index> rest(s.routes.links.begin() + pos, s.routes.links.begin() + end);
    double route_s = turn_penalties_s(net, rest);
    for (Index p = en_route ? pos + 1 : pos; p < end; ++p) route_s += cost[s.routes.links[p]];
    if (en_route) {
      dijkstra.from_link(s.routes.links[pos], cost, destination);
    } else {
      dijkstra.from_node(scenario->demand.trip_origin[v], cost, destination);
    }
    const double shortest_s = dijkstra.cost_to(destination);
    INFO("vehicle " << v);
    REQUIRE(!std::isinf(route_s));
    CHECK(route_s >= shortest_s * (1.0 - 1e-9));
    CHECK(route_s <= shortest_s * (1.0 + 1e-4) + 1e-9);  // ties spread (tie_breaking.hpp)
    CHECK(net.link_to_node[s.routes.links[end - 1]] == destination);
    ++checked;
  }
  CHECK(checked > 500);
  CHECK(sim.rerouting_s() > 0.0);
}

TEST_CASE("a fork re-routes on its own CCH exactly as the simulation it came from") {
  const auto scenario = grid_events();
  Simulation sim(scenario, 2);
  sim.run_until(closure_s - 60.0);
  Simulation fork(sim.snapshot(), 1);
  sim.run_until(closure_s + 60.0);
  fork.run_until(closure_s + 60.0);
  CHECK(fork.state().reroutes == sim.state().reroutes);
  CHECK(fork.state().reroutes > 0);
  CHECK(fork.state().routes.links == sim.state().routes.links);
  CHECK(fork.state().vehicles.motion == sim.state().vehicles.motion);
}
