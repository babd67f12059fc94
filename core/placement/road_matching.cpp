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

void PatternStopCalls::assign(const Timetable& tt, const TransitPatterns& patterns, Index trip,
                              std::size_t pattern_stops) {
  first.assign(pattern_stops, invalid_index);
  last.assign(pattern_stops, invalid_index);
  for (Index k = tt.calls_begin(trip); k < tt.calls_end(trip); ++k) {
    const std::uint32_t u = patterns.call_pattern_stop[k];
    if (first[u] == invalid_index) first[u] = k;
    last[u] = k;
  }
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

namespace {

// Matches one pattern: first the guideway link of each guideway step, then run by run of road
// steps between them (or between the trip's ends and them): each stop's candidate links, a
// Viterbi pass choosing among them, and the paths between the chosen links.
class PatternMatcher {
 public:
  PatternMatcher(const MatchContext& c, const Pattern& pattern, MatchScratch& scratch)
      : c_(c),
        tt_(c.timetable),
        net_(c.network),
        pattern_(pattern),
        scratch_(scratch),
        dijkstra_(scratch.dijkstra),
        n_(pattern.stops.size()) {}

  PatternRoute match() {
    route_.stop_route_pos.assign(n_, -1);
    route_.stop_snap_m.assign(n_, 0.0f);
    route_.stop_in_traffic.assign(n_, 0);
    route_.step_path_s.assign(n_ == 0 ? 0 : n_ - 1, std::numeric_limits<float>::quiet_NaN());
    if (n_ < 2) {
      route_.problem = "every call is at stop " + stop_name(tt_, pattern_.stops[0]);
      return std::move(route_);
    }
    if (!find_guideway_links()) return std::move(route_);
    if (pattern_.off_road) {
      for (std::size_t j = 0; j + 1 < n_; ++j) append_guideway(j);
      return std::move(route_);
    }
    cost_ = &shaped_costs(c_, pattern_.shape, scratch_);
    match_runs();
    dijkstra_.set_cost_limit(infinite);
    restore_costs(c_, scratch_);
    if (route_.problem.empty()) set_step_path_times();
    return std::move(route_);
  }

 private:
  // The guideway link of every guideway step (a forced step without one stays on the road).
  bool find_guideway_links() {
    step_link_.assign(n_ - 1, invalid_index);
    for (std::size_t j = 0; j + 1 < n_; ++j) {
      if (!step_on_guideway(pattern_, j, c_.stop_snaps)) continue;
      const std::string id =
          guideway_link_id(tt_, pattern_.route, pattern_.stops[j], pattern_.stops[j + 1]);
      step_link_[j] = net_.find_link(id);
      if (step_forced_only(pattern_, j, c_.stop_snaps)) {
        // A detour with no guideway link (its stops join the road at one node) stays on the road.
        if (step_link_[j] != invalid_index) ++route_.detour_steps;
        continue;
      }
      if (step_link_[j] == invalid_index) {
        route_.problem = "the network has no guideway link '" + id + "' (add_transit_guideways)";
        return false;
      }
    }
    return true;
  }

  bool append_guideway(std::size_t j) {
    if (!route_.links.empty() &&
        net_.find_turn(route_.links.back(), step_link_[j]) == invalid_index) {
      route_.problem = "no movement from link '" + net_.link_external_id[route_.links.back()] +
                       "' into guideway '" + net_.link_external_id[step_link_[j]] + "'";
      return false;
    }
    route_.links.push_back(step_link_[j]);
    route_.link_step.push_back(static_cast<std::int32_t>(j));
    const Index stop = pattern_.stops[j + 1];
    route_.stop_route_pos[j + 1] = static_cast<std::int32_t>(route_.links.size() - 1);
    // Re-enters the road at a road node (not at the stop's own node, as a detour may).
    if (!pattern_.off_road && c_.stop_snaps[stop] &&
        road_node(net_, net_.link_to_node[step_link_[j]])) {
      route_.stop_in_traffic[j + 1] = 1;
      route_.stop_snap_m[j + 1] =
          static_cast<float>(node_distance(c_, stop, net_.link_to_node[step_link_[j]]));
    }
    return true;
  }

  // Each run [s, e] of road steps, then the guideway step after it.
  void match_runs() {
    std::size_t s = 0;
    while (s < n_ && route_.problem.empty()) {
      std::size_t e = s;
      while (e + 1 < n_ && step_link_[e] == invalid_index) ++e;
      const bool entered = s > 0, leaves = e + 1 < n_;
      if (e == s && !entered) start_on_guideway(s);
      if (e > s && !match_road_run(s, e, entered, leaves)) break;
      if (leaves && !append_guideway(e)) break;
      s = e + 1;
    }
  }

  // The trip starts on a guideway from a road node or its own node.
  void start_on_guideway(std::size_t s) {
    const Index stop = pattern_.stops[s];
    if (c_.stop_snaps[stop] && road_node(net_, net_.link_from_node[step_link_[s]])) {
      route_.stop_in_traffic[s] = 1;
      route_.stop_snap_m[s] =
          static_cast<float>(node_distance(c_, stop, net_.link_from_node[step_link_[s]]));
    }
  }

  bool match_road_run(std::size_t s, std::size_t e, bool entered, bool leaves) {
    if (!find_candidates(s, e, entered, leaves)) return false;
    if (!viterbi(s, e)) return false;
    choose_candidates(s, e);
    append_chosen_paths(s, e, entered);
    route_.link_step.resize(route_.links.size(), -1);
    return true;
  }

  // Candidates of each stop of the road run [s, e]: the link it came in on, the bus links into
  // the node where its guideway leaves, or the nearest bus links.
  bool find_candidates(std::size_t s, std::size_t e, bool entered, bool leaves) {
    candidates_.assign(e - s + 1, {});
    for (std::size_t k = s; k <= e; ++k) {
      const Index stop = pattern_.stops[k];
      auto& list = candidates_[k - s];
      if (k == s && entered) {
        list.push_back({route_.links.back(), route_.stop_snap_m[s], infinite});
      } else if (k == e && leaves) {
        const Index node = net_.link_from_node[step_link_[e]];
        const double snap = node_distance(c_, stop, node);
        for (Index i = net_.node_first_in[node]; i < net_.node_first_in[node + 1]; ++i) {
          const Index link = net_.in_links[i];
          if (net_.link_modes[link] & mode_bus) list.push_back({link, snap, infinite});
        }
      } else {
        c_.bus_links.nearest_links(c_.frame.stop_x_m[stop], c_.frame.stop_y_m[stop],
                                   c_.params.max_snap_m, c_.params.max_candidates, scratch_.found);
        for (const SnapCandidate& f : scratch_.found) {
          list.push_back({f.link, f.distance_m, f.offset_m});
        }
      }
      if (list.empty()) {
        route_.problem = "stop " + stop_name(tt_, stop) + " has no bus link into the road node " +
                         "where its guideway joins the road";
        return false;
      }
    }
    return true;
  }

  // Viterbi over the run: steps_[k - s][b], the cheapest way to candidate b of stop k.
  bool viterbi(std::size_t s, std::size_t e) {
    const std::vector<float>& cost = *cost_;
    steps_.assign(e - s + 1, {});
    steps_[0].assign(candidates_[0].size(), {});
    for (std::size_t a = 0; a < candidates_[0].size(); ++a) {
      steps_[0][a].cost = c_.params.snap_penalty_s_per_m * candidates_[0][a].snap_m;
    }
    const bool starts_trip = s == 0;
    for (std::size_t k = s; k < e; ++k) {
      const auto& from = candidates_[k - s];
      const auto& to = candidates_[k + 1 - s];
      auto& next = steps_[k + 1 - s];
      next.assign(to.size(), {});
      const Index stop_a = pattern_.stops[k], stop_b = pattern_.stops[k + 1];
      dijkstra_.set_cost_limit(path_cost_limit_s(c_, stop_a, stop_b));
      for (std::size_t a = 0; a < from.size(); ++a) {
        const double base = steps_[k - s][a].cost;
        if (std::isinf(base)) continue;
        dijkstra_.from_link(from[a].link, cost);
        for (std::size_t b = 0; b < to.size(); ++b) {
          double path = infinite;
          if (to[b].link == from[a].link) {
            if ((k == s && starts_trip) || to[b].offset_m + 1.0 >= from[a].offset_m) {
              path = 0.0;
            } else if (const Index in = loop_entry(net_, dijkstra_, from[a].link);
                       in != invalid_index) {
              path = dijkstra_.link_cost(in) + cost[from[a].link];
            }
          } else {
            path = dijkstra_.link_cost(to[b].link);
          }
          const double total = base + path + c_.params.snap_penalty_s_per_m * to[b].snap_m;
          if (total < next[b].cost) next[b] = {total, static_cast<std::uint32_t>(a)};
        }
      }
      if (std::all_of(next.begin(), next.end(), [](const Step& x) { return std::isinf(x.cost); })) {
        route_.problem = "no road path for buses from stop " + stop_name(tt_, stop_a) +
                         " to stop " + stop_name(tt_, stop_b);
        return false;
      }
    }
    return true;
  }

  // Back-tracks from the cheapest last candidate.
  void choose_candidates(std::size_t s, std::size_t e) {
    chosen_.assign(e - s + 1, 0);
    const auto& last = steps_[e - s];
    chosen_[e - s] = static_cast<std::uint32_t>(
        std::min_element(last.begin(), last.end(),
                         [](const Step& x, const Step& y) { return x.cost < y.cost; }) -
        last.begin());
    for (std::size_t k = e; k > s; --k) chosen_[k - 1 - s] = steps_[k - s][chosen_[k - s]].from;
  }

  // Searches from `link` with the path limit of the step into stop k.
  void search_from(std::size_t k, Index link) {
    dijkstra_.set_cost_limit(path_cost_limit_s(c_, pattern_.stops[k - 1], pattern_.stops[k]));
    dijkstra_.from_link(link, *cost_);
  }

  // Appends the path found to `link`, without the link the search started from.
  void append_path_to(Index link) {
    const std::size_t before = route_.links.size();
    dijkstra_.append_path_to_link(link, route_.links);
    route_.links.erase(route_.links.begin() + static_cast<std::ptrdiff_t>(before));
  }

  // Rebuilds the chosen paths and serves each stop at its chosen link.
  void append_chosen_paths(std::size_t s, std::size_t e, bool entered) {
    const bool starts_trip = s == 0;
    for (std::size_t k = s; k <= e; ++k) {
      const Candidate& pick = candidates_[k - s][chosen_[k - s]];
      if (!(k == s && entered)) {
        route_.stop_in_traffic[k] = 1;
        route_.stop_snap_m[k] = static_cast<float>(pick.snap_m);
      }
      if (k == s) {
        if (starts_trip) route_.links.push_back(pick.link);
        continue;
      }
      const Candidate& prev = candidates_[k - 1 - s][chosen_[k - 1 - s]];
      if (pick.link == prev.link) {
        const bool forward = (k - 1 == s && starts_trip) || pick.offset_m + 1.0 >= prev.offset_m;
        if (!forward) {  // loops back round to run the link again
          search_from(k, prev.link);
          append_path_to(loop_entry(net_, dijkstra_, prev.link));
          route_.links.push_back(pick.link);
        }
      } else {
        search_from(k, prev.link);
        append_path_to(pick.link);
      }
      route_.stop_route_pos[k] = static_cast<std::int32_t>(route_.links.size() - 1);
    }
  }

  // The free-flow time of each road step's path.
  void set_step_path_times() {
    for (std::size_t j = 0; j + 1 < n_; ++j) {
      if (step_link_[j] != invalid_index) continue;
      double path_s = 0.0;
      for (std::int32_t i = route_.stop_route_pos[j] + 1; i <= route_.stop_route_pos[j + 1]; ++i) {
        const Index link = route_.links[static_cast<std::size_t>(i)];
        path_s += net_.link_length_m[link] / net_.link_free_speed_mps[link];
      }
      route_.step_path_s[j] = static_cast<float>(path_s);
    }
  }

  const MatchContext& c_;
  const Timetable& tt_;
  const Network& net_;
  const Pattern& pattern_;
  MatchScratch& scratch_;
  LinkDijkstra& dijkstra_;
  const std::size_t n_;
  const std::vector<float>* cost_ = nullptr;  // the shaped link costs, set for road patterns
  PatternRoute route_;
  std::vector<Index> step_link_;  // per step: its guideway link, invalid_index for a road step
  std::vector<std::vector<Candidate>> candidates_;
  std::vector<std::vector<Step>> steps_;
  std::vector<std::uint32_t> chosen_;
};

}  // namespace

PatternRoute place_pattern(const MatchContext& c, const Pattern& pattern, MatchScratch& scratch) {
  return PatternMatcher(c, pattern, scratch).match();
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
