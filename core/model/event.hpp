// What-if interventions on a timeline, applied at step boundaries (see apply_event.hpp).
#pragma once

#include <string>
#include <string_view>

#include "base/error.hpp"
#include "base/ids.hpp"
#include "model/signal_plans.hpp"

namespace arteria {

enum class EventKind {
  close_link,         // target: link
  reopen_link,        // target: link
  set_link_capacity,  // target: link, value: veh/h (all lanes)
  set_link_speed,     // target: link, value: free speed m/s
  close_lanes,        // target: link, value: lanes closed (0: all open again); road works
  limit_speed,        // target: link, value: speed limit m/s (0: no limit); road works
  set_signal_plan,    // target: node, plan: index into the network's signal plan table
  scale_demand,       // value: factor for trips departing at or after time_s
};

const char* event_kind_name(EventKind kind);

// The checks every way of adding an event makes (the scenario file's [[events]] and Python's
// Scenario.add_event; Simulation's interventions those that apply to "now"). Each returns what is
// wrong, or an empty string when nothing is.

// Whether an event of `kind` takes `key` ("link", "value", "node", "plan") besides its time and
// action: link events a "link", capacity, speed and demand events a "value", set_signal_plan a
// "node" and a "plan". Each key it takes is required; any other is an error. close_lanes and
// limit_speed take a "link" and a "value"; road works (road_works.hpp) expand into them.
bool event_takes(EventKind kind, std::string_view key);

// `value` for an event of `kind`: a capacity (veh/h) and a speed (as given, km/h) must be
// positive and finite; a demand factor finite and not negative; lanes closed a whole number, not
// negative (lanes_closed_error checks it against the link); a speed limit (km/h) 0, which lifts
// it, or a valid speed.
std::string event_value_error(EventKind kind, double value);

// Closing `lanes_closed` of a link's `link_lanes` lanes must leave at least one lane open: a
// link without lanes is a closure, which close_link models (vehicles re-route around it).
std::string lanes_closed_error(double lanes_closed, double link_lanes);

// The event's time must lie in the simulated period [start_s, end_s].
std::string event_time_error(double time_s, double start_s, double end_s);

// The plan named `plan` of node `node` (external id `node_id`) in `plans`: invalid_index with
// `error` set (listing the node's plans) when it has none of that name.
Index find_event_plan(const SignalPlanTable& plans, Index node, const std::string& node_id,
                      const std::string& plan, std::string& error);

struct Event {
  double time_s = 0.0;
  EventKind kind = EventKind::close_link;
  Index target = invalid_index;
  double value = 0.0;
  Index plan = invalid_index;
  SourceRef where;
};

// The order events apply in (a stable sort by it keeps the given order otherwise): by time, and
// at one time the ends of road works (close_lanes and limit_speed with value 0) first, so that
// works following each other on a link hand over instead of the first lifting the second.
bool event_applies_before(const Event& a, const Event& b);

}  // namespace arteria
