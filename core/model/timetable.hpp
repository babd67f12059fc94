// The timetable of one service day, for simulation and journey planning (built from a GTFS feed
// by formats/gtfs/gtfs_timetable.hpp): stops, routes, vehicle types, trips and their stop calls, as
// plain arrays indexed by dense ids. Times are seconds after midnight of the service day (the
// simulation clock), past 24:00 kept above 86400. Frequency-based trips are expanded into one trip
// per departure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/id_map.hpp"

namespace arteria {

// How a route runs: road modes share the road with general traffic (when the scenario has
// roads), the others run on their own guideway links on their schedule.
enum class TransitMode : std::uint8_t { tram, metro, rail, bus, ferry, cable, trolleybus, other };

const char* transit_mode_name(TransitMode mode);
// The mode transit_mode_name gives `name`; nullopt for a name that is none.
std::optional<TransitMode> transit_mode_named(std::string_view name);
inline bool runs_on_road(TransitMode mode) {
  return mode == TransitMode::bus || mode == TransitMode::trolleybus;
}

// A vehicle type: capacity and how fast passengers get on and off (dwell model, see
// docs/ARCHITECTURE.md "Transit").
struct VehicleType {
  std::string name;
  std::int32_t seated = 0;
  std::int32_t standing = 0;
  float pcu = 1.0f;               // road space in passenger-car units
  double dead_time_s = 0.0;       // doors open and close, once per stop with passenger movement
  double board_s_per_pax = 0.0;   // per boarding passenger
  double alight_s_per_pax = 0.0;  // per alighting passenger
  std::int32_t capacity() const { return seated + standing; }
};

// Default vehicle types per mode (bus: 40 seated + 30 standing, 2 pcu, 4 s + 2.5 s/board +
// 1.5 s/alight; rail modes several doors, so faster per passenger). Documented in
// docs/ARCHITECTURE.md with their sources.
VehicleType default_vehicle_type(TransitMode mode);

struct Timetable {
  std::string source;     // the feed, for messages
  std::int32_t date = 0;  // YYYYMMDD of the service day

  // Stops (every stop of the feed, so GTFS stop ids keep their index).
  double origin_lat_deg = 0.0;  // of the local projection the x/y metres use
  double origin_lon_deg = 0.0;
  std::vector<std::string> stop_id;
  std::vector<std::string> stop_name;
  std::vector<double> stop_x_m;
  std::vector<double> stop_y_m;
  std::vector<double> stop_lat_deg;
  std::vector<double> stop_lon_deg;

  // Routes.
  std::vector<std::string> route_id;
  std::vector<std::string> route_name;  // short name, else long name, else id
  std::vector<TransitMode> route_mode;
  std::vector<Index> route_vehicle_type;

  std::vector<VehicleType> vehicle_types;

  // Trips in the feed's order (frequency copies in departure order after their template's
  // place), then trips added by events. Calls of trip t are [trip_first_call[t],
  // trip_first_call[t + 1]), at least two.
  std::vector<std::string> trip_id;  // frequency copies: "<trip_id>@HH:MM:SS"
  std::vector<Index> trip_route;
  std::vector<Index> trip_vehicle_type;  // starts as the route's; events may change it
  // The trip run before this one by the same vehicle (GTFS block_id), invalid_index when none:
  // a late vehicle starts its next trip late.
  std::vector<Index> trip_previous_in_block;
  std::vector<Index> trip_shape;  // into shape_first_point; invalid_index when none
  // GTFS direction_id (0 or 1; -1 when the feed gives none): the two ways along a route, which
  // headway changes keep apart.
  std::vector<std::int8_t> trip_direction;
  std::vector<Index> trip_first_call{0};

  // Stop calls, grouped by trip in stop sequence order.
  std::vector<Index> call_stop;
  std::vector<std::int32_t> call_arrival_s;
  std::vector<std::int32_t> call_departure_s;
  std::vector<std::uint8_t> call_timepoint;  // 1: the vehicle waits for call_departure_s
  std::vector<std::uint8_t> call_pickup;     // 1: passengers may board
  std::vector<std::uint8_t> call_dropoff;    // 1: passengers may alight

  // Shapes (x/y metres in the same projection), for matching road routes.
  std::vector<Index> shape_first_point{0};
  std::vector<double> shape_x_m;
  std::vector<double> shape_y_m;

  IdMap stop_by_id;
  IdMap route_by_id;

  Index stop_count() const { return static_cast<Index>(stop_id.size()); }
  Index route_count() const { return static_cast<Index>(route_id.size()); }
  Index trip_count() const { return static_cast<Index>(trip_route.size()); }
  Index call_count() const { return static_cast<Index>(call_stop.size()); }
  Index calls_begin(Index trip) const { return trip_first_call[trip]; }
  Index calls_end(Index trip) const { return trip_first_call[trip + 1]; }
  Index find_stop(std::string_view id) const;   // invalid_index when unknown
  Index find_route(std::string_view id) const;  // invalid_index when unknown
};

// Appends the calls of `from`'s trip `trip` to `into`'s call arrays, stops shifted by
// `stop_offset` (the caller closes the trip with trip_first_call).
void append_calls(Timetable& into, const Timetable& from, Index trip, Index stop_offset = 0);

// Appends `other` (another feed's day, as a second agency of the same city): its stops are
// brought into `into`'s projection, and ids that `into` has already get "<prefix>:".
void merge_timetable(Timetable& into, const Timetable& other, const std::string& prefix);

// Appends a trip of `route` (the calls' stops, arrival and departure times; every call a
// timepoint allowing pickup and drop-off); returns its index.
Index add_timetable_trip(Timetable& timetable, std::string id, Index route,
                         const std::vector<Index>& stops,
                         const std::vector<std::int32_t>& arrival_s,
                         const std::vector<std::int32_t>& departure_s, std::int8_t direction = -1);

}  // namespace arteria
