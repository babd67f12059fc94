// The shared machinery of the algorithms (see assignment_run.hpp).

#include "assignment/assignment_run.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace arteria {
namespace {

// Open links by `key` node; closed links are in no list, so no path can use them.
void build_csr(Index node_count, const std::vector<Index>& key,
               const std::vector<std::uint8_t>& closed, std::vector<Index>& first,
               std::vector<Index>& items) {
  const auto open = [&](Index l) { return closed.empty() || !closed[l]; };
  first.assign(node_count + 1, 0);
  for (Index l = 0; l < key.size(); ++l) first[key[l] + 1] += open(l) ? 1 : 0;
  for (Index n = 0; n < node_count; ++n) first[n + 1] += first[n];
  items.resize(first.back());
  std::vector<Index> next(first.begin(), first.end() - 1);
  for (Index l = 0; l < key.size(); ++l) {
    if (open(l)) items[next[key[l]]++] = l;
  }
}

double bpr_derivative(const BprFunction& link, double flow) {
  if (link.b <= 0.0 || link.power <= 0.0) return 0.0;
  const double ratio = flow / link.capacity;
  const double rise = link.power == 4.0 ? ratio * ratio * ratio : std::pow(ratio, link.power - 1);
  return link.free_flow_time * link.b * link.power * rise / link.capacity;
}

}  // namespace

AssignmentGraph::AssignmentGraph(const AssignmentProblem& problem)
    : node_count(problem.node_count),
      link_count(problem.link_count()),
      from(problem.link_from_node),
      to(problem.link_to_node),
      centroid(problem.node_is_centroid),
      closed(problem.link_closed) {
  build_csr(node_count, from, problem.link_closed, first_out, out_links);
  build_csr(node_count, to, problem.link_closed, first_in, in_links);
}

NodeDijkstra::NodeDijkstra(const AssignmentGraph& graph)
    : graph_(graph),
      distance_(graph.node_count, std::numeric_limits<double>::infinity()),
      predecessor_(graph.node_count, invalid_index) {}

void NodeDijkstra::run(Index origin, const std::vector<double>& link_cost) {
  std::fill(distance_.begin(), distance_.end(), std::numeric_limits<double>::infinity());
  std::fill(predecessor_.begin(), predecessor_.end(), invalid_index);
  settled_.clear();
  heap_.clear();
  const auto later = [](const std::pair<double, Index>& a, const std::pair<double, Index>& b) {
    return a > b;
  };
  distance_[origin] = 0.0;
  heap_.emplace_back(0.0, origin);
  while (!heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), later);
    const auto [cost, node] = heap_.back();
    heap_.pop_back();
    if (cost > distance_[node]) continue;
    settled_.push_back(node);
    if (!graph_.may_leave(node, origin)) continue;
    for (Index i = graph_.first_out[node]; i < graph_.first_out[node + 1]; ++i) {
      const Index link = graph_.out_links[i];
      const Index next = graph_.to[link];
      const double candidate = cost + link_cost[link];
      if (candidate < distance_[next]) {
        distance_[next] = candidate;
        predecessor_[next] = link;
        heap_.emplace_back(candidate, next);
        std::push_heap(heap_.begin(), heap_.end(), later);
      }
    }
  }
}

struct AssignmentRun::Threads {
  explicit Threads(int count, const AssignmentGraph& graph)
      : arena(count > 0 ? count : tbb::task_arena::automatic),
        dijkstra([&graph] { return NodeDijkstra(graph); }) {}
  tbb::task_arena arena;
  tbb::enumerable_thread_specific<NodeDijkstra> dijkstra;
};

AssignmentRun::AssignmentRun(const AssignmentProblem& problem_, const AssignmentOptions& options_)
    : problem(problem_),
      options(options_),
      graph(problem_),
      threads_(std::make_unique<Threads>(options_.threads, graph)),
      started_(std::chrono::steady_clock::now()) {
  // Origins in node order; destinations in OD table order (pairs repeated in the table add up
  // as separate entries, each keeping its own line).
  std::vector<Index> origin_of_node(graph.node_count, invalid_index);
  std::vector<Index> origin_nodes;
  for (const OdFlow& od : problem.od) {
    if (od.flow > 0.0 && od.origin != od.destination &&
        origin_of_node[od.origin] == invalid_index) {
      origin_of_node[od.origin] = 0;
      origin_nodes.push_back(od.origin);
    }
  }
  std::sort(origin_nodes.begin(), origin_nodes.end());
  origins.resize(origin_nodes.size());
  for (std::size_t o = 0; o < origin_nodes.size(); ++o) {
    origins[o].node = origin_nodes[o];
    origin_of_node[origin_nodes[o]] = static_cast<Index>(o);
  }
  for (std::size_t i = 0; i < problem.od.size(); ++i) {
    const OdFlow& od = problem.od[i];
    if (!(od.flow > 0.0) || od.origin == od.destination) continue;
    OriginDemand& origin = origins[origin_of_node[od.origin]];
    origin.destination.push_back(od.destination);
    origin.flow.push_back(od.flow);
    origin.od_index.push_back(i);
  }
  link_flow.assign(graph.link_count, 0.0);
  link_cost.resize(graph.link_count);
  link_derivative.resize(graph.link_count);
  update_all_links();
  // Unreachable pairs: no path even on the empty network; they leave the demand.
  std::vector<std::vector<std::size_t>> unreachable(origins.size());
  for_each_origin([&](std::size_t o) {
    NodeDijkstra& dijkstra = threads_->dijkstra.local();
    dijkstra.run(origins[o].node, link_cost);
    OriginDemand& origin = origins[o];
    std::size_t kept = 0;
    for (std::size_t d = 0; d < origin.destination.size(); ++d) {
      if (std::isinf(dijkstra.distance(origin.destination[d]))) {
        unreachable[o].push_back(origin.od_index[d]);
        continue;
      }
      origin.destination[kept] = origin.destination[d];
      origin.flow[kept] = origin.flow[d];
      origin.od_index[kept] = origin.od_index[d];
      ++kept;
    }
    origin.destination.resize(kept);
    origin.flow.resize(kept);
    origin.od_index.resize(kept);
  });
  for (const auto& list : unreachable) {
    unreachable_od.insert(unreachable_od.end(), list.begin(), list.end());
  }
  std::sort(unreachable_od.begin(), unreachable_od.end());
  origin_flow.assign(origins.size() * graph.link_count, 0.0);
}

AssignmentRun::~AssignmentRun() = default;

void AssignmentRun::for_each_origin(const std::function<void(std::size_t)>& body) {
  threads_->arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, origins.size()),
                      [&](const tbb::blocked_range<std::size_t>& range) {
                        for (std::size_t o = range.begin(); o < range.end(); ++o) body(o);
                      });
  });
}

void AssignmentRun::update_link(Index link) {
  const BprFunction& f = problem.links[link];
  link_cost[link] = bpr_cost(f, link_flow[link]);
  link_derivative[link] = bpr_derivative(f, link_flow[link]);
}

void AssignmentRun::update_all_links() {
  for (Index l = 0; l < graph.link_count; ++l) update_link(l);
}

double AssignmentRun::shortest_path_sweep(std::vector<double>* loads) {
  std::vector<double> origin_total(origins.size(), 0.0);
  if (loads) loads->assign(origins.size() * graph.link_count, 0.0);
  for_each_origin([&](std::size_t o) {
    NodeDijkstra& dijkstra = threads_->dijkstra.local();
    const OriginDemand& origin = origins[o];
    dijkstra.run(origin.node, link_cost);
    double total = 0.0;
    for (std::size_t d = 0; d < origin.destination.size(); ++d) {
      total += origin.flow[d] * dijkstra.distance(origin.destination[d]);
    }
    origin_total[o] = total;
    if (!loads) return;
    // Demand arriving at each node, pushed up the tree in reverse settling order.
    std::vector<double> arriving(graph.node_count, 0.0);
    for (std::size_t d = 0; d < origin.destination.size(); ++d) {
      arriving[origin.destination[d]] += origin.flow[d];
    }
    double* load = loads->data() + o * graph.link_count;
    const std::vector<Index>& settled = dijkstra.settled();
    for (auto it = settled.rbegin(); it != settled.rend(); ++it) {
      const Index link = dijkstra.predecessor_link(*it);
      if (link == invalid_index || arriving[*it] == 0.0) continue;
      load[link] += arriving[*it];
      arriving[graph.from[link]] += arriving[*it];
    }
  });
  double total = 0.0;
  for (const double value : origin_total) total += value;
  return total;
}

void AssignmentRun::total_origin_flows() {
  std::fill(link_flow.begin(), link_flow.end(), 0.0);
  for (std::size_t o = 0; o < origins.size(); ++o) {
    const double* flows = flows_of(o);
    for (Index l = 0; l < graph.link_count; ++l) link_flow[l] += flows[l];
  }
  update_all_links();
}

bool AssignmentRun::record_iteration(double sptt) {
  AssignmentIteration it;
  it.iteration = static_cast<Index>(result.history.size());
  double tstt = 0.0;
  double objective = 0.0;
  for (Index l = 0; l < graph.link_count; ++l) {
    tstt += link_flow[l] * link_cost[l];
    objective += bpr_integral(problem.links[l], link_flow[l]);
  }
  it.relative_gap = tstt > 0.0 ? (tstt - sptt) / tstt : 0.0;
  it.objective = objective;
  it.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  result.history.push_back(it);
  result.relative_gap = it.relative_gap;
  result.objective = it.objective;
  result.iterations = it.iteration;
  result.elapsed_s = it.elapsed_s;
  if (options.on_iteration) options.on_iteration(it);
  if (it.relative_gap <= options.target_relative_gap) {
    result.stop = AssignmentStop::converged;
    return true;
  }
  if (it.iteration >= options.max_iterations) {
    result.stop = AssignmentStop::max_iterations;
    return true;
  }
  if (it.elapsed_s >= options.time_limit_s) {
    result.stop = AssignmentStop::time_limit;
    return true;
  }
  return false;
}

}  // namespace arteria
