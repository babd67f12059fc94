// Earliest-arrival journeys on the timetable (Connection Scan), with walking to, between and from
// stops and a transfer penalty. The rules below are the contract (docs/ARCHITECTURE.md links
// here); the brute-force check in the tests implements them independently.
//
// The rules (the contract of plan() and earliest_arrivals()):
// - Times are seconds on the timetable's clock. A trip is boarded at a call whose call_pickup is
//   1, at that call's departure time, and left at any later call of the same trip whose
//   call_dropoff is 1, at that call's arrival time. Staying on board past calls is free (calls
//   without pickup or drop-off are passed through).
// - Access: the origin reaches each `from` stop at depart_s + its walk_s, and may board there any
//   departure at or after that time (no penalty for the first boarding). Access walks are not
//   followed by footpaths.
// - Transfer: after alighting at stop s at time a, the passenger may board another departure at
//   s at or after a + transfer_penalty_s, or walk one footpath to another stop u whose walking
//   distance (straight line × walk_detour) is at most max_transfer_walk_m, taking that distance
//   / walk_speed_mps seconds, and board at u at or after a + walk + transfer_penalty_s.
//   Footpaths are never chained (alight → at most one walk → board).
// - Egress: alighting at a `to` stop at time a arrives at a + its walk_s. The journey with the
//   earliest arrival wins. Among equal arrivals fewer rides are preferred as the scan meets them
//   (labels are compared by (time, rides)); this is exact for the arrival time, and a best effort
//   for the ride count, which is not guaranteed minimal when a later label with fewer rides could
//   also make the same connection.
// - A stop in both `from` and `to` gives the walk-only journey depart_s + both walks, 0 rides.
// - When a stop is listed twice in `from` (or `to`), its shortest walk is used.
// - Walking distances for stops_near follow the same rule: straight line × walk_detour ≤ the
//   limit, walk time = straight line × walk_detour / walk_speed_mps.
//
// Threading: the planner is immutable after construction; each query uses thread-local scratch
// (stamped arrays, so nothing is cleared or allocated per query once warm). plan() and
// earliest_arrivals() may run concurrently from any number of threads.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "base/ids.hpp"
#include "model/planner_params.hpp"
#include "model/timetable.hpp"
#include "routing/footpaths.hpp"

namespace arteria {

struct StopWalk {
  Index stop = invalid_index;
  double walk_s = 0.0;
};

enum class LegKind : std::uint8_t { walk, ride };

// Legs run in order: an access walk (origin point → first stop, possibly 0 s), then rides, with
// a transfer walk leg between two rides only when the transfer uses a footpath (a same-stop
// transfer has no leg), and an egress walk (last stop → destination point). Waiting is the gap
// between one leg's arrive_s and the next one's depart_s.
struct JourneyLeg {
  LegKind kind = LegKind::walk;
  Index from_stop = invalid_index;  // invalid_index: the origin point
  Index to_stop = invalid_index;    // invalid_index: the destination point
  Index trip = invalid_index;       // ride legs
  Index board_call = invalid_index;
  Index alight_call = invalid_index;
  double depart_s = 0.0;
  double arrive_s = 0.0;
};

struct Journey {
  bool found = false;
  double arrive_s = 0.0;  // = legs.back().arrive_s
  std::vector<JourneyLeg> legs;
  std::int32_t rides() const;
};

// Earliest arrival at one stop (earliest_arrivals' sparse output).
struct StopArrival {
  Index stop = invalid_index;
  double arrive_s = 0.0;
};

class JourneyPlanner {
 public:
  // Keeps a reference to `timetable`, which must outlive the planner and not change under it.
  // `runs`, when given, has one flag per trip: trips flagged 0 (not placed on the network, so
  // they never run) are left out of every journey.
  JourneyPlanner(const Timetable& timetable, const PlannerParams& params,
                 const std::vector<std::uint8_t>& runs = {});
  // Stops within walking distance of a point (metres, the timetable's projection), ascending by
  // stop index, with their walking times.
  std::vector<StopWalk> stops_near(double x_m, double y_m, double max_walk_m) const;
  // The earliest-arrival journey leaving `from` no earlier than depart_s. Thread-safe (const).
  Journey plan(const std::vector<StopWalk>& from, const std::vector<StopWalk>& to,
               double depart_s) const;

  // One to all: the earliest arrival at every stop reached by until_s (same rules; `from` stops
  // are reached at depart_s + walk_s; a stop reached by a ride or footpath counts at its arrival
  // time, before any transfer penalty). Unordered; `out` is overwritten. Thread-safe.
  void earliest_arrivals(const std::vector<StopWalk>& from, double depart_s, double until_s,
                         std::vector<StopArrival>& out) const;
  // The same from one stop, dense: arrival per stop, +infinity when not reached by until_s.
  std::vector<double> earliest_arrivals(
      Index from_stop, double depart_s,
      double until_s = std::numeric_limits<double>::infinity()) const;

  const Timetable& timetable() const { return timetable_; }
  const PlannerParams& params() const { return params_; }
  const Footpaths& footpaths() const { return footpaths_; }
  std::size_t connection_count() const { return connections_.size(); }

  // One hop of a trip between consecutive calls, the unit the scan works on (32 bytes).
  struct Connection {
    std::int32_t depart_s;
    std::int32_t arrive_s;
    Index depart_stop;
    Index arrive_stop;
    Index trip;
    Index depart_call;      // the arrival call is depart_call + 1
    std::uint8_t pickup;    // of the departure call
    std::uint8_t drop_off;  // of the arrival call
  };

 private:
  struct Best;
  // Scans connections from depart_s; fills the thread's scratch labels. With destinations (marked
  // in the scratch by plan()), the scan ends once no connection can improve on the best arrival.
  Best scan(const std::vector<StopWalk>& from, double depart_s, double until_s,
            bool with_destinations) const;

  const Timetable& timetable_;
  PlannerParams params_;
  WalkRule walk_;
  std::vector<Connection> connections_;  // by departure time, then arrival time, trip, call
  Footpaths footpaths_;
  StopGrid grid_;
};

}  // namespace arteria
