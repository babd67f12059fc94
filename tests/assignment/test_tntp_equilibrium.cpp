// Algorithm B on the TNTP networks against their published equilibria: relative gap 1e-10, the
// Beckmann objective and every link flow of the _flow.tntp files.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "assignment/static_assignment.hpp"
#include "assignment/tntp_problem.hpp"

using namespace arteria;

namespace {

std::string tntp_file(const std::string& network, const std::string& kind) {
  return std::string(ARTERIA_DATA_DIR) + "/tntp/" + network + "/" + network + "_" + kind + ".tntp";
}

AssignmentProblem tntp_problem(const std::string& name) {
  const TntpNetwork network = read_tntp_network(tntp_file(name, "net"));
  return tntp_assignment_problem(network, read_tntp_trips(tntp_file(name, "trips")));
}

}  // namespace

TEST_CASE("Algorithm B reaches the published Sioux Falls equilibrium", "[assignment]") {
  const TntpNetwork network = read_tntp_network(tntp_file("SiouxFalls", "net"));
  const AssignmentProblem problem =
      tntp_assignment_problem(network, read_tntp_trips(tntp_file("SiouxFalls", "trips")));
  AssignmentOptions options;
  options.target_relative_gap = 1e-10;
  const AssignmentResult result = solve_assignment(problem, options);
  CHECK(result.stop == AssignmentStop::converged);
  CHECK(result.relative_gap <= 1e-10);
  // Published objective (shared/data/README.md) and the objective of the published flows.
  const TntpFlowTable published = read_tntp_flows(tntp_file("SiouxFalls", "flow"), network);
  double published_objective = 0.0;
  for (Index l = 0; l < problem.link_count(); ++l) {
    published_objective += bpr_integral(problem.links[l], published.link_volume[l]);
  }
  CHECK(result.objective == Approx(4231335.287).epsilon(1e-7));
  CHECK(result.objective <= published_objective * (1 + 1e-12));
  double worst = 0.0;
  for (Index l = 0; l < problem.link_count(); ++l) {
    const double error = std::abs(result.link_flow[l] - published.link_volume[l]);
    worst = std::max(worst, std::min(error / published.link_volume[l], error / 0.01));
  }
  CHECK(worst <= 1e-4);
  // The routes carry each pair's demand and add up to the link flows.
  std::vector<double> from_routes(problem.link_count(), 0.0);
  for (std::size_t od = 0; od < problem.od.size(); ++od) {
    double total = 0.0;
    for (const AssignmentPath& path : result.od_paths[od]) {
      total += path.flow;
      REQUIRE(problem.link_from_node[path.links.front()] == problem.od[od].origin);
      REQUIRE(problem.link_to_node[path.links.back()] == problem.od[od].destination);
      for (const Index link : path.links) from_routes[link] += path.flow;
    }
    if (problem.od[od].origin != problem.od[od].destination) {
      CHECK(total == Approx(problem.od[od].flow).epsilon(1e-12));
    }
  }
  for (Index l = 0; l < problem.link_count(); ++l) {
    CHECK(from_routes[l] == Approx(result.link_flow[l]).epsilon(1e-6).margin(1e-6));
  }
  INFO("iterations " << result.iterations << ", " << result.elapsed_s << " s");
  CHECK(result.iterations > 0);
}

TEST_CASE("Frank-Wolfe and bi-conjugate Frank-Wolfe converge on Sioux Falls", "[assignment]") {
  const AssignmentProblem problem = tntp_problem("SiouxFalls");
  AssignmentOptions options;
  options.max_iterations = 3000;
  options.algorithm = AssignmentAlgorithm::frank_wolfe;
  options.target_relative_gap = 1e-4;
  const AssignmentResult fw = solve_assignment(problem, options);
  CHECK(fw.stop == AssignmentStop::converged);
  options.algorithm = AssignmentAlgorithm::biconjugate_frank_wolfe;
  options.target_relative_gap = 1e-6;
  const AssignmentResult bfw = solve_assignment(problem, options);
  CHECK(bfw.stop == AssignmentStop::converged);
  // The bi-conjugate directions need far fewer iterations for a gap 100 times smaller.
  CHECK(bfw.iterations < fw.iterations);
  CHECK(bfw.objective == Approx(4231335.287).epsilon(1e-6));
}
