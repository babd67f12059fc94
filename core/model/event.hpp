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
  set_signal_plan,    // target: node, plan: index into the network's signal plan table
  scale_demand,       // value: factor for trips departing at or after time_s
};

const char* event_kind_name(EventKind kind);

// The checks every way of adding an event makes (the scenario file's [[events]] and Python's
// Scenario.add_event; Simulation's interventions those that apply to "now"). Each returns what is
// wrong, or an empty string when nothing is.

// Whether an event of `kind` takes `key` ("link", "value", "node", "plan") besides its time and
// action: link events a "link", capacity, speed and demand events a "value", set_signal_plan a
// "node" and a "plan". Each key it takes is required; any other is an error.
bool event_takes(EventKind kind, std::string_view key);

// `value` for an event of `kind`: a capacity (veh/h) and a speed (as given, km/h) must be
// positive and finite; a demand factor finite and not negative.
std::string event_value_error(EventKind kind, double value);

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

}  // namespace arteria
