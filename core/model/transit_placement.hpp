// Where each transit trip runs on the network, as placement (core/placement/) found it: the
// links of each trip, where each call is served, and what could not be placed. Road modes run on
// road links, every other mode, and every trip of a scenario without roads, on guideway links.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "base/ids.hpp"

namespace arteria {

struct TransitPlacementParams {
  double max_snap_m = 150.0;       // a road stop further than this from every bus link is unsnapped
  std::size_t max_candidates = 8;  // nearest bus links considered per stop (both directions)
  double snap_penalty_s_per_m = 0.5;  // matching cost of serving a stop 1 m further away
  double shape_near_m = 30.0;         // links this close to the trip's shape cost their time,
  double off_shape_factor = 3.0;      // the others this many times it
  // The detour rule: a road step (between two stops that both snap) whose matched path takes
  // longer at free-flow speed than max_detour_factor x its scheduled time + detour_allowance_s is
  // implausible (typically a one-way street or a missing carriageway making the path loop round
  // blocks) and reported in TransitPlacement::detour_steps, for place_transit_with_detours to run
  // on a guideway link instead. The scheduled time is the longest of the pattern's trips (arrival
  // at the next stop minus departure from the stop), so the rule fires only when the path is
  // implausible for every trip. An infinite factor turns the rule off.
  double max_detour_factor = 3.0;
  double detour_allowance_s = 120.0;
};

// A step between two consecutive stops of a route: what add_transit_guideways makes a guideway
// link for (id "gw:<route>:<from stop>><to stop>"), here a road step run off the road (a detour):
// the bus leaves traffic at node from_node and rejoins it at to_node (NetworkSpec node ids),
// which serves to_stop. place_transit reports the nodes where it served the two stops; each stop
// keeps one node per route over all its detours. When both stops were served at one node (a bus
// against a one-way street loops back to it for each stop), to_stop's node is its own guideway
// node "gw:<stop>" (served off the road) and every road step from or to it is reported too.
// Empty node ids: the road node nearest the stop that buses can enter and leave, as for a step to
// an unsnapped stop.
struct GuidewayStep {
  Index route = invalid_index;
  Index from_stop = invalid_index;
  Index to_stop = invalid_index;
  std::string from_node;
  std::string to_node;
  bool operator==(const GuidewayStep&) const = default;
  // Steps are ordered by (route, from_stop, to_stop) alone.
  bool operator<(const GuidewayStep& o) const {
    return std::tie(route, from_stop, to_stop) < std::tie(o.route, o.from_stop, o.to_stop);
  }
};

struct TransitPlacement {
  // Route of trip t: links [trip_first_link[t], trip_first_link[t + 1]) (network link ids).
  std::vector<Index> trip_first_link{0};
  std::vector<Index> links;
  // Aligned with `links`: the scheduled running time on a guideway link (the timetable's time
  // between the calls at its ends), NaN on a road link (the traffic model decides).
  std::vector<float> link_scheduled_s;
  // Per timetable call: the offset into its trip's links of the link whose downstream end serves
  // the call; -1 when the call is served before the first link, at its upstream node (always
  // the case for the first call).
  std::vector<std::int32_t> call_route_pos;
  // Distance from the stop to where it is served: to the polyline of a road link (the stop lies
  // along it), to the road node a guideway joins the road at, 0 at the stop's own guideway node.
  std::vector<float> call_snap_m;
  std::vector<std::uint8_t> call_in_traffic;  // 1: served on a road link or road node
  std::vector<std::uint32_t> trip_calls_in_traffic;
  // 1 when the trip has a route; 0 when it cannot run, with the reason in trip_problem.
  std::vector<std::uint8_t> trip_placed;
  std::vector<std::string> trip_problem;
  // Per trip: the steps run on a guideway link because they were forced (a detour, see
  // place_transit_with_detours) rather than because a stop snaps to no road.
  std::vector<std::uint32_t> trip_detour_steps;
  // Road steps that break the detour rule (TransitPlacementParams::max_detour_factor), sorted,
  // each (route, from stop, to stop) once (its nodes from the first pattern, in order of first
  // trip, that has it); empty when none. Forced steps are never listed.
  std::vector<GuidewayStep> detour_steps;
  // Placements made: 1 for place_transit, up to max_detour_passes for place_transit_with_detours.
  std::uint32_t passes = 1;
};

}  // namespace arteria
