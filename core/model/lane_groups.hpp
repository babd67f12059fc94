// Lane groups: which lanes at a link's downstream end serve which movements, so that the
// simulation can give each set of lanes its own queue (docs/ARCHITECTURE.md "Lane groups").
#pragma once

#include <cstdint>
#include <vector>

#include "model/network.hpp"

namespace arteria {

// Fills the network's lane groups (link_first_group, group_link, group_lane_share, turn_group)
// from its turns and `turn_lanes`, the from-lanes of each turn (bit i: lane i; 0: not known).
// Turns that share a lane are in one group (the lanes of a group serve all its movements). A
// link gets one group when it has at most one turn or no turn of it names lanes; a turn without
// lanes on a link whose other turns name them may use any of those lanes.
void build_lane_groups(Network& net, const std::vector<std::uint64_t>& turn_lanes);

}  // namespace arteria
