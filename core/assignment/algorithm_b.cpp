// Algorithm B (Dial 2006, "A path-based user-equilibrium traffic assignment algorithm that
// obviates path storage and enumeration"; Bar-Gera's and Nie's descriptions): every origin keeps
// a bush, an acyclic set of links its flow may use. Each iteration, origin by origin in a fixed
// order (Gauss-Seidel, so the result cannot depend on threads):
//  1. the bush is improved: unused links leave it (except the shortest-path tree, which keeps
//     every node reachable) and links that shorten the longest path into a node join it; with
//     U the longest-path labels, a new link i->j has U_i + c_ij < U_j, so U stays a topological
//     potential and the bush stays acyclic;
//  2. flow is shifted, node by node from the far end of the topological order, from the
//     longest used path to the shortest one between the node and the place they diverge, by
//     Newton's step (cost difference / sum of cost derivatives), capped by the flow the longest
//     path carries.

#include <algorithm>
#include <cmath>
#include <limits>

#include "assignment/assignment_run.hpp"

namespace arteria {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr double residue = 1e-12;  // relative to a link's flow

class BushSolver {
 public:
  explicit BushSolver(AssignmentRun& run)
      : run_(run),
        graph_(run.graph),
        in_bush_(run.origins.size() * graph_.link_count, 0),
        order_(run.origins.size()),
        min_label_(graph_.node_count),
        max_label_(graph_.node_count),
        min_link_(graph_.node_count),
        max_link_(graph_.node_count),
        position_(graph_.node_count),
        arriving_(graph_.node_count),
        indegree_(graph_.node_count) {}

  // Shortest-path trees at free-flow costs; all demand on them.
  void initialise() {
    NodeDijkstra dijkstra(graph_);
    for (std::size_t o = 0; o < run_.origins.size(); ++o) {
      const OriginDemand& origin = run_.origins[o];
      dijkstra.run(origin.node, run_.link_cost);
      std::uint8_t* bush = bush_of(o);
      double* flows = run_.flows_of(o);
      std::fill(arriving_.begin(), arriving_.end(), 0.0);
      for (std::size_t d = 0; d < origin.destination.size(); ++d) {
        arriving_[origin.destination[d]] += origin.flow[d];
      }
      const std::vector<Index>& settled = dijkstra.settled();
      for (auto it = settled.rbegin(); it != settled.rend(); ++it) {
        const Index link = dijkstra.predecessor_link(*it);
        if (link == invalid_index) continue;
        bush[link] = 1;
        flows[link] += arriving_[*it];
        arriving_[graph_.from[link]] += arriving_[*it];
      }
      order_[o] = settled;
    }
    run_.total_origin_flows();
  }

  void improve_bush(std::size_t o) {
    std::uint8_t* bush = bush_of(o);
    const double* flows = run_.flows_of(o);
    const Index origin = run_.origins[o].node;
    min_labels(o);
    for (Index l = 0; l < graph_.link_count; ++l) {
      if (bush[l] && flows[l] <= 0.0 && min_link_[graph_.to[l]] != l) bush[l] = 0;
    }
    max_labels(o, false);
    bool added = false;
    for (Index l = 0; l < graph_.link_count; ++l) {
      const Index from = graph_.from[l];
      const Index to = graph_.to[l];
      if (bush[l] || !graph_.open(l) || to == origin || max_label_[from] == -infinity ||
          !graph_.may_leave(from, origin)) {
        continue;
      }
      if (max_label_[from] + run_.link_cost[l] < max_label_[to]) {
        bush[l] = 1;
        added = true;
      }
    }
    if (added) sort_topologically(o);
  }

  // One pass of flow shifts over the bush of origin `o`.
  void equilibrate(std::size_t o) {
    min_labels(o);
    max_labels(o, true);
    const std::vector<Index>& order = order_[o];
    for (std::size_t i = 0; i < order.size(); ++i) position_[order[i]] = static_cast<Index>(i);
    double* flows = run_.flows_of(o);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      const Index node = *it;
      if (max_link_[node] == invalid_index || max_link_[node] == min_link_[node]) continue;
      shift(flows, node);
    }
  }

 private:
  std::uint8_t* bush_of(std::size_t o) { return in_bush_.data() + o * graph_.link_count; }

  // Shortest-path labels over the bush in topological order.
  void min_labels(std::size_t o) {
    const std::uint8_t* bush = bush_of(o);
    std::fill(min_label_.begin(), min_label_.end(), infinity);
    std::fill(min_link_.begin(), min_link_.end(), invalid_index);
    const std::vector<Index>& order = order_[o];
    min_label_[order.front()] = 0.0;
    for (std::size_t i = 1; i < order.size(); ++i) {
      const Index node = order[i];
      for (Index k = graph_.first_in[node]; k < graph_.first_in[node + 1]; ++k) {
        const Index link = graph_.in_links[k];
        if (!bush[link]) continue;
        const double candidate = min_label_[graph_.from[link]] + run_.link_cost[link];
        if (candidate < min_label_[node]) {
          min_label_[node] = candidate;
          min_link_[node] = link;
        }
      }
    }
  }

  // Longest-path labels over the bush, or over its links with flow when `used_only`; nodes
  // reached by no such link keep -infinity and no link.
  void max_labels(std::size_t o, bool used_only) {
    const std::uint8_t* bush = bush_of(o);
    const double* flows = run_.flows_of(o);
    std::fill(max_label_.begin(), max_label_.end(), -infinity);
    std::fill(max_link_.begin(), max_link_.end(), invalid_index);
    const std::vector<Index>& order = order_[o];
    max_label_[order.front()] = 0.0;
    for (std::size_t i = 1; i < order.size(); ++i) {
      const Index node = order[i];
      for (Index k = graph_.first_in[node]; k < graph_.first_in[node + 1]; ++k) {
        const Index link = graph_.in_links[k];
        if (!bush[link] || (used_only && !(flows[link] > 0.0))) continue;
        const double candidate = max_label_[graph_.from[link]] + run_.link_cost[link];
        if (candidate > max_label_[node]) {
          max_label_[node] = candidate;
          max_link_[node] = link;
        }
      }
    }
  }

  // Kahn's algorithm over the bush from the origin; nodes in the order they become free, their
  // out-links in graph order.
  void sort_topologically(std::size_t o) {
    const std::uint8_t* bush = bush_of(o);
    std::vector<Index>& order = order_[o];
    std::fill(indegree_.begin(), indegree_.end(), 0);
    for (Index l = 0; l < graph_.link_count; ++l) indegree_[graph_.to[l]] += bush[l];
    const Index origin = order.front();
    order.clear();
    order.push_back(origin);
    for (std::size_t i = 0; i < order.size(); ++i) {
      const Index node = order[i];
      for (Index k = graph_.first_out[node]; k < graph_.first_out[node + 1]; ++k) {
        const Index link = graph_.out_links[k];
        if (bush[link] && --indegree_[graph_.to[link]] == 0) order.push_back(graph_.to[link]);
      }
    }
  }

  // Moves flow into `node` from its longest used path to its shortest, on the segments after
  // the node where the two paths last meet.
  void shift(double* flows, Index node) {
    double min_cost = 0.0;
    double max_cost = 0.0;
    double derivative = 0.0;
    double movable = infinity;
    min_segment_.clear();
    max_segment_.clear();
    const auto step_min = [&](Index at) {
      const Index link = min_link_[at];
      min_segment_.push_back(link);
      min_cost += run_.link_cost[link];
      derivative += run_.link_derivative[link];
      return graph_.from[link];
    };
    const auto step_max = [&](Index at) {
      const Index link = max_link_[at];
      max_segment_.push_back(link);
      max_cost += run_.link_cost[link];
      derivative += run_.link_derivative[link];
      movable = std::min(movable, flows[link]);
      return graph_.from[link];
    };
    Index on_min = step_min(node);
    Index on_max = step_max(node);
    while (on_min != on_max) {
      if (position_[on_min] > position_[on_max]) {
        on_min = step_min(on_min);
      } else {
        on_max = step_max(on_max);
      }
    }
    const double difference = max_cost - min_cost;
    if (!(difference > 0.0) || !(movable > 0.0)) return;
    const double step = derivative > 0.0 ? std::min(difference / derivative, movable) : movable;
    for (const Index link : max_segment_) {
      // What rounding leaves behind (a link that carried the capped flow plus 1e-15) is
      // cleared: a residue upstream of nothing can never be shifted and would keep the link,
      // and its longer path, in the bush.
      const double left = flows[link] - step;
      const double removed = left <= residue * flows[link] ? flows[link] : step;
      flows[link] -= removed;
      run_.link_flow[link] = std::max(0.0, run_.link_flow[link] - removed);
      run_.update_link(link);
    }
    for (const Index link : min_segment_) {
      flows[link] += step;
      run_.link_flow[link] += step;
      run_.update_link(link);
    }
  }

  AssignmentRun& run_;
  const AssignmentGraph& graph_;
  std::vector<std::uint8_t> in_bush_;  // origin-major
  std::vector<std::vector<Index>> order_;
  std::vector<double> min_label_, max_label_;
  std::vector<Index> min_link_, max_link_;
  std::vector<Index> position_;
  std::vector<double> arriving_;
  std::vector<Index> indegree_;
  std::vector<Index> min_segment_, max_segment_;
};

}  // namespace

void run_algorithm_b(AssignmentRun& run) {
  BushSolver solver(run);
  solver.initialise();
  if (run.record_iteration(run.shortest_path_sweep(nullptr))) return;
  // Shifts without bush changes: cheap, and most of the work (4 beat 1, 2 and 8 on Winnipeg
  // and Barcelona: fewer iterations, so fewer gap evaluations and bush updates).
  constexpr int extra_passes = 4;
  for (;;) {
    for (std::size_t o = 0; o < run.origins.size(); ++o) {
      solver.improve_bush(o);
      solver.equilibrate(o);
    }
    for (int pass = 0; pass < extra_passes; ++pass) {
      for (std::size_t o = 0; o < run.origins.size(); ++o) solver.equilibrate(o);
    }
    if (run.record_iteration(run.shortest_path_sweep(nullptr))) return;
  }
}

}  // namespace arteria
