// Static assignment on hand-made graphs with known equilibria, Braess's paradox, thread-count
// determinism, unreachable pairs and bad parameters.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "assignment/static_assignment.hpp"
#include "assignment/tntp_problem.hpp"
#include "base/error.hpp"

using namespace arteria;

namespace {

std::string tntp_file(const std::string& network, const std::string& kind) {
  return std::string(ARTERIA_DATA_DIR) + "/tntp/" + network + "/" + network + "_" + kind + ".tntp";
}

void add_link(AssignmentProblem& problem, Index from, Index to, BprFunction cost) {
  problem.link_from_node.push_back(from);
  problem.link_to_node.push_back(to);
  problem.links.push_back(cost);
}

AssignmentProblem empty_graph(Index nodes) {
  AssignmentProblem problem;
  problem.node_count = nodes;
  problem.node_is_centroid.assign(nodes, 0);
  return problem;
}

// Two parallel links with linear costs 10 + 0.1 x and 20 + 0.1 x and 300 trips: equal costs at
// 200 and 100, both 30.
AssignmentProblem two_routes() {
  AssignmentProblem problem = empty_graph(2);
  add_link(problem, 0, 1, {10.0, 100.0, 1.0, 1.0, 0.0});
  add_link(problem, 0, 1, {20.0, 200.0, 1.0, 1.0, 0.0});
  problem.od.push_back({0, 1, 300.0, {}});
  return problem;
}

AssignmentOptions tight(AssignmentAlgorithm algorithm = AssignmentAlgorithm::algorithm_b) {
  AssignmentOptions options;
  options.algorithm = algorithm;
  options.target_relative_gap = 1e-12;
  options.max_iterations = 200;
  return options;
}

// The cost of the cheapest route of every OD pair at the result's link costs.
double route_cost(const AssignmentResult& result, const AssignmentPath& path) {
  double cost = 0.0;
  for (const Index link : path.links) cost += result.link_cost[link];
  return cost;
}

}  // namespace

TEST_CASE("Two routes split where their costs are equal", "[assignment]") {
  const AssignmentResult result = solve_assignment(two_routes(), tight());
  CHECK(result.stop == AssignmentStop::converged);
  CHECK(result.link_flow[0] == Approx(200.0).epsilon(1e-9));
  CHECK(result.link_flow[1] == Approx(100.0).epsilon(1e-9));
  CHECK(result.link_cost[0] == Approx(30.0).epsilon(1e-9));
  CHECK(result.link_cost[1] == Approx(30.0).epsilon(1e-9));
  // Beckmann: 10*200 + 0.05*200^2 + 20*100 + 0.05*100^2 = 6500.
  CHECK(result.objective == Approx(6500.0).epsilon(1e-9));
  REQUIRE(result.od_paths.size() == 1);
  REQUIRE(result.od_paths[0].size() == 2);
  CHECK(result.od_paths[0][0].links == std::vector<Index>{0});
  CHECK(result.od_paths[0][0].flow == Approx(200.0).epsilon(1e-9));
  CHECK(result.od_paths[0][1].links == std::vector<Index>{1});
  CHECK(result.od_paths[0][1].flow == Approx(100.0).epsilon(1e-9));
  for (const AssignmentAlgorithm algorithm :
       {AssignmentAlgorithm::frank_wolfe, AssignmentAlgorithm::biconjugate_frank_wolfe}) {
    AssignmentOptions options = tight(algorithm);
    options.target_relative_gap = 1e-8;
    const AssignmentResult baseline = solve_assignment(two_routes(), options);
    CHECK(baseline.link_flow[0] == Approx(200.0).epsilon(1e-6));
  }
}

TEST_CASE("A fixed cost moves flow off a tolled route", "[assignment]") {
  AssignmentProblem problem = two_routes();
  problem.links[0].fixed_cost = 4.0;  // 14 + 0.1 a = 20 + 0.1 (300 - a): a = 180
  const AssignmentResult result = solve_assignment(problem, tight());
  CHECK(result.link_flow[0] == Approx(180.0).epsilon(1e-9));
  CHECK(result.link_cost[0] == Approx(32.0).epsilon(1e-9));
}

TEST_CASE("Paths never pass through a zone centroid", "[assignment]") {
  // 0 -> 1 -> 2 is short but 1 is a centroid; 0 -> 3 -> 2 is the only allowed route.
  AssignmentProblem problem = empty_graph(4);
  problem.node_is_centroid[1] = 1;
  add_link(problem, 0, 1, {1.0, 0.0, 0.0, 0.0, 0.0});
  add_link(problem, 1, 2, {1.0, 0.0, 0.0, 0.0, 0.0});
  add_link(problem, 0, 3, {5.0, 0.0, 0.0, 0.0, 0.0});
  add_link(problem, 3, 2, {5.0, 0.0, 0.0, 0.0, 0.0});
  problem.od.push_back({0, 2, 10.0, {}});
  problem.od.push_back({0, 1, 3.0, {}});  // a centroid may end a path
  const AssignmentResult result = solve_assignment(problem, tight());
  CHECK(result.link_flow == std::vector<double>{3.0, 0.0, 10.0, 10.0});
  CHECK(result.unreachable_od.empty());
  REQUIRE(result.od_paths[0].size() == 1);
  CHECK(result.od_paths[0][0].links == std::vector<Index>{2, 3});
}

TEST_CASE("Braess: the extra link raises every traveller's equilibrium cost", "[assignment]") {
  const TntpNetwork network = read_tntp_network(tntp_file("Braess", "net"));
  const AssignmentProblem with_link =
      tntp_assignment_problem(network, read_tntp_trips(tntp_file("Braess", "trips")));
  // The same network without the link 3 -> 4.
  const Index shortcut = network.find_link(3, 4);
  REQUIRE(shortcut != invalid_index);
  AssignmentProblem without_link = empty_graph(with_link.node_count);
  for (Index l = 0; l < with_link.link_count(); ++l) {
    if (l != shortcut) {
      add_link(without_link, with_link.link_from_node[l], with_link.link_to_node[l],
               with_link.links[l]);
    }
  }
  without_link.od = with_link.od;
  const AssignmentResult paradox = solve_assignment(with_link, tight());
  const AssignmentResult classic = solve_assignment(without_link, tight());
  REQUIRE(paradox.stop == AssignmentStop::converged);
  REQUIRE(classic.stop == AssignmentStop::converged);
  // Every used route costs the same within a pair; each traveller pays more with the link
  // (the textbook figures: 92 against 83 for 6 travellers, up to the 1e-8 free-flow times).
  for (std::size_t od = 0; od < with_link.od.size(); ++od) {
    REQUIRE_FALSE(paradox.od_paths[od].empty());
    REQUIRE_FALSE(classic.od_paths[od].empty());
    for (const AssignmentPath& with : paradox.od_paths[od]) {
      for (const AssignmentPath& without : classic.od_paths[od]) {
        CHECK(route_cost(paradox, with) > route_cost(classic, without));
      }
    }
    CHECK(route_cost(paradox, paradox.od_paths[od][0]) == Approx(92.0).epsilon(1e-6));
    CHECK(route_cost(classic, classic.od_paths[od][0]) == Approx(83.0).epsilon(1e-6));
  }
}

TEST_CASE("Results are identical on one thread and on two", "[assignment]") {
  const TntpNetwork network = read_tntp_network(tntp_file("Anaheim", "net"));
  const AssignmentProblem problem =
      tntp_assignment_problem(network, read_tntp_trips(tntp_file("Anaheim", "trips")));
  for (const AssignmentAlgorithm algorithm :
       {AssignmentAlgorithm::algorithm_b, AssignmentAlgorithm::biconjugate_frank_wolfe}) {
    AssignmentOptions options;
    options.algorithm = algorithm;
    options.target_relative_gap = 1e-8;
    options.max_iterations = 20;
    options.threads = 1;
    const AssignmentResult one = solve_assignment(problem, options);
    options.threads = 2;
    const AssignmentResult two = solve_assignment(problem, options);
    CHECK(one.link_flow == two.link_flow);
    CHECK(one.iterations == two.iterations);
    REQUIRE(one.history.size() == two.history.size());
    for (std::size_t i = 0; i < one.history.size(); ++i) {
      CHECK(one.history[i].relative_gap == two.history[i].relative_gap);
      CHECK(one.history[i].objective == two.history[i].objective);
    }
    REQUIRE(one.od_paths.size() == two.od_paths.size());
    for (std::size_t od = 0; od < one.od_paths.size(); ++od) {
      REQUIRE(one.od_paths[od].size() == two.od_paths[od].size());
      for (std::size_t p = 0; p < one.od_paths[od].size(); ++p) {
        CHECK(one.od_paths[od][p].links == two.od_paths[od][p].links);
        CHECK(one.od_paths[od][p].flow == two.od_paths[od][p].flow);
      }
    }
  }
}

TEST_CASE("Pairs without a path are reported and left unassigned", "[assignment]") {
  AssignmentProblem problem = two_routes();
  problem.node_count = 3;
  problem.node_is_centroid.push_back(0);
  problem.od.push_back({0, 2, 7.0, {}});
  problem.od.push_back({1, 0, 2.0, {}});
  const AssignmentResult result = solve_assignment(problem, tight());
  CHECK(result.unreachable_od == std::vector<std::size_t>{1, 2});
  CHECK(result.od_paths[1].empty());
  CHECK(result.link_flow[0] + result.link_flow[1] == Approx(300.0));
}

TEST_CASE("Bad cost parameters are errors naming the link and field", "[assignment]") {
  const auto message = [](AssignmentProblem problem) {
    try {
      solve_assignment(problem);
    } catch (const InputError& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  AssignmentProblem negative_b = two_routes();
  negative_b.links[1].b = -0.15;
  CHECK_THAT(message(negative_b), Catch::Contains("link 1 b") && Catch::Contains(">= 0"));
  AssignmentProblem negative_power = two_routes();
  negative_power.links[0].power = -4.0;
  CHECK_THAT(message(negative_power), Catch::Contains("link 0 power"));
  AssignmentProblem zero_capacity = two_routes();
  zero_capacity.links[0].capacity = 0.0;
  CHECK_THAT(message(zero_capacity), Catch::Contains("link 0 capacity") &&
                                         Catch::Contains("must be positive on a congested link"));
  AssignmentProblem bad_od = two_routes();
  bad_od.files.push_back("od.csv");
  bad_od.od[0].where = {0, 12};
  bad_od.od[0].flow = -1.0;
  CHECK_THAT(message(bad_od),
             Catch::Contains("od.csv") && Catch::Contains("12") && Catch::Contains("flow"));
}
