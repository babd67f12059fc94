// One static assignment of a TNTP network with one algorithm, for bench/assignment_bench.py:
// prints the gap history and the result against the published _flow file as JSON.
//   bench_assignment_bench NETWORK ALGORITHM TIME_LIMIT_S [THREADS] [TARGET_GAP]
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "assignment/static_assignment.hpp"
#include "assignment/tntp_problem.hpp"

using namespace arteria;

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s NETWORK ALGORITHM TIME_LIMIT_S [THREADS] [TARGET_GAP]\n",
                 argv[0]);
    return 2;
  }
  const std::string name = argv[1];
  const std::string base =
      std::string(ARTERIA_SOURCE_DIR) + "/../shared/data/tntp/" + name + "/" + name;
  const TntpNetwork network = read_tntp_network(base + "_net.tntp");
  const AssignmentProblem problem =
      tntp_assignment_problem(network, read_tntp_trips(base + "_trips.tntp"));
  AssignmentOptions options;
  if (!parse_assignment_algorithm(argv[2], options.algorithm)) {
    std::fprintf(stderr, "unknown algorithm %s\n", argv[2]);
    return 2;
  }
  options.time_limit_s = std::atof(argv[3]);
  options.threads = argc > 4 ? std::atoi(argv[4]) : 2;
  options.target_relative_gap = argc > 5 ? std::atof(argv[5]) : 1e-10;
  options.max_iterations = 1000000;
  const AssignmentResult result = solve_assignment(problem, options);

  // Link flows against the published ones: equilibrium flows are unique only on links whose
  // cost grows with flow, so uncongested links (b or power 0) are counted apart.
  const TntpFlowTable published = read_tntp_flows(base + "_flow.tntp", network);
  double worst_relative = 0.0, worst_absolute = 0.0, published_objective = 0.0;
  int uncongested_differing = 0;
  for (Index l = 0; l < problem.link_count(); ++l) {
    const double reference = published.link_volume[l];
    published_objective += bpr_integral(problem.links[l], reference);
    const double error = std::abs(result.link_flow[l] - reference);
    const bool congested = problem.links[l].b > 0.0 && problem.links[l].power > 0.0;
    if (!congested) {
      uncongested_differing += error > 0.01;
      continue;
    }
    worst_absolute = std::max(worst_absolute, error);
    if (error > 0.01 && reference > 0.0) {
      worst_relative = std::max(worst_relative, error / reference);
    }
  }
  std::printf("{\"network\": \"%s\", \"algorithm\": \"%s\", \"threads\": %d, ", name.c_str(),
              argv[2], options.threads);
  std::printf("\"stop\": \"%s\", \"iterations\": %u, \"gap\": %.17g, \"objective\": %.17g, ",
              assignment_stop_name(result.stop), result.iterations, result.relative_gap,
              result.objective);
  std::printf("\"published_flow_objective\": %.17g, \"max_congested_flow_error\": %.6g, ",
              published_objective, worst_absolute);
  std::printf("\"max_congested_relative_error_over_0.01\": %.6g, ", worst_relative);
  std::printf("\"uncongested_links_differing\": %d, \"history\": [", uncongested_differing);
  for (std::size_t i = 0; i < result.history.size(); ++i) {
    const AssignmentIteration& it = result.history[i];
    std::printf("%s[%.17g, %.17g, %.6f]", i ? ", " : "", it.relative_gap, it.objective,
                it.elapsed_s);
  }
  std::printf("]}\n");
  return 0;
}
