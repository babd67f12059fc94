// Guideway nodes and links for the transit that runs off the road (see place_transit.hpp).
//
// A link's length is measured along the shape of the first trip (timetable order) that uses it
// and has a shape, when that is at least half the straight distance between its ends; otherwise
// the straight distance (at least 1 m). Its free speed makes the fastest scheduled trip on it
// exactly on time: length / the shortest scheduled running time (at least 1 s), within the
// valid speeds (base/value_ranges.hpp). A forced step
// (a detour between two stops that both snap) runs between the road nodes where they join the road.
// A guideway into a signalised node has green in every phase that gives any movement green.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "base/value_ranges.hpp"
#include "placement/place_transit.hpp"
#include "placement/road_matching.hpp"

namespace arteria {
namespace {

using namespace transit;

constexpr double guideway_capacity_vph = 36000.0;
constexpr double vehicles_stored = 20.0;  // a guideway link holds at least this many vehicles
constexpr double jam_spacing_m = 7.5;
constexpr std::size_t no_link = std::numeric_limits<std::size_t>::max();

struct SpecNodes {
  std::unordered_map<std::string, Index> index;
  std::vector<std::uint8_t> bus_in, bus_out;
  std::vector<std::vector<Index>> in_links, out_links;  // bus links per node
};

// The spec's nodes by id and, when some pattern runs on the road, the bus links at each node.
SpecNodes index_spec_nodes(const NetworkSpec& spec, bool any_road) {
  SpecNodes nodes;
  for (std::size_t n = 0; n < spec.nodes.size(); ++n) {
    nodes.index.emplace(spec.nodes[n].id, static_cast<Index>(n));
  }
  if (!any_road) return nodes;
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
  return nodes;
}

struct StopSnaps {
  std::vector<std::uint8_t> snaps;               // per stop: 1 when it snaps to a bus link
  std::vector<std::vector<SnapCandidate>> near;  // per stop, only for road stops
};

// Which stops snap to the road and, for the road stops at either end of a guideway step, the
// bus links near them (their portal to the road is among those links' ends).
StopSnaps snap_stops(const Timetable& tt, const PlacementStart& start, const NetworkSpec& spec,
                     const TransitPlacementParams& params) {
  StopSnaps out;
  out.snaps.assign(tt.stop_count(), 1);
  if (!start.any_road) return out;
  const LinkSegmentIndex bus_links(spec, mode_bus);
  out.snaps = snapping_stops(tt, start.frame, bus_links, params.max_snap_m);
  out.near.resize(tt.stop_count());
  std::vector<std::uint8_t> needed(tt.stop_count(), 0);
  for (const Pattern& p : start.patterns.patterns) {
    if (p.off_road) continue;
    for (std::size_t j = 0; j + 1 < p.stops.size(); ++j) {
      if (step_on_guideway(p, j, out.snaps)) needed[p.stops[j]] = needed[p.stops[j + 1]] = 1;
    }
  }
  for (Index s = 0; s < tt.stop_count(); ++s) {
    if (needed[s] && out.snaps[s]) {
      bus_links.nearest_links(start.frame.stop_x_m[s], start.frame.stop_y_m[s], params.max_snap_m,
                              0, out.near[s]);
    }
  }
  return out;
}

// A guideway into a signalised road node may go whenever any movement there is green: its
// vehicles would otherwise never get a green (plans list the road's in-links only).
void give_guideways_green(NetworkSpec& spec, std::size_t first_new, std::uint32_t file) {
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

// Adds the guideway nodes, links and turns trip by trip (timetable order: a link's length comes
// from the first trip with a shape that uses it), then each link's free speed from the shortest
// scheduled time on it.
class GuidewayBuilder {
 public:
  GuidewayBuilder(const Timetable& tt, const PlacementStart& start, NetworkSpec& spec,
                  SpecNodes& nodes, const StopSnaps& stops,
                  const std::vector<GuidewayStep>& forced_steps)
      : tt_(tt),
        patterns_(start.patterns),
        frame_(start.frame),
        spec_(spec),
        nodes_(nodes),
        stops_(stops),
        explicit_turns_(spec.turn_rule == TurnRule::explicit_only),
        first_new_(spec.links.size()),
        stop_node_(tt.stop_count(), invalid_index),
        stop_portal_(tt.stop_count(), invalid_index),
        along_(start.patterns.patterns.size()),
        along_done_(start.patterns.patterns.size(), 0) {
    // Forced steps by (route, from stop, to stop): the first listed counts.
    for (const GuidewayStep& f : forced_steps) {
      forced_step_.try_emplace({f.route, f.from_stop, f.to_stop}, &f);
    }
    file_ = spec.add_file(tt.source);
  }

  void add_trip(Index t) {
    const Index p = patterns_.trip_pattern[t];
    const Pattern& pattern = patterns_.patterns[p];
    const std::size_t n = pattern.stops.size();
    calls_.assign(tt_, patterns_, t, n);
    step_links_.assign(n, invalid_index);
    for (std::size_t j = 0; j + 1 < n; ++j) {
      if (!step_on_guideway(pattern, j, stops_.snaps)) continue;
      const std::size_t l = step_link(pattern, p, j);
      if (l == no_link) continue;
      step_links_[j] = static_cast<Index>(l);
      const double scheduled = calls_.step_scheduled_s(tt_, j);
      min_time_s_[l - first_new_] = std::min(min_time_s_[l - first_new_], scheduled);
    }
    if (pattern.first_trip == t) add_pattern_turns(pattern);
  }

  void finish() {
    for (std::size_t i = 0; i < min_time_s_.size(); ++i) {
      LinkSpec& link = spec_.links[first_new_ + i];
      // Clamped to the valid range: a feed's minute-rounded times can imply 1,700 km/h over a
      // short step; such a step then runs a little late.
      link.free_speed_mps = std::clamp(link.length_m / std::max(1.0, min_time_s_[i]),
                                       valid::free_speed_mps.min, valid::free_speed_mps.max);
    }
    for (const auto& [from, to] : turns_) spec_.turns.push_back({from, to, {file_, 0}});
    give_guideways_green(spec_, first_new_, file_);
  }

 private:
  std::pair<double, double> node_xy(Index n) const {
    return std::pair{spec_.nodes[n].x_m, spec_.nodes[n].y_m};
  }

  Index spec_node(const std::string& id) const {
    const auto found = nodes_.index.find(id);
    return found == nodes_.index.end() ? invalid_index : found->second;
  }

  // Where a step's link starts or ends at a stop: its own guideway node, or for a road stop
  // the nearest road node buses can both enter and leave among the ends of its nearby links.
  Index end_node(Index stop, bool own_node) {
    Index& slot = own_node ? stop_node_[stop] : stop_portal_[stop];
    if (slot != invalid_index) return slot;
    return own_node ? add_own_node(stop, slot) : find_portal(stop, slot);
  }

  Index add_own_node(Index stop, Index& slot) {
    const double x = frame_.stop_x_m[stop], y = frame_.stop_y_m[stop];
    const std::string id = guideway_node_id(tt_, stop);
    const auto found = nodes_.index.find(id);
    if (found != nodes_.index.end()) return slot = found->second;
    NodeSpec node;
    node.id = id;
    node.x_m = std::isnan(x) ? 0.0 : x;  // a stop without a position: documented limitation
    node.y_m = std::isnan(y) ? 0.0 : y;
    node.where = {file_, 0};
    slot = static_cast<Index>(spec_.nodes.size());
    nodes_.index.emplace(id, slot);
    spec_.nodes.push_back(std::move(node));
    return slot;
  }

  Index find_portal(Index stop, Index& slot) {
    const double x = frame_.stop_x_m[stop], y = frame_.stop_y_m[stop];
    double best = std::numeric_limits<double>::infinity();
    for (const SnapCandidate& c : stops_.near[stop]) {
      const LinkSpec& link = spec_.links[c.link];
      for (const std::string* id : {&link.from, &link.to}) {
        const Index n = nodes_.index.at(*id);
        if (!nodes_.bus_in[n] || !nodes_.bus_out[n]) continue;
        const auto [nx, ny] = node_xy(n);
        const double d = std::hypot(nx - x, ny - y);
        if (d < best || (d == best && n < slot)) {
          best = d;
          slot = n;
        }
      }
    }
    return slot;  // invalid_index when no such node: the step then gets its own guideway node
  }

  // A forced step's end: the node it names, or with no name the stop's portal to the road.
  Index forced_end(Index stop, const std::string& id) {
    if (id.empty()) return end_node(stop, false);
    return id == guideway_node_id(tt_, stop) ? end_node(stop, true) : spec_node(id);
  }

  // The nodes step j's link joins; invalid_index twice for a forced step that can have none.
  std::pair<Index, Index> step_ends(const Pattern& pattern, std::size_t j) {
    const Index a = pattern.stops[j], b = pattern.stops[j + 1];
    Index from = invalid_index, to = invalid_index;
    if (step_forced_only(pattern, j, stops_.snaps)) {
      const GuidewayStep& f = *forced_step_.at({pattern.route, a, b});
      from = forced_end(a, f.from_node);
      to = forced_end(b, f.to_node);
      if (from == invalid_index || to == invalid_index || from == to) {
        return {invalid_index, invalid_index};  // the step stays on the road (see place_pattern)
      }
    } else {
      from = end_node(a, pattern.off_road || !stops_.snaps[a]);
      to = end_node(b, pattern.off_road || !stops_.snaps[b]);
    }
    if (from == invalid_index) from = end_node(a, true);
    if (to == invalid_index) to = end_node(b, true);
    return {from, to};
  }

  // The distance between pattern p's stops j and j + 1 along its shape.
  double shape_distance(Index p, std::size_t j) {
    const Pattern& pattern = patterns_.patterns[p];
    if (!along_done_[p]) {
      std::vector<double> px, py;
      for (const Index s : pattern.stops) {
        px.push_back(frame_.stop_x_m[s]);
        py.push_back(frame_.stop_y_m[s]);
      }
      along_[p] =
          positions_along(frame_.shape_x_m, frame_.shape_y_m, tt_.shape_first_point[pattern.shape],
                          tt_.shape_first_point[pattern.shape + 1], px, py);
      along_done_[p] = 1;
    }
    return along_[p][j + 1] - along_[p][j];
  }

  // The link of step j of pattern p (the route's, made by its first trip), or no_link.
  std::size_t step_link(const Pattern& pattern, Index p, std::size_t j) {
    const Index a = pattern.stops[j], b = pattern.stops[j + 1];
    auto [it, inserted] = link_of_step_.try_emplace({pattern.route, a, b}, spec_.links.size());
    if (inserted) it->second = add_link(pattern, p, j);
    return it->second;
  }

  std::size_t add_link(const Pattern& pattern, Index p, std::size_t j) {
    const auto [from, to] = step_ends(pattern, j);
    if (from == invalid_index) return no_link;
    const auto [x1, y1] = node_xy(from);
    const auto [x2, y2] = node_xy(to);
    double length = std::hypot(x2 - x1, y2 - y1);
    if (pattern.shape != invalid_index) {
      const double on_shape = shape_distance(p, j);
      if (on_shape >= 0.5 * length) length = on_shape;
    }
    LinkSpec link;
    link.id = guideway_link_id(tt_, pattern.route, pattern.stops[j], pattern.stops[j + 1]);
    link.from = spec_.nodes[from].id;
    link.to = spec_.nodes[to].id;
    link.length_m = std::max(1.0, length);
    link.lanes = std::max(1.0, std::ceil(vehicles_stored * jam_spacing_m / link.length_m));
    link.capacity_vph = guideway_capacity_vph;
    link.modes = mode_rail;
    link.where = {file_, 0};
    const std::size_t l = spec_.links.size();
    spec_.links.push_back(std::move(link));
    min_time_s_.push_back(std::numeric_limits<double>::infinity());
    return l;
  }

  // Movements the pattern needs: guideway to guideway (U-turns, or all under explicit_only),
  // and between the road and guideways at road nodes: all under explicit_only, otherwise the
  // U-turns (a guideway back to where the bus came from, as a detour round a one-way street
  // often is) that all_but_u_turns would leave out.
  void add_pattern_turns(const Pattern& pattern) {
    const std::size_t n = pattern.stops.size();
    for (std::size_t j = 0; j + 1 < n; ++j) {
      if (step_links_[j] == invalid_index) continue;
      const LinkSpec& link = spec_.links[step_links_[j]];
      if (j + 2 < n && step_links_[j + 1] != invalid_index) {
        const LinkSpec& next = spec_.links[step_links_[j + 1]];
        if (explicit_turns_ || next.to == link.from) turns_.insert({link.id, next.id});
      }
      if (pattern.off_road) continue;
      const Index from = nodes_.index.at(link.from), to = nodes_.index.at(link.to);
      if (from < nodes_.in_links.size()) {
        for (const Index in : nodes_.in_links[from]) {
          if (explicit_turns_ || spec_.links[in].from == link.to) {
            turns_.insert({spec_.links[in].id, link.id});
          }
        }
      }
      if (to < nodes_.out_links.size()) {
        for (const Index out : nodes_.out_links[to]) {
          if (explicit_turns_ || spec_.links[out].to == link.from) {
            turns_.insert({link.id, spec_.links[out].id});
          }
        }
      }
    }
  }

  const Timetable& tt_;
  const TransitPatterns& patterns_;
  const TransitFrame& frame_;
  NetworkSpec& spec_;
  SpecNodes& nodes_;
  const StopSnaps& stops_;
  const bool explicit_turns_;
  const std::size_t first_new_;  // the first guideway link: min_time_s_ runs in step with them
  std::uint32_t file_ = 0;
  std::map<std::tuple<Index, Index, Index>, const GuidewayStep*> forced_step_;
  std::vector<Index> stop_node_, stop_portal_;  // per stop: its own node, its road portal
  // (route, from stop, to stop) -> link; no_link for a forced step that can have none
  std::map<std::tuple<Index, Index, Index>, std::size_t> link_of_step_;
  std::vector<double> min_time_s_;
  std::vector<std::vector<double>> along_;  // per pattern: its stops' positions along its shape
  std::vector<std::uint8_t> along_done_;
  std::set<std::pair<std::string, std::string>> turns_;
  PatternStopCalls calls_;
  std::vector<Index> step_links_;
};

}  // namespace

void add_transit_guideways(const Timetable& tt, bool road_network, NetworkSpec& spec,
                           const TransitPlacementParams& params,
                           const std::vector<GuidewayStep>& forced_steps) {
  const PlacementStart start = start_placement(tt, road_network, spec.projection, forced_steps);
  SpecNodes nodes = index_spec_nodes(spec, start.any_road);
  const StopSnaps stops = snap_stops(tt, start, spec, params);
  GuidewayBuilder builder(tt, start, spec, nodes, stops, forced_steps);
  for (Index t = 0; t < tt.trip_count(); ++t) builder.add_trip(t);
  builder.finish();
}

}  // namespace arteria
