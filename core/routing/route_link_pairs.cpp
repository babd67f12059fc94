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
#include "routing/link_dijkstra.hpp"

namespace arteria {

LinkPairRoutes route_link_pairs(const Network& network, ModeMask modes,
                                const std::vector<LinkPair>& pairs, LinkPairReport& report) {
  const CchTopology topology = cached_cch_topology(network, modes, report.preparation);
  CchMetric metric(topology);
  LapTimer timer;
  // between_links' free-flow times, each rounded once to the nearest float.
  std::vector<float> cost(network.link_count, std::numeric_limits<float>::infinity());
  for (Index link = 0; link < network.link_count; ++link) {
    if (!(network.link_modes[link] & modes)) continue;
    cost[link] = static_cast<float>(static_cast<double>(network.link_length_m[link]) /
                                    network.link_free_speed_mps[link]);
  }
  metric.customize(cost);
  report.customization_s = timer.lap();

  // Pairs grouped by first link, in pair order within a group; one sweep per group.
  std::vector<Index> by_first(pairs.size());
  std::iota(by_first.begin(), by_first.end(), Index{0});
  std::stable_sort(by_first.begin(), by_first.end(),
                   [&](Index a, Index b) { return pairs[a].first < pairs[b].first; });
  std::vector<std::size_t> group_first;
  for (std::size_t i = 0; i < by_first.size(); ++i) {
    if (i == 0 || pairs[by_first[i]].first != pairs[by_first[i - 1]].first) {
      group_first.push_back(i);
    }
  }
  group_first.push_back(by_first.size());
  const std::size_t groups = group_first.size() - 1;

  struct GroupPaths {
    std::vector<Index> first;  // per pair of the group, CSR into links
    std::vector<Index> links;
  };
  std::vector<GroupPaths> paths(groups);
  tbb::enumerable_thread_specific<CchQuery> queries(std::cref(metric));
  tbb::enumerable_thread_specific<LinkDijkstra> dijkstras(std::cref(network));
  tbb::parallel_for(std::size_t{0}, groups, [&](std::size_t g) {
    CchQuery& query = queries.local();
    const Index first = pairs[by_first[group_first[g]]].first;
    query.forward_from_link(first);
    GroupPaths& out = paths[g];
    out.first.push_back(0);
    for (std::size_t i = group_first[g]; i < group_first[g + 1]; ++i) {
      const Index last = pairs[by_first[i]].last;
      if (topology.vertex_of_link(last) == invalid_index) {
        dijkstras.local().between_links(first, last, modes, out.links);
      } else if (!std::isinf(query.to_link(last))) {
        out.links.push_back(first);
        query.append_path(out.links);
      }
      out.first.push_back(static_cast<Index>(out.links.size()));
    }
  });

  // Where each pair's path sits: (group, position in group); then copied out in pair order.
  std::vector<std::pair<Index, Index>> slot(pairs.size());
  for (std::size_t g = 0; g < groups; ++g) {
    for (std::size_t i = group_first[g]; i < group_first[g + 1]; ++i) {
      slot[by_first[i]] = {static_cast<Index>(g), static_cast<Index>(i - group_first[g])};
    }
  }
  LinkPairRoutes routes;
  routes.pair_first_link.reserve(pairs.size() + 1);
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    const auto [g, i] = slot[p];
    const GroupPaths& group = paths[g];
    routes.links.insert(routes.links.end(), group.links.begin() + group.first[i],
                        group.links.begin() + group.first[i + 1]);
    report.unroutable += routes.links.size() == routes.pair_first_link.back();
    report.by_dijkstra += topology.vertex_of_link(pairs[p].last) == invalid_index;
    routes.pair_first_link.push_back(static_cast<Index>(routes.links.size()));
  }
  report.sweeps = static_cast<Index>(groups);
  report.query_s = timer.lap();
  return routes;
}

}  // namespace arteria
