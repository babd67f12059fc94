// What the algorithms share while solving: the node graph in CSR form, the demand grouped by
// origin, per-origin and total link flows with their costs, the parallel shortest-path sweep
// and the bookkeeping of iterations (gap, objective, limits, callback). Internal to the stage.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "assignment/static_assignment.hpp"

namespace arteria {

struct AssignmentGraph {
  Index node_count = 0;
  Index link_count = 0;
  std::vector<Index> from, to;
  std::vector<Index> first_out, out_links;  // CSR by node
  std::vector<Index> first_in, in_links;
  std::vector<std::uint8_t> centroid;
  std::vector<std::uint8_t> closed;  // empty or per link (AssignmentProblem::link_closed)

  explicit AssignmentGraph(const AssignmentProblem& problem);
  // Whether a path from `origin` may leave `node`: centroids are never passed through.
  bool may_leave(Index node, Index origin) const { return node == origin || !centroid[node]; }
  // Closed links are in neither CSR list; loops over every link check this.
  bool open(Index link) const { return closed.empty() || !closed[link]; }
};

// Shortest paths on node labels with double costs (static assignment has no turns, so the
// simulator's link-labelled Dijkstra, which forbids U-turns, would answer another question).
// Ties are broken by node index, so trees do not depend on anything but the costs.
class NodeDijkstra {
 public:
  explicit NodeDijkstra(const AssignmentGraph& graph);
  void run(Index origin, const std::vector<double>& link_cost);
  double distance(Index node) const { return distance_[node]; }
  Index predecessor_link(Index node) const { return predecessor_[node]; }
  // Nodes in the order they were settled (the root first).
  const std::vector<Index>& settled() const { return settled_; }

 private:
  const AssignmentGraph& graph_;
  std::vector<double> distance_;
  std::vector<Index> predecessor_;
  std::vector<Index> settled_;
  std::vector<std::pair<double, Index>> heap_;
};

// The demand of one origin: destinations with positive flow, in OD table order.
struct OriginDemand {
  Index node = invalid_index;
  std::vector<Index> destination;
  std::vector<double> flow;
  std::vector<std::size_t> od_index;  // into AssignmentProblem::od
};

class AssignmentRun {
 public:
  AssignmentRun(const AssignmentProblem& problem, const AssignmentOptions& options);
  ~AssignmentRun();

  const AssignmentProblem& problem;
  const AssignmentOptions& options;
  AssignmentGraph graph;
  std::vector<OriginDemand> origins;  // by origin node, reachable destinations only
  std::vector<std::size_t> unreachable_od;
  // Per origin (origin-major, link_count each) and in total; costs and derivatives at link_flow.
  std::vector<double> origin_flow;
  std::vector<double> link_flow;
  std::vector<double> link_cost;
  std::vector<double> link_derivative;

  double* flows_of(std::size_t origin) { return origin_flow.data() + origin * graph.link_count; }
  const double* flows_of(std::size_t origin) const {
    return origin_flow.data() + origin * graph.link_count;
  }
  void update_link(Index link);  // cost and derivative of `link` at its flow
  void update_all_links();
  // Shortest paths from every origin (in parallel) at link_cost. Returns the sum over OD pairs
  // of demand x shortest-path cost; with `loads`, writes every origin's all-or-nothing load
  // there (origin-major, like origin_flow).
  double shortest_path_sweep(std::vector<double>* loads);
  // Sums origin_flow into link_flow in origin order and updates the costs.
  void total_origin_flows();
  // Records an iteration whose flows have shortest-path total `sptt`; calls the callback.
  // Returns true when the run should stop (and sets the stop reason).
  bool record_iteration(double sptt);
  // Runs `body(origin)` for every origin on the run's threads.
  void for_each_origin(const std::function<void(std::size_t)>& body);

  AssignmentResult result;

 private:
  struct Threads;
  std::unique_ptr<Threads> threads_;
  std::chrono::steady_clock::time_point started_;
};

void run_algorithm_b(AssignmentRun& run);
void run_frank_wolfe(AssignmentRun& run, bool biconjugate);
// Fills result.od_paths from the per-origin link flows.
void decompose_paths(const AssignmentRun& run, AssignmentResult& result);

}  // namespace arteria
