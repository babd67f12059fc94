// Guideway nodes and links for the transit that runs off the road (see transit_placement.hpp).
//
// A link's length is measured along the shape of the first trip (timetable order) that uses it
// and has a shape, when that is at least half the straight distance between its ends; otherwise
// the straight distance (at least 1 m). Its free speed makes the fastest scheduled trip on it
// exactly on time: length / the shortest scheduled running time (at least 1 s). A forced step
// (a detour between two stops that both snap) runs between the road nodes where they join the road.
// A guideway into a signalised node has green in every phase that gives any movement green.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "placement/place_transit.hpp"
#include "placement/road_matching.hpp"

namespace arteria {
namespace {

constexpr double guideway_capacity_vph = 36000.0;
constexpr double vehicles_stored = 20.0;  // a guideway link holds at least this many vehicles
constexpr double jam_spacing_m = 7.5;

struct SpecNodes {
  std::unordered_map<std::string, Index> index;
  std::vector<std::uint8_t> bus_in, bus_out;
  std::vector<std::vector<Index>> in_links, out_links;  // bus links per node
};

}  // namespace

void add_transit_guideways(const Timetable& tt, bool road_network, NetworkSpec& spec,
                           const TransitPlacementParams& params,
                           const std::vector<GuidewayStep>& forced_steps) {
  using namespace transit;
  const PlacementStart start = start_placement(tt, road_network, spec.projection, forced_steps);
  const TransitPatterns& patterns = start.patterns;
  const TransitFrame& frame = start.frame;
  const bool any_road = start.any_road;
  const bool explicit_turns = spec.turn_rule == TurnRule::explicit_only;

  SpecNodes nodes;
  for (std::size_t n = 0; n < spec.nodes.size(); ++n) {
    nodes.index.emplace(spec.nodes[n].id, static_cast<Index>(n));
  }
  std::vector<std::uint8_t> snaps(tt.stop_count(), 1);
  std::vector<std::vector<SnapCandidate>> near;  // per stop, only for road stops
  if (any_road) {
    nodes.bus_in.assign(spec.nodes.size(), 0);
    nodes.bus_out.assign(spec.nodes.size(), 0);
    nodes.in_links.resize(spec.nodes.size());
    nodes.out_links.resize(spec.nodes.size());
    for (std::size_t l = 0; l < spec.links.size(); ++l) {
      const LinkSpec& link = spec.links[l];
      if ((link.modes & mode_bus) == 0) continue;
      const auto from = nodes.index.find(link.from), to = nodes.index.find(link.to);
      if (from == nodes.index.end() || to == nodes.index.end()) continue;
      nodes.bus_out[from->second] = 1;
      nodes.bus_in[to->second] = 1;
      nodes.out_links[from->second].push_back(static_cast<Index>(l));
      nodes.in_links[to->second].push_back(static_cast<Index>(l));
    }
    const LinkSegmentIndex bus_links(spec, mode_bus);
    snaps = snapping_stops(tt, frame, bus_links, params.max_snap_m);
    near.resize(tt.stop_count());
    std::vector<std::uint8_t> needed(tt.stop_count(), 0);
    for (const Pattern& p : patterns.patterns) {
      if (p.off_road) continue;
      for (std::size_t j = 0; j + 1 < p.stops.size(); ++j) {
        if (step_on_guideway(p, j, snaps)) needed[p.stops[j]] = needed[p.stops[j + 1]] = 1;
      }
    }
    for (Index s = 0; s < tt.stop_count(); ++s) {
      if (needed[s] && snaps[s]) {
        bus_links.nearest_links(frame.stop_x_m[s], frame.stop_y_m[s], params.max_snap_m, 0,
                                near[s]);
      }
    }
  }

  // Forced steps by (route, from stop, to stop): the first listed counts.
  std::map<std::tuple<Index, Index, Index>, const GuidewayStep*> forced_step;
  for (const GuidewayStep& f : forced_steps) {
    forced_step.try_emplace({f.route, f.from_stop, f.to_stop}, &f);
  }
  auto spec_node = [&](const std::string& id) {
    const auto found = nodes.index.find(id);
    return found == nodes.index.end() ? invalid_index : found->second;
  };

  const std::uint32_t file = spec.add_file(tt.source);
  auto node_xy = [&](Index n) { return std::pair{spec.nodes[n].x_m, spec.nodes[n].y_m}; };
  // Where a step's link starts or ends at a stop: its own guideway node, or for a road stop
  // the nearest road node buses can both enter and leave among the ends of its nearby links.
  std::vector<Index> stop_node(tt.stop_count(), invalid_index);
  std::vector<Index> stop_portal(tt.stop_count(), invalid_index);
  auto end_node = [&](Index stop, bool own_node) -> Index {
    Index& slot = own_node ? stop_node[stop] : stop_portal[stop];
    if (slot != invalid_index) return slot;
    const double x = frame.stop_x_m[stop], y = frame.stop_y_m[stop];
    if (own_node) {
      const std::string id = guideway_node_id(tt, stop);
      const auto found = nodes.index.find(id);
      if (found != nodes.index.end()) return slot = found->second;
      NodeSpec node;
      node.id = id;
      node.x_m = std::isnan(x) ? 0.0 : x;  // a stop without a position: documented limitation
      node.y_m = std::isnan(y) ? 0.0 : y;
      node.where = {file, 0};
      slot = static_cast<Index>(spec.nodes.size());
      nodes.index.emplace(id, slot);
      spec.nodes.push_back(std::move(node));
      return slot;
    }
    double best = std::numeric_limits<double>::infinity();
    for (const SnapCandidate& c : near[stop]) {
      const LinkSpec& link = spec.links[c.link];
      for (const std::string* id : {&link.from, &link.to}) {
        const Index n = nodes.index.at(*id);
        if (!nodes.bus_in[n] || !nodes.bus_out[n]) continue;
        const auto [nx, ny] = node_xy(n);
        const double d = std::hypot(nx - x, ny - y);
        if (d < best || (d == best && n < slot)) {
          best = d;
          slot = n;
        }
      }
    }
    return slot;  // invalid_index when no such node: the step then gets its own guideway node
  };

  // (route, from stop, to stop) -> link; no_link for a forced step that can have none
  constexpr std::size_t no_link = std::numeric_limits<std::size_t>::max();
  std::map<std::tuple<Index, Index, Index>, std::size_t> link_of_step;
  std::vector<double> min_time_s;
  std::vector<std::vector<double>> along(patterns.patterns.size());
  std::vector<std::uint8_t> along_done(patterns.patterns.size(), 0);
  std::set<std::pair<std::string, std::string>> turns;
  std::vector<Index> first_call, last_call, step_links;

  for (Index t = 0; t < tt.trip_count(); ++t) {
    const Index p = patterns.trip_pattern[t];
    const Pattern& pattern = patterns.patterns[p];
    const std::size_t n = pattern.stops.size();
    first_call.assign(n, invalid_index);
    last_call.assign(n, invalid_index);
    for (Index k = tt.calls_begin(t); k < tt.calls_end(t); ++k) {
      const std::uint32_t u = patterns.call_pattern_stop[k];
      if (first_call[u] == invalid_index) first_call[u] = k;
      last_call[u] = k;
    }
    const bool pattern_first_trip = pattern.first_trip == t;
    step_links.assign(n, invalid_index);
    for (std::size_t j = 0; j + 1 < n; ++j) {
      if (!step_on_guideway(pattern, j, snaps)) continue;
      const Index a = pattern.stops[j], b = pattern.stops[j + 1];
      auto [it, inserted] = link_of_step.try_emplace({pattern.route, a, b}, spec.links.size());
      if (inserted) {
        Index from = invalid_index, to = invalid_index;
        if (step_forced_only(pattern, j, snaps)) {
          const GuidewayStep& f = *forced_step.at({pattern.route, a, b});
          auto resolve = [&](Index stop, const std::string& id) {
            if (id.empty()) return end_node(stop, false);
            return id == guideway_node_id(tt, stop) ? end_node(stop, true) : spec_node(id);
          };
          from = resolve(a, f.from_node);
          to = resolve(b, f.to_node);
          if (from == invalid_index || to == invalid_index || from == to) {
            it->second = no_link;  // the step stays on the road (see place_pattern)
            continue;
          }
        } else {
          from = end_node(a, pattern.off_road || !snaps[a]);
          to = end_node(b, pattern.off_road || !snaps[b]);
        }
        if (from == invalid_index) from = end_node(a, true);
        if (to == invalid_index) to = end_node(b, true);
        const auto [x1, y1] = node_xy(from);
        const auto [x2, y2] = node_xy(to);
        double length = std::hypot(x2 - x1, y2 - y1);
        if (pattern.shape != invalid_index) {
          if (!along_done[p]) {
            std::vector<double> px, py;
            for (const Index s : pattern.stops) {
              px.push_back(frame.stop_x_m[s]);
              py.push_back(frame.stop_y_m[s]);
            }
            along[p] = transit::positions_along(frame.shape_x_m, frame.shape_y_m,
                                                tt.shape_first_point[pattern.shape],
                                                tt.shape_first_point[pattern.shape + 1], px, py);
            along_done[p] = 1;
          }
          const double on_shape = along[p][j + 1] - along[p][j];
          if (on_shape >= 0.5 * length) length = on_shape;
        }
        LinkSpec link;
        link.id = guideway_link_id(tt, pattern.route, a, b);
        link.from = spec.nodes[from].id;
        link.to = spec.nodes[to].id;
        link.length_m = std::max(1.0, length);
        link.lanes = std::max(1.0, std::ceil(vehicles_stored * jam_spacing_m / link.length_m));
        link.capacity_vph = guideway_capacity_vph;
        link.modes = mode_rail;
        link.where = {file, 0};
        spec.links.push_back(std::move(link));
        min_time_s.push_back(std::numeric_limits<double>::infinity());
      }
      if (it->second == no_link) continue;
      const std::size_t l = it->second;
      step_links[j] = static_cast<Index>(l);
      const double scheduled =
          tt.call_arrival_s[first_call[j + 1]] - tt.call_departure_s[last_call[j]];
      min_time_s[l - (spec.links.size() - min_time_s.size())] =
          std::min(min_time_s[l - (spec.links.size() - min_time_s.size())], scheduled);
    }
    if (!pattern_first_trip) continue;
    // Movements the pattern needs: guideway to guideway (U-turns, or all under explicit_only),
    // and between the road and guideways at road nodes: all under explicit_only, otherwise the
    // U-turns (a guideway back to where the bus came from, as a detour round a one-way street
    // often is) that all_but_u_turns would leave out.
    for (std::size_t j = 0; j + 1 < n; ++j) {
      if (step_links[j] == invalid_index) continue;
      const LinkSpec& link = spec.links[step_links[j]];
      if (j + 2 < n && step_links[j + 1] != invalid_index) {
        const LinkSpec& next = spec.links[step_links[j + 1]];
        if (explicit_turns || next.to == link.from) turns.insert({link.id, next.id});
      }
      if (pattern.off_road) continue;
      const Index from = nodes.index.at(link.from), to = nodes.index.at(link.to);
      if (from < nodes.in_links.size()) {
        for (const Index in : nodes.in_links[from]) {
          if (explicit_turns || spec.links[in].from == link.to) {
            turns.insert({spec.links[in].id, link.id});
          }
        }
      }
      if (to < nodes.out_links.size()) {
        for (const Index out : nodes.out_links[to]) {
          if (explicit_turns || spec.links[out].to == link.from) {
            turns.insert({link.id, spec.links[out].id});
          }
        }
      }
    }
  }
  const std::size_t first_new = spec.links.size() - min_time_s.size();
  for (std::size_t i = 0; i < min_time_s.size(); ++i) {
    LinkSpec& link = spec.links[first_new + i];
    link.free_speed_mps = link.length_m / std::max(1.0, min_time_s[i]);
  }
  for (const auto& [from, to] : turns) spec.turns.push_back({from, to, {file, 0}});

  // A guideway into a signalised road node may go whenever any movement there is green: its
  // vehicles would otherwise never get a green (plans list the road's in-links only).
  std::unordered_map<std::string, std::vector<std::size_t>> plans_at;
  for (std::size_t i = 0; i < spec.signal_plans.size(); ++i) {
    plans_at[spec.signal_plans[i].node].push_back(i);
  }
  for (std::size_t l = first_new; l < spec.links.size() && !plans_at.empty(); ++l) {
    const auto found = plans_at.find(spec.links[l].to);
    if (found == plans_at.end()) continue;
    for (const std::size_t i : found->second) {
      for (SignalPhaseSpec& phase : spec.signal_plans[i].phases) {
        if (!phase.green.empty()) phase.green.push_back({spec.links[l].id, "", {file, 0}});
      }
    }
  }
}

}  // namespace arteria
