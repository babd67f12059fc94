// Moving a vehicle onto and off a link's ring: shared by the node phase (meso_step.cpp) and the
// transit phase (transit_vehicles.cpp), which both act at a link's ends. The caller must own the
// end it touches (see sim_state.hpp).
#pragma once

#include <algorithm>
#include <cmath>

#include "model/scenario.hpp"
#include "sim/sim_state.hpp"

namespace arteria {

// Ring capacities are powers of two, so a slot is a mask, not a 64-bit division (which cost a
// third of the link phase when it was one).
inline Index ring_slot(const SimState& s, Index link, std::uint64_t counter) {
  const Index mask = s.ring_first[link + 1] - s.ring_first[link] - 1;
  return s.ring_first[link] + (static_cast<Index>(counter) & mask);
}

inline Index hole_slot(const SimState& s, Index link, std::uint64_t counter) {
  const Index mask = s.hole_first[link + 1] - s.hole_first[link] - 1;
  return s.hole_first[link] + (static_cast<Index>(counter) & mask);
}

inline void count_in_step(const SimState& s, std::uint64_t& stamp, std::uint32_t& count) {
  if (stamp != s.step) {
    stamp = s.step;
    count = 0;
  }
  ++count;
}

// Time vehicle `v` needs on link `l` entered at `t` at free flow. A transit vehicle on a
// guideway link runs its timetable's running time instead; when late it makes up to
// recovery_share of it, but no more than brings it back to the timetable.
inline double link_time_s(const Scenario& sc, const SimState& s, Index l, Index v, double t) {
  if (sc.demand.is_transit(v)) {
    const TransitPlacement& placement = sc.transit.placement;
    const Index trip = v - sc.demand.transit_first;
    const Index offset = s.vehicle_route_pos[v] - s.routes.trip_first_link[v];
    const float scheduled = placement.link_scheduled_s[placement.trip_first_link[trip] + offset];
    if (!std::isnan(scheduled)) {
      const double due_in = sc.transit.timetable.call_arrival_s[s.transit.next_call[trip]] - t;
      const double fastest = scheduled * (1.0 - sc.transit.params.recovery_share);
      return std::max(fastest, std::min<double>(scheduled, due_in));
    }
  }
  return sc.network.link_length_m[l] / s.link_free_speed_mps[l];
}

// The vehicle at the head of `l` leaves it at `t`; its space starts travelling upstream.
inline void leave_link(const Scenario& sc, SimState& s, Index l, Index v, double t) {
  ++s.link_head[l];
  ++s.link_exited_total[l];
  count_in_step(s, s.link_exit_step[l], s.link_exits_in_step[l]);
  ++s.bin_outflow[l];
  s.bin_traversal_s[l] += t - s.vehicle_enter_s[v];
  s.vehicle_distance_m[v] += sc.network.link_length_m[l];
  const double arrives_s = t + s.link_wave_delay_s[l];
  const double pcu = sc.demand.trip_pcu[v];
  if (s.hole_tail[l] > s.hole_head[l]) {
    const Index last = hole_slot(s, l, s.hole_tail[l] - 1);
    if (s.hole_time_s[last] == arrives_s) {
      s.hole_pcu[last] += pcu;
      return;
    }
  }
  const Index slot = hole_slot(s, l, s.hole_tail[l]);
  s.hole_time_s[slot] = arrives_s;
  s.hole_pcu[slot] = pcu;
  if (s.hole_tail[l] == s.hole_head[l]) s.link_next_hole_s[l] = arrives_s;
  ++s.hole_tail[l];
}

// Vehicle `v` enters `l` at its upstream end at `t` (its route position already points at l).
inline void enter_link(const Scenario& sc, SimState& s, Index l, Index v, double t) {
  // The link phase owns the gate; the gate counter is only read here, and it equals the
  // tail only if no vehicle is travelling on the link, so this one becomes the next to exit.
  const bool next_to_exit = s.link_gate[l] == s.link_tail[l];
  s.ring_slots[ring_slot(s, l, s.link_tail[l])] = v;
  ++s.link_tail[l];
  ++s.link_entered_total[l];
  count_in_step(s, s.link_entry_step[l], s.link_entries_in_step[l]);
  s.link_entered_pcu[l] += sc.demand.trip_pcu[v];
  ++s.bin_inflow[l];
  s.vehicle_enter_s[v] = t;
  s.vehicle_exit_s[v] = t + link_time_s(sc, s, l, v, t);
  if (next_to_exit) s.link_next_exit_s[l] = s.vehicle_exit_s[v];
}

// Space in use at the upstream end of `link`, pcu; see SimState.
inline double link_in_use_pcu(const SimState& s, Index link) {
  return s.link_entered_pcu[link] - s.link_freed_pcu[link];
}

inline bool link_can_enter(const SimState& s, Index link) {
  return !s.link_closed[link] && link_in_use_pcu(s, link) < s.link_storage_pcu[link];
}

}  // namespace arteria
