// Customizable Contraction Hierarchies against LinkDijkstra: random node and link queries on toy
// networks, a grid, real scenario networks and TNTP networks (Anaheim has no coordinates), with
// turn bans, zones, closed links and mode masks; path validity; customization that is repeatable
// and independent of the thread count; orders saved and read back.
#include <catch2/catch.hpp>

#include <tbb/task_arena.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <random>

#include "base/error.hpp"
#include "formats/grid/grid_city.hpp"
#include "formats/tntp/tntp_reader.hpp"
#include "routing/cch_query.hpp"
#include "routing/link_dijkstra.hpp"
#include "scenario/scenario_file.hpp"
#include "toy_scenarios.hpp"

using namespace arteria;
using namespace arteria::testing;

namespace {

constexpr float closed = std::numeric_limits<float>::infinity();

// Costs agree up to the order of the double additions (see cch_metric.hpp): a relative 1e-12
// is a few hundred ulps, far below any real difference between two paths.
bool same_cost(double a, double b) {
  if (std::isinf(a) || std::isinf(b)) return a == b;
  return std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(a));
}

// The path is a walk of allowed turns over links admitting `modes`, never through a zone, from
// the start to `destination`, costing `cost`: its links' costs and its turns' penalties (the
// turn out of the start link included).
void check_path(const Network& net, ModeMask modes, const std::vector<float>& link_cost,
                const std::vector<Index>& path, Index origin, Index start_link, Index destination,
                double cost) {
  if (path.empty()) {
    REQUIRE(start_link != invalid_index);
    CHECK(net.link_to_node[start_link] == destination);
    CHECK(cost == 0.0);
    return;
  }
  double sum = 0.0;
  if (start_link == invalid_index) {
    CHECK(net.link_from_node[path.front()] == origin);
  } else {
    const Index turn = net.find_turn(start_link, path.front());
    REQUIRE(turn != invalid_index);
    sum += net.turn_penalty_s[turn];
  }
  for (std::size_t i = 0; i < path.size(); ++i) {
    CHECK((net.link_modes[path[i]] & modes) != 0);
    sum += link_cost[path[i]];
    if (i == 0) continue;
    const Index turn = net.find_turn(path[i - 1], path[i]);
    REQUIRE(turn != invalid_index);
    sum += net.turn_penalty_s[turn];
    CHECK(!net.node_is_centroid[net.link_from_node[path[i]]]);
  }
  if (start_link != invalid_index) CHECK(!net.node_is_centroid[net.link_to_node[start_link]]);
  CHECK(net.link_to_node[path.back()] == destination);
  CHECK(same_cost(sum, cost));
}

// Costs for `modes`: free-flow times, infinite on links the modes may not use (as LinkDijkstra
// expects) and on `closed_share` of the others, picked at random.
std::vector<float> random_costs(const Network& net, ModeMask modes, double closed_share,
                                std::mt19937& rng) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<float> cost(net.link_count);
  for (Index l = 0; l < net.link_count; ++l) {
    const bool usable = (net.link_modes[l] & modes) && unit(rng) >= closed_share;
    cost[l] = usable ? net.link_length_m[l] / net.link_free_speed_mps[l] : closed;
  }
  return cost;
}

struct Checked {
  int reachable = 0;
  int queries = 0;
};

// `queries` random node queries and as many link queries, costs and paths against LinkDijkstra.
Checked check_random_queries(const Network& net, ModeMask modes, const CchMetric& metric,
                             const std::vector<float>& cost, int queries, std::mt19937& rng) {
  CchQuery cch(metric);
  CchQuery tree_query(metric);
  LinkDijkstra dijkstra(net);
  std::uniform_int_distribution<Index> any_node(0, net.node_count - 1);
  std::uniform_int_distribution<Index> any_link(0, net.link_count - 1);
  Checked checked;
  std::vector<Index> path;
  for (int q = 0; q < queries; ++q) {
    const Index origin = any_node(rng);
    const Index destination = any_node(rng);
    dijkstra.from_node(origin, cost, destination);
    const double expected = dijkstra.cost_to(destination);
    const double got = cch.from_node(origin, destination);
    INFO("node query " << origin << " -> " << destination);
    REQUIRE(same_cost(got, expected));
    // A backward tree kept for the destination answers the same (any origin's sweep).
    CchQuery::BackwardTree tree;
    tree_query.backward_tree(destination, tree);
    tree_query.forward_from_node(origin);
    CHECK(same_cost(tree_query.to_node(destination, tree), expected));
    path.clear();
    CHECK(tree_query.append_path(path) == !std::isinf(expected));
    if (!std::isinf(expected)) {
      check_path(net, modes, cost, path, origin, invalid_index, destination, expected);
    }
    path.clear();
    CHECK(cch.append_path(path) == !std::isinf(got));
    if (!std::isinf(got)) {
      check_path(net, modes, cost, path, origin, invalid_index, destination, got);
      ++checked.reachable;
      path.clear();  // ties spread: another path, as short
      REQUIRE(cch.append_spread_path(path, 5, static_cast<Index>(q)));
      check_path(net, modes, cost, path, origin, invalid_index, destination, got);
    }
    ++checked.queries;

    Index link = any_link(rng);
    while (!(net.link_modes[link] & modes)) link = any_link(rng);
    dijkstra.from_link(link, cost, destination);
    const double expected_link = dijkstra.cost_to(destination);
    const double got_link = cch.from_link(link, destination);
    INFO("link query " << link << " -> " << destination);
    REQUIRE(same_cost(got_link, expected_link));
    path.clear();
    CHECK(cch.append_path(path) == !std::isinf(got_link));
    if (!std::isinf(got_link)) {
      check_path(net, modes, cost, path, invalid_index, link, destination, got_link);
      ++checked.reachable;
      path.clear();
      REQUIRE(cch.append_spread_path(path, 5, static_cast<Index>(q)));
      check_path(net, modes, cost, path, invalid_index, link, destination, got_link);
    }
    ++checked.queries;
  }
  return checked;
}

// Orders, contracts and customizes `net`, then checks random queries with free-flow costs and
// again after re-customizing with 5 % of the links closed, with and without the perfect pass.
void check_network(const Network& net, ModeMask modes, int queries, std::uint32_t seed,
                   double min_reachable_share = 0.5) {
  std::mt19937 rng(seed);
  const CchOrder order = compute_cch_order(net, modes);
  const CchTopology topology(net, modes, order);
  CchMetric metric(topology);
  const std::vector<float> free_flow = random_costs(net, modes, 0.0, rng);
  metric.customize(free_flow);
  const Checked open = check_random_queries(net, modes, metric, free_flow, queries, rng);
  CHECK(open.reachable >= min_reachable_share * open.queries);
  const std::vector<float> with_closures = random_costs(net, modes, 0.05, rng);
  metric.customize(with_closures);
  check_random_queries(net, modes, metric, with_closures, queries, rng);
  metric.customize(with_closures, false);  // every finite arc searched, no perfect pass
  check_random_queries(net, modes, metric, with_closures, queries / 2, rng);
}

std::vector<std::string> path_ids(const Network& net, const std::vector<Index>& links) {
  std::vector<std::string> ids;
  for (Index l : links) ids.push_back(net.link_external_id[l]);
  return ids;
}

struct Built {
  CchTopology topology;
  CchMetric metric;
  Built(const Network& net, ModeMask modes)
      : topology(net, modes, compute_cch_order(net, modes)), metric(topology) {}
};

std::vector<std::string> cch_path(const Network& net, const std::string& from,
                                  const std::string& to) {
  Built built(net, mode_car);
  built.metric.customize(free_flow_costs(net, net.link_free_speed_mps, {}));
  CchQuery query(built.metric);
  std::vector<Index> links;
  if (std::isinf(query.from_node(net.find_node(from), net.find_node(to)))) return {};
  REQUIRE(query.append_path(links));
  return path_ids(net, links);
}

Network scenario_network(const std::string& name) {
  const ScenarioSpec spec =
      read_scenario_spec(std::string(ARTERIA_SOURCE_DIR) + "/scenarios/" + name + "/scenario.toml");
  REQUIRE(spec.roads);
  return compile_network(spec.roads->spec);
}

Network tntp_network(const std::string& name) {
  const std::string path =
      std::string(ARTERIA_DATA_DIR) + "/tntp/" + name + "/" + name + "_net.tntp";
  return compile_network(read_tntp_network(path).spec);
}

}  // namespace

TEST_CASE("CCH follows free-flow times on a toy square") {
  const Network net = compile_network(two_way_square());
  CHECK(cch_path(net, "A", "D") == std::vector<std::string>{"A>C", "C>D"});
}

TEST_CASE("CCH never uses a banned turn") {
  NetworkSpec spec = two_way_square();
  spec.banned_turns.push_back({"A>C", "C>D", {}});
  const Network net = compile_network(spec);
  // Without the ban A>C>D (15 s); with it A>C>B>D (16 s) beats A>B>D (20 s).
  CHECK(cch_path(net, "A", "D") == std::vector<std::string>{"A>C", "C>B", "B>D"});
}

TEST_CASE("CCH routes never pass through a zone centroid but may end there") {
  NetworkSpec spec = two_way_square();
  for (NodeSpec& node : spec.nodes) node.centroid = node.id == "C";
  const Network net = compile_network(spec);
  CHECK(cch_path(net, "A", "D") == std::vector<std::string>{"A>B", "B>D"});
  CHECK(cch_path(net, "A", "C") == std::vector<std::string>{"A>C"});
  CHECK(cch_path(net, "C", "D") == std::vector<std::string>{"C>D"});
}

TEST_CASE("CCH car routes never use a bus-only link") {
  NetworkSpec spec = two_way_square();
  for (LinkSpec& link : spec.links) {
    if (link.id == "A>C" || link.id == "C>D") link.modes = mode_bus;
  }
  const Network net = compile_network(spec);
  CHECK(cch_path(net, "A", "D") == std::vector<std::string>{"A>B", "B>D"});
  CHECK(Built(net, mode_car).topology.vertex_count() == 8);
}

TEST_CASE("CCH closed links are avoided, and a re-customization reopens them") {
  const Network net = compile_network(two_way_square());
  Built built(net, mode_car);
  std::vector<float> cost = free_flow_costs(net, net.link_free_speed_mps, {});
  CchQuery query(built.metric);
  cost[net.find_link("A>C")] = closed;
  built.metric.customize(cost);
  CHECK(query.from_node(net.find_node("A"), net.find_node("D")) == Approx(20.0));
  cost = free_flow_costs(net, net.link_free_speed_mps, {});
  built.metric.customize(cost);
  // A>C>D, C>D going back along the line the toy nodes lie on: a turn.
  CHECK(query.from_node(net.find_node("A"), net.find_node("D")) ==
        Approx(15.0 + default_turn_penalty_s));
  // From the link A>B: its own 10 s are not counted, B>D is.
  CHECK(query.from_link(net.find_link("A>B"), net.find_node("D")) == Approx(10.0));
  CHECK(query.from_link(net.find_link("A>B"), net.find_node("B")) == 0.0);
  std::vector<Index> links;
  CHECK(query.append_path(links));
  CHECK(links.empty());
}

TEST_CASE("CCH one-to-many reuses the forward sweep") {
  const Network net = compile_network(make_grid_city({.columns = 9, .rows = 9}));
  Built built(net, mode_car);
  const auto cost = free_flow_costs(net, net.link_free_speed_mps, {});
  built.metric.customize(cost);
  CchQuery many(built.metric);
  CchQuery one(built.metric);
  many.forward_from_node(3);
  for (Index d = 0; d < net.node_count; ++d) CHECK(many.to_node(d) == one.from_node(3, d));
}

TEST_CASE("CCH matches LinkDijkstra on random toy networks with bans and zones") {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 20; ++trial) {
    const Network net = random_toy_network(rng, trial, false);
    check_network(net, mode_car, 30, static_cast<std::uint32_t>(trial), 0.1);
  }
}

TEST_CASE("CCH matches LinkDijkstra on a grid city") {
  check_network(compile_network(make_grid_city({.columns = 15, .rows = 15})), mode_car, 200, 1);
}

TEST_CASE("CCH matches LinkDijkstra on scenario networks (OSM, SUMO, cars and buses)") {
  check_network(scenario_network("monaco"), mode_car, 200, 2);
  check_network(scenario_network("bologna_acosta"), mode_car, 200, 3);
  const Network cobb = scenario_network("cobb_county");
  check_network(cobb, mode_car, 100, 4);
  check_network(cobb, mode_bus, 100, 5);
}

TEST_CASE("CCH matches LinkDijkstra on TNTP networks, with and without coordinates") {
  check_network(tntp_network("SiouxFalls"), mode_car, 200, 6);
  const Network anaheim = tntp_network("Anaheim");
  CHECK(anaheim.node_x_m[0] == anaheim.node_x_m[anaheim.node_count - 1]);  // all at 0, 0
  check_network(anaheim, mode_car, 200, 7);
}

TEST_CASE("CCH customization does not depend on the thread count and repeats exactly") {
  const Network net = compile_network(make_grid_city({.columns = 21, .rows = 21}));
  const CchTopology topology(net, mode_car, compute_cch_order(net, mode_car));
  std::mt19937 rng(3);
  const std::vector<float> cost = random_costs(net, mode_car, 0.02, rng);
  const auto weights = [&](int threads, const std::vector<float>& first) {
    CchMetric metric(topology);
    tbb::task_arena arena(threads);
    arena.execute([&] {
      metric.customize(first);
      metric.customize(cost);
    });
    std::vector<double> all;
    std::vector<Index> ways;
    for (Index a = 0; a < topology.arc_count(); ++a) {
      all.push_back(metric.up_weight(a));
      all.push_back(metric.down_weight(a));
      for (const auto& tied : {metric.up_ways(a), metric.down_ways(a)}) {
        ways.push_back(static_cast<Index>(tied.size()));
        for (const CchWay& way : tied) {
          ways.insert(ways.end(), {way.down_first, way.down_count, way.up_first, way.up_count});
        }
      }
    }
    return std::make_pair(all, ways);
  };
  const auto fresh = weights(1, cost);
  CHECK(weights(2, cost) == fresh);
  CHECK(weights(2, random_costs(net, mode_car, 0.3, rng)) == fresh);  // re-customized
}

TEST_CASE("CCH orders do not depend on the thread count and survive a round trip") {
  const Network net = compile_network(make_grid_city({.columns = 21, .rows = 21}));
  CchOrder one;
  CchOrder two;
  tbb::task_arena(1).execute([&] { one = compute_cch_order(net, mode_car); });
  tbb::task_arena(2).execute([&] { two = compute_cch_order(net, mode_car); });
  CHECK(one.rank == two.rank);
  for (const std::string name : {"monaco", "cobb_county"}) {
    const Network city = scenario_network(name);
    CchOrder city_one;
    CchOrder city_two;
    tbb::task_arena(1).execute([&] { city_one = compute_cch_order(city, mode_car); });
    tbb::task_arena(2).execute([&] { city_two = compute_cch_order(city, mode_car); });
    CHECK(city_one.rank == city_two.rank);
  }
  std::string bytes = serialize_cch_order(one);
  const CchOrder back = deserialize_cch_order(bytes, "x");
  CHECK(back.rank == one.rank);
  CHECK(back.graph_hash == one.graph_hash);
  bytes[bytes.size() - 1] ^= 0x7f;
  CHECK_THROWS_AS(deserialize_cch_order(bytes, "x"), InputError);
}
