// Equal-cost ties spread over the tied paths (tie_breaking.hpp): many trips between one OD pair
// of a uniform grid use several shortest paths, never a longer one, and the same ones at any
// thread count. With the turn penalty (Network::turn_penalty_s) the tie is among the paths with
// the fewest turns.
#include <tbb/task_arena.h>

#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "formats/grid/grid_city.hpp"
#include "routing/link_dijkstra.hpp"
#include "routing/route_trips.hpp"
#include "toy_scenarios.hpp"

using namespace arteria;
using namespace arteria::testing;

namespace {

// A 6 x 6 grid of identical streets: 252 shortest paths from corner to corner, all 10 links;
// two of them turn once (along an edge of the grid, then up the other), the others 3 to 9 times.
std::shared_ptr<Scenario> uniform_grid_trips(int trips, double turn_penalty_s) {
  NetworkSpec grid = make_grid_city({.columns = 6, .rows = 6, .arterial_every = 0, .river = false});
  grid.turn_penalty_s = turn_penalty_s;
  auto scenario = toy_scenario(grid, 3600.0);
  add_trips(*scenario, "0_0", "5_5", trips, 0.0, 1.0);
  return scenario;
}

TripRoutes route_with_threads(const Scenario& scenario, int threads, const TieBreaking& ties) {
  const LinkCostSeries costs = LinkCostSeries::constant(
      free_flow_costs(scenario.network, scenario.network.link_free_speed_mps, {}));
  RoutingReport report;
  TripRoutes routes;
  tbb::task_arena(threads).execute(
      [&] { routes = route_trips(scenario.network, scenario.demand, costs, ties, report); });
  CHECK(report.unroutable_trips.empty());
  return routes;
}

std::vector<std::vector<Index>> paths_of(const TripRoutes& routes) {
  std::vector<std::vector<Index>> paths;
  for (std::size_t t = 0; t + 1 < routes.trip_first_link.size(); ++t) {
    paths.emplace_back(routes.links.begin() + routes.trip_first_link[t],
                       routes.links.begin() + routes.trip_first_link[t + 1]);
  }
  return paths;
}

// Turns of a path: changes of link with a non-zero penalty.
int penalised_turns(const Network& net, const std::vector<Index>& path) {
  int turns = 0;
  for (std::size_t i = 1; i < path.size(); ++i) {
    turns += net.turn_penalty_s[net.find_turn(path[i - 1], path[i])] > 0.0f;
  }
  return turns;
}

}  // namespace

TEST_CASE("trips between one OD pair spread over tied shortest paths") {
  const auto scenario = uniform_grid_trips(400, 0.0);
  const TieBreaking ties{.seed = 3};
  const auto paths = paths_of(route_with_threads(*scenario, 1, ties));
  std::set<std::vector<Index>> distinct;
  std::map<Index, int> first_link_use;
  std::map<Index, int> last_link_use;
  for (const auto& path : paths) {
    CHECK(path.size() == 10);  // every one a shortest path
    distinct.insert(path);
    ++first_link_use[path.front()];
    ++last_link_use[path.back()];
  }
  // 252 tied paths; 400 draws spread over most of them, not over a few.
  CHECK(distinct.size() >= 100);
  // Both ways out of the corner, and both ways into the far one, carry a fair share of the
  // trips. Not half each: choices are uniform per tie in the hierarchy, not per path (seed 3:
  // 138 / 262 out, 147 / 253 in); taking the first path puts all 400 on one.
  REQUIRE(first_link_use.size() == 2);
  for (const auto& [link, uses] : first_link_use) CHECK(uses >= 400 * 3 / 10);
  REQUIRE(last_link_use.size() == 2);
  for (const auto& [link, uses] : last_link_use) CHECK(uses >= 400 * 3 / 10);

  SECTION("the same paths at 1 and 2 threads") {
    CHECK(paths_of(route_with_threads(*scenario, 2, ties)) == paths);
  }
  SECTION("without spreading every trip takes one path") {
    const auto single = paths_of(route_with_threads(*scenario, 2, {.seed = 3, .spread = false}));
    CHECK(std::set<std::vector<Index>>(single.begin(), single.end()).size() == 1);
  }
  SECTION("another seed draws other paths") {
    CHECK(paths_of(route_with_threads(*scenario, 2, {.seed = 4})) != paths);
  }
}

TEST_CASE("the turn penalty breaks ties toward the paths with the fewest turns") {
  const auto scenario = uniform_grid_trips(400, default_turn_penalty_s);
  const Network& net = scenario->network;
  const auto paths = paths_of(route_with_threads(*scenario, 2, {.seed = 3}));
  std::map<std::vector<Index>, int> uses;
  for (const auto& path : paths) {
    CHECK(path.size() == 10);  // still a shortest path in time
    CHECK(penalised_turns(net, path) == 1);
    ++uses[path];
  }
  // The two one-turn paths, both used: the tie between them is still spread.
  REQUIRE(uses.size() == 2);
  for (const auto& [path, count] : uses) CHECK(count >= 400 * 3 / 10);

  SECTION("a Dijkstra on the same costs agrees") {
    LinkDijkstra dijkstra(net);
    dijkstra.from_node(net.find_node("0_0"), free_flow_costs(net, net.link_free_speed_mps, {}));
    std::vector<Index> path;
    REQUIRE(dijkstra.append_path_to(net.find_node("5_5"), path));
    CHECK(uses.count(path) == 1);
    double free_flow_s = 0.0;
    for (const Index link : path)
      free_flow_s += net.link_length_m[link] / net.link_free_speed_mps[link];
    CHECK(dijkstra.cost_to(net.find_node("5_5")) ==
          Approx(free_flow_s + default_turn_penalty_s).epsilon(1e-9));
  }
}
