// Where each transit trip runs on the network: road modes on road links (stops snapped to links,
// paths between consecutive stops found on the road graph), every other mode, and every trip of
// a scenario without roads, on guideway links between consecutive stops that run on schedule.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "network/network.hpp"
#include "network/network_spec.hpp"
#include "transit/timetable.hpp"
#include "util/ids.hpp"

namespace arteria {

struct TransitPlacementParams {
  double max_snap_m = 150.0;       // a road stop further than this from every bus link is unsnapped
  std::size_t max_candidates = 8;  // nearest bus links considered per stop (both directions)
  double snap_penalty_s_per_m = 0.5;  // matching cost of serving a stop 1 m further away
  double shape_near_m = 30.0;         // links this close to the trip's shape cost their time,
  double off_shape_factor = 3.0;      // the others this many times it
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
};

// Adds a guideway node per stop served off-road and a guideway link (mode_rail, ids
// "gw:<route>:<from stop>><to stop>") per route and pair of consecutive stops of those trips.
// Without a road network (`road_network` false) every trip runs off-road. With a road network, a
// road trip's step to or from a stop that snaps to no bus link (further than params.max_snap_m from
// all) also runs on a guideway link, between the stop's guideway node and, for a stop that snaps,
// the road node nearest to it that buses can enter and leave: the trip leaves and re-enters traffic
// there. Needed U-turns (a trip reversing at a terminal) and, under TurnRule::explicit_only, every
// movement a trip needs are added as explicit turns.
void add_transit_guideways(const Timetable& timetable, bool road_network, NetworkSpec& spec,
                           const TransitPlacementParams& params = {});

// After compile_network: places every trip on the compiled network. Road trips: each stop is
// matched to one of the bus links near it (road_matching.cpp: Viterbi over the nearest links,
// free-flow paths between them that respect turns, links off the trip's shape penalised) and
// served at that link's downstream end; steps to or from a stop that snaps nowhere use the
// guideway links add_transit_guideways made. Trips of one pattern (stops, shape, mode) share
// one placement, computed in parallel and identical for any thread count.
TransitPlacement place_transit(const Timetable& timetable, const Network& network,
                               bool road_network, const TransitPlacementParams& params = {});

}  // namespace arteria
