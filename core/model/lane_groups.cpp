#include "model/lane_groups.hpp"

#include <bit>
#include <numeric>

namespace arteria {
namespace {

// Union-find over a link's turns, numbered from 0.
Index find_root(std::vector<Index>& parent, Index t) {
  while (parent[t] != t) t = parent[t] = parent[parent[t]];
  return t;
}

// Splits the turns [first, end) of one link into groups, appending them to the network.
void group_link_turns(Network& net, Index link, Index first, Index end,
                      const std::vector<std::uint64_t>& turn_lanes) {
  const Index turns = end - first;
  std::uint64_t known = 0;
  for (Index t = first; t < end; ++t) known |= turn_lanes[t];
  if (turns <= 1 || known == 0) {
    for (Index t = first; t < end; ++t) net.turn_group[t] = net.group_count;
    net.group_link.push_back(link);
    net.group_lane_share.push_back(1.0f);
    ++net.group_count;
    return;
  }
  auto lanes_of = [&](Index t) { return turn_lanes[t] != 0 ? turn_lanes[t] : known; };
  std::vector<Index> parent(turns);
  std::iota(parent.begin(), parent.end(), Index{0});
  for (Index a = 0; a < turns; ++a) {
    for (Index b = a + 1; b < turns; ++b) {
      if ((lanes_of(first + a) & lanes_of(first + b)) != 0) {
        parent[find_root(parent, b)] = find_root(parent, a);
      }
    }
  }
  // Groups in the order of their first turn; a group's lanes are its turns' lanes together.
  std::vector<Index> group_of_root(turns, invalid_index);
  std::vector<std::uint64_t> group_lanes;
  const Index base = net.group_count;
  for (Index a = 0; a < turns; ++a) {
    const Index root = find_root(parent, a);
    if (group_of_root[root] == invalid_index) {
      group_of_root[root] = static_cast<Index>(group_lanes.size());
      group_lanes.push_back(0);
    }
    group_lanes[group_of_root[root]] |= lanes_of(first + a);
    net.turn_group[first + a] = base + group_of_root[root];
  }
  const auto all_lanes = static_cast<float>(std::popcount(known));
  for (const std::uint64_t lanes : group_lanes) {
    net.group_link.push_back(link);
    net.group_lane_share.push_back(static_cast<float>(std::popcount(lanes)) / all_lanes);
  }
  net.group_count += static_cast<Index>(group_lanes.size());
}

}  // namespace

void build_lane_groups(Network& net, const std::vector<std::uint64_t>& turn_lanes) {
  net.group_count = 0;
  net.link_first_group.assign(1, 0);
  net.group_link.clear();
  net.group_lane_share.clear();
  net.turn_group.assign(net.turn_count, invalid_index);
  for (Index l = 0; l < net.link_count; ++l) {
    group_link_turns(net, l, net.link_first_turn[l], net.link_first_turn[l + 1], turn_lanes);
    net.link_first_group.push_back(net.group_count);
  }
}

}  // namespace arteria
