// The problem's parts shared by every algorithm: the BPR function, names, validation and the
// scenario defaults.

#include <cmath>
#include <string>

#include "assignment/static_assignment.hpp"

namespace arteria {
namespace {

bool congested(const BprFunction& link) {
  return link.b > 0.0 && link.power > 0.0;
}

[[noreturn]] void fail_link(Index link, const std::string& field, const std::string& message) {
  throw InputError("<assignment>", 0, "link " + std::to_string(link) + " " + field, message);
}

void check_non_negative(Index link, const char* field, double value) {
  if (!std::isfinite(value) || value < 0.0) {
    fail_link(link, field, "must be a finite number >= 0 (it is " + std::to_string(value) + ")");
  }
}

const std::string& od_file(const AssignmentProblem& problem, const OdFlow& od) {
  static const std::string unknown = "<od>";
  return od.where.file < problem.files.size() && !problem.files[od.where.file].empty()
             ? problem.files[od.where.file]
             : unknown;
}

}  // namespace

double bpr_cost(const BprFunction& link, double flow) {
  if (!congested(link)) return link.fixed_cost + link.free_flow_time;
  const double ratio = flow / link.capacity;
  const double power =
      link.power == 4.0 ? (ratio * ratio) * (ratio * ratio) : std::pow(ratio, link.power);
  return link.fixed_cost + link.free_flow_time * (1.0 + link.b * power);
}

double bpr_integral(const BprFunction& link, double flow) {
  if (!congested(link)) return (link.fixed_cost + link.free_flow_time) * flow;
  const double ratio = flow / link.capacity;
  const double power =
      link.power == 4.0 ? (ratio * ratio) * (ratio * ratio) : std::pow(ratio, link.power);
  return (link.fixed_cost + link.free_flow_time) * flow +
         link.free_flow_time * link.b * power * flow / (link.power + 1.0);
}

const char* assignment_algorithm_name(AssignmentAlgorithm algorithm) {
  switch (algorithm) {
    case AssignmentAlgorithm::algorithm_b: return "algorithm_b";
    case AssignmentAlgorithm::frank_wolfe: return "frank_wolfe";
    case AssignmentAlgorithm::biconjugate_frank_wolfe: return "biconjugate_frank_wolfe";
  }
  return "?";
}

bool parse_assignment_algorithm(const std::string& name, AssignmentAlgorithm& algorithm) {
  for (const AssignmentAlgorithm candidate :
       {AssignmentAlgorithm::algorithm_b, AssignmentAlgorithm::frank_wolfe,
        AssignmentAlgorithm::biconjugate_frank_wolfe}) {
    if (name == assignment_algorithm_name(candidate)) {
      algorithm = candidate;
      return true;
    }
  }
  return false;
}

const char* assignment_stop_name(AssignmentStop stop) {
  switch (stop) {
    case AssignmentStop::converged: return "converged";
    case AssignmentStop::max_iterations: return "max_iterations";
    case AssignmentStop::time_limit: return "time_limit";
  }
  return "?";
}

void validate_assignment_problem(const AssignmentProblem& problem) {
  const Index links = problem.link_count();
  if (problem.link_to_node.size() != links || problem.links.size() != links ||
      problem.node_is_centroid.size() != problem.node_count ||
      (!problem.link_closed.empty() && problem.link_closed.size() != links)) {
    throw InputError("<assignment>", 0, "",
                     "graph arrays differ in size: " + std::to_string(links) + " from-nodes, " +
                         std::to_string(problem.link_to_node.size()) + " to-nodes, " +
                         std::to_string(problem.links.size()) + " cost functions, " +
                         std::to_string(problem.node_is_centroid.size()) + " centroid flags, " +
                         std::to_string(problem.link_closed.size()) + " closure flags for " +
                         std::to_string(problem.node_count) + " nodes");
  }
  for (Index l = 0; l < links; ++l) {
    if (problem.link_from_node[l] >= problem.node_count ||
        problem.link_to_node[l] >= problem.node_count) {
      fail_link(l, "node",
                "refers to a node outside 0.." + std::to_string(problem.node_count) + " - 1");
    }
    const BprFunction& f = problem.links[l];
    check_non_negative(l, "free_flow_time", f.free_flow_time);
    check_non_negative(l, "b", f.b);
    check_non_negative(l, "power", f.power);
    check_non_negative(l, "fixed_cost", f.fixed_cost);
    if (congested(f) && !(f.capacity > 0.0 && std::isfinite(f.capacity))) {
      fail_link(l, "capacity",
                "must be positive on a congested link (b and power > 0): any flow on it would "
                "cost without bound (it is " +
                    std::to_string(f.capacity) + ")");
    }
  }
  for (const OdFlow& od : problem.od) {
    const std::string& file = od_file(problem, od);
    if (od.origin >= problem.node_count || od.destination >= problem.node_count) {
      throw InputError(file, od.where.line,
                       od.origin >= problem.node_count ? "origin" : "destination",
                       "is not a node of the network");
    }
    if (!std::isfinite(od.flow) || od.flow < 0.0) {
      throw InputError(file, od.where.line, "flow", "must be a finite number >= 0");
    }
  }
}

AssignmentProblem assignment_problem_for(const Network& network) {
  AssignmentProblem problem;
  problem.node_count = network.node_count;
  problem.link_from_node = network.link_from_node;
  problem.link_to_node = network.link_to_node;
  problem.node_is_centroid = network.node_is_centroid;
  problem.links.resize(network.link_count);
  for (Index l = 0; l < network.link_count; ++l) {
    BprFunction& f = problem.links[l];
    f.free_flow_time =
        static_cast<double>(network.link_length_m[l]) / network.link_free_speed_mps[l];
    f.capacity = network.link_capacity_vph[l];
  }
  return problem;
}

}  // namespace arteria
