// What changes in transit while simulating: where each transit vehicle is in its calls, the
// passengers on board and waiting, and the records of every call and passenger. Part of
// SimState, so snapshots and forks carry it.
//
// Ownership within a step: the node phase only sets the phase of a transit vehicle it takes
// off its link at a stop (to reached_stop); everything else is written by the transit phase, which
// runs alone after the node phase, in trip order, so its result never depends on the thread count.
#pragma once

#include <cstdint>
#include <vector>

#include "base/ids.hpp"
#include "routing/journey_planner.hpp"

namespace arteria {

enum class TransitPhase : std::uint8_t {
  waiting_start = 0,  // before its first stop
  driving = 1,        // on a link between stops
  reached_stop = 2,   // taken off its link by the node phase this step, at next_call's stop
  at_stop = 3,        // off the link, serving next_call
  done = 4,           // served its last call
  unplaced = 5,       // never runs
};

enum class PassengerPhase : std::uint8_t {
  not_departed = 0,
  walking = 1,
  waiting = 2,
  riding = 3,
  arrived = 4,
  stranded = 5,
};

struct Boarded {
  Index passenger = invalid_index;
  Index alight_call = invalid_index;
};

// A passenger's next due moment (end of a walk, departure, wait timeout); `serial` tells a stale
// timeout from a live one.
struct PassengerTimer {
  double time_s = 0.0;
  Index passenger = invalid_index;
  std::uint32_t serial = 0;
  bool operator>(const PassengerTimer& other) const {
    return time_s != other.time_s ? time_s > other.time_s : passenger > other.passenger;
  }
};

struct TransitState {
  // Per timetable trip.
  std::vector<TransitPhase> phase;
  std::vector<Index> next_call;  // the call served next (or being served)
  // Where the vehicle is along its placed route: the offset of the link whose downstream end it
  // is at or last passed, -1 before its first link.
  std::vector<std::int32_t> place;
  std::vector<double> depart_ready_s;  // at a stop: dwell over (and timepoint reached)
  std::vector<std::vector<Boarded>> on_board;
  std::vector<std::int32_t> trip_capacity;  // the vehicle type's, until changed while running
  std::size_t next_start = 0;               // into TransitScenario::start_order
  std::vector<Index> running;               // trips started and not done, ascending
  std::vector<Index> blocked_starts;        // ready, but the block's previous trip is still running

  // Per timetable call.
  std::vector<double> call_arrival_s;
  std::vector<double> call_departure_s;
  std::vector<std::uint32_t> call_boardings;
  std::vector<std::uint32_t> call_alightings;
  std::vector<std::uint32_t> call_denied;
  std::vector<std::uint32_t> call_load;

  // Per stop: passengers waiting, in the order they arrived, and how many ever joined: a
  // vehicle dwelling there looks at the list again only when someone new came.
  std::vector<std::vector<Index>> stop_waiting;
  std::vector<std::uint64_t> stop_joined;
  std::vector<std::uint64_t> trip_seen_joined;  // per trip: stop_joined when it last looked

  // Per passenger.
  std::vector<PassengerPhase> pax_phase;
  std::vector<std::vector<JourneyLeg>> pax_plan;
  std::vector<std::uint16_t> pax_leg;  // the leg in progress
  std::vector<double> pax_since_s;     // the current walk/wait/ride began
  std::vector<double> pax_arrive_s;
  std::vector<float> pax_walk_s;
  std::vector<float> pax_wait_s;
  std::vector<float> pax_in_vehicle_s;
  std::vector<std::uint16_t> pax_rides;
  std::vector<std::uint16_t> pax_denied;
  std::vector<std::uint16_t> pax_replans;
  std::vector<std::uint32_t> pax_serial;
  std::vector<Index> pax_denied_call;    // the last call that refused them (counted once)
  std::vector<std::uint8_t> pax_reason;  // StrandedReason
  std::size_t next_pax_departure = 0;    // into TransitScenario::passenger_order
  std::vector<PassengerTimer> timers;    // a min-heap on (time, passenger)
};

}  // namespace arteria
