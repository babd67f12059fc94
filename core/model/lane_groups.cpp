#include "model/lane_groups.hpp"

#include <bit>

namespace arteria {
namespace {

// Splits the lanes of one link, whose turns are [first, end), into groups of lanes that serve
// the same movements, appending them to the network, and marks in each turn's mask the groups
// that serve it.
void group_link_lanes(Network& net, Index link, Index first, Index end,
                      const std::vector<std::uint64_t>& turn_lanes) {
  std::uint64_t known = 0;
  for (Index t = first; t < end; ++t) known |= turn_lanes[t];
  if (end - first <= 1 || known == 0) {
    for (Index t = first; t < end; ++t) net.turn_group_mask[t] = 1;
    net.group_link.push_back(link);
    net.group_lane_share.push_back(1.0f);
    ++net.group_count;
    return;
  }
  // A turn that names no lanes, beside turns that do, may use any of theirs.
  auto lanes_of = [&](Index t) { return turn_lanes[t] != 0 ? turn_lanes[t] : known; };
  // Lanes from the right: each joins the group whose lanes serve the same turns, or starts one.
  std::vector<std::uint64_t> group_lanes;
  for (std::uint64_t rest = known; rest != 0; rest &= rest - 1) {
    const std::uint64_t lane = rest & (~rest + 1);
    auto same_turns = [&](std::uint64_t lanes) {
      for (Index t = first; t < end; ++t) {
        if (((lanes_of(t) & lane) != 0) != ((lanes_of(t) & lanes) != 0)) return false;
      }
      return true;
    };
    std::size_t g = 0;
    while (g < group_lanes.size() && !same_turns(group_lanes[g])) ++g;
    if (g == group_lanes.size()) group_lanes.push_back(0);
    group_lanes[g] |= lane;
  }
  for (Index t = first; t < end; ++t) {
    std::uint64_t mask = 0;
    for (std::size_t g = 0; g < group_lanes.size(); ++g) {
      if ((lanes_of(t) & group_lanes[g]) != 0) mask |= std::uint64_t{1} << g;
    }
    net.turn_group_mask[t] = mask;
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
  net.turn_group_mask.assign(net.turn_count, 0);
  for (Index l = 0; l < net.link_count; ++l) {
    group_link_lanes(net, l, net.link_first_turn[l], net.link_first_turn[l + 1], turn_lanes);
    net.link_first_group.push_back(net.group_count);
  }
}

}  // namespace arteria
