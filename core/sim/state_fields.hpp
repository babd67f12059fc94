// Every field of a SimState by name, in one list: f(name, field). The checkpoint writer and
// reader (output/checkpoint_file.cpp) both walk this list, so a field added here is saved and
// restored alike, and a field left out is caught by the size checks at the bottom.
//
// The callback sees five shapes:
//   f(name, scalar)                    a number
//   f(name, std::vector<T>)            a plain array of numbers or enums
//   f(name, std::vector<std::vector<T>>)          a ragged array (per stop, per trip) of numbers
//   f(name, std::vector<R>, members)              records, one column per member
//   f(name, std::vector<std::vector<R>>, members) ragged records
// `members` is a tuple of Member (name, pointer to member) saying how a record splits into
// columns, so files hold plain arrays only.
//
// Not listed: `signals.plans`, a copy of the network's plan table that no event changes (events
// switch `signals.node_plan`); a restored state takes it from the scenario.
#pragma once

#include <tuple>
#include <type_traits>

#include "sim/sim_state.hpp"

namespace arteria {

template <class Record, class Value>
struct Member {
  const char* name;
  Value Record::*pointer;
};
// Spelled out: Clang 14 does not deduce an aggregate's template arguments by itself.
template <class Record, class Value>
Member(const char*, Value Record::*) -> Member<Record, Value>;

inline constexpr auto boarded_members = std::tuple{Member{"passenger", &Boarded::passenger},
                                                   Member{"alight_call", &Boarded::alight_call}};

inline constexpr auto journey_leg_members =
    std::tuple{Member{"kind", &JourneyLeg::kind},
               Member{"from_stop", &JourneyLeg::from_stop},
               Member{"to_stop", &JourneyLeg::to_stop},
               Member{"trip", &JourneyLeg::trip},
               Member{"board_call", &JourneyLeg::board_call},
               Member{"alight_call", &JourneyLeg::alight_call},
               Member{"depart_s", &JourneyLeg::depart_s},
               Member{"arrive_s", &JourneyLeg::arrive_s}};

inline constexpr auto timer_members = std::tuple{Member{"time_s", &PassengerTimer::time_s},
                                                 Member{"passenger", &PassengerTimer::passenger},
                                                 Member{"serial", &PassengerTimer::serial}};

inline constexpr auto ring_entry_members =
    std::tuple{Member{"vehicle", &RingEntry::vehicle}, Member{"next_pos", &RingEntry::next_pos},
               Member{"step", &RingEntry::step}, Member{"pcu", &RingEntry::pcu}};

inline constexpr auto route_switch_members =
    std::tuple{Member{"vehicle", &RouteSwitch::vehicle}, Member{"left_pos", &RouteSwitch::left_pos},
               Member{"new_pos", &RouteSwitch::new_pos}};

inline constexpr auto vehicle_motion_members =
    std::tuple{Member{"enter_s", &VehicleMotion::enter_s},
               Member{"exit_s", &VehicleMotion::exit_s},
               Member{"route_pos", &VehicleMotion::route_pos},
               Member{"route_end", &VehicleMotion::route_end},
               Member{"distance_m", &VehicleMotion::distance_m},
               Member{"pcu", &VehicleMotion::pcu}};

namespace state_field_groups {

// Per link and lane group: controls, the vehicle and hole rings and their counters.
template <class State, class F>
void link_fields(State& s, F& f) {
  auto& l = s.links;
  f("links/capacity_vph", l.capacity_vph);
  f("links/free_speed_mps", l.free_speed_mps);
  f("links/closed", l.closed);
  f("links/storage_pcu", l.storage_pcu);
  f("links/wave_delay_s", l.wave_delay_s);
  f("links/own_capacity_vph", l.own_capacity_vph);
  f("links/own_free_speed_mps", l.own_free_speed_mps);
  f("links/lanes_closed", l.lanes_closed);
  f("links/speed_limit_mps", l.speed_limit_mps);
  f("links/ring_first", l.ring_first);
  f("links/ring", l.ring, ring_entry_members);
  f("links/head", l.head);
  f("links/gate", l.gate);
  f("links/sorted", l.sorted);
  f("links/tail", l.tail);
  f("links/entered_pcu", l.entered_pcu);
  f("links/freed_pcu", l.freed_pcu);
  f("links/hole_first", l.hole_first);
  f("links/hole_time_s", l.hole_time_s);
  f("links/hole_pcu", l.hole_pcu);
  f("links/hole_head", l.hole_head);
  f("links/hole_tail", l.hole_tail);
  f("links/ready", l.ready);
  f("links/next_exit_step", l.next_exit_step);
  f("links/next_hole_s", l.next_hole_s);

  auto& g = s.groups;
  f("groups/flow_per_step", g.flow_per_step);
  f("groups/buffer_size", g.buffer_size);
  f("groups/storage_pcu", g.storage_pcu);
  f("groups/ring_first", g.ring_first);
  f("groups/ring_mask", g.ring_mask);
  f("groups/head", g.head);
  f("groups/gate", g.gate);
  f("groups/tail", g.tail);
  f("groups/pcu", g.pcu);
  f("groups/flow_credit", g.flow_credit);
  f("groups/credit_step", g.credit_step);
}

// Departure lists, the open output bin and the per-step flows.
template <class State, class F>
void movement_fields(State& s, F& f) {
  f("departures/first", s.departures.first);
  f("departures/vehicles", s.departures.vehicles);
  f("departures/depart_s", s.departures.depart_s);
  f("departures/next", s.departures.next);

  f("bin/inflow", s.bin.inflow);
  f("bin/outflow", s.bin.outflow);
  f("bin/entry_step_sum", s.bin.entry_step_sum);
  f("bin/exit_step_sum", s.bin.exit_step_sum);
  f("bin/traversal_s", s.bin.traversal_s);
  f("bin/class_outflow", s.bin.class_outflow);
  f("bin/steps", s.bin.steps);

  f("flows/entered_total", s.flows.entered_total);
  f("flows/exited_total", s.flows.exited_total);
  f("flows/entry_step", s.flows.entry_step);
  f("flows/entries_in_step", s.flows.entries_in_step);
  f("flows/exit_step", s.flows.exit_step);
  f("flows/exits_in_step", s.flows.exits_in_step);
}

// Per vehicle, their routes, the signal plans in force and the node counters.
template <class State, class F>
void vehicle_fields(State& s, F& f) {
  auto& v = s.vehicles;
  f("vehicles/status", v.status);
  f("vehicles/motion", v.motion, vehicle_motion_members);
  f("vehicles/insert_s", v.insert_s);
  f("vehicles/arrive_s", v.arrive_s);
  f("vehicles/removed_s", v.removed_s);
  f("vehicles/free_flow_s", v.free_flow_s);
  f("vehicles/reroutes", v.reroutes);

  f("routes/trip_first_link", s.routes.trip_first_link);
  f("routes/links", s.routes.links);
  f("routes/switches", s.route_switches, route_switch_members);

  f("signals/node_plan", s.signals.node_plan);

  f("nodes/inserted", s.nodes.inserted);
  f("nodes/arrived", s.nodes.arrived);
  f("nodes/stuck_removed", s.nodes.stuck_removed);
  f("nodes/push_throughs", s.nodes.push_throughs);
  f("nodes/transitions", s.nodes.transitions);
}

// Transit trips, calls, stops and passengers.
template <class State, class F>
void transit_fields(State& s, F& f) {
  auto& t = s.transit;
  f("transit/phase", t.phase);
  f("transit/next_call", t.next_call);
  f("transit/place", t.place);
  f("transit/depart_ready_s", t.depart_ready_s);
  f("transit/on_board", t.on_board, boarded_members);
  f("transit/trip_capacity", t.trip_capacity);
  f("transit/next_start", t.next_start);
  f("transit/running", t.running);
  f("transit/blocked_starts", t.blocked_starts);
  f("transit/call_arrival_s", t.call_arrival_s);
  f("transit/call_departure_s", t.call_departure_s);
  f("transit/call_boardings", t.call_boardings);
  f("transit/call_alightings", t.call_alightings);
  f("transit/call_denied", t.call_denied);
  f("transit/call_load", t.call_load);
  f("transit/stop_waiting", t.stop_waiting);
  f("transit/stop_joined", t.stop_joined);
  f("transit/trip_seen_joined", t.trip_seen_joined);
  f("transit/pax_phase", t.pax_phase);
  f("transit/pax_plan", t.pax_plan, journey_leg_members);
  f("transit/pax_leg", t.pax_leg);
  f("transit/pax_since_s", t.pax_since_s);
  f("transit/pax_arrive_s", t.pax_arrive_s);
  f("transit/pax_walk_s", t.pax_walk_s);
  f("transit/pax_wait_s", t.pax_wait_s);
  f("transit/pax_in_vehicle_s", t.pax_in_vehicle_s);
  f("transit/pax_rides", t.pax_rides);
  f("transit/pax_denied", t.pax_denied);
  f("transit/pax_replans", t.pax_replans);
  f("transit/pax_serial", t.pax_serial);
  f("transit/pax_denied_call", t.pax_denied_call);
  f("transit/pax_reason", t.pax_reason);
  f("transit/next_pax_departure", t.next_pax_departure);
  f("transit/timers", t.timers, timer_members);
}

}  // namespace state_field_groups

template <class State, class F>
requires std::is_same_v<std::remove_const_t<State>, SimState>
void for_each_state_field(State& s, F&& f) {
  f("time_s", s.time_s);
  f("step", s.step);
  f("next_event", s.next_event);
  f("reroutes", s.reroutes);
  f("reroute_failures", s.reroute_failures);
  state_field_groups::link_fields(s, f);
  state_field_groups::movement_fields(s, f);
  state_field_groups::vehicle_fields(s, f);
  state_field_groups::transit_fields(s, f);
}

// A tripwire, not a layout promise: each group's size as the list above knows it (libstdc++,
// 64-bit: a vector is 24 bytes). A field added to a group changes its size and stops the build
// here until the field is listed above (and these numbers are updated).
namespace state_fields_check {
constexpr std::size_t vector_bytes = sizeof(std::vector<int>);
static_assert(sizeof(LinkState) == 25 * vector_bytes, "list the new LinkState field above");
static_assert(sizeof(GroupState) == 11 * vector_bytes, "list the new GroupState field above");
static_assert(sizeof(DepartureLists) == 4 * vector_bytes, "list the new field above");
static_assert(sizeof(BinAccumulators) == 6 * vector_bytes + 8, "list the new field above");
static_assert(sizeof(LinkFlows) == 6 * vector_bytes, "list the new LinkFlows field above");
static_assert(sizeof(VehicleState) == 7 * vector_bytes, "list the new VehicleState field above");
static_assert(sizeof(NodeCounters) == 5 * vector_bytes, "list the new NodeCounters field above");
static_assert(sizeof(TransitState) == 32 * vector_bytes + 2 * sizeof(std::size_t),
              "list the new TransitState field above");
static_assert(sizeof(SimState) ==
                  3 * 8 + sizeof(LinkState) + sizeof(GroupState) + sizeof(DepartureLists) +
                      sizeof(BinAccumulators) + sizeof(LinkFlows) + sizeof(VehicleState) +
                      sizeof(TripRoutes) + vector_bytes + 2 * 8 + sizeof(SignalState) +
                      sizeof(NodeCounters) + sizeof(TransitState) + sizeof(EmergencyState),
              "list the new SimState field above");
// EmergencyState is not listed: it is records, not arrays, and run_scenario refuses
// checkpoints of scenarios with emergency stations.
}  // namespace state_fields_check

}  // namespace arteria
