// Lane groups: which lanes at a link's downstream end serve which movements, so that the
// simulation can give each set of lanes its own queue (docs/ARCHITECTURE.md "Lane groups").
#pragma once

#include <cstdint>
#include <vector>

#include "model/network.hpp"

namespace arteria {

// Fills the network's lane groups (link_first_group, group_link, group_lane_share,
// turn_group_mask) from its turns and `turn_lanes`, the from-lanes of each turn (bit i: lane i;
// 0: not known). Lanes that serve the same set of movements form a group, as the Highway
// Capacity Manual forms lane groups: with a through lane, a shared through-left lane and a left
// lane, each is a group of its own, and a through vehicle may queue in the first two. Groups are
// numbered from the rightmost lane. A link gets one group when it has at most one turn or no
// turn of it names lanes; a turn without lanes on a link whose other turns name them may use
// any of those lanes.
void build_lane_groups(Network& net, const std::vector<std::uint64_t>& turn_lanes);

}  // namespace arteria
