// What changes while emergency vehicles run: one record per dispatch (the vehicle sent and
// what it did), the dispatches en route and the signals they hold. Part of SimState, written
// only by emergency_step between the meso model's steps.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "base/ids.hpp"

namespace arteria {

inline constexpr double no_time_s = std::numeric_limits<double>::quiet_NaN();

struct Dispatch {
  std::string incident;  // the incident's id
  Index incident_node = invalid_index;
  Index station = invalid_index;  // into EmergencyPlan::stations; invalid: no station reaches it
  double incident_s = 0.0;
  double dispatch_s = 0.0;            // the first step at or after the incident
  double arrival_s = no_time_s;       // at the incident's node; NaN until (or unless) it gets there
  std::vector<Index> route;           // links from the station to the incident, in order
  Index route_pos = 0;                // the route's link the vehicle is on
  double link_end_s = 0.0;            // when it reaches the end of that link
  double clear_s = no_time_s;         // waiting at a red signal: when the clearance ends
  double delay_caused_s = 0.0;        // vehicle-seconds held at red by its signal pre-emptions
  std::uint64_t vehicles_passed = 0;  // queued vehicles on the links it entered
  std::uint32_t preemptions = 0;      // signals it turned red for the others
};

// A signal held at all-red for an emergency vehicle: its own plan is `saved_plan`, and the
// vehicle held in vehicle-seconds is charged to dispatch `owner`.
struct Preemption {
  Index node = invalid_index;
  Index saved_plan = invalid_index;
  Index owner = invalid_index;
};

struct EmergencyState {
  std::size_t next_incident = 0;         // the scenario's incidents before it are dispatched
  std::vector<Dispatch> dispatches;      // in dispatch order
  std::vector<Index> en_route;           // dispatches on their way, in dispatch order
  std::vector<Preemption> preemptions;   // in the order started
  Index clearance_plan = invalid_index;  // the all-red plan in SignalState::plans, once added
};

}  // namespace arteria
