// Moving a vehicle onto and off a link's ring: shared by the node phase (meso_step.cpp) and the
// transit phase (transit_vehicles.cpp), which both act at a link's ends. The caller must own the
// end it touches (see sim_state.hpp).
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "model/scenario.hpp"
#include "sim/meso/active_sets.hpp"
#include "sim/sim_state.hpp"

namespace arteria {

// Ring capacities are powers of two, so a slot is a mask, not a 64-bit division (which cost a
// third of the link phase when it was one).
inline Index ring_slot(const SimState& s, Index link, std::uint64_t counter) {
  const Index mask = s.links.ring_first[link + 1] - s.links.ring_first[link] - 1;
  return s.links.ring_first[link] + (static_cast<Index>(counter) & mask);
}

// A lane group's slot in the links' ring array (GroupState).
inline Index group_slot(const SimState& s, Index group, std::uint64_t counter) {
  return s.groups.ring_first[group] + (static_cast<Index>(counter) & s.groups.ring_mask[group]);
}

inline Index hole_slot(const SimState& s, Index link, std::uint64_t counter) {
  const Index mask = s.links.hole_first[link + 1] - s.links.hole_first[link] - 1;
  return s.links.hole_first[link] + (static_cast<Index>(counter) & mask);
}

// The ring position past the vehicles of `l` whose free-flow exit time had come by `step`
// (those in the lane groups have passed it), scanning on from the link's `ready` mark. The
// link's own task may store it back (meso_step.cpp); other readers use it as it is.
inline std::uint64_t ready_position(const SimState& s, Index l, std::uint64_t step) {
  std::uint64_t ready = std::max(s.links.ready[l], s.links.sorted[l]);
  while (ready < s.links.tail[l] && s.links.ring[ring_slot(s, l, ready)].step <= step) ++ready;
  return ready;
}

// Whether link `l` has nothing to do: no vehicle on it and no freed space on its way upstream.
inline bool link_idle(const SimState& s, Index l) {
  return s.links.head[l] == s.links.tail[l] && s.links.hole_head[l] == s.links.hole_tail[l];
}

inline void count_in_step(const SimState& s, std::uint64_t& stamp, std::uint32_t& count) {
  if (stamp != s.step) {
    stamp = s.step;
    count = 0;
  }
  ++count;
}

// The speed vehicle `v` drives on link `l` at free flow: the link's, or its class's maximum when
// that is lower (a class without one leaves the link's bit for bit).
inline float vehicle_speed_mps(const Scenario& sc, const SimState& s, Index l, Index v) {
  const float link_speed = s.links.free_speed_mps[l];
  if (sc.demand.is_transit(v)) return link_speed;
  return std::min(link_speed, sc.demand.classes.max_speed_mps[sc.demand.trip_class[v]]);
}

// Time vehicle `v` needs on link `l` entered at `t` at free flow. A transit vehicle on a
// guideway link runs its timetable's running time instead; when late it makes up to
// recovery_share of it, but no more than brings it back to the timetable.
inline double link_time_s(const Scenario& sc, const SimState& s, Index l, Index v, double t) {
  if (sc.demand.is_transit(v)) {
    const TransitPlacement& placement = sc.transit.placement;
    const Index trip = v - sc.demand.transit_first;
    const Index offset = s.vehicles.motion[v].route_pos - s.routes.trip_first_link[v];
    const float scheduled = placement.link_scheduled_s[placement.trip_first_link[trip] + offset];
    if (!std::isnan(scheduled)) {
      const double due_in = sc.transit.timetable.call_arrival_s[s.transit.next_call[trip]] - t;
      const double fastest = scheduled * (1.0 - sc.transit.params.recovery_share);
      return std::max(fastest, std::min<double>(scheduled, due_in));
    }
  }
  return sc.network.link_length_m[l] / vehicle_speed_mps(sc, s, l, v);
}

// The node and transit phases move vehicles with these two. A move that gives the link work its
// own schedule does not know of (a first vehicle travelling on it, a first freed space
// travelling upstream) asks the link phase to wake it, in `wakes` (active_sets.hpp).

// A vehicle at the head of one of `l`'s lane groups leaves `l` at `t` (the caller moves the
// group's head); its space starts travelling upstream.
inline void leave_link(const Scenario& sc, SimState& s, Index l, Index v, double t,
                       WakeOutbox& wakes) {
  ++s.links.head[l];
  ++s.flows.exited_total[l];
  count_in_step(s, s.flows.exit_step[l], s.flows.exits_in_step[l]);
  ++s.bin.outflow[l];
  if (!s.bin.class_outflow.empty() && !sc.demand.is_transit(v)) {
    ++s.bin.class_outflow[sc.demand.trip_class[v] * std::size_t{sc.network.link_count} + l];
  }
  s.bin.exit_step_sum[l] += s.step + 1;
  VehicleMotion& motion = s.vehicles.motion[v];
  s.bin.traversal_s[l] += t - motion.enter_s;
  motion.distance_m += sc.network.link_length_m[l];
  const double arrives_s = t + s.links.wave_delay_s[l];
  const double pcu = motion.pcu;
  if (s.links.hole_tail[l] > s.links.hole_head[l]) {
    const Index last = hole_slot(s, l, s.links.hole_tail[l] - 1);
    if (s.links.hole_time_s[last] == arrives_s) {
      s.links.hole_pcu[last] += pcu;
      return;
    }
  }
  const Index slot = hole_slot(s, l, s.links.hole_tail[l]);
  s.links.hole_time_s[slot] = arrives_s;
  s.links.hole_pcu[slot] = pcu;
  const bool first_hole = s.links.hole_tail[l] == s.links.hole_head[l];
  ++s.links.hole_tail[l];
  if (first_hole) {
    s.links.next_hole_s[l] = arrives_s;
    wake_after_first_hole(sc, s, l, wakes);
  }
}

// Vehicle `v` enters `l` at its upstream end at `t` (its route position already points at l).
inline void enter_link(const Scenario& sc, SimState& s, Index l, Index v, double t,
                       WakeOutbox& wakes) {
  const double exit_s = t + link_time_s(sc, s, l, v, t);
  // Past the last step a run can have (init_state.cpp) it never comes.
  const std::uint64_t exit_step =
      std::min<std::uint64_t>(first_step_at(sc.sim.start_s, sc.sim.step_s, exit_s), UINT32_MAX);
  VehicleMotion& motion = s.vehicles.motion[v];
  const Index pos = motion.route_pos;
  const Index next_pos = pos + 1 < motion.route_end ? pos + 1 : invalid_index;
  s.links.ring[ring_slot(s, l, s.links.tail[l])] = {
      v, next_pos, static_cast<std::uint32_t>(exit_step), motion.pcu};
  // The link phase owns `sorted`; it is only read here, and it equals the tail only if no
  // vehicle is travelling on the link, so this one becomes the next to exit.
  if (s.links.sorted[l] == s.links.tail[l]) {
    s.links.next_exit_step[l] = exit_step;
    wake_after_first_entry(sc, s, l, wakes);
  }
  ++s.links.tail[l];
  ++s.flows.entered_total[l];
  count_in_step(s, s.flows.entry_step[l], s.flows.entries_in_step[l]);
  s.links.entered_pcu[l] += motion.pcu;
  ++s.bin.inflow[l];
  s.bin.entry_step_sum[l] += s.step + 1;
  motion.enter_s = t;
  motion.exit_s = exit_s;
}

// Space in use at the upstream end of `link`, pcu; see SimState.
inline double link_in_use_pcu(const SimState& s, Index link) {
  return s.links.entered_pcu[link] - s.links.freed_pcu[link];
}

inline bool link_can_enter(const SimState& s, Index link) {
  return !s.links.closed[link] && link_in_use_pcu(s, link) < s.links.storage_pcu[link];
}

}  // namespace arteria
