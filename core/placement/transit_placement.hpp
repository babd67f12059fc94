// Where each transit trip runs on the network: road modes on road links (stops snapped to links,
// paths between consecutive stops found on the road graph), every other mode, and every trip of
// a scenario without roads, on guideway links between consecutive stops that run on schedule.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "model/network.hpp"
#include "model/network_spec.hpp"
#include "model/timetable.hpp"
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

// Adds a guideway node per stop served off-road and a guideway link (mode_rail, ids
// "gw:<route>:<from stop>><to stop>") per route and pair of consecutive stops of those trips.
// Without a road network (`road_network` false) every trip runs off-road. With a road network, a
// road trip's step to or from a stop that snaps to no bus link (further than params.max_snap_m from
// all) also runs on a guideway link, between the stop's guideway node and, for a stop that snaps,
// the road node nearest to it that buses can enter and leave: the trip leaves and re-enters traffic
// there. Needed U-turns (a trip reversing at a terminal) and, under TurnRule::explicit_only, every
// movement a trip needs are added as explicit turns.
// `forced_steps` (in any order; of steps listed twice the first counts) are road steps to run on
// guideways too (detours, see place_transit_with_detours), from their from_node to their to_node.
// A forced step gets no link, and stays on the road, when those are one node or either is not a
// node of `spec` (or, for empty ids, the stop has no road node buses can enter and leave). Forced
// steps of off-road trips or with an unsnapped stop change nothing (they run on guideways anyway).
void add_transit_guideways(const Timetable& timetable, bool road_network, NetworkSpec& spec,
                           const TransitPlacementParams& params = {},
                           const std::vector<GuidewayStep>& forced_steps = {});

// After compile_network: places every trip on the compiled network. Road trips: each stop is
// matched to one of the bus links near it (road_matching.cpp: Viterbi over the nearest links,
// free-flow paths between them that respect turns, links off the trip's shape penalised) and
// served at that link's downstream end; steps to or from a stop that snaps nowhere use the
// guideway links add_transit_guideways made. Trips of one pattern (stops, shape, mode) share
// one placement, computed in parallel and identical for any thread count. `forced_steps` must be
// those given to add_transit_guideways: they run on their guideway links (when those exist).
TransitPlacement place_transit(const Timetable& timetable, const Network& network,
                               bool road_network, const TransitPlacementParams& params = {},
                               const std::vector<GuidewayStep>& forced_steps = {});

// The whole placement with the detour rule: road_spec + guideways -> compile -> place; while the
// placement reports detour steps, they join the forced steps and the network is rebuilt from
// road_spec with their guideways, then placed again (at most max_detour_passes compilations;
// re-matching the stops around a new guideway can make another step implausible). Returns the
// last placement (its detour_steps: those left on the road, empty unless the passes ran out) and
// its network in network_out.
inline constexpr int max_detour_passes = 3;
TransitPlacement place_transit_with_detours(const Timetable& timetable,
                                            const NetworkSpec& road_spec, bool road_network,
                                            const TransitPlacementParams& params,
                                            Network& network_out);

}  // namespace arteria
