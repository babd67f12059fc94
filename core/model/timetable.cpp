// The timetable's own operations: mode names, default vehicle types, lookups and the trips
// added by edits (building one from a GTFS feed is formats/gtfs/gtfs_timetable.cpp).
#include "model/timetable.hpp"

namespace arteria {

const char* transit_mode_name(TransitMode mode) {
  switch (mode) {
    case TransitMode::tram: return "tram";
    case TransitMode::metro: return "metro";
    case TransitMode::rail: return "rail";
    case TransitMode::bus: return "bus";
    case TransitMode::ferry: return "ferry";
    case TransitMode::cable: return "cable";
    case TransitMode::trolleybus: return "trolleybus";
    case TransitMode::other: return "other";
  }
  return "other";
}

// Capacities and passenger service times are planning defaults (see docs/ARCHITECTURE.md
// "Transit"): a standard 12 m bus, single-door boarding and rear-door alighting after TCQSM
// 3rd ed. (TCRP Report 165, ch. 6); rail vehicles board through many doors at once.
VehicleType default_vehicle_type(TransitMode mode) {
  switch (mode) {
    case TransitMode::bus:
    case TransitMode::trolleybus:
    case TransitMode::other: return {transit_mode_name(mode), 40, 30, 2.0f, 4.0, 2.5, 1.5};
    case TransitMode::tram: return {"tram", 60, 140, 3.0f, 6.0, 0.6, 0.4};
    case TransitMode::metro: return {"metro", 300, 700, 1.0f, 10.0, 0.15, 0.1};
    case TransitMode::rail: return {"rail", 400, 400, 1.0f, 15.0, 0.2, 0.15};
    case TransitMode::ferry: return {"ferry", 300, 0, 1.0f, 30.0, 1.0, 1.0};
    case TransitMode::cable: return {"cable", 30, 30, 1.0f, 10.0, 1.5, 1.5};
  }
  return {"bus", 40, 30, 2.0f, 4.0, 2.5, 1.5};
}

std::optional<TransitMode> transit_mode_named(std::string_view name) {
  for (int m = 0; m <= static_cast<int>(TransitMode::other); ++m) {
    if (name == transit_mode_name(static_cast<TransitMode>(m))) return static_cast<TransitMode>(m);
  }
  return std::nullopt;
}

Index Timetable::find_stop(std::string_view id) const {
  const auto it = stop_by_id.find(id);
  return it == stop_by_id.end() ? invalid_index : it->second;
}

Index Timetable::find_route(std::string_view id) const {
  const auto it = route_by_id.find(id);
  return it == route_by_id.end() ? invalid_index : it->second;
}

void append_calls(Timetable& into, const Timetable& from, Index trip, Index stop_offset) {
  for (Index c = from.calls_begin(trip); c < from.calls_end(trip); ++c) {
    into.call_stop.push_back(from.call_stop[c] + stop_offset);
    into.call_arrival_s.push_back(from.call_arrival_s[c]);
    into.call_departure_s.push_back(from.call_departure_s[c]);
    into.call_timepoint.push_back(from.call_timepoint[c]);
    into.call_pickup.push_back(from.call_pickup[c]);
    into.call_dropoff.push_back(from.call_dropoff[c]);
  }
}

Index add_timetable_trip(Timetable& tt, std::string id, Index route,
                         const std::vector<Index>& stops,
                         const std::vector<std::int32_t>& arrival_s,
                         const std::vector<std::int32_t>& departure_s, std::int8_t direction) {
  for (std::size_t k = 0; k < stops.size(); ++k) {
    tt.call_stop.push_back(stops[k]);
    tt.call_arrival_s.push_back(arrival_s[k]);
    tt.call_departure_s.push_back(departure_s[k]);
    tt.call_timepoint.push_back(1);
    tt.call_pickup.push_back(1);
    tt.call_dropoff.push_back(1);
  }
  tt.trip_id.push_back(std::move(id));
  tt.trip_route.push_back(route);
  tt.trip_vehicle_type.push_back(tt.route_vehicle_type[route]);
  tt.trip_previous_in_block.push_back(invalid_index);
  tt.trip_shape.push_back(invalid_index);
  tt.trip_direction.push_back(direction);
  tt.trip_first_call.push_back(static_cast<Index>(tt.call_stop.size()));
  return tt.trip_count() - 1;
}

}  // namespace arteria
