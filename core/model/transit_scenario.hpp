// The transit part of a scenario: the day's timetable, where its trips run on the network, the
// passengers and the parameters of their behaviour. Read-only while simulating.
#pragma once

#include "model/demand.hpp"
#include "model/passenger_demand.hpp"
#include "model/planner_params.hpp"
#include "model/timetable.hpp"
#include "model/timetable_edits.hpp"
#include "model/transit_placement.hpp"

namespace arteria {

struct TransitParams {
  PlannerParams planner;
  // A passenger waiting this long for a vehicle of their plan plans again from the stop; with no
  // journey left they are stranded ("no_service").
  double max_wait_s = 1800.0;
  // Plans a passenger may make after the first; beyond them they give up ("no_service").
  std::uint16_t max_replans = 5;
  // A vehicle is at its first stop this long before its first scheduled arrival (passengers
  // board there before it leaves); a trip whose block predecessor is late starts when it ends.
  double terminal_lead_s = 60.0;
  // A late vehicle on a guideway may run this share faster than scheduled (recovery margin).
  double recovery_share = 0.1;
  // A road stop further than this from every link buses may use runs on a guideway instead.
  double max_snap_m = 150.0;
  // A road step slower than this factor x its scheduled time + the allowance runs on a guideway
  // (placement/place_transit.hpp, the detour rule).
  double max_detour_factor = 3.0;
  double detour_allowance_s = 120.0;
};

struct TransitScenario {
  Timetable timetable;
  TransitPlacement placement;
  PassengerDemand passengers;
  TransitParams params;
  // What the timetable changes did to trip counts, per route and direction, for the summary.
  std::vector<TripCountChange> trip_count_changes;
  // Orders that never change while simulating, made once by index_transit():
  std::vector<Index> start_order;  // placed trips by first scheduled arrival, then index
  // Trips of each route: [route_first_trip[r], route_first_trip[r + 1]) of route_trips.
  std::vector<Index> route_first_trip;
  std::vector<Index> route_trips;
  std::vector<Index> passenger_order;  // passengers by departure time, then index
  bool present() const { return timetable.trip_count() > 0; }
};

// Fills the orders of `transit` from its timetable, placement and passengers; call once they
// are final (scenario loading does).
void index_transit(TransitScenario& transit);

// Appends one vehicle trip per placed timetable trip to `demand` (after the road trips, from
// demand.transit_first on), with its placed route as the given route, the vehicle type's pcu and
// the first scheduled departure. Unplaced trips get an empty route (they never run).
void attach_transit_vehicles(const Network& network, const TransitScenario& transit,
                             Demand& demand);

}  // namespace arteria
