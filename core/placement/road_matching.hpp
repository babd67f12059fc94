// Internal to transit placement: trips grouped into patterns (what is placed once), the kind of
// each step between consecutive stops, and the matching of a pattern's stops to road links.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/network.hpp"
#include "model/timetable.hpp"
#include "placement/place_transit.hpp"
#include "placement/stop_snapping.hpp"
#include "routing/link_dijkstra.hpp"

namespace arteria::transit {

// Trips with the same stop sequence, shape and way of running (off-road or not) are placed
// alike. `stops` has consecutive repeats of one stop merged: such calls are served together.
struct Pattern {
  Index first_trip = invalid_index;
  Index route = invalid_index;  // guideway links are the route's own (see guideway_link_id)
  bool off_road = false;
  Index shape = invalid_index;
  std::vector<Index> stops;  // distinct consecutive stops
  // Per step (empty: none): 1 when the step is one of the forced steps (detours) given to
  // add_transit_guideways and place_transit; see mark_forced_steps.
  std::vector<std::uint8_t> forced;
};

struct TransitPatterns {
  std::vector<Pattern> patterns;  // in order of their first trip
  std::vector<Index> trip_pattern;
  // Per call: the index into its pattern's `stops`.
  std::vector<std::uint32_t> call_pattern_stop;
};

TransitPatterns find_patterns(const Timetable& timetable, bool road_network);

// A trip's first and last call at each stop of its pattern (calls at one stop in a row are one
// pattern stop): where its steps start and end on schedule.
struct PatternStopCalls {
  std::vector<Index> first, last;
  void assign(const Timetable& timetable, const TransitPatterns& patterns, Index trip,
              std::size_t pattern_stops);
  // The scheduled time of step j: from the last departure at stop j to the first arrival at j + 1.
  std::int32_t step_scheduled_s(const Timetable& timetable, std::size_t step) const {
    return timetable.call_arrival_s[first[step + 1]] - timetable.call_departure_s[last[step]];
  }
};

// Marks the steps of every pattern whose (route, from stop, to stop) is among `forced_steps`.
void mark_forced_steps(TransitPatterns& patterns, const std::vector<GuidewayStep>& forced_steps);

// What both placement passes start from: the patterns (forced steps marked), the stops and
// shapes in the network's frame, and whether any pattern runs on the road.
struct PlacementStart {
  TransitPatterns patterns;
  TransitFrame frame;
  bool any_road = false;
};
PlacementStart start_placement(const Timetable& timetable, bool road_network,
                               const MapProjection& projection,
                               const std::vector<GuidewayStep>& forced_steps);

// Step j (stops[j] -> stops[j + 1]) of a road pattern runs on a guideway when either stop
// snaps to no bus link, or when it is forced (a detour; it then stays on the road if the network
// has no guideway link for it); every step of an off-road pattern does.
bool step_on_guideway(const Pattern& pattern, std::size_t step,
                      const std::vector<std::uint8_t>& stop_snaps);
// Step j of a road pattern runs on a guideway only because it is forced: both stops snap.
bool step_forced_only(const Pattern& pattern, std::size_t step,
                      const std::vector<std::uint8_t>& stop_snaps);

// "gw:<route>:<from>><to>" and "gw:<stop>". Each route has its own guideway links: a link is
// first in, first out, so routes with other running times between the same two stops would
// otherwise hold each other up (guideways stand for the timetable, not for a track layout).
std::string guideway_link_id(const Timetable& timetable, Index route, Index from_stop,
                             Index to_stop);
std::string guideway_node_id(const Timetable& timetable, Index stop);

// Stops that snap to some link admitting mode_bus within max_snap_m (1) or not (0).
std::vector<std::uint8_t> snapping_stops(const Timetable& timetable, const TransitFrame& frame,
                                         const LinkSegmentIndex& bus_links, double max_snap_m);

// A placed pattern: route links, and per pattern stop the route offset of the link whose
// downstream end serves it (-1: the upstream end of the first link).
struct PatternRoute {
  std::vector<Index> links;
  std::vector<std::int32_t> link_step;  // per link: the step it runs on schedule, -1 for road
  std::vector<std::int32_t> stop_route_pos;
  std::vector<float> stop_snap_m;
  std::vector<std::uint8_t> stop_in_traffic;
  // Per step: the free-flow time of the road path from stop j's link to stop j + 1's (the links
  // after the one serving stop j, up to the one serving stop j + 1); NaN for a guideway step.
  std::vector<float> step_path_s;
  std::uint32_t detour_steps = 0;  // forced steps run on their guideway links
  std::string problem;             // empty when placed
};

// Everything the matcher reads, shared by every pattern (read-only while matching).
struct MatchContext {
  const Timetable& timetable;
  const Network& network;
  const TransitFrame& frame;
  const LinkSegmentIndex& bus_links;
  const std::vector<std::uint8_t>& stop_snaps;
  const TransitPlacementParams& params;
  std::vector<float> cost_near_s;  // bus links: free-flow time; other links: infinity
  std::vector<float> cost_far_s;   // the same times the off-shape penalty
};

// Per-thread scratch of the matcher.
struct MatchScratch {
  explicit MatchScratch(const MatchContext& context);
  LinkDijkstra dijkstra;
  std::vector<float> shaped_cost_s;  // cost_far_s with the pattern's near-shape links lowered
  std::vector<Index> near_links;
  std::vector<SnapCandidate> found;
};

PatternRoute place_pattern(const MatchContext& context, const Pattern& pattern,
                           MatchScratch& scratch);

}  // namespace arteria::transit
