// Placing transit trips on the network: stops snapped to links and paths between consecutive
// stops found on the road graph for road modes, guideway links between consecutive stops for the
// others (the result: model/transit_placement.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "base/ids.hpp"
#include "model/network.hpp"
#include "model/network_spec.hpp"
#include "model/timetable.hpp"
#include "model/transit_placement.hpp"

namespace arteria {

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
