// Plain records of transit and passengers that a run produces for the output writer (layout:
// docs/OUTPUT.md: /transit/stops, /transit/trips, /transit/calls,
// /passengers). No HDF5 types here, as in run_records.hpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/ids.hpp"

namespace arteria {

enum class TransitTripStatus : std::uint8_t {
  completed = 0,    // served its last call
  en_route = 1,     // running when the run ended
  not_started = 2,  // first departure after the end of the run (or before its start)
  unplaced = 3,     // no route on the network: never runs
};
const char* transit_trip_status_name(TransitTripStatus status);

enum class PassengerStatus : std::uint8_t {
  arrived = 0,
  en_route = 1,      // walking, waiting or riding when the run ended
  stranded = 2,      // gave up; see PassengerRecords::reason
  not_departed = 3,  // departure after the end of the run
};
const char* passenger_status_name(PassengerStatus status);

enum class StrandedReason : std::uint8_t {
  none = 0,
  no_journey = 1,  // the planner found no journey at departure
  no_service = 2,  // waited max_wait_s and re-planning found no journey from the stop
};
const char* stranded_reason_name(StrandedReason reason);

struct TransitStopRecords {
  std::vector<std::string> id;
  std::vector<std::string> name;
  std::vector<double> lat_deg;
  std::vector<double> lon_deg;
  // Per time bin of bin_s from time_s[0]: boardings and alightings, [bin][stop] row-major.
  double bin_s = 300.0;
  std::vector<double> time_s;
  std::vector<std::uint32_t> boardings;
  std::vector<std::uint32_t> alightings;
};

struct TransitTripRecords {
  std::vector<std::string> id;
  std::vector<std::string> route_id;
  std::vector<std::string> route_name;
  std::vector<std::string> mode;          // transit_mode_name
  std::vector<std::string> vehicle_type;  // VehicleType::name
  std::vector<std::int32_t> capacity;     // seated + standing
  std::vector<Index> vehicle;             // simulation vehicle id (for /trips-like lookups)
  std::vector<std::uint8_t> status;       // TransitTripStatus
  std::vector<std::uint32_t> boardings;
  std::vector<float> max_load;  // most passengers on board between two stops
  std::vector<float> distance_m;
};

// One row per stop call of every trip, in trip then sequence order.
struct TransitCallRecords {
  std::vector<Index> trip;              // row of TransitTripRecords
  std::vector<Index> stop;              // row of TransitStopRecords
  std::vector<std::uint32_t> sequence;  // 0-based call number within the trip
  std::vector<double> scheduled_arrival_s;
  std::vector<double> scheduled_departure_s;
  std::vector<double> arrival_s;    // NaN when not reached
  std::vector<double> departure_s;  // NaN when not left
  std::vector<std::uint32_t> boardings;
  std::vector<std::uint32_t> alightings;
  std::vector<std::uint32_t> denied;  // passengers left behind for lack of room
  std::vector<std::uint32_t> load;    // on board when leaving: load to the next stop
};

struct PassengerRecords {
  std::vector<std::string> id;
  std::vector<double> depart_s;
  std::vector<double> arrive_s;  // NaN unless arrived
  std::vector<float> walk_s;
  std::vector<float> wait_s;
  std::vector<float> in_vehicle_s;
  std::vector<std::uint16_t> rides;
  std::vector<std::uint16_t> transfers;  // rides - 1 when there were rides
  std::vector<std::uint16_t> denied;     // boardings refused for lack of room
  std::vector<std::uint16_t> replans;
  std::vector<std::uint8_t> status;  // PassengerStatus
  std::vector<std::uint8_t> reason;  // StrandedReason
};

struct TransitRecords {
  TransitStopRecords stops;
  TransitTripRecords trips;
  TransitCallRecords calls;
  PassengerRecords passengers;
};

}  // namespace arteria
