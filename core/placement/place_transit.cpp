// Places every timetable trip on the compiled network (see place_transit.hpp): each distinct
// pattern once, in parallel (results depend only on the pattern, so any thread count gives the
// same placement), then copied to its trips with their own scheduled times.
#include "placement/place_transit.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <tuple>
#include <utility>

#include "placement/road_matching.hpp"
#include "placement/stop_snapping.hpp"

namespace arteria {

namespace {

using namespace transit;

// What the matcher reads for a road pattern: a bus link's free-flow time near the trip's shape,
// and that time with the off-shape penalty; infinity for the links buses may not use.
MatchContext match_context(const Timetable& tt, const Network& network, const TransitFrame& frame,
                           const LinkSegmentIndex& bus_links,
                           const std::vector<std::uint8_t>& snaps,
                           const TransitPlacementParams& params, bool any_road) {
  constexpr float closed = std::numeric_limits<float>::infinity();
  std::vector<float> cost_near(network.link_count, closed), cost_far(network.link_count, closed);
  if (any_road) {
    for (Index l = 0; l < network.link_count; ++l) {
      if ((network.link_modes[l] & mode_bus) == 0) continue;
      cost_near[l] = network.link_length_m[l] / network.link_free_speed_mps[l];
      cost_far[l] = static_cast<float>(cost_near[l] * params.off_shape_factor);
    }
  }
  return MatchContext{tt, network, frame, bus_links, snaps, params, cost_near, cost_far};
}

// Each pattern once, in parallel: a pattern's placement depends on nothing else.
std::vector<PatternRoute> place_patterns(const MatchContext& context,
                                         const TransitPatterns& patterns) {
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
  return routes;
}

// Copies the placed patterns to their trips with each trip's own scheduled times. Returns per
// pattern and road step the longest scheduled time of its trips (for the detour rule).
std::vector<std::vector<double>> copy_to_trips(const Timetable& tt, const TransitPatterns& patterns,
                                               const std::vector<PatternRoute>& routes,
                                               TransitPlacement& out) {
  const Index trips = tt.trip_count();
  out.trip_first_link.reserve(trips + 1);
  out.call_route_pos.assign(tt.call_count(), -1);
  out.call_snap_m.assign(tt.call_count(), 0.0f);
  out.call_in_traffic.assign(tt.call_count(), 0);
  out.trip_calls_in_traffic.assign(trips, 0);
  out.trip_placed.assign(trips, 0);
  out.trip_problem.assign(trips, {});
  out.trip_detour_steps.assign(trips, 0);
  std::vector<std::vector<double>> step_scheduled_s(routes.size());
  PatternStopCalls calls;
  for (Index t = 0; t < trips; ++t) {
    const PatternRoute& route = routes[patterns.trip_pattern[t]];
    if (!route.problem.empty()) {
      out.trip_problem[t] = route.problem;
      out.trip_first_link.push_back(static_cast<Index>(out.links.size()));
      continue;
    }
    calls.assign(tt, patterns, t, route.stop_route_pos.size());
    for (Index k = tt.calls_begin(t); k < tt.calls_end(t); ++k) {
      const std::uint32_t u = patterns.call_pattern_stop[k];
      out.call_route_pos[k] = route.stop_route_pos[u];
      out.call_snap_m[k] = route.stop_snap_m[u];
      out.call_in_traffic[k] = route.stop_in_traffic[u];
      out.trip_calls_in_traffic[t] += route.stop_in_traffic[u];
    }
    out.links.insert(out.links.end(), route.links.begin(), route.links.end());
    for (const std::int32_t step : route.link_step) {
      out.link_scheduled_s.push_back(step < 0 ? std::numeric_limits<float>::quiet_NaN()
                                              : static_cast<float>(calls.step_scheduled_s(
                                                    tt, static_cast<std::size_t>(step))));
    }
    out.trip_first_link.push_back(static_cast<Index>(out.links.size()));
    out.trip_placed[t] = 1;
    out.trip_detour_steps[t] = route.detour_steps;
    std::vector<double>& longest = step_scheduled_s[patterns.trip_pattern[t]];
    longest.resize(route.step_path_s.size(), -std::numeric_limits<double>::infinity());
    for (std::size_t j = 0; j < route.step_path_s.size(); ++j) {
      if (std::isnan(route.step_path_s[j])) continue;
      longest[j] = std::max(longest[j], static_cast<double>(calls.step_scheduled_s(tt, j)));
    }
  }
  return step_scheduled_s;
}

// The detour rule (TransitPlacementParams::max_detour_factor). A detour leaves the road where
// its first stop was served and rejoins it where its second was. Each stop of a route keeps
// one node for all its detours (forced steps first, then in pattern order) so that consecutive
// detours of any pattern meet. When both stops were served at one node (a bus running against
// a one-way street serves each stop after a loop back to the same node), the second stop gets
// its own guideway node for the route instead, and then every road step to or from it is
// forced too (the bus cannot drive from there).
class DetourRule {
 public:
  DetourRule(const Timetable& tt, const Network& network, const TransitPatterns& patterns,
             const std::vector<PatternRoute>& routes, const std::vector<std::uint8_t>& snaps,
             const std::vector<GuidewayStep>& forced_steps)
      : tt_(tt), network_(network), patterns_(patterns), routes_(routes), snaps_(snaps) {
    for (const GuidewayStep& f : forced_steps) {
      if (!f.from_node.empty()) detour_node_.try_emplace({f.route, f.from_stop}, f.from_node);
      if (!f.to_node.empty()) detour_node_.try_emplace({f.route, f.to_stop}, f.to_node);
    }
  }

  // Road steps whose free-flow path takes too long for their longest scheduled time.
  void add_slow_steps(const std::vector<std::vector<double>>& step_scheduled_s,
                      const TransitPlacementParams& params) {
    for (std::size_t p = 0; p < routes_.size(); ++p) {
      for (std::size_t j = 0; j < step_scheduled_s[p].size(); ++j) {
        if (!road_step(p, j)) continue;
        const double scheduled = std::max(0.0, step_scheduled_s[p][j]);
        if (routes_[p].step_path_s[j] >
            params.max_detour_factor * scheduled + params.detour_allowance_s) {
          add_detour(p, j, true);
        }
      }
    }
  }

  // Road steps at a stop with its own node, until no more are added.
  void add_steps_at_own_nodes(const std::vector<std::vector<double>>& step_scheduled_s) {
    for (bool more = true; more;) {
      more = false;
      for (std::size_t p = 0; p < routes_.size(); ++p) {
        const Pattern& pattern = patterns_.patterns[p];
        for (std::size_t j = 0; j < step_scheduled_s[p].size(); ++j) {
          if (!road_step(p, j)) continue;
          if (own_node(pattern.route, pattern.stops[j]) ||
              own_node(pattern.route, pattern.stops[j + 1])) {
            more = add_detour(p, j, false) || more;
          }
        }
      }
    }
  }

  void move_steps_to(std::vector<GuidewayStep>& steps) {
    for (auto& [key, step] : detours_) steps.push_back(std::move(step));
  }

 private:
  const std::string& served_at(const PatternRoute& route, std::size_t j) const {
    const std::int32_t pos = route.stop_route_pos[j];
    const Index node = pos < 0 ? network_.link_from_node[route.links[0]]
                               : network_.link_to_node[route.links[static_cast<std::size_t>(pos)]];
    return network_.node_external_id[node];
  }

  bool own_node(Index route, Index stop) const {
    const auto found = detour_node_.find({route, stop});
    return found != detour_node_.end() && found->second == guideway_node_id(tt_, stop);
  }

  bool road_step(std::size_t p, std::size_t j) const {
    return !std::isnan(routes_[p].step_path_s[j]) &&
           !step_forced_only(patterns_.patterns[p], j, snaps_);
  }

  bool add_detour(std::size_t p, std::size_t j, bool rule) {
    const Pattern& pattern = patterns_.patterns[p];
    const Index a = pattern.stops[j], b = pattern.stops[j + 1];
    if (detours_.count({pattern.route, a, b})) return false;
    const std::string from =
        detour_node_.try_emplace({pattern.route, a}, served_at(routes_[p], j)).first->second;
    std::string to = served_at(routes_[p], j + 1);
    if (rule && to == from) to = guideway_node_id(tt_, b);
    to = detour_node_.try_emplace({pattern.route, b}, to).first->second;
    detours_.emplace(std::tuple{pattern.route, a, b}, GuidewayStep{pattern.route, a, b, from, to});
    return true;
  }

  const Timetable& tt_;
  const Network& network_;
  const TransitPatterns& patterns_;
  const std::vector<PatternRoute>& routes_;
  const std::vector<std::uint8_t>& snaps_;
  std::map<std::pair<Index, Index>, std::string> detour_node_;  // (route, stop) -> node id
  std::map<std::tuple<Index, Index, Index>, GuidewayStep> detours_;
};

}  // namespace

TransitPlacement place_transit(const Timetable& tt, const Network& network, bool road_network,
                               const TransitPlacementParams& params,
                               const std::vector<GuidewayStep>& forced_steps) {
  const PlacementStart start = start_placement(tt, road_network, network.projection, forced_steps);
  const bool any_road = start.any_road;
  const LinkSegmentIndex bus_links(network, any_road ? ModeMask{mode_bus} : ModeMask{0});
  const std::vector<std::uint8_t> snaps =
      any_road ? snapping_stops(tt, start.frame, bus_links, params.max_snap_m)
               : std::vector<std::uint8_t>(tt.stop_count(), 1);
  const MatchContext context =
      match_context(tt, network, start.frame, bus_links, snaps, params, any_road);
  const std::vector<PatternRoute> routes = place_patterns(context, start.patterns);

  TransitPlacement out;
  const std::vector<std::vector<double>> step_scheduled_s =
      copy_to_trips(tt, start.patterns, routes, out);
  DetourRule detours(tt, network, start.patterns, routes, snaps, forced_steps);
  detours.add_slow_steps(step_scheduled_s, params);
  detours.add_steps_at_own_nodes(step_scheduled_s);
  detours.move_steps_to(out.detour_steps);
  return out;
}

TransitPlacement place_transit_with_detours(const Timetable& tt, const NetworkSpec& road_spec,
                                            bool road_network, const TransitPlacementParams& params,
                                            Network& network_out) {
  std::vector<GuidewayStep> forced;
  for (int pass = 1;; ++pass) {
    NetworkSpec spec = road_spec;
    add_transit_guideways(tt, road_network, spec, params, forced);
    network_out = compile_network(spec);
    TransitPlacement placed = place_transit(tt, network_out, road_network, params, forced);
    placed.passes = static_cast<std::uint32_t>(pass);
    if (placed.detour_steps.empty() || pass >= max_detour_passes) return placed;
    forced.insert(forced.end(), placed.detour_steps.begin(), placed.detour_steps.end());
  }
}

}  // namespace arteria
