// Link-to-link routing on the CCH: CchQuery::to_link against LinkDijkstra on random link pairs
// (toy networks with bans and zones, a grid, real networks, closed links), and route_link_pairs
// against LinkDijkstra::between_links, the SUMO importer's router before it moved to the CCH:
// random pairs with ends that do not admit the modes and first == last, and the trip ends of
// the Ingolstadt and Bologna SUMO scenarios (route counts, unroutable trips, costs, lengths).
#include <catch2/catch.hpp>

#include <tbb/task_arena.h>

#include <cmath>
#include <limits>
#include <random>

#include "formats/grid/grid_city.hpp"
#include "formats/sumo/sumo_reader.hpp"
#include "routing/cch_query.hpp"
#include "routing/link_dijkstra.hpp"
#include "routing/route_link_pairs.hpp"
#include "scenario/scenario_file.hpp"
#include "toy_scenarios.hpp"

using namespace arteria;
using namespace arteria::testing;

namespace {

constexpr float closed = std::numeric_limits<float>::infinity();

// Equal up to the order of the double additions (as in test_cch.cpp).
bool same_cost(double a, double b, double relative = 1e-12) {
  if (std::isinf(a) || std::isinf(b)) return a == b;
  return std::abs(a - b) <= relative * std::max(1.0, std::abs(a));
}

std::vector<float> random_costs(const Network& net, double closed_share, std::mt19937& rng) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<float> cost(net.link_count);
  for (Index l = 0; l < net.link_count; ++l) {
    const bool usable = (net.link_modes[l] & mode_car) && unit(rng) >= closed_share;
    cost[l] = usable ? net.link_length_m[l] / net.link_free_speed_mps[l] : closed;
  }
  return cost;
}

// `path` goes from `first` (included) to `last` by allowed turns, never out of a zone centroid,
// over links admitting cars except perhaps its two ends.
void check_walk(const Network& net, const std::vector<Index>& path, Index first, Index last) {
  REQUIRE(!path.empty());
  CHECK(path.front() == first);
  CHECK(path.back() == last);
  for (std::size_t i = 1; i < path.size(); ++i) {
    CHECK(net.find_turn(path[i - 1], path[i]) != invalid_index);
    CHECK(!net.node_is_centroid[net.link_to_node[path[i - 1]]]);
    if (i + 1 < path.size()) CHECK((net.link_modes[path[i]] & mode_car) != 0);
  }
}

// What a router minimises: free-flow times and turn penalties.
double route_cost_s(const Network& net, const std::vector<Index>& path) {
  double sum = turn_penalties_s(net, path);
  for (Index l : path)
    sum += static_cast<double>(net.link_length_m[l]) / net.link_free_speed_mps[l];
  return sum;
}

double length_m(const Network& net, const std::vector<Index>& path) {
  double sum = 0.0;
  for (Index l : path) sum += net.link_length_m[l];
  return sum;
}

// Random (first, last) pairs, the last a car link; one in ten has first == last.
std::vector<LinkPair> random_pairs(const Network& net, int count, bool any_first,
                                   std::mt19937& rng) {
  std::uniform_int_distribution<Index> any_link(0, net.link_count - 1);
  const auto car_link = [&] {
    Index l = any_link(rng);
    while (!(net.link_modes[l] & mode_car)) l = any_link(rng);
    return l;
  };
  std::vector<LinkPair> pairs;
  for (int i = 0; i < count; ++i) {
    const Index first = any_first ? any_link(rng) : car_link();
    pairs.push_back(
        {first, i % 10 == 0 && (net.link_modes[first] & mode_car) ? first : car_link()});
  }
  return pairs;
}

// to_link after a link sweep and after a node sweep, costs and paths against LinkDijkstra on the
// same float costs, with free-flow costs and again with 5 % of the links closed.
void check_to_link(const Network& net, int queries, std::uint32_t seed) {
  std::mt19937 rng(seed);
  const CchTopology topology(net, mode_car, compute_cch_order(net, mode_car));
  CchMetric metric(topology);
  CchQuery cch(metric);
  LinkDijkstra dijkstra(net);
  std::uniform_int_distribution<Index> any_node(0, net.node_count - 1);
  for (const double closed_share : {0.0, 0.05}) {
    const std::vector<float> cost = random_costs(net, closed_share, rng);
    metric.customize(cost);
    int reachable = 0;
    for (const LinkPair& pair : random_pairs(net, queries, true, rng)) {
      INFO("link " << pair.first << " -> link " << pair.last);
      dijkstra.from_link(pair.first, cost);
      cch.forward_from_link(pair.first);
      const double got = cch.to_link(pair.last);
      REQUIRE(same_cost(got, dijkstra.link_cost(pair.last)));
      std::vector<Index> path{pair.first};
      REQUIRE(cch.append_path(path) == !std::isinf(got));
      if (std::isinf(got)) continue;
      ++reachable;
      check_walk(net, path, pair.first, pair.last);
      double sum = turn_penalties_s(net, path);
      for (std::size_t i = 1; i < path.size(); ++i) sum += cost[path[i]];
      CHECK(same_cost(sum, got));

      const Index origin = any_node(rng);
      INFO("node " << origin << " -> link " << pair.last);
      dijkstra.from_node(origin, cost);
      cch.forward_from_node(origin);
      const double from_origin = cch.to_link(pair.last);
      REQUIRE(same_cost(from_origin, dijkstra.link_cost(pair.last)));
      path.clear();
      REQUIRE(cch.append_path(path) == !std::isinf(from_origin));
      if (!path.empty()) {
        CHECK(net.link_from_node[path.front()] == origin);
        check_walk(net, path, path.front(), pair.last);
      }
    }
    if (closed_share == 0.0) CHECK(reachable > 0);
  }
}

// route_link_pairs against between_links pair by pair: the same pairs routed, each path valid
// and as cheap (free-flow seconds in double, to float rounding). Returns the totals.
struct Totals {
  Index routed = 0;
  Index identical = 0;
  double time_s = 0.0;
  double reference_time_s = 0.0;
  double length_m = 0.0;
  double reference_length_m = 0.0;
  Index backward_trees = 0;
};

Totals compare_with_between_links(const Network& net, const std::vector<LinkPair>& pairs) {
  LinkPairReport report;
  const LinkPairRoutes routes = route_link_pairs(net, mode_car, pairs, report);
  REQUIRE(routes.pair_first_link.size() == pairs.size() + 1);
  LinkDijkstra dijkstra(net);
  Totals totals;
  Index unroutable = 0;
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    INFO("pair " << p << ": link " << pairs[p].first << " -> link " << pairs[p].last);
    std::vector<Index> expected;
    const bool found = dijkstra.between_links(pairs[p].first, pairs[p].last, mode_car, expected);
    const std::vector<Index> got(routes.links.begin() + routes.pair_first_link[p],
                                 routes.links.begin() + routes.pair_first_link[p + 1]);
    REQUIRE(got.empty() == !found);
    unroutable += !found;
    if (!found) continue;
    check_walk(net, got, pairs[p].first, pairs[p].last);
    CHECK(same_cost(route_cost_s(net, got), route_cost_s(net, expected), 1e-6));
    ++totals.routed;
    totals.identical += got == expected;
    totals.time_s += route_cost_s(net, got);
    totals.reference_time_s += route_cost_s(net, expected);
    totals.length_m += length_m(net, got);
    totals.reference_length_m += length_m(net, expected);
  }
  CHECK(report.unroutable == unroutable);
  CHECK(same_cost(totals.time_s, totals.reference_time_s, 1e-6));
  totals.backward_trees = report.backward_trees;
  return totals;
}

Network scenario_network(const std::string& name) {
  const ScenarioSpec spec =
      read_scenario_spec(std::string(ARTERIA_SOURCE_DIR) + "/scenarios/" + name + "/scenario.toml");
  REQUIRE(spec.roads);
  return compile_network(spec.roads->spec);
}

// The demand of a SUMO configuration read onto `net` (as the importer reads it).
Demand sumo_demand(const Network& net, const std::string& config, SumoDemandReport& report) {
  const SumoScenarioFiles files = read_sumocfg(config);
  Demand demand;
  DemandBuilder builder(net, demand);
  SumoRouteOptions options;
  options.begin_s = files.begin_s;
  if (files.end_s) options.end_s = *files.end_s;
  report = read_sumo_routes(files.demand_files(), net, builder, options);
  return demand;
}

}  // namespace

TEST_CASE("CCH to_link counts the target link's cost, not the start link's") {
  NetworkSpec spec = two_way_square();
  spec.turn_penalty_s = 0.0;  // link costs only (penalties: test_cch.cpp)
  const Network net = compile_network(spec);
  const CchTopology topology(net, mode_car, compute_cch_order(net, mode_car));
  CchMetric metric(topology);
  metric.customize(free_flow_costs(net, net.link_free_speed_mps, {}));
  CchQuery query(metric);
  query.forward_from_link(net.find_link("A>B"));
  // B>C (1 s) then C>D (10 s); the 10 s of A>B are not counted.
  CHECK(query.to_link(net.find_link("C>D")) == Approx(11.0));
  std::vector<Index> links;
  REQUIRE(query.append_path(links));
  CHECK(links == std::vector<Index>{net.find_link("B>C"), net.find_link("C>D")});
  CHECK(query.to_link(net.find_link("A>B")) == 0.0);  // first == last: nothing after it
  links.clear();
  CHECK(query.append_path(links));
  CHECK(links.empty());
  query.forward_from_node(net.find_node("A"));
  CHECK(query.to_link(net.find_link("A>B")) == Approx(10.0));  // from a node: its own cost
  CHECK(query.to_link(net.find_link("B>D")) == Approx(16.0));  // A>C, C>B, B>D
}

TEST_CASE("CCH to_link matches LinkDijkstra on random toy networks with bans and zones") {
  std::mt19937 rng(21);
  for (int trial = 0; trial < 20; ++trial) {
    check_to_link(random_toy_network(rng, trial, true), 30, static_cast<std::uint32_t>(trial));
  }
}

TEST_CASE("CCH to_link matches LinkDijkstra on a grid and on SUMO and OSM networks") {
  check_to_link(compile_network(make_grid_city({.columns = 12, .rows = 12})), 150, 1);
  check_to_link(scenario_network("ingolstadt21"), 150, 2);
  check_to_link(scenario_network("monaco"), 150, 3);
}

TEST_CASE("route_link_pairs gives between_links' paths, ends outside the modes included") {
  // The square of test_routing.cpp: A>B and C>D admit buses only, yet are used as ends.
  NetworkSpec spec = two_way_square();
  for (LinkSpec& link : spec.links) {
    if (link.id == "A>B" || link.id == "C>D") link.modes = mode_bus;
  }
  Network net = compile_network(spec);
  const std::vector<LinkPair> pairs{{net.find_link("A>B"), net.find_link("C>D")},
                                    {net.find_link("A>B"), net.find_link("A>B")},
                                    {net.find_link("B>C"), net.find_link("B>C")},
                                    {net.find_link("D>B"), net.find_link("A>C")}};
  LinkPairReport report;
  const LinkPairRoutes routes = route_link_pairs(net, mode_car, pairs, report);
  const auto path = [&](std::size_t p) {
    std::vector<std::string> ids;
    for (Index i = routes.pair_first_link[p]; i < routes.pair_first_link[p + 1]; ++i) {
      ids.push_back(net.link_external_id[routes.links[i]]);
    }
    return ids;
  };
  CHECK(path(0) == std::vector<std::string>{"A>B", "B>C", "C>D"});
  CHECK(path(1) == std::vector<std::string>{"A>B"});
  CHECK(path(2) == std::vector<std::string>{"B>C"});
  CHECK(path(3) == std::vector<std::string>{"D>B", "B>A", "A>C"});
  CHECK(report.by_dijkstra == 2);  // C>D, A>B: not CCH vertices for cars
  CHECK(report.unroutable == 0);
  CHECK(report.sweeps == 3);

  std::mt19937 rng(5);
  const Network grid = compile_network(make_grid_city({.columns = 9, .rows = 9}));
  // Last links repeat on the small grid (backward trees), hardly on Monaco (a search per pair).
  CHECK(compare_with_between_links(grid, random_pairs(grid, 900, true, rng)).backward_trees > 0);
  const Network monaco = scenario_network("monaco");
  CHECK(compare_with_between_links(monaco, random_pairs(monaco, 400, true, rng)).backward_trees ==
        0);
}

TEST_CASE("route_link_pairs does not depend on the thread count") {
  const Network net = compile_network(make_grid_city({.columns = 15, .rows = 15}));
  std::mt19937 rng(9);
  const std::vector<LinkPair> pairs = random_pairs(net, 2000, false, rng);
  const auto routed = [&](int threads) {
    LinkPairRoutes routes;
    tbb::task_arena(threads).execute([&] {
      LinkPairReport report;
      routes = route_link_pairs(net, mode_car, pairs, report);
    });
    return routes;
  };
  const LinkPairRoutes one = routed(1);
  const LinkPairRoutes two = routed(2);
  CHECK(one.pair_first_link == two.pair_first_link);
  CHECK(one.links == two.links);
}

TEST_CASE("SUMO trips between edges: the CCH routes them as between_links did") {
  // Ingolstadt: 4,283 trips given by their first and last edge, routed by the importer.
  const Network ingolstadt = scenario_network("ingolstadt21");
  SumoDemandReport report;
  sumo_demand(ingolstadt, std::string(ARTERIA_DATA_DIR) + "/sumo/ingolstadt21/ingolstadt21.sumocfg",
              report);
  std::vector<LinkPair> pairs;
  for (const SumoTripEnds& ends : report.trip_ends)
    pairs.push_back({ends.first_link, ends.last_link});
  REQUIRE(pairs.size() == 4281);
  Totals totals = compare_with_between_links(ingolstadt, pairs);
  CHECK(totals.routed == 4281);
  // Free-flow times of similar size round to the same floats: the very same paths.
  CHECK(totals.identical == totals.routed);
  CHECK(totals.length_m == totals.reference_length_m);

  // Bologna's vehicles come with routes: their first and last links make real pairs.
  const Network bologna = scenario_network("bologna_acosta");
  const Demand demand = sumo_demand(
      bologna, std::string(ARTERIA_DATA_DIR) + "/sumo/bologna-acosta/run.sumocfg", report);
  pairs.clear();
  for (Index trip = 0; trip < demand.trip_count(); ++trip) {
    if (!demand.has_given_route(trip)) continue;
    pairs.push_back({demand.given_route_links[demand.trip_first_given_link[trip]],
                     demand.given_route_links[demand.trip_first_given_link[trip + 1] - 1]});
  }
  REQUIRE(pairs.size() == 8779);
  totals = compare_with_between_links(bologna, pairs);
  // 43 route ends have no car path between them in either router (the given routes use links
  // cars may not, which between_links allows only at the two ends).
  CHECK(totals.routed == 8736);
  CHECK(totals.identical == totals.routed);
  CHECK(totals.length_m == totals.reference_length_m);
}
