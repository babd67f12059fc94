#include "routing/route_link_pairs.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>

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

// Pairs grouped by cost bin, then by first link, in pair order within a group; one sweep per
// group.
struct PairGroups {
  std::vector<Index> bin;       // per group
  std::vector<Index> by_first;  // pair ids
  std::vector<Index> first{0};  // per group, into by_first
  std::size_t size() const { return first.size() - 1; }
};

PairGroups group_pairs(const std::vector<LinkPair>& pairs, const std::vector<Index>& bin_of) {
  PairGroups groups;
  groups.by_first.resize(pairs.size());
  std::iota(groups.by_first.begin(), groups.by_first.end(), Index{0});
  std::stable_sort(groups.by_first.begin(), groups.by_first.end(), [&](Index a, Index b) {
    return std::pair(bin_of[a], pairs[a].first) < std::pair(bin_of[b], pairs[b].first);
  });
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const Index p = groups.by_first[i];
    if (i > 0 && bin_of[p] == groups.bin.back() &&
        pairs[p].first == pairs[groups.by_first[i - 1]].first) {
      continue;
    }
    if (i > 0) groups.first.push_back(static_cast<Index>(i));
    groups.bin.push_back(bin_of[p]);
  }
  if (!pairs.empty()) groups.first.push_back(static_cast<Index>(pairs.size()));
  return groups;
}

// The distinct last links that are CCH vertices among the pairs of groups [begin, end), in
// first-seen order; tree_of[link] becomes the link's position (the caller resets it).
std::vector<Index> distinct_targets(const std::vector<LinkPair>& pairs, const PairGroups& groups,
                                    std::size_t begin, std::size_t end, const CchTopology& topology,
                                    std::vector<Index>& tree_of) {
  std::vector<Index> targets;
  for (Index i = groups.first[begin]; i < groups.first[end]; ++i) {
    const Index last = pairs[groups.by_first[i]].last;
    if (topology.vertex_of_link(last) != invalid_index && tree_of[last] == invalid_index) {
      tree_of[last] = static_cast<Index>(targets.size());
      targets.push_back(last);
    }
  }
  return targets;
}

// The paths of group g's pairs: one forward sweep from their first link, one backward search
// (or tree) per last link.
struct PairRouter {
  ModeMask modes;
  const CchTopology& topology;
  const std::vector<LinkPair>& pairs;
  const PairGroups& groups;
  const std::vector<CchQuery::BackwardTree>& trees;  // empty: a backward search per pair
  const std::vector<Index>& tree_of;

  void route(CchQuery& query, LinkDijkstra& dijkstra, std::size_t g, GroupPaths& out) const {
    const Index first = pairs[groups.by_first[groups.first[g]]].first;
    query.forward_from_link(first);
    out.first.push_back(0);
    for (Index i = groups.first[g]; i < groups.first[g + 1]; ++i) {
      const Index last = pairs[groups.by_first[i]].last;
      if (topology.vertex_of_link(last) == invalid_index) {
        dijkstra.between_links(first, last, modes, out.links);
      } else if (!std::isinf(trees.empty() ? query.to_link(last)
                                           : query.to_link(last, trees[tree_of[last]]))) {
        out.links.push_back(first);
        query.append_path(out.links);
      }
      out.first.push_back(static_cast<Index>(out.links.size()));
    }
    out.trim();
  }
};

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
  return route_link_pairs(network, modes, pairs, {},
                          LinkCostSeries::constant(free_flow_costs(network, modes)), report);
}

LinkPairRoutes route_link_pairs(const Network& network, ModeMask modes,
                                const std::vector<LinkPair>& pairs,
                                const std::vector<double>& depart_s, const LinkCostSeries& costs,
                                LinkPairReport& report, std::optional<PreparedCch> prepared) {
  if (prepared) report.preparation = prepared->preparation;
  const CchTopology topology = prepared ? std::move(prepared->topology)
                                        : cached_cch_topology(network, modes, report.preparation);
  std::vector<Index> bin_of(pairs.size(), 0);
  for (std::size_t p = 0; p < depart_s.size(); ++p) bin_of[p] = costs.bin_at(depart_s[p]);
  const PairGroups groups = group_pairs(pairs, bin_of);
  CchMetric metric(topology);
  LapTimer timer;
  tbb::enumerable_thread_specific<CchQuery> queries(std::cref(metric));
  tbb::enumerable_thread_specific<LinkDijkstra> dijkstras(std::cref(network));
  GroupedPaths paths(static_cast<Index>(pairs.size()), groups.first, groups.by_first);
  std::vector<Index> tree_of(network.link_count, invalid_index);
  std::vector<CchQuery::BackwardTree> trees;
  // Groups are sorted by bin: each run of one bin is customized once, then routed.
  for (std::size_t begin = 0; begin < groups.size();) {
    std::size_t end = begin;
    while (end < groups.size() && groups.bin[end] == groups.bin[begin]) ++end;
    const std::vector<Index> targets =
        distinct_targets(pairs, groups, begin, end, topology, tree_of);
    // Backward trees per distinct last link when last links repeat; with them there are too
    // few searches for the perfect customization to pay (as in route_trips; SUMO grid-large,
    // A B A B: no faster with it).
    const bool use_trees = CchQuery::backward_trees_pay(
        topology, groups.first[end] - groups.first[begin], targets.size());
    metric.customize(costs.bin(groups.bin[begin]), !use_trees);
    ++report.metrics;
    report.customization_s += timer.lap();
    trees.resize(use_trees ? targets.size() : 0);
    tbb::parallel_for(std::size_t{0}, trees.size(), [&](std::size_t k) {
      queries.local().backward_tree_to_link(targets[k], trees[k]);
    });
    report.backward_trees += static_cast<Index>(trees.size());
    const PairRouter router{modes, topology, pairs, groups, trees, tree_of};
    tbb::parallel_for(begin, end, [&](std::size_t g) {
      router.route(queries.local(), dijkstras.local(), g, paths.groups[g]);
    });
    for (const Index t : targets) tree_of[t] = invalid_index;
    report.query_s += timer.lap();
    begin = end;
  }
  LinkPairRoutes routes = in_pair_order(pairs, paths, topology, report);
  report.sweeps = static_cast<Index>(groups.size());
  report.query_s += timer.lap();
  return routes;
}

}  // namespace arteria
