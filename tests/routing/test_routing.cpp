// Shortest paths: turn bans, zones that routes must not cross, unreachable destinations, and
// agreement with a brute-force search over all simple paths on small random networks.
#include <catch2/catch.hpp>

#include <functional>
#include <limits>

#include "base/rng.hpp"
#include "routing/link_dijkstra.hpp"
#include "routing/route_trips.hpp"
#include "toy_scenarios.hpp"

using namespace arteria;
using namespace arteria::testing;

namespace {

std::vector<std::string> path_ids(const Network& net, const std::vector<Index>& links) {
  std::vector<std::string> ids;
  for (Index l : links) ids.push_back(net.link_external_id[l]);
  return ids;
}

// A square A-B-C-D with a diagonal A>C: the cheapest way from A to D is A>C>D. Without turn
// penalties (the toy network lies on a line, so C>D would count as a U-turn; penalties have
// their own test below).
NetworkSpec square() {
  NetworkSpec spec = toy_network({{"A", "B", 100.0, 1, 10.0, 1800.0},
                                  {"B", "D", 100.0, 1, 10.0, 1800.0},
                                  {"A", "C", 50.0, 1, 10.0, 1800.0},
                                  {"C", "D", 100.0, 1, 10.0, 1800.0},
                                  {"B", "C", 10.0, 1, 10.0, 1800.0}});
  spec.turn_penalty_s = 0.0;
  return spec;
}

// The first link of the route from A to B found by route_trips (the CCH) and by a Dijkstra.
std::pair<std::string, std::string> first_links_a_to_b(const Network& net) {
  Scenario scenario;
  scenario.network = net;
  add_trips(scenario, "A", "B", 1, 0.0, 1.0);
  const std::vector<float> free_flow = free_flow_costs(net, net.link_free_speed_mps, {});
  RoutingReport report;
  const TripRoutes routes =
      route_trips(net, scenario.demand, LinkCostSeries::constant(free_flow), TieBreaking{}, report);
  LinkDijkstra search(net);
  search.from_node(net.find_node("A"), free_flow);
  std::vector<Index> links;
  REQUIRE(search.append_path_to(net.find_node("B"), links));
  return {net.link_external_id[routes.links.at(0)], net.link_external_id[links.front()]};
}

}  // namespace

TEST_CASE("the cheapest route follows free-flow times") {
  const Network net = compile_network(square());
  const auto cost = free_flow_costs(net, net.link_free_speed_mps, {});
  LinkDijkstra search(net);
  search.from_node(net.find_node("A"), cost);
  std::vector<Index> links;
  REQUIRE(search.append_path_to(net.find_node("D"), links));
  CHECK(path_ids(net, links) == std::vector<std::string>{"A>C", "C>D"});
  CHECK(search.cost_to(net.find_node("D")) == Approx(15.0));
}

TEST_CASE("a banned turn is never used") {
  NetworkSpec spec = square();
  spec.banned_turns.push_back({"A>C", "C>D", {}});
  const Network net = compile_network(spec);
  const auto cost = free_flow_costs(net, net.link_free_speed_mps, {});
  LinkDijkstra search(net);
  search.from_node(net.find_node("A"), cost);
  std::vector<Index> links;
  REQUIRE(search.append_path_to(net.find_node("D"), links));
  // A>B>C>D costs 21 s, A>B>D 20 s: both avoid the banned movement.
  CHECK(path_ids(net, links) == std::vector<std::string>{"A>B", "B>D"});
}

TEST_CASE("routes never pass through a zone centroid") {
  NetworkSpec spec = square();
  for (NodeSpec& node : spec.nodes) node.centroid = node.id == "C";
  const Network net = compile_network(spec);
  const auto cost = free_flow_costs(net, net.link_free_speed_mps, {});
  LinkDijkstra search(net);
  search.from_node(net.find_node("A"), cost);
  std::vector<Index> links;
  REQUIRE(search.append_path_to(net.find_node("D"), links));
  CHECK(path_ids(net, links) == std::vector<std::string>{"A>B", "B>D"});
  links.clear();
  REQUIRE(search.append_path_to(net.find_node("C"), links));  // but may end there
  CHECK(path_ids(net, links) == std::vector<std::string>{"A>C"});
}

TEST_CASE("link-to-link queries start on the first link and end on the last") {
  // From A>B to C>D: the only way is A>B, B>C, C>D (B>D ends at D but is not the last link).
  NetworkSpec spec = square();
  const auto set_modes = [&](const std::string& id, ModeMask modes) {
    for (LinkSpec& link : spec.links) {
      if (link.id == id) link.modes = modes;
    }
  };
  // The two ends admit buses only: they are still used, as the ends are always allowed.
  set_modes("A>B", mode_bus);
  set_modes("C>D", mode_bus);
  Network net = compile_network(spec);
  LinkDijkstra search(net);
  std::vector<Index> links;
  REQUIRE(search.between_links(net.find_link("A>B"), net.find_link("C>D"), mode_car, links));
  CHECK(path_ids(net, links) == std::vector<std::string>{"A>B", "B>C", "C>D"});
  // The first link's own time counts: its downstream end is reached after 10 s.
  CHECK(search.link_cost(net.find_link("C>D")) == Approx(21.0));
  links.clear();
  REQUIRE(search.between_links(net.find_link("A>B"), net.find_link("A>B"), mode_car, links));
  CHECK(path_ids(net, links) == std::vector<std::string>{"A>B"});

  // A link in between that does not admit the mode closes the way.
  set_modes("B>C", mode_bus);
  net = compile_network(spec);
  LinkDijkstra closed(net);
  links.clear();
  CHECK_FALSE(closed.between_links(net.find_link("A>B"), net.find_link("C>D"), mode_car, links));
  CHECK(links.empty());
  CHECK(
      closed.between_links(net.find_link("A>B"), net.find_link("C>D"), mode_car | mode_bus, links));

  // Zone centroids are not crossed, but a route may end at one.
  for (NodeSpec& node : spec.nodes) node.centroid = node.id == "C";
  net = compile_network(spec);
  LinkDijkstra zones(net);
  links.clear();
  CHECK_FALSE(zones.between_links(net.find_link("A>B"), net.find_link("C>D"), road_modes, links));
  REQUIRE(zones.between_links(net.find_link("A>B"), net.find_link("B>C"), road_modes, links));
  CHECK(path_ids(net, links) == std::vector<std::string>{"A>B", "B>C"});
}

TEST_CASE("trips with no path are reported and kept") {
  auto scenario = toy_scenario(
      toy_network({{"A", "B", 100.0, 1, 10.0, 1800.0}, {"C", "B", 100.0, 1, 10.0, 1800.0}}), 600.0);
  add_trips(*scenario, "A", "B", 2, 0.0, 1.0);
  add_trips(*scenario, "A", "C", 1, 0.0, 1.0);
  const auto cost = LinkCostSeries::constant(
      free_flow_costs(scenario->network, scenario->network.link_free_speed_mps, {}));
  RoutingReport report;
  const TripRoutes routes = route_trips(scenario->network, scenario->demand, cost, {}, report);
  CHECK(report.unroutable_trips == std::vector<Index>{2});
  CHECK(routes.trip_first_link.size() == 4);
}

TEST_CASE("Dijkstra agrees with a brute-force search on random networks") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    // Eight nodes, random directed links with random lengths.
    std::vector<ToyLink> links;
    for (int from = 0; from < 8; ++from) {
      for (int to = 0; to < 8; ++to) {
        if (from == to || random_unit(seed, from * 8 + to, 0, RandomPurpose::demand_origin) > 0.35)
          continue;
        const double length =
            10.0 + 990.0 * random_unit(seed, from * 8 + to, 1, RandomPurpose::demand_origin);
        links.push_back(
            {"n" + std::to_string(from), "n" + std::to_string(to), length, 1, 10.0, 1800.0});
      }
    }
    if (links.empty()) continue;
    const Network net = compile_network(toy_network(links));
    const auto cost = free_flow_costs(net, net.link_free_speed_mps, {});
    LinkDijkstra search(net);
    for (Index origin = 0; origin < net.node_count; ++origin) {
      search.from_node(origin, cost);
      // Brute force: every path that does not repeat a link, respecting the allowed turns, each
      // turn weighing its link's cost and its penalty (nodes on a line: going back is a turn).
      std::vector<double> best(net.node_count, std::numeric_limits<double>::infinity());
      std::vector<std::uint8_t> used(net.link_count, 0);
      std::function<void(Index, double)> extend = [&](Index link, double so_far) {
        const Index node = net.link_to_node[link];
        best[node] = std::min(best[node], so_far);
        for (Index t = net.link_first_turn[link]; t < net.link_first_turn[link + 1]; ++t) {
          const Index next = net.turn_to_link[t];
          if (used[next]) continue;
          used[next] = 1;
          extend(next, so_far + cost[next] + net.turn_penalty_s[t]);
          used[next] = 0;
        }
      };
      for (Index i = net.node_first_out[origin]; i < net.node_first_out[origin + 1]; ++i) {
        const Index first = net.out_links[i];
        used[first] = 1;
        extend(first, cost[first]);
        used[first] = 0;
      }
      for (Index node = 0; node < net.node_count; ++node) {
        if (node == origin) continue;
        INFO("seed " << seed << " origin " << origin << " node " << node);
        if (std::isinf(best[node])) {
          CHECK(std::isinf(search.cost_to(node)));
        } else {
          CHECK(search.cost_to(node) == Approx(best[node]));
        }
      }
    }
  }
}

TEST_CASE("a turn costs its penalty in route choice") {
  // Nodes on a line A, B, C: A>B goes straight to B; A>C overshoots and C>B comes back, a
  // change of direction of 180 degrees. A>C>B takes 5 + 6.5 = 11.5 s against A>B's 12 s (or
  // 13 s), so it wins only while the penalty is below 0.5 s (1.5 s).
  const auto network = [](double a_to_b_m, double turn_penalty_s) {
    NetworkSpec spec = toy_network({{"A", "B", a_to_b_m, 1, 10.0, 1800.0},
                                    {"A", "C", 50.0, 1, 10.0, 1800.0},
                                    {"C", "B", 65.0, 1, 10.0, 1800.0}});
    spec.turn_penalty_s = turn_penalty_s;
    return compile_network(spec);
  };
  const Network free_turns = network(120.0, 0.0);
  CHECK(free_turns.turn_penalty_s[free_turns.find_turn(free_turns.find_link("A>C"),
                                                       free_turns.find_link("C>B"))] == 0.0f);
  CHECK(first_links_a_to_b(free_turns) == std::pair<std::string, std::string>{"A>C", "A>C"});

  const Network one_second = network(120.0, 1.0);
  CHECK(one_second.turn_penalty_s[one_second.find_turn(one_second.find_link("A>C"),
                                                       one_second.find_link("C>B"))] == 1.0f);
  CHECK(first_links_a_to_b(one_second) == std::pair<std::string, std::string>{"A>B", "A>B"});
  CHECK(first_links_a_to_b(network(130.0, 1.0)) ==
        std::pair<std::string, std::string>{"A>C", "A>C"});
}
