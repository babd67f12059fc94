// Routes per OD pair from an origin's link flows (see AssignmentResult::od_paths): walking back
// from the destination, each node's arriving flow is split over its in-links in proportion to
// their flows. Bushes are acyclic; Frank-Wolfe's mixtures of trees may not be, so a walk never
// revisits a node on its own route.

#include <algorithm>

#include "assignment/assignment_run.hpp"

namespace arteria {
namespace {

constexpr double dropped_share = 1e-9;

struct Walk {
  Index node;
  std::size_t depth;  // links between the destination and `node`
  double share;       // of the pair's demand
  Index link;         // the link from `node` towards the destination; invalid at the start
};

void routes_to(const AssignmentRun& run, const double* flows, Index origin, Index destination,
               double demand, std::vector<AssignmentPath>& paths) {
  const AssignmentGraph& graph = run.graph;
  std::vector<Walk> stack{{destination, 0, 1.0, invalid_index}};
  std::vector<Index> route;     // links from the destination backwards
  std::vector<Index> on_route;  // nodes from the destination to the walk's node
  const std::size_t first = paths.size();
  double kept = 0.0;
  while (!stack.empty()) {
    const Walk walk = stack.back();
    stack.pop_back();
    route.resize(walk.depth == 0 ? 0 : walk.depth - 1);
    if (walk.link != invalid_index) route.push_back(walk.link);
    on_route.resize(walk.depth);
    on_route.push_back(walk.node);
    if (walk.node == origin) {
      AssignmentPath path;
      path.links.assign(route.rbegin(), route.rend());
      path.flow = walk.share;
      kept += walk.share;
      paths.push_back(std::move(path));
      continue;
    }
    const auto usable = [&](Index link) {
      const Index from = graph.from[link];
      return flows[link] > 0.0 && graph.may_leave(from, origin) &&
             std::find(on_route.begin(), on_route.end(), from) == on_route.end();
    };
    double arriving = 0.0;
    for (Index k = graph.first_in[walk.node]; k < graph.first_in[walk.node + 1]; ++k) {
      if (usable(graph.in_links[k])) arriving += flows[graph.in_links[k]];
    }
    if (!(arriving > 0.0)) continue;
    // Pushed in reverse so that routes come out in in-link order.
    for (Index k = graph.first_in[walk.node + 1]; k-- > graph.first_in[walk.node];) {
      const Index link = graph.in_links[k];
      if (!usable(link)) continue;
      const double share = walk.share * flows[link] / arriving;
      if (share >= dropped_share) stack.push_back({graph.from[link], walk.depth + 1, share, link});
    }
  }
  if (!(kept > 0.0)) return;
  for (std::size_t p = first; p < paths.size(); ++p) paths[p].flow *= demand / kept;
}

}  // namespace

void decompose_paths(const AssignmentRun& run, AssignmentResult& result) {
  result.od_paths.assign(run.problem.od.size(), {});
  for (std::size_t o = 0; o < run.origins.size(); ++o) {
    const OriginDemand& origin = run.origins[o];
    for (std::size_t d = 0; d < origin.destination.size(); ++d) {
      routes_to(run, run.flows_of(o), origin.node, origin.destination[d], origin.flow[d],
                result.od_paths[origin.od_index[d]]);
    }
  }
}

}  // namespace arteria
