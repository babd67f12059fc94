// Everything that changes while simulating, as plain arrays indexed by link, node or vehicle id,
// in named groups (`s.links`, `s.vehicles`, ...). Each array is its own std::vector (structure
// of arrays); a group only names them. The Scenario (model) never changes; one model can drive
// several states (forks, batch runs). Scratch and observations are not state: they live beside
// it (SimScratch, Observations below), so a snapshot copies a SimState alone.
//
// Ownership within a step, which is what makes the parallel phases race-free without locks:
// - link phase (one task per link l): everything indexed by l except the ring tail, the
//   room/ring-free snapshots' consumption and the entry/exit counters of the node phase;
// - node phase (one task per node n): for each in-link of n, the ring head and exit-side
//   counters (the link's downstream end); for each out-link of n, the ring tail, entry-side
//   counters and the room snapshots (the link's upstream end); the vehicles it moves.
// - transit phase (alone, after the node phase): transit vehicles, `transit`, and the link ends
//   and node counters those vehicles use.
// A vehicle is touched only by the task that owns the place it is in. Each group says which
// phase writes which of its arrays; events and bin ends write between steps.
#pragma once

#include <cstdint>
#include <vector>

#include "base/ids.hpp"
#include "model/signal_plans.hpp"
#include "routing/route_trips.hpp"
#include "sim/emergency/emergency_state.hpp"
#include "sim/meso/active_sets.hpp"
#include "sim/transit/transit_state.hpp"

namespace arteria {

enum class VehicleStatus : std::uint8_t {
  pending = 0,  // not yet on the network (before departure, or waiting for room)
  en_route = 1,
  arrived = 2,
  stuck = 3,       // removed after being blocked too long
  unroutable = 4,  // no path: never departs
};

// A vehicle's place in a link's ring or a lane group's ring, with what the link's two phases
// need to know of it, so that a vehicle waiting or travelling costs reads of its ring and not of
// the vehicle arrays. `step` is, while it travels or queues (the link ring, or a group's
// [gate, tail)), the first step at which its free-flow exit time has come, and once it has
// passed its group's flow gate ([head, gate) of the group), the step it did.
// `next_pos` is where its next link sits in routes.links, so that the link phase can fetch it
// ahead of the node phase, which reads it to move the vehicle on.
struct RingEntry {
  Index vehicle = invalid_index;
  Index next_pos = invalid_index;  // route position of its next link; invalid_index: none
  std::uint32_t step = 0;
  float pcu = 1.0f;
  friend bool operator==(const RingEntry&, const RingEntry&) = default;
};

// Per link. Controls are written by events between steps; during a step the link phase (task
// l) writes the sorted and gate counts, freed space, hole head and next times of l, the
// downstream node of l its head and hole tail (leave_link), the upstream node its tail and
// entered space (enter_link).
struct LinkState {
  // Controls: start as the network's values, changed by events. capacity_vph, free_speed_mps
  // and storage_pcu are what the model uses: the link's own values (own_*: the network's, or the
  // last set_link_capacity / set_link_speed) under the road works in force (lanes_closed,
  // speed_limit_mps), as refresh_link_controls derives them.
  std::vector<float> capacity_vph;
  std::vector<float> free_speed_mps;
  std::vector<std::uint8_t> closed;
  std::vector<double> storage_pcu;   // jam storage, pcu
  std::vector<double> wave_delay_s;  // length / backward-wave speed
  std::vector<float> own_capacity_vph;
  std::vector<float> own_free_speed_mps;
  std::vector<std::uint8_t> lanes_closed;  // by road works (close_lanes)
  std::vector<float> speed_limit_mps;      // by road works (limit_speed); 0: none

  // Vehicles on each link, in entry order, in a ring slice [ring_first[l], ring_first[l+1]).
  // Counters only grow; a vehicle's slot is counter % capacity. [sorted, tail) of the ring are
  // still travelling (or past their exit time, held by a full lane group); the vehicles before
  // `sorted` moved into their lane groups (GroupState). The array also holds, after the links'
  // slices, the slices of the lane groups of links with several.
  // `head` counts the vehicles that left, `gate` those that passed a group's flow gate, so
  // tail - head are on the link and gate - head wait in the groups' buffers for the node.
  std::vector<Index> ring_first;
  std::vector<RingEntry> ring;
  std::vector<std::uint64_t> head;
  std::vector<std::uint64_t> gate;
  std::vector<std::uint64_t> sorted;
  std::vector<std::uint64_t> tail;
  std::vector<double> entered_pcu;  // total pcu that ever entered (upstream end)
  std::vector<double> freed_pcu;    // total pcu whose space has reached the upstream end
  // Room at the upstream end is storage - (entered - freed): `entered` is written only by the
  // upstream node and `freed` only in the link phase, so the node phase can compute it without
  // a snapshot. Empty links with no holes in transit are skipped by the link phase entirely.

  // Space freed at the downstream end travels upstream as a "hole" for wave_delay_s.
  // Holes leaving in the same step share an entry, so a ring of delay/step + 2 entries suffices.
  std::vector<Index> hole_first;
  std::vector<double> hole_time_s;  // when the space reaches the upstream end
  std::vector<double> hole_pcu;
  std::vector<std::uint64_t> hole_head;
  std::vector<std::uint64_t> hole_tail;

  // [head, ready) are the vehicles whose free-flow exit time has passed: the queue (all those
  // in the groups, and the ring's from `sorted` on whose time has come). `ready`
  // only moves forward and is advanced when queues are read (bin ends, observations), so it
  // costs O(1) per vehicle, not a scan per step.
  std::vector<std::uint64_t> ready;
  // The exit step of the ring's vehicle at `sorted` (never_step when none travels; at most the
  // current step after a link phase when a full lane group holds it) and the arrival time
  // of the oldest hole (infinity when there is none), kept beside the link so that the link
  // phase of a link with nothing due reads one cache line instead of its rings.
  std::vector<std::uint64_t> next_exit_step;
  std::vector<double> next_hole_s;
};

// Per lane group (Network::link_first_group): the downstream end of a link, one queue per set
// of lanes serving the same movements. Vehicles whose exit time has come move from the link's
// ring into their group's slice of `LinkState::ring`, slots ring_first[g] + (counter &
// ring_mask[g]), in entry order. A link's only group is the link's own slice: its vehicles stay
// where they are and its counters equal the link's (tail = sorted), so a link without lane
// information costs no copy. Of a group's vehicles
// [gate, tail) queue for the group's flow gate and [head, gate) passed it and wait for the node
// (the buffer). The link phase writes gate, tail, credit and adds to `pcu`; the link's
// downstream node writes head and takes from `pcu`. Controls follow the link's (events).
struct GroupState {
  std::vector<double> flow_per_step;       // the group's share of the capacity, pcu per step
  std::vector<std::uint32_t> buffer_size;  // vehicles that may wait past the flow gate
  std::vector<double> storage_pcu;         // the group's share of the link's storage
  std::vector<Index> ring_first;
  std::vector<Index> ring_mask;  // slots - 1 (a power of two less one)
  std::vector<std::uint64_t> head;
  std::vector<std::uint64_t> gate;
  std::vector<std::uint64_t> tail;
  std::vector<double> pcu;                 // of the vehicles in [head, tail)
  std::vector<double> flow_credit;         // pcu the gate may still pass (fractional carry)
  std::vector<std::uint64_t> credit_step;  // the step the credit was last brought up to
};

// Departures per first link (owned by its upstream node), by departure time then vehicle id:
// list l is vehicles[first[l], first[l+1]), of which those before next[l] have left. Only
// `next` changes, in the node phase. `depart_s` is each vehicle's departure time beside it,
// so that finding a node's next departure reads the lists and not the whole demand.
struct DepartureLists {
  std::vector<Index> first;
  std::vector<Index> vehicles;
  std::vector<double> depart_s;
  std::vector<Index> next;
};

// Per-link accumulators of the current output bin: inflow and the entry steps by the upstream
// node, outflow, exit steps and traversal time by the downstream node; read and reset at the
// bin's end (collect_link_bin, between steps). Occupancy summed over the bin's steps follows
// from the counts and the steps of the entries and exits (bin_occupancy_sum), so no link has
// to be visited every step to add it up.
struct BinAccumulators {
  std::vector<std::uint32_t> inflow;
  std::vector<std::uint32_t> outflow;
  std::vector<std::uint64_t> entry_step_sum;  // sum of (step + 1) over the bin's entries
  std::vector<std::uint64_t> exit_step_sum;   // sum of (step + 1) over the bin's exits
  std::vector<double> traversal_s;            // time on link of vehicles that left
  // Road vehicles that left, by class: [class × link count + link]. Empty when every road trip
  // is a car (Demand::cars_only): outflow says it all then.
  std::vector<std::uint32_t> class_outflow;
  std::uint32_t steps = 0;
};

// Totals since the start, for per-step flows: entries are counted by the link's upstream
// node, exits by its downstream node.
struct LinkFlows {
  std::vector<std::uint64_t> entered_total;
  std::vector<std::uint64_t> exited_total;
  // Entries and exits during the step `*_step` (for per-step flows without touching
  // idle links every step): a count is valid for the step its stamp names.
  std::vector<std::uint64_t> entry_step;
  std::vector<std::uint32_t> entries_in_step;
  std::vector<std::uint64_t> exit_step;
  std::vector<std::uint32_t> exits_in_step;
};

// What moving a vehicle from one link into the next reads and writes of it, in one record of
// half a cache line, so that a move misses the cache once on the vehicle and not once per field.
struct VehicleMotion {
  double enter_s = 0.0;  // entered the current link
  double exit_s = 0.0;   // earliest exit from the current link
  Index route_pos = 0;   // index into routes.links of the current/first link
  Index route_end = 0;
  float distance_m = 0.0f;
  float pcu = 1.0f;  // the trip's (Demand::trip_pcu), kept here beside the rest
  friend bool operator==(const VehicleMotion&, const VehicleMotion&) = default;
};

// Vehicles (one per trip), written by the task that owns the place the vehicle is in (the node
// phase moving it, the link phase gating it, the transit phase at stops); routes also change
// by re-routing between steps.
struct VehicleState {
  std::vector<VehicleStatus> status;
  std::vector<VehicleMotion> motion;
  std::vector<double> insert_s;    // NaN until inserted
  std::vector<double> arrive_s;    // NaN until arrived
  std::vector<double> removed_s;   // taken off as stuck; NaN otherwise
  std::vector<float> free_flow_s;  // of the route at departure
  std::vector<std::uint16_t> reroutes;
};

// Signals: the plans the state may switch between, and the plan each node runs. Changed by
// events between steps; read by the node and transit phases.
struct SignalState {
  SignalPlanTable plans;
  std::vector<Index> node_plan;
};

// Per-node counters, written by node n's task (and the transit phase), summed in node order
// when totals are needed.
struct NodeCounters {
  std::vector<std::uint64_t> inserted;
  std::vector<std::uint64_t> arrived;
  std::vector<std::uint64_t> stuck_removed;
  std::vector<std::uint64_t> push_throughs;
  std::vector<std::uint64_t> transitions;
};

// A re-route, kept so the links a vehicle drove can be pieced together at the end
// (driven_routes.hpp): it left its route at left_pos (the link it was on, or its first link if
// it had not yet entered the network) for the new route starting at new_pos, which begins with
// that same link.
struct RouteSwitch {
  Index vehicle = 0;
  Index left_pos = 0;
  Index new_pos = 0;
  friend bool operator==(const RouteSwitch&, const RouteSwitch&) = default;
};

struct SimState {
  double time_s = 0.0;     // the time the next step simulates
  std::uint64_t step = 0;  // steps done
  std::size_t next_event = 0;

  LinkState links;
  GroupState groups;
  DepartureLists departures;
  BinAccumulators bin;
  LinkFlows flows;
  VehicleState vehicles;
  TripRoutes routes;  // vehicles' routes; rerouting appends new routes at the end
  std::vector<RouteSwitch> route_switches;  // every re-route, in the order made
  std::uint64_t reroutes = 0;
  std::uint64_t reroute_failures = 0;
  SignalState signals;
  NodeCounters nodes;
  TransitState transit;
  EmergencyState emergency;  // emergency vehicles (sim/emergency/); empty without stations
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

// Scratch of a step, and the active sets, which are derived from the state between steps.
struct SimScratch {
  // The node phase's service order over the lane groups of a node's in-links: node n uses
  // [node_first_group[n], node_first_group[n+1]).
  std::vector<Index> node_first_group;
  std::vector<double> service_key;
  std::vector<Index> service_group;
  ActiveSets active;
};

}  // namespace arteria
