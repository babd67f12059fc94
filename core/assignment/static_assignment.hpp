// Static user equilibrium (Wardrop's first principle) on the road network's node graph: every
// used route between an origin and a destination costs the same and no unused one costs less.
// Link costs follow the BPR volume-delay function; the equilibrium minimises Beckmann's
// objective. Algorithm B (bush-based, Dial 2006) is the default; Frank-Wolfe and bi-conjugate
// Frank-Wolfe (Mitradjieva & Lindberg 2013) are the textbook baselines.
//
// Static assignment ignores turns: any in-link may continue on any out-link of a node (U-turns
// included), as in the TNTP reference solutions. Zone centroids (Network::node_is_centroid)
// may start and end paths but are never passed through.
//
// Deterministic at any thread count: origins are swept in a fixed order (Gauss-Seidel), and
// the parallel parts (shortest paths for the gap and Frank-Wolfe's all-or-nothing loads) write
// per-origin buffers that are summed in origin order.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "base/ids.hpp"
#include "model/network.hpp"

namespace arteria {

// One link's cost as a function of its flow v, in the problem's cost unit:
//   cost(v) = fixed_cost + free_flow_time * (1 + b * (v / capacity)^power)
// fixed_cost is the flow-independent generalized part (TNTP: toll_factor * toll +
// distance_factor * length). b = 0 or power = 0 make the link uncongested (cost stays fixed).
struct BprFunction {
  double free_flow_time = 0.0;
  double capacity = 0.0;  // flow units per hour; may be 0 only on an uncongested link
  double b = 0.15;
  double power = 4.0;
  double fixed_cost = 0.0;
};

// Demand between two nodes, in flow units (vehicles per hour for scenarios, the TNTP table's
// own flows for TNTP). `where` points into AssignmentProblem::files for messages. Demand from a
// node to itself has no route and is ignored.
struct OdFlow {
  Index origin = invalid_index;  // node index
  Index destination = invalid_index;
  double flow = 0.0;
  SourceRef where;
};

struct AssignmentProblem {
  // The node graph: links by index, as in the Network they come from.
  Index node_count = 0;
  std::vector<Index> link_from_node;
  std::vector<Index> link_to_node;
  std::vector<std::uint8_t> node_is_centroid;  // 1: may start/end a path, never be passed through
  std::vector<BprFunction> links;              // per link
  // Empty (every link open) or per link: 1 = closed, never on a path, so its flow stays 0.
  std::vector<std::uint8_t> link_closed;
  std::vector<OdFlow> od;
  std::vector<std::string> files;  // OdFlow::where.file indexes this; empty names print "<od>"
  // Seconds per cost unit (60 for TNTP's minutes); results stay in the cost unit, writers use
  // this to report seconds.
  double seconds_per_cost_unit = 1.0;

  Index link_count() const { return static_cast<Index>(link_from_node.size()); }
};

// The node graph of `network` with scenario defaults for every link: free-flow time = length /
// free speed (seconds), capacity = the link's capacity (veh/h, all lanes), b = 0.15, power = 4,
// no fixed cost. The OD table is left empty.
AssignmentProblem assignment_problem_for(const Network& network);

enum class AssignmentAlgorithm : std::uint8_t {
  algorithm_b,  // bush-based (Dial 2006); converges to machine precision
  frank_wolfe,
  biconjugate_frank_wolfe,
};
// "algorithm_b", "frank_wolfe", "biconjugate_frank_wolfe".
const char* assignment_algorithm_name(AssignmentAlgorithm algorithm);
// The algorithm of that name, or false when there is none.
bool parse_assignment_algorithm(const std::string& name, AssignmentAlgorithm& algorithm);

enum class AssignmentStop : std::uint8_t {
  converged,       // relative gap <= target
  max_iterations,  // iteration limit reached first
  time_limit,      // time limit reached first
};
// "converged", "max_iterations", "time_limit".
const char* assignment_stop_name(AssignmentStop stop);

// One iteration's figures. Iteration 0 is the initial all-or-nothing load at free-flow costs.
struct AssignmentIteration {
  Index iteration = 0;
  // (total system travel time - sum over OD of demand x shortest path cost) / total system
  // travel time, with costs including fixed_cost; the same formula for every algorithm.
  double relative_gap = 0.0;
  double objective = 0.0;  // Beckmann: sum over links of the integral of cost from 0 to flow
  double elapsed_s = 0.0;  // wall time since the start of solve_assignment
};

struct AssignmentOptions {
  AssignmentAlgorithm algorithm = AssignmentAlgorithm::algorithm_b;
  double target_relative_gap = 1e-6;
  Index max_iterations = 1000;
  double time_limit_s = std::numeric_limits<double>::infinity();
  int threads = 0;  // 0: all cores; the result does not depend on it
  // Called after every iteration (on the calling thread), e.g. for a progress line.
  std::function<void(const AssignmentIteration&)> on_iteration;
};

// One route of an OD pair and the flow it carries.
struct AssignmentPath {
  std::vector<Index> links;  // from the origin to the destination
  double flow = 0.0;
};

struct AssignmentResult {
  std::vector<double> link_flow;  // per link, flow units
  std::vector<double> link_cost;  // per link at link_flow, cost unit (incl. fixed_cost)
  std::vector<AssignmentIteration> history;
  double objective = 0.0;
  double relative_gap = 0.0;
  Index iterations = 0;
  AssignmentStop stop = AssignmentStop::converged;
  double elapsed_s = 0.0;
  // Indices into AssignmentProblem::od of pairs with demand but no path (left unassigned).
  std::vector<std::size_t> unreachable_od;
  // Per AssignmentProblem::od entry, its routes with positive flow (summing to its demand;
  // empty when unreachable). Deterministic: each origin's link flows are split at every node in
  // proportion to the flow arriving on each in-link, walking back from the destination; routes
  // under 1e-9 of the pair's demand are dropped and the rest scaled to keep the total.
  std::vector<std::vector<AssignmentPath>> od_paths;
};

// Checks the problem: graph arrays of matching sizes, node indices in range, finite
// non-negative free-flow times, b, power and fixed costs, positive capacity on every congested
// link, OD nodes in range with finite non-negative flows. Throws InputError naming the link or
// OD pair (with its file and line when `where` is known).
void validate_assignment_problem(const AssignmentProblem& problem);

// Solves the problem (validating it first). Unreachable OD pairs are left unassigned and listed
// in the result; deciding whether that is an error is the caller's business.
AssignmentResult solve_assignment(const AssignmentProblem& problem,
                                  const AssignmentOptions& options = {});

// Indices into problem.od of the pairs with demand and no path (validating the problem first):
// what solve_assignment would report, found without solving.
std::vector<std::size_t> unreachable_od_pairs(const AssignmentProblem& problem, int threads = 0);

// Beckmann's objective and the BPR cost at `flow` for one link, shared by every algorithm and
// by checks against published flows.
double bpr_cost(const BprFunction& link, double flow);
double bpr_integral(const BprFunction& link, double flow);

}  // namespace arteria
