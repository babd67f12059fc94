// solve_assignment: validation, the chosen algorithm, and the result's final figures.

#include "assignment/assignment_run.hpp"

namespace arteria {

AssignmentResult solve_assignment(const AssignmentProblem& problem,
                                  const AssignmentOptions& options) {
  validate_assignment_problem(problem);
  AssignmentRun run(problem, options);
  switch (options.algorithm) {
    case AssignmentAlgorithm::algorithm_b: run_algorithm_b(run); break;
    case AssignmentAlgorithm::frank_wolfe: run_frank_wolfe(run, false); break;
    case AssignmentAlgorithm::biconjugate_frank_wolfe: run_frank_wolfe(run, true); break;
  }
  AssignmentResult result = std::move(run.result);
  result.link_flow = run.link_flow;
  result.link_cost = run.link_cost;
  result.unreachable_od = run.unreachable_od;
  decompose_paths(run, result);
  return result;
}

std::vector<std::size_t> unreachable_od_pairs(const AssignmentProblem& problem, int threads) {
  validate_assignment_problem(problem);
  AssignmentOptions options;
  options.threads = threads;
  return AssignmentRun(problem, options).unreachable_od;
}

}  // namespace arteria
