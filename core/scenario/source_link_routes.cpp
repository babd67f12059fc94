// Shortest paths from one link to another (SUMO trips between edges); see import_sources.hpp.
// Labels sit on links, as in routing/link_dijkstra, so turn restrictions are exact.

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>

#include "scenario/source_readers.hpp"

namespace arteria {

LinkToLinkRouter::LinkToLinkRouter(const Network& network)
    : network_(network),
      cost_(network.link_count, 0.0),
      previous_(network.link_count, invalid_index),
      stamp_(network.link_count, 0) {}

std::vector<Index> LinkToLinkRouter::route(Index first, Index last, ModeMask modes) {
  const Network& net = network_;
  ++query_;
  auto travel_s = [&](Index link) {
    return static_cast<double>(net.link_length_m[link]) / net.link_free_speed_mps[link];
  };
  using Entry = std::pair<double, Index>;  // cost to the link's downstream end, link
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
  cost_[first] = travel_s(first);
  previous_[first] = invalid_index;
  stamp_[first] = query_;
  heap.push({cost_[first], first});
  bool found = false;
  while (!heap.empty()) {
    const auto [cost, link] = heap.top();
    heap.pop();
    if (cost > cost_[link]) continue;  // an outdated entry
    if (link == last) {
      found = true;
      break;
    }
    if (net.node_is_centroid[net.link_to_node[link]]) continue;  // zones are not crossed
    for (Index t = net.link_first_turn[link]; t < net.link_first_turn[link + 1]; ++t) {
      const Index next = net.turn_to_link[t];
      if (next != last && (net.link_modes[next] & modes) == 0) continue;
      const double next_cost = cost + travel_s(next);
      if (stamp_[next] == query_ && !(next_cost < cost_[next])) continue;
      stamp_[next] = query_;
      cost_[next] = next_cost;
      previous_[next] = link;
      heap.push({next_cost, next});
    }
  }
  std::vector<Index> path;
  if (!found) return path;
  for (Index link = last; link != invalid_index; link = previous_[link]) path.push_back(link);
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace arteria
