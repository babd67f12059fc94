// Everything that changes while simulating, as plain arrays indexed by link, node or vehicle id.
// The Scenario (model) never changes; one model can drive several states (forks, batch runs).
//
// Ownership within a step, which is what makes the parallel phases race-free without locks:
// - link phase (one task per link l): everything indexed by l except the ring tail, the
//   room/ring-free snapshots' consumption and the entry/exit counters of the node phase;
// - node phase (one task per node n): for each in-link of n, the ring head and exit-side
//   counters (the link's downstream end); for each out-link of n, the ring tail, entry-side
//   counters and the room snapshots (the link's upstream end); the vehicles it moves.
// A vehicle is touched only by the task that owns the place it is in.
#pragma once

#include <cstdint>
#include <vector>

#include "base/ids.hpp"
#include "model/signal_plans.hpp"
#include "routing/route_trips.hpp"
#include "sim/transit/transit_state.hpp"

namespace arteria {

enum class VehicleStatus : std::uint8_t {
  pending = 0,  // not yet on the network (before departure, or waiting for room)
  en_route = 1,
  arrived = 2,
  stuck = 3,       // removed after being blocked too long
  unroutable = 4,  // no path: never departs
};

struct SimState {
  double time_s = 0.0;     // the time the next step simulates
  std::uint64_t step = 0;  // steps done
  std::size_t next_event = 0;

  // Link controls: start as the network's values, changed by events.
  std::vector<float> link_capacity_vph;
  std::vector<float> link_free_speed_mps;
  std::vector<std::uint8_t> link_closed;
  std::vector<double> link_flow_per_step;       // capacity in pcu per step
  std::vector<std::uint32_t> link_buffer_size;  // vehicles that may wait at the downstream end
  std::vector<double> link_storage_pcu;         // jam storage, pcu
  std::vector<double> link_wave_delay_s;        // length / backward-wave speed

  // Vehicles on each link, in entry order, in a ring slice [ring_first[l], ring_first[l+1]).
  // Counters only grow; a vehicle's slot is counter % capacity. [head, gate) is the buffer at
  // the downstream end (passed the flow-capacity gate), [gate, tail) is still travelling/queued.
  std::vector<Index> ring_first;
  std::vector<Index> ring_slots;
  std::vector<std::uint64_t> link_head;
  std::vector<std::uint64_t> link_gate;
  std::vector<std::uint64_t> link_tail;
  std::vector<double> link_flow_credit;         // pcu the gate may still pass (fractional carry)
  std::vector<std::uint64_t> link_credit_step;  // the step the credit was last brought up to
  std::vector<double> link_entered_pcu;         // total pcu that ever entered (upstream end)
  std::vector<double> link_freed_pcu;  // total pcu whose space has reached the upstream end
  // Room at the upstream end is storage - (entered - freed): `entered` is written only by the
  // upstream node and `freed` only in the link phase, so the node phase can compute it without
  // a snapshot. Empty links with no holes in transit are skipped by the link phase entirely.

  // Space freed at the downstream end travels upstream as a "hole" for link_wave_delay_s.
  // Holes leaving in the same step share an entry, so a ring of delay/step + 2 entries suffices.
  std::vector<Index> hole_first;
  std::vector<double> hole_time_s;  // when the space reaches the upstream end
  std::vector<double> hole_pcu;
  std::vector<std::uint64_t> hole_head;
  std::vector<std::uint64_t> hole_tail;

  // [head, ready) are the vehicles whose free-flow exit time has passed: the queue. `ready`
  // only moves forward and is advanced when queues are read (bin ends, observations), so it
  // costs O(1) per vehicle, not a scan per step.
  std::vector<std::uint64_t> link_ready;
  // The exit time of the vehicle at the gate and the arrival time of the oldest hole
  // (infinity when there is none), kept beside the link so that the link phase of a link with
  // nothing due reads one cache line instead of missing on the vehicle and hole arrays.
  std::vector<double> link_next_exit_s;
  std::vector<double> link_next_hole_s;

  // Departures per first link (owned by its upstream node), by departure time then vehicle id.
  std::vector<Index> departure_first;
  std::vector<Index> departures;
  std::vector<Index> departure_next;

  // Per-link accumulators of the current output bin.
  std::vector<std::uint32_t> bin_inflow;
  std::vector<std::uint32_t> bin_outflow;
  std::vector<std::uint64_t> bin_occupancy_sum;  // vehicles on link summed over steps
  std::vector<double> bin_traversal_s;           // time on link of vehicles that left
  std::uint32_t bin_steps = 0;

  // Totals since the start, for per-step flows: entries are counted by the link's upstream
  // node, exits by its downstream node.
  std::vector<std::uint64_t> link_entered_total;
  std::vector<std::uint64_t> link_exited_total;
  // Entries and exits during the step `link_*_step` (for per-step flows without touching
  // idle links every step): a count is valid for the step its stamp names.
  std::vector<std::uint64_t> link_entry_step;
  std::vector<std::uint32_t> link_entries_in_step;
  std::vector<std::uint64_t> link_exit_step;
  std::vector<std::uint32_t> link_exits_in_step;

  // Vehicles (one per trip).
  std::vector<VehicleStatus> vehicle_status;
  std::vector<Index> vehicle_route_pos;  // index into routes.links of the current/first link
  std::vector<Index> vehicle_route_end;
  std::vector<double> vehicle_enter_s;     // entered the current link
  std::vector<double> vehicle_exit_s;      // earliest exit from the current link
  std::vector<double> vehicle_buffered_s;  // reached the downstream buffer
  std::vector<double> vehicle_insert_s;    // NaN until inserted
  std::vector<double> vehicle_arrive_s;    // NaN until arrived
  std::vector<double> vehicle_removed_s;   // taken off as stuck; NaN otherwise
  std::vector<float> vehicle_distance_m;
  std::vector<float> vehicle_free_flow_s;  // of the route at departure
  std::vector<std::uint16_t> vehicle_reroutes;
  TripRoutes routes;  // rerouting appends new routes at the end

  // Signals: the plans the state may switch between, and the plan each node runs.
  SignalPlanTable signal_plans;
  std::vector<Index> node_plan;

  // Per-node counters, summed in node order when totals are needed.
  std::vector<std::uint64_t> node_inserted;
  std::vector<std::uint64_t> node_arrived;
  std::vector<std::uint64_t> node_stuck_removed;
  std::vector<std::uint64_t> node_push_throughs;
  std::vector<std::uint64_t> node_transitions;
  std::uint64_t reroutes = 0;
  std::uint64_t reroute_failures = 0;

  TransitState transit;
};

// Not state: the arrays below are derived from a SimState or only used within a step, so they
// live beside it in the Simulation and a snapshot (a copy of the SimState) leaves them out.

// Observations published on request (for Python and control, after each step() call) by
// publish_observations(): plain arrays that numpy views alias, refreshed in place, never
// reallocated once sized. A fork or restore publishes its own from its state.
struct Observations {
  std::vector<float> link_occupancy;    // vehicles on the link
  std::vector<float> link_queue;        // vehicles past their free-flow exit time
  std::vector<float> link_inflow;       // vehicles that entered during the last step
  std::vector<float> link_outflow;      // vehicles that left during the last step
  std::vector<float> link_mean_speed;   // m/s, see publish_observations()
  std::vector<Index> vehicle_link;      // current link, invalid_index when off the network
  std::vector<float> vehicle_position;  // share of the current link's free-flow time done
};

// Scratch of a step, meaningless between steps.
struct SimScratch {
  // The node phase's service order: node n uses [node_first_in[n], ...+in-degree).
  std::vector<double> service_key;
  std::vector<Index> service_link;
};

}  // namespace arteria
