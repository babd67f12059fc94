// What-if interventions on a timeline, applied at step boundaries (see apply_event.hpp).
#pragma once

#include <string>

#include "base/error.hpp"
#include "base/ids.hpp"

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

// What is wrong with `value` for an event of `kind`, or an empty string when nothing is. A
// capacity (veh/h) and a speed (as given, km/h) must be positive and finite; a demand factor
// finite and not negative. The scenario file reader and Python both check events with this.
std::string event_value_error(EventKind kind, double value);

struct Event {
  double time_s = 0.0;
  EventKind kind = EventKind::close_link;
  Index target = invalid_index;
  double value = 0.0;
  Index plan = invalid_index;
  SourceRef where;
};

}  // namespace arteria
