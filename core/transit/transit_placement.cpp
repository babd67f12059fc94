// Places every timetable trip on the compiled network (see transit_placement.hpp): each distinct
// pattern once, in parallel (results depend only on the pattern, so any thread count gives the
// same placement), then copied to its trips with their own scheduled times.
#include "transit/transit_placement.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "transit/road_matching.hpp"
#include "transit/stop_snapping.hpp"

namespace arteria {

TransitPlacement place_transit(const Timetable& tt, const Network& network, bool road_network,
                               const TransitPlacementParams& params) {
  using namespace transit;
  const TransitPatterns patterns = find_patterns(tt, road_network);
  const TransitFrame frame = transit_frame(tt, network.projection);
  const bool any_road = std::any_of(patterns.patterns.begin(), patterns.patterns.end(),
                                    [](const Pattern& p) { return !p.off_road; });
  const LinkSegmentIndex bus_links(network, any_road ? ModeMask{mode_bus} : ModeMask{0});
  const std::vector<std::uint8_t> snaps =
      any_road ? snapping_stops(tt, frame, bus_links, params.max_snap_m)
               : std::vector<std::uint8_t>(tt.stop_count(), 1);

  constexpr float closed = std::numeric_limits<float>::infinity();
  std::vector<float> cost_near(network.link_count, closed), cost_far(network.link_count, closed);
  if (any_road) {
    for (Index l = 0; l < network.link_count; ++l) {
      if ((network.link_modes[l] & mode_bus) == 0) continue;
      cost_near[l] = network.link_length_m[l] / network.link_free_speed_mps[l];
      cost_far[l] = static_cast<float>(cost_near[l] * params.off_shape_factor);
    }
  }
  const MatchContext context{tt, network, frame, bus_links, snaps, params, cost_near, cost_far};

  std::vector<PatternRoute> routes(patterns.patterns.size());
  tbb::enumerable_thread_specific<MatchScratch> scratch(
      [&context] { return MatchScratch(context); });
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, routes.size()),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      MatchScratch& mine = scratch.local();
                      for (std::size_t p = range.begin(); p != range.end(); ++p) {
                        routes[p] = place_pattern(context, patterns.patterns[p], mine);
                      }
                    });

  TransitPlacement out;
  const Index trips = tt.trip_count();
  out.trip_first_link.reserve(trips + 1);
  out.call_route_pos.assign(tt.call_count(), -1);
  out.call_snap_m.assign(tt.call_count(), 0.0f);
  out.call_in_traffic.assign(tt.call_count(), 0);
  out.trip_calls_in_traffic.assign(trips, 0);
  out.trip_placed.assign(trips, 0);
  out.trip_problem.assign(trips, {});
  std::vector<Index> first_call, last_call;
  for (Index t = 0; t < trips; ++t) {
    const PatternRoute& route = routes[patterns.trip_pattern[t]];
    if (!route.problem.empty()) {
      out.trip_problem[t] = route.problem;
      out.trip_first_link.push_back(static_cast<Index>(out.links.size()));
      continue;
    }
    const std::size_t n = route.stop_route_pos.size();
    first_call.assign(n, invalid_index);
    last_call.assign(n, invalid_index);
    for (Index k = tt.calls_begin(t); k < tt.calls_end(t); ++k) {
      const std::uint32_t u = patterns.call_pattern_stop[k];
      if (first_call[u] == invalid_index) first_call[u] = k;
      last_call[u] = k;
      out.call_route_pos[k] = route.stop_route_pos[u];
      out.call_snap_m[k] = route.stop_snap_m[u];
      out.call_in_traffic[k] = route.stop_in_traffic[u];
      out.trip_calls_in_traffic[t] += route.stop_in_traffic[u];
    }
    out.links.insert(out.links.end(), route.links.begin(), route.links.end());
    for (const std::int32_t step : route.link_step) {
      const auto j = static_cast<std::size_t>(step);
      out.link_scheduled_s.push_back(step < 0
                                         ? std::numeric_limits<float>::quiet_NaN()
                                         : static_cast<float>(tt.call_arrival_s[first_call[j + 1]] -
                                                              tt.call_departure_s[last_call[j]]));
    }
    out.trip_first_link.push_back(static_cast<Index>(out.links.size()));
    out.trip_placed[t] = 1;
  }
  return out;
}

}  // namespace arteria
