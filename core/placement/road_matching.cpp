// Matching a transit pattern to the network (see road_matching.hpp).
//
// Road steps: each stop's candidates are the nearest links admitting mode_bus (both directions of
// a two-way road are separate links at the same distance), and a Viterbi pass picks the sequence
// minimising the free-flow time of the paths between consecutive candidates (link Dijkstra over
// bus links, respecting turns; links away from the trip's shape cost off_shape_factor times
// their time) plus snap_penalty_s_per_m times each stop's distance to its link. A stop is served
// at its link's downstream end, except the trip's first stop, served at the upstream end of the
// first link. Two consecutive stops on the same link need no path when the second lies at or
// beyond the first along the link (1 m tolerance); otherwise the bus loops back round to the
// link's start and runs it again.
#include "placement/road_matching.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

namespace arteria::transit {
namespace {

constexpr double infinite = std::numeric_limits<double>::infinity();

struct Candidate {
  Index link;
  double snap_m;
  double offset_m;
};

struct Step {
  double cost = infinite;
  std::uint32_t from = 0;  // candidate of the previous stop
};

std::string stop_name(const Timetable& tt, Index stop) {
  return "'" + tt.stop_id[stop] + "'";
}

double node_distance(const MatchContext& c, Index stop, Index node) {
  return std::hypot(c.frame.stop_x_m[stop] - c.network.node_x_m[node],
                    c.frame.stop_y_m[stop] - c.network.node_y_m[node]);
}

// Paths between consecutive stops are searched up to 10 min plus 2 s per metre between them
// (a bus at 0.5 m/s): far beyond any sensible detour, yet it keeps each search local.
double path_cost_limit_s(const MatchContext& c, Index stop_a, Index stop_b) {
  const double straight = std::hypot(c.frame.stop_x_m[stop_a] - c.frame.stop_x_m[stop_b],
                                     c.frame.stop_y_m[stop_a] - c.frame.stop_y_m[stop_b]);
  return 600.0 + 2.0 * (std::isnan(straight) ? 0.0 : straight);
}

// Lowers the cost of the links near the shape to their free-flow time; returns the cost vector
// to match with. `scratch.near_links` remembers what to restore.
const std::vector<float>& shaped_costs(const MatchContext& c, Index shape, MatchScratch& scratch) {
  const Timetable& tt = c.timetable;
  if (shape == invalid_index || c.params.off_shape_factor == 1.0) return c.cost_near_s;
  const Index first = tt.shape_first_point[shape], last = tt.shape_first_point[shape + 1];
  if (last - first < 2) return c.cost_near_s;
  constexpr double sample_m = 20.0;
  for (Index p = first; p + 1 < last; ++p) {
    const double x1 = c.frame.shape_x_m[p], y1 = c.frame.shape_y_m[p];
    const double dx = c.frame.shape_x_m[p + 1] - x1, dy = c.frame.shape_y_m[p + 1] - y1;
    const auto samples = static_cast<int>(std::ceil(std::hypot(dx, dy) / sample_m));
    for (int i = 0; i <= samples; ++i) {
      const double t = samples == 0 ? 0.0 : static_cast<double>(i) / samples;
      c.bus_links.nearest_links(x1 + t * dx, y1 + t * dy, c.params.shape_near_m, 0, scratch.found);
      for (const SnapCandidate& near : scratch.found) {
        if (scratch.shaped_cost_s[near.link] == c.cost_near_s[near.link]) continue;
        scratch.shaped_cost_s[near.link] = c.cost_near_s[near.link];
        scratch.near_links.push_back(near.link);
      }
    }
  }
  return scratch.shaped_cost_s;
}

void restore_costs(const MatchContext& c, MatchScratch& scratch) {
  for (const Index link : scratch.near_links) scratch.shaped_cost_s[link] = c.cost_far_s[link];
  scratch.near_links.clear();
}

// The cheapest way back round from the downstream end of `link` to run it again, after a
// from_link(link) query: the best settled link into its upstream node that may turn into it.
Index loop_entry(const Network& net, const LinkDijkstra& dijkstra, Index link) {
  const Index node = net.link_from_node[link];
  Index best = invalid_index;
  for (Index i = net.node_first_in[node]; i < net.node_first_in[node + 1]; ++i) {
    const Index in = net.in_links[i];
    if (std::isinf(dijkstra.link_cost(in)) || net.find_turn(in, link) == invalid_index) continue;
    if (best == invalid_index || dijkstra.link_cost(in) < dijkstra.link_cost(best)) best = in;
  }
  return best;
}

// Some link buses may use ends or starts at `node` (guideway nodes have only guideway links).
bool road_node(const Network& net, Index node) {
  for (Index i = net.node_first_in[node]; i < net.node_first_in[node + 1]; ++i) {
    if (net.link_modes[net.in_links[i]] & mode_bus) return true;
  }
  for (Index i = net.node_first_out[node]; i < net.node_first_out[node + 1]; ++i) {
    if (net.link_modes[net.out_links[i]] & mode_bus) return true;
  }
  return false;
}

}  // namespace

TransitPatterns find_patterns(const Timetable& tt, bool road_network) {
  TransitPatterns out;
  out.trip_pattern.resize(tt.trip_count());
  out.call_pattern_stop.resize(tt.call_count());
  std::map<std::tuple<Index, bool, Index, std::vector<Index>>, Index> index;
  std::vector<Index> stops;
  for (Index t = 0; t < tt.trip_count(); ++t) {
    stops.clear();
    for (Index k = tt.calls_begin(t); k < tt.calls_end(t); ++k) {
      if (stops.empty() || stops.back() != tt.call_stop[k]) stops.push_back(tt.call_stop[k]);
      out.call_pattern_stop[k] = static_cast<std::uint32_t>(stops.size() - 1);
    }
    const bool off_road = !road_network || !runs_on_road(tt.route_mode[tt.trip_route[t]]);
    const Index route = tt.trip_route[t];
    auto [it, inserted] = index.try_emplace({route, off_road, tt.trip_shape[t], stops},
                                            static_cast<Index>(out.patterns.size()));
    if (inserted) out.patterns.push_back({t, route, off_road, tt.trip_shape[t], stops, {}});
    out.trip_pattern[t] = it->second;
  }
  return out;
}

void mark_forced_steps(TransitPatterns& patterns, const std::vector<GuidewayStep>& forced_steps) {
  if (forced_steps.empty()) return;
  std::vector<GuidewayStep> sorted = forced_steps;
  std::stable_sort(sorted.begin(), sorted.end());
  for (Pattern& p : patterns.patterns) {
    p.forced.assign(p.stops.size() - (p.stops.empty() ? 0 : 1), 0);
    for (std::size_t j = 0; j + 1 < p.stops.size(); ++j) {
      p.forced[j] = std::binary_search(sorted.begin(), sorted.end(),
                                       GuidewayStep{p.route, p.stops[j], p.stops[j + 1], {}, {}});
    }
  }
}

bool step_on_guideway(const Pattern& pattern, std::size_t step,
                      const std::vector<std::uint8_t>& stop_snaps) {
  return pattern.off_road || !stop_snaps[pattern.stops[step]] ||
         !stop_snaps[pattern.stops[step + 1]] ||
         (step < pattern.forced.size() && pattern.forced[step]);
}

bool step_forced_only(const Pattern& pattern, std::size_t step,
                      const std::vector<std::uint8_t>& stop_snaps) {
  return !pattern.off_road && stop_snaps[pattern.stops[step]] &&
         stop_snaps[pattern.stops[step + 1]] && step < pattern.forced.size() &&
         pattern.forced[step];
}

std::string guideway_link_id(const Timetable& tt, Index route, Index from_stop, Index to_stop) {
  return "gw:" + tt.route_id[route] + ":" + tt.stop_id[from_stop] + ">" + tt.stop_id[to_stop];
}

std::string guideway_node_id(const Timetable& tt, Index stop) {
  return "gw:" + tt.stop_id[stop];
}

std::vector<std::uint8_t> snapping_stops(const Timetable& tt, const TransitFrame& frame,
                                         const LinkSegmentIndex& bus_links, double max_snap_m) {
  std::vector<std::uint8_t> snaps(tt.stop_count(), 0);
  std::vector<SnapCandidate> found;
  for (Index s = 0; s < tt.stop_count(); ++s) {
    bus_links.nearest_links(frame.stop_x_m[s], frame.stop_y_m[s], max_snap_m, 1, found);
    snaps[s] = found.empty() ? 0 : 1;
  }
  return snaps;
}

MatchScratch::MatchScratch(const MatchContext& context)
    : dijkstra(context.network), shaped_cost_s(context.cost_far_s) {}

PatternRoute place_pattern(const MatchContext& c, const Pattern& pattern, MatchScratch& scratch) {
  const Timetable& tt = c.timetable;
  const Network& net = c.network;
  const std::size_t n = pattern.stops.size();
  PatternRoute route;
  route.stop_route_pos.assign(n, -1);
  route.stop_snap_m.assign(n, 0.0f);
  route.stop_in_traffic.assign(n, 0);
  route.step_path_s.assign(n == 0 ? 0 : n - 1, std::numeric_limits<float>::quiet_NaN());
  if (n < 2) {
    route.problem = "every call is at stop " + stop_name(tt, pattern.stops[0]);
    return route;
  }
  std::vector<Index> step_link(n - 1, invalid_index);
  for (std::size_t j = 0; j + 1 < n; ++j) {
    if (!step_on_guideway(pattern, j, c.stop_snaps)) continue;
    const std::string id =
        guideway_link_id(tt, pattern.route, pattern.stops[j], pattern.stops[j + 1]);
    step_link[j] = net.find_link(id);
    if (step_forced_only(pattern, j, c.stop_snaps)) {
      // A detour without a guideway link (both stops join the road at one node) stays on the road.
      if (step_link[j] != invalid_index) ++route.detour_steps;
      continue;
    }
    if (step_link[j] == invalid_index) {
      route.problem = "the network has no guideway link '" + id + "' (add_transit_guideways)";
      return route;
    }
  }
  auto append_guideway = [&](std::size_t j) {
    if (!route.links.empty() && net.find_turn(route.links.back(), step_link[j]) == invalid_index) {
      route.problem = "no movement from link '" + net.link_external_id[route.links.back()] +
                      "' into guideway '" + net.link_external_id[step_link[j]] + "'";
      return false;
    }
    route.links.push_back(step_link[j]);
    route.link_step.push_back(static_cast<std::int32_t>(j));
    const Index stop = pattern.stops[j + 1];
    route.stop_route_pos[j + 1] = static_cast<std::int32_t>(route.links.size() - 1);
    // Re-enters the road at a road node (not at the stop's own node, as a detour may).
    if (!pattern.off_road && c.stop_snaps[stop] && road_node(net, net.link_to_node[step_link[j]])) {
      route.stop_in_traffic[j + 1] = 1;
      route.stop_snap_m[j + 1] =
          static_cast<float>(node_distance(c, stop, net.link_to_node[step_link[j]]));
    }
    return true;
  };
  if (pattern.off_road) {
    for (std::size_t j = 0; j + 1 < n; ++j) append_guideway(j);
    return route;
  }

  const std::vector<float>& cost = shaped_costs(c, pattern.shape, scratch);
  LinkDijkstra& dijkstra = scratch.dijkstra;
  std::vector<std::vector<Candidate>> candidates;
  std::vector<std::vector<Step>> steps;
  std::vector<std::uint32_t> chosen;
  std::size_t s = 0;
  while (s < n && route.problem.empty()) {
    std::size_t e = s;
    while (e + 1 < n && step_link[e] == invalid_index) ++e;
    const bool entered = s > 0, leaves = e + 1 < n;
    if (e == s && !entered) {  // the trip starts on a guideway from a road node or its own node
      const Index stop = pattern.stops[s];
      if (c.stop_snaps[stop] && road_node(net, net.link_from_node[step_link[s]])) {
        route.stop_in_traffic[s] = 1;
        route.stop_snap_m[s] =
            static_cast<float>(node_distance(c, stop, net.link_from_node[step_link[s]]));
      }
    }
    if (e > s) {
      // Candidates of each stop of the road run [s, e].
      candidates.assign(e - s + 1, {});
      for (std::size_t k = s; k <= e; ++k) {
        const Index stop = pattern.stops[k];
        auto& list = candidates[k - s];
        if (k == s && entered) {
          list.push_back({route.links.back(), route.stop_snap_m[s], infinite});
        } else if (k == e && leaves) {
          const Index node = net.link_from_node[step_link[e]];
          const double snap = node_distance(c, stop, node);
          for (Index i = net.node_first_in[node]; i < net.node_first_in[node + 1]; ++i) {
            const Index link = net.in_links[i];
            if (net.link_modes[link] & mode_bus) list.push_back({link, snap, infinite});
          }
        } else {
          c.bus_links.nearest_links(c.frame.stop_x_m[stop], c.frame.stop_y_m[stop],
                                    c.params.max_snap_m, c.params.max_candidates, scratch.found);
          for (const SnapCandidate& f : scratch.found) {
            list.push_back({f.link, f.distance_m, f.offset_m});
          }
        }
        if (list.empty()) {
          route.problem = "stop " + stop_name(tt, stop) + " has no bus link into the road node " +
                          "where its guideway joins the road";
          break;
        }
      }
      if (!route.problem.empty()) break;
      // Viterbi over the run.
      steps.assign(e - s + 1, {});
      steps[0].assign(candidates[0].size(), {});
      for (std::size_t a = 0; a < candidates[0].size(); ++a) {
        steps[0][a].cost = c.params.snap_penalty_s_per_m * candidates[0][a].snap_m;
      }
      const bool starts_trip = s == 0;
      for (std::size_t k = s; k < e; ++k) {
        const auto& from = candidates[k - s];
        const auto& to = candidates[k + 1 - s];
        auto& next = steps[k + 1 - s];
        next.assign(to.size(), {});
        const Index stop_a = pattern.stops[k], stop_b = pattern.stops[k + 1];
        dijkstra.set_cost_limit(path_cost_limit_s(c, stop_a, stop_b));
        for (std::size_t a = 0; a < from.size(); ++a) {
          const double base = steps[k - s][a].cost;
          if (std::isinf(base)) continue;
          dijkstra.from_link(from[a].link, cost);
          for (std::size_t b = 0; b < to.size(); ++b) {
            double path = infinite;
            if (to[b].link == from[a].link) {
              if ((k == s && starts_trip) || to[b].offset_m + 1.0 >= from[a].offset_m) {
                path = 0.0;
              } else if (const Index in = loop_entry(net, dijkstra, from[a].link);
                         in != invalid_index) {
                path = dijkstra.link_cost(in) + cost[from[a].link];
              }
            } else {
              path = dijkstra.link_cost(to[b].link);
            }
            const double total = base + path + c.params.snap_penalty_s_per_m * to[b].snap_m;
            if (total < next[b].cost) next[b] = {total, static_cast<std::uint32_t>(a)};
          }
        }
        if (std::all_of(next.begin(), next.end(),
                        [](const Step& x) { return std::isinf(x.cost); })) {
          route.problem = "no road path for buses from stop " + stop_name(tt, stop_a) +
                          " to stop " + stop_name(tt, stop_b);
          break;
        }
      }
      if (!route.problem.empty()) break;
      // Back-track, then rebuild the chosen paths.
      chosen.assign(e - s + 1, 0);
      const auto& last = steps[e - s];
      chosen[e - s] = static_cast<std::uint32_t>(
          std::min_element(last.begin(), last.end(),
                           [](const Step& x, const Step& y) { return x.cost < y.cost; }) -
          last.begin());
      for (std::size_t k = e; k > s; --k) chosen[k - 1 - s] = steps[k - s][chosen[k - s]].from;
      for (std::size_t k = s; k <= e; ++k) {
        const Candidate& pick = candidates[k - s][chosen[k - s]];
        if (!(k == s && entered)) {
          route.stop_in_traffic[k] = 1;
          route.stop_snap_m[k] = static_cast<float>(pick.snap_m);
        }
        if (k == s) {
          if (starts_trip) route.links.push_back(pick.link);
          continue;
        }
        const Candidate& prev = candidates[k - 1 - s][chosen[k - 1 - s]];
        if (pick.link == prev.link) {
          const bool forward = (k - 1 == s && starts_trip) || pick.offset_m + 1.0 >= prev.offset_m;
          if (!forward) {
            dijkstra.set_cost_limit(path_cost_limit_s(c, pattern.stops[k - 1], pattern.stops[k]));
            dijkstra.from_link(prev.link, cost);
            const Index in = loop_entry(net, dijkstra, prev.link);
            const std::size_t before = route.links.size();
            dijkstra.append_path_to_link(in, route.links);
            route.links.erase(route.links.begin() + static_cast<std::ptrdiff_t>(before));
            route.links.push_back(pick.link);
          }
        } else {
          dijkstra.set_cost_limit(path_cost_limit_s(c, pattern.stops[k - 1], pattern.stops[k]));
          dijkstra.from_link(prev.link, cost);
          const std::size_t before = route.links.size();
          dijkstra.append_path_to_link(pick.link, route.links);
          route.links.erase(route.links.begin() + static_cast<std::ptrdiff_t>(before));
        }
        route.stop_route_pos[k] = static_cast<std::int32_t>(route.links.size() - 1);
      }
      route.link_step.resize(route.links.size(), -1);
    }
    if (leaves && !append_guideway(e)) break;
    s = e + 1;
  }
  dijkstra.set_cost_limit(infinite);
  restore_costs(c, scratch);
  if (route.problem.empty()) {
    for (std::size_t j = 0; j + 1 < n; ++j) {
      if (step_link[j] != invalid_index) continue;
      double path_s = 0.0;
      for (std::int32_t i = route.stop_route_pos[j] + 1; i <= route.stop_route_pos[j + 1]; ++i) {
        const Index link = route.links[static_cast<std::size_t>(i)];
        path_s += net.link_length_m[link] / net.link_free_speed_mps[link];
      }
      route.step_path_s[j] = static_cast<float>(path_s);
    }
  }
  return route;
}

PlacementStart start_placement(const Timetable& tt, bool road_network,
                               const MapProjection& projection,
                               const std::vector<GuidewayStep>& forced_steps) {
  PlacementStart start{find_patterns(tt, road_network), transit_frame(tt, projection), false};
  mark_forced_steps(start.patterns, forced_steps);
  start.any_road = std::any_of(start.patterns.patterns.begin(), start.patterns.patterns.end(),
                               [](const Pattern& p) { return !p.off_road; });
  return start;
}

}  // namespace arteria::transit
