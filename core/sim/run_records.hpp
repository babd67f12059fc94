// Plain records a run produces, handed from the simulation to the output writer. They carry no
// HDF5 types, so the models know nothing of the file format.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "base/ids.hpp"
#include "model/vehicle_classes.hpp"

namespace arteria {

// One time bin of the link series; every vector has one value per link.
struct LinkBin {
  double time_s = 0.0;                // bin start
  std::vector<float> inflow;          // vehicles that entered the link during the bin
  std::vector<float> outflow;         // vehicles that left it
  std::vector<float> occupancy;       // vehicles on the link, mean over the bin's steps
  std::vector<float> mean_speed_mps;  // space-mean speed of vehicles that left it; NaN if none
  std::vector<float> queue_veh;       // vehicles past their free-flow exit time, at bin end
  // Road vehicles that left it, per vehicle class (by class index): empty when every road trip
  // is a car. Transit vehicles are in no class.
  std::vector<std::vector<float>> class_outflow;

  void resize(Index link_count);
};

enum class TripStatus : std::uint8_t {
  arrived = 0,
  en_route = 1,      // on the network when the run ended
  stuck = 2,         // removed after being blocked longer than the stuck time
  waiting = 3,       // departure time passed but the first link never had room
  not_departed = 4,  // departure time after the end of the run
  unroutable = 5,    // no path from origin to destination
};

const char* trip_status_name(TripStatus status);

// One row per vehicle trip.
struct TripRecords {
  std::vector<Index> vehicle;
  std::vector<std::string> external_id;
  std::vector<Index> origin;            // node index
  std::vector<Index> destination;       // node index
  std::vector<double> depart_s;         // planned departure
  std::vector<double> insert_s;         // entered the network; NaN if never
  std::vector<double> arrive_s;         // NaN if not arrived
  std::vector<float> distance_m;        // driven so far
  std::vector<float> free_flow_time_s;  // of the route it was given at departure
  std::vector<double> removed_s;        // taken off the network as stuck; NaN if not
  std::vector<std::uint8_t> status;     // TripStatus
  std::vector<std::uint16_t> reroutes;
  std::vector<std::uint8_t> vehicle_class;  // class index; no_vehicle_class: a transit vehicle
  // With output.routes: the links each trip drove (driven_routes.hpp), CSR over the rows;
  // empty otherwise.
  std::vector<Index> route_first_link;
  std::vector<Index> route_links;
};

struct Kpis {
  std::uint64_t vehicles_inserted = 0;
  std::uint64_t vehicles_arrived = 0;
  std::uint64_t vehicles_en_route = 0;
  std::uint64_t vehicles_stuck = 0;         // removed as stuck
  std::uint64_t vehicles_waiting = 0;       // departed on paper, never got onto the network
  std::uint64_t vehicles_not_departed = 0;  // departure after the end
  std::uint64_t vehicles_unroutable = 0;
  std::uint64_t stuck_push_throughs = 0;
  std::uint64_t reroutes = 0;
  double vkt_km = 0.0;
  double vht_h = 0.0;
  double mean_travel_time_s = 0.0;  // of arrived trips, from planned departure
  double mean_delay_s = 0.0;        // travel time minus free-flow time, arrived trips
  // What a run that did not clear hides from the two means above: the trips that did not arrive
  // (en route + waiting + stuck), and the mean travel time over every road trip that was due to
  // depart before the end (arrived or not), an unfinished one counted from its planned departure
  // to the moment the run stopped. Stuck trips count as unfinished: they never arrived.
  std::uint64_t vehicles_unfinished = 0;
  double mean_travel_time_incl_unfinished_s = 0.0;
  double stopped_at_s = 0.0;  // simulated time the run stopped (end, earlier if empty, or later)
  int network_cleared = 0;    // 1: nothing en route or waiting to enter when it stopped
  // Transit (zero without a timetable). Schedule deviation: actual minus scheduled arrival over
  // reached calls after the first.
  std::uint64_t transit_trips = 0;
  std::uint64_t transit_trips_completed = 0;
  std::uint64_t transit_calls_reached = 0;
  double transit_on_time_share = 0.0;  // share of reached calls within 60 s of the timetable
  double transit_mean_deviation_s = 0.0;
  double transit_p95_abs_deviation_s = 0.0;
  // Passengers (zero without any). passengers = arrived + en route + stranded + not departed.
  std::uint64_t passengers = 0;
  std::uint64_t passengers_arrived = 0;
  std::uint64_t passengers_en_route = 0;
  std::uint64_t passengers_stranded = 0;
  std::uint64_t passengers_not_departed = 0;
  std::uint64_t boardings = 0;
  std::uint64_t denied_boardings = 0;
  double mean_journey_time_s = 0.0;  // arrived passengers, departure to arrival
  double mean_wait_s = 0.0;
  double mean_in_vehicle_s = 0.0;
  double max_load_factor = 0.0;  // most on board / capacity over every call
  // Exhaust of road vehicles over the run (docs/EMISSIONS.md): the sums of /emissions, filled
  // in by the run writer from the link bins as they are written; zero in Simulation::kpis().
  double co2_kg = 0.0;
  double nox_kg = 0.0;
  double pm25_kg = 0.0;
  double fuel_kg = 0.0;
  // Emergency vehicles (zero without stations; sim/emergency/emergency_records.hpp).
  std::uint64_t emergency_dispatches = 0;
  std::uint64_t emergency_arrived = 0;
  double emergency_mean_response_s = 0.0;  // of the arrived, incident to arrival
  double emergency_p90_response_s = 0.0;
  double emergency_delay_caused_s = 0.0;  // vehicle-seconds held by signal pre-emptions
};

struct RunMeta {
  std::string engine_version;
  std::string scenario_name;
  std::string scenario_sha256;
  std::uint64_t seed = 0;
  int threads = 0;
  double step_s = 0.0;
  double start_s = 0.0;
  double end_s = 0.0;
  double bin_s = 0.0;
  // "shortest_path" or "equilibrium" (Scenario::routes) and the trips given equilibrium routes.
  std::string routes = "shortest_path";
  std::uint64_t equilibrium_route_trips = 0;
};

// Wall-clock figures: they differ from run to run, so they live apart (/perf) from the results.
// The phases follow one another: total = load + startup + simulation + the tables at the end.
struct RunPerf {
  double total_s = 0.0;    // load to the results handed to the writer (not its close)
  double load_s = 0.0;     // reading and building the scenario (0 when it was given loaded)
  double startup_s = 0.0;  // memory check, routing, passenger planning, state, opening the file
  double routing_s = 0.0;
  double routing_order_s = 0.0;          // of routing_s: the CCH order (cached or computed)
  double routing_customization_s = 0.0;  // of routing_s: customizing the metrics
  double planning_s = 0.0;               // passengers' journeys planned before the run
  double rerouting_s = 0.0;  // of simulation_s: re-routing after closures and reopenings
  double simulation_s = 0.0;
  double output_s = 0.0;  // time the simulation waited on the writer
  double peak_rss_mb = 0.0;
  double memory_estimate_mb = 0.0;  // what the memory model expected the peak to be
  std::uint64_t link_transitions = 0;
  double vehicle_seconds = 0.0;
};

// Every field of Kpis, RunMeta and RunPerf with its name, in declaration order: f(name, field).
// One list drives the HDF5 attributes, reading them back and the Python views, so adding a
// field is one line here. Works on const and non-const records alike.
template <class Record, class F>
requires std::is_same_v<std::remove_const_t<Record>, Kpis>
void for_each_field(Record& kpis, F&& f) {
  f("vehicles_inserted", kpis.vehicles_inserted);
  f("vehicles_arrived", kpis.vehicles_arrived);
  f("vehicles_en_route", kpis.vehicles_en_route);
  f("vehicles_stuck", kpis.vehicles_stuck);
  f("vehicles_waiting", kpis.vehicles_waiting);
  f("vehicles_not_departed", kpis.vehicles_not_departed);
  f("vehicles_unroutable", kpis.vehicles_unroutable);
  f("stuck_push_throughs", kpis.stuck_push_throughs);
  f("reroutes", kpis.reroutes);
  f("vkt_km", kpis.vkt_km);
  f("vht_h", kpis.vht_h);
  f("mean_travel_time_s", kpis.mean_travel_time_s);
  f("mean_delay_s", kpis.mean_delay_s);
  f("vehicles_unfinished", kpis.vehicles_unfinished);
  f("mean_travel_time_incl_unfinished_s", kpis.mean_travel_time_incl_unfinished_s);
  f("stopped_at_s", kpis.stopped_at_s);
  f("network_cleared", kpis.network_cleared);
  f("transit_trips", kpis.transit_trips);
  f("transit_trips_completed", kpis.transit_trips_completed);
  f("transit_calls_reached", kpis.transit_calls_reached);
  f("transit_on_time_share", kpis.transit_on_time_share);
  f("transit_mean_deviation_s", kpis.transit_mean_deviation_s);
  f("transit_p95_abs_deviation_s", kpis.transit_p95_abs_deviation_s);
  f("passengers", kpis.passengers);
  f("passengers_arrived", kpis.passengers_arrived);
  f("passengers_en_route", kpis.passengers_en_route);
  f("passengers_stranded", kpis.passengers_stranded);
  f("passengers_not_departed", kpis.passengers_not_departed);
  f("boardings", kpis.boardings);
  f("denied_boardings", kpis.denied_boardings);
  f("mean_journey_time_s", kpis.mean_journey_time_s);
  f("mean_wait_s", kpis.mean_wait_s);
  f("mean_in_vehicle_s", kpis.mean_in_vehicle_s);
  f("max_load_factor", kpis.max_load_factor);
  f("co2_kg", kpis.co2_kg);
  f("nox_kg", kpis.nox_kg);
  f("pm25_kg", kpis.pm25_kg);
  f("fuel_kg", kpis.fuel_kg);
  f("emergency_dispatches", kpis.emergency_dispatches);
  f("emergency_arrived", kpis.emergency_arrived);
  f("emergency_mean_response_s", kpis.emergency_mean_response_s);
  f("emergency_p90_response_s", kpis.emergency_p90_response_s);
  f("emergency_delay_caused_s", kpis.emergency_delay_caused_s);
}

template <class Record, class F>
requires std::is_same_v<std::remove_const_t<Record>, RunMeta>
void for_each_field(Record& meta, F&& f) {
  f("engine_version", meta.engine_version);
  f("scenario_name", meta.scenario_name);
  f("scenario_sha256", meta.scenario_sha256);
  f("seed", meta.seed);
  f("threads", meta.threads);
  f("step_s", meta.step_s);
  f("start_s", meta.start_s);
  f("end_s", meta.end_s);
  f("bin_s", meta.bin_s);
  f("routes", meta.routes);
  f("equilibrium_route_trips", meta.equilibrium_route_trips);
}

template <class Record, class F>
requires std::is_same_v<std::remove_const_t<Record>, RunPerf>
void for_each_field(Record& perf, F&& f) {
  f("total_s", perf.total_s);
  f("load_s", perf.load_s);
  f("startup_s", perf.startup_s);
  f("routing_s", perf.routing_s);
  f("routing_order_s", perf.routing_order_s);
  f("routing_customization_s", perf.routing_customization_s);
  f("planning_s", perf.planning_s);
  f("rerouting_s", perf.rerouting_s);
  f("simulation_s", perf.simulation_s);
  f("output_s", perf.output_s);
  f("peak_rss_mb", perf.peak_rss_mb);
  f("memory_estimate_mb", perf.memory_estimate_mb);
  f("link_transitions", perf.link_transitions);
  f("vehicle_seconds", perf.vehicle_seconds);
}

}  // namespace arteria
