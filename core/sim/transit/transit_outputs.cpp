// Transit and passenger KPIs and records, read from the state at any time (usually the end).
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/transit/transit_model.hpp"

namespace arteria {
namespace {

TransitTripStatus trip_status(TransitPhase phase) {
  switch (phase) {
    case TransitPhase::done: return TransitTripStatus::completed;
    case TransitPhase::waiting_start: return TransitTripStatus::not_started;
    case TransitPhase::unplaced: return TransitTripStatus::unplaced;
    default: return TransitTripStatus::en_route;
  }
}

PassengerStatus passenger_status(PassengerPhase phase) {
  switch (phase) {
    case PassengerPhase::arrived: return PassengerStatus::arrived;
    case PassengerPhase::stranded: return PassengerStatus::stranded;
    case PassengerPhase::not_departed: return PassengerStatus::not_departed;
    default: return PassengerStatus::en_route;
  }
}

// Every passenger is where their phase says, and nowhere else.
void check_passengers(const SimState& s) {
  const TransitState& ts = s.transit;
  std::size_t waiting = 0, riding = 0, listed_waiting = 0, listed_riding = 0;
  for (const PassengerPhase phase : ts.pax_phase) {
    waiting += phase == PassengerPhase::waiting;
    riding += phase == PassengerPhase::riding;
  }
  for (const auto& list : ts.stop_waiting) listed_waiting += list.size();
  for (const auto& list : ts.on_board) listed_riding += list.size();
  if (waiting != listed_waiting || riding != listed_riding) {
    throw std::logic_error("passenger conservation violated: " + std::to_string(waiting) +
                           " waiting but " + std::to_string(listed_waiting) + " at stops, " +
                           std::to_string(riding) + " riding but " + std::to_string(listed_riding) +
                           " on board");
  }
}

}  // namespace

void add_transit_kpis(const Scenario& sc, const SimState& s, Kpis& k) {
  const Timetable& tt = sc.transit.timetable;
  const TransitState& ts = s.transit;
  if (!sc.transit.present()) return;
  check_passengers(s);
  k.transit_trips = tt.trip_count();
  std::vector<double> deviations;
  double max_load_factor = 0.0;
  for (Index trip = 0; trip < tt.trip_count(); ++trip) {
    k.transit_trips_completed += ts.phase[trip] == TransitPhase::done;
    const double capacity = ts.trip_capacity[trip];
    for (Index c = tt.calls_begin(trip); c < tt.calls_end(trip); ++c) {
      k.boardings += ts.call_boardings[c];
      k.denied_boardings += ts.call_denied[c];
      if (capacity > 0) max_load_factor = std::max(max_load_factor, ts.call_load[c] / capacity);
      if (c == tt.calls_begin(trip) || std::isnan(ts.call_arrival_s[c])) continue;
      deviations.push_back(ts.call_arrival_s[c] - tt.call_arrival_s[c]);
    }
  }
  k.max_load_factor = max_load_factor;
  k.transit_calls_reached = deviations.size();
  if (!deviations.empty()) {
    double sum = 0.0;
    std::size_t on_time = 0;
    for (const double d : deviations) {
      sum += d;
      on_time += std::abs(d) <= 60.0;
    }
    k.transit_mean_deviation_s = sum / static_cast<double>(deviations.size());
    k.transit_on_time_share = static_cast<double>(on_time) / static_cast<double>(deviations.size());
    std::vector<double> magnitude(deviations.size());
    std::transform(deviations.begin(), deviations.end(), magnitude.begin(),
                   [](double d) { return std::abs(d); });
    const std::size_t at = (magnitude.size() * 95 + 99) / 100 - 1;
    std::nth_element(magnitude.begin(), magnitude.begin() + static_cast<std::ptrdiff_t>(at),
                     magnitude.end());
    k.transit_p95_abs_deviation_s = magnitude[at];
  }
  k.passengers = ts.pax_phase.size();
  double journey = 0.0, wait = 0.0, ride = 0.0;
  for (std::size_t p = 0; p < ts.pax_phase.size(); ++p) {
    switch (passenger_status(ts.pax_phase[p])) {
      case PassengerStatus::arrived:
        ++k.passengers_arrived;
        journey += ts.pax_arrive_s[p] - sc.transit.passengers.depart_s[p];
        wait += ts.pax_wait_s[p];
        ride += ts.pax_in_vehicle_s[p];
        break;
      case PassengerStatus::en_route: ++k.passengers_en_route; break;
      case PassengerStatus::stranded: ++k.passengers_stranded; break;
      case PassengerStatus::not_departed: ++k.passengers_not_departed; break;
    }
  }
  if (k.passengers_arrived > 0) {
    const auto arrived = static_cast<double>(k.passengers_arrived);
    k.mean_journey_time_s = journey / arrived;
    k.mean_wait_s = wait / arrived;
    k.mean_in_vehicle_s = ride / arrived;
  }
}

TransitRecords transit_records(const Scenario& sc, const SimState& s, double bin_s) {
  const Timetable& tt = sc.transit.timetable;
  const TransitState& ts = s.transit;
  TransitRecords r;
  TransitStopRecords& stops = r.stops;
  stops.id = tt.stop_id;
  stops.name = tt.stop_name;
  stops.lat_deg = tt.stop_lat_deg;
  stops.lon_deg = tt.stop_lon_deg;
  stops.bin_s = bin_s;
  const double start = sc.sim.start_s;
  const auto bins = static_cast<std::size_t>(std::max(1.0, std::ceil((s.time_s - start) / bin_s)));
  for (std::size_t b = 0; b < bins; ++b)
    stops.time_s.push_back(start + static_cast<double>(b) * bin_s);
  stops.boardings.assign(bins * tt.stop_count(), 0);
  stops.alightings.assign(bins * tt.stop_count(), 0);

  for (Index trip = 0; trip < tt.trip_count(); ++trip) {
    const VehicleType& type = tt.vehicle_types[tt.trip_vehicle_type[trip]];
    const Index route = tt.trip_route[trip];
    r.trips.id.push_back(tt.trip_id[trip]);
    r.trips.route_id.push_back(tt.route_id[route]);
    r.trips.route_name.push_back(tt.route_name[route]);
    r.trips.mode.push_back(transit_mode_name(tt.route_mode[route]));
    r.trips.vehicle_type.push_back(type.name);
    r.trips.capacity.push_back(ts.trip_capacity[trip]);
    const Index v = sc.demand.transit_first + trip;
    r.trips.vehicle.push_back(v);
    r.trips.status.push_back(static_cast<std::uint8_t>(trip_status(ts.phase[trip])));
    r.trips.distance_m.push_back(s.vehicles.motion[v].distance_m);
    std::uint32_t boarded = 0, most = 0;
    for (Index c = tt.calls_begin(trip); c < tt.calls_end(trip); ++c) {
      boarded += ts.call_boardings[c];
      most = std::max(most, ts.call_load[c]);
      r.calls.trip.push_back(trip);
      r.calls.stop.push_back(tt.call_stop[c]);
      r.calls.sequence.push_back(c - tt.calls_begin(trip));
      r.calls.scheduled_arrival_s.push_back(tt.call_arrival_s[c]);
      r.calls.scheduled_departure_s.push_back(tt.call_departure_s[c]);
      r.calls.arrival_s.push_back(ts.call_arrival_s[c]);
      r.calls.departure_s.push_back(ts.call_departure_s[c]);
      r.calls.boardings.push_back(ts.call_boardings[c]);
      r.calls.alightings.push_back(ts.call_alightings[c]);
      r.calls.denied.push_back(ts.call_denied[c]);
      r.calls.load.push_back(ts.call_load[c]);
      if (std::isnan(ts.call_arrival_s[c])) continue;
      const auto bin =
          std::min(bins - 1,
                   static_cast<std::size_t>(std::max(0.0, (ts.call_arrival_s[c] - start) / bin_s)));
      stops.boardings[bin * tt.stop_count() + tt.call_stop[c]] += ts.call_boardings[c];
      stops.alightings[bin * tt.stop_count() + tt.call_stop[c]] += ts.call_alightings[c];
    }
    r.trips.boardings.push_back(boarded);
    r.trips.max_load.push_back(static_cast<float>(most));
  }

  PassengerRecords& pax = r.passengers;
  pax.id = sc.transit.passengers.id;
  pax.depart_s = sc.transit.passengers.depart_s;
  pax.arrive_s = ts.pax_arrive_s;
  pax.walk_s = ts.pax_walk_s;
  pax.wait_s = ts.pax_wait_s;
  pax.in_vehicle_s = ts.pax_in_vehicle_s;
  pax.rides = ts.pax_rides;
  pax.denied = ts.pax_denied;
  pax.replans = ts.pax_replans;
  pax.reason = ts.pax_reason;
  for (std::size_t p = 0; p < ts.pax_phase.size(); ++p) {
    pax.transfers.push_back(ts.pax_rides[p] > 0 ? static_cast<std::uint16_t>(ts.pax_rides[p] - 1)
                                                : 0);
    pax.status.push_back(static_cast<std::uint8_t>(passenger_status(ts.pax_phase[p])));
  }
  return r;
}

}  // namespace arteria
