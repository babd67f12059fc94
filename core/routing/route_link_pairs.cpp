#include "routing/route_link_pairs.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "base/lap_timer.hpp"
#include "routing/cch_order_cache.hpp"
#include "routing/cch_query.hpp"
#include "routing/grouped_paths.hpp"
#include "routing/link_dijkstra.hpp"

namespace arteria {
namespace {

// between_links' free-flow times, each rounded once to the nearest float.
std::vector<float> free_flow_costs(const Network& network, ModeMask modes) {
  std::vector<float> cost(network.link_count, std::numeric_limits<float>::infinity());
  for (Index link = 0; link < network.link_count; ++link) {
    if (!(network.link_modes[link] & modes)) continue;
    cost[link] = static_cast<float>(static_cast<double>(network.link_length_m[link]) /
                                    network.link_free_speed_mps[link]);
  }
  return cost;
}

// Pairs grouped by first link, in pair order within a group; one sweep per group.
struct PairGroups {
  std::vector<Index> by_first;  // pair ids
  std::vector<Index> first{0};  // per group, into by_first
  std::size_t size() const { return first.size() - 1; }
};

PairGroups group_by_first(const std::vector<LinkPair>& pairs) {
  PairGroups groups;
  groups.by_first.resize(pairs.size());
  std::iota(groups.by_first.begin(), groups.by_first.end(), Index{0});
  std::stable_sort(groups.by_first.begin(), groups.by_first.end(),
                   [&](Index a, Index b) { return pairs[a].first < pairs[b].first; });
  for (std::size_t i = 1; i < pairs.size(); ++i) {
    if (pairs[groups.by_first[i]].first != pairs[groups.by_first[i - 1]].first) {
      groups.first.push_back(static_cast<Index>(i));
    }
  }
  if (!pairs.empty()) groups.first.push_back(static_cast<Index>(pairs.size()));
  return groups;
}

// The distinct last links that are CCH vertices, in first-seen order; tree_of[link] becomes the
// link's position.
std::vector<Index> distinct_targets(const std::vector<LinkPair>& pairs, const CchTopology& topology,
                                    std::vector<Index>& tree_of) {
  std::vector<Index> targets;
  for (const LinkPair& pair : pairs) {
    if (topology.vertex_of_link(pair.last) != invalid_index &&
        tree_of[pair.last] == invalid_index) {
      tree_of[pair.last] = static_cast<Index>(targets.size());
      targets.push_back(pair.last);
    }
  }
  return targets;
}

// The groups' paths in pair order, with the report's counts.
LinkPairRoutes in_pair_order(const std::vector<LinkPair>& pairs, const GroupedPaths& paths,
                             const CchTopology& topology, LinkPairReport& report) {
  LinkPairRoutes routes;
  const auto path_of = [&](Index pair) { return paths.path(pair); };
  concatenate_paths(static_cast<Index>(pairs.size()), path_of, routes.pair_first_link,
                    routes.links);
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    report.unroutable += routes.pair_first_link[p] == routes.pair_first_link[p + 1];
    report.by_dijkstra += topology.vertex_of_link(pairs[p].last) == invalid_index;
  }
  return routes;
}

}  // namespace

LinkPairRoutes route_link_pairs(const Network& network, ModeMask modes,
                                const std::vector<LinkPair>& pairs, LinkPairReport& report) {
  const CchTopology topology = cached_cch_topology(network, modes, report.preparation);
  const PairGroups groups = group_by_first(pairs);
  std::vector<Index> tree_of(network.link_count, invalid_index);
  const std::vector<Index> targets = distinct_targets(pairs, topology, tree_of);
  // Backward trees per distinct last link when last links repeat; with them there are too few
  // searches for the perfect customization to pay (as in route_trips; SUMO grid-large, A B A B:
  // no faster with it).
  const bool use_trees = CchQuery::backward_trees_pay(topology, pairs.size(), targets.size());
  CchMetric metric(topology);
  LapTimer timer;
  metric.customize(free_flow_costs(network, modes), !use_trees);
  report.customization_s = timer.lap();

  tbb::enumerable_thread_specific<CchQuery> queries(std::cref(metric));
  std::vector<CchQuery::BackwardTree> trees(use_trees ? targets.size() : 0);
  tbb::parallel_for(std::size_t{0}, trees.size(), [&](std::size_t k) {
    queries.local().backward_tree_to_link(targets[k], trees[k]);
  });
  report.backward_trees = static_cast<Index>(trees.size());

  GroupedPaths paths(static_cast<Index>(pairs.size()), groups.first, groups.by_first);
  tbb::enumerable_thread_specific<LinkDijkstra> dijkstras(std::cref(network));
  tbb::parallel_for(std::size_t{0}, groups.size(), [&](std::size_t g) {
    CchQuery& query = queries.local();
    const Index first = pairs[groups.by_first[groups.first[g]]].first;
    query.forward_from_link(first);
    GroupPaths& out = paths.groups[g];
    out.first.push_back(0);
    for (Index i = groups.first[g]; i < groups.first[g + 1]; ++i) {
      const Index last = pairs[groups.by_first[i]].last;
      if (topology.vertex_of_link(last) == invalid_index) {
        dijkstras.local().between_links(first, last, modes, out.links);
      } else if (!std::isinf(trees.empty() ? query.to_link(last)
                                           : query.to_link(last, trees[tree_of[last]]))) {
        out.links.push_back(first);
        query.append_path(out.links);
      }
      out.first.push_back(static_cast<Index>(out.links.size()));
    }
    out.trim();
  });
  LinkPairRoutes routes = in_pair_order(pairs, paths, topology, report);
  report.sweeps = static_cast<Index>(groups.size());
  report.query_s = timer.lap();
  return routes;
}

}  // namespace arteria
