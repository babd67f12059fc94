// A scenario compiled for simulation: network, demand, events and parameters. Read-only while
// stepping (the model); everything that changes lives in SimState.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/demand.hpp"
#include "model/dynamic_assignment_params.hpp"
#include "model/emergency.hpp"
#include "model/event.hpp"
#include "model/link_cost_series.hpp"
#include "model/network.hpp"
#include "model/transit_scenario.hpp"

namespace arteria {

// What happens to a vehicle blocked at the head of its link for longer than stuck_time_s.
enum class StuckAction {
  push_through,  // moved into its next link regardless of room (counted)
  remove,        // taken off the network (counted as stuck)
};

// The most worker threads a scenario (simulation.threads) or Python may ask for.
constexpr int max_threads = 4096;

struct SimulationParams {
  double start_s = 0.0;
  double end_s = 86400.0;
  double step_s = 1.0;
  std::uint64_t seed = 1;
  int threads = 0;  // 0: every core; at most max_threads
  double stuck_time_s = 300.0;
  StuckAction stuck_action = StuckAction::push_through;
  double backward_wave_speed_mps = 15.0 / 3.6;
  double vehicle_length_m = 7.5;  // effective length per passenger-car unit in a jam
  // End the run as soon as every trip has finished (arrived, stuck, or unroutable) and none is
  // left to depart, rather than stepping an empty network to `end_s`, as SUMO does.
  bool stop_when_empty = true;
};

struct OutputParams {
  std::string file = "arteria.h5";
  double bin_s = 300.0;  // link time-series bin
  bool trips = true;     // write the /trips table
  bool routes = false;   // and the links each trip drove (/trips/route_links, select-link)
  // Write /emissions (the emission totals in /kpi are written either way).
  bool emissions = true;
};

// How road trips without a route of their own are routed before the run: free-flow shortest
// paths (all-or-nothing), or the routes of a static equilibrium ([assignment] routes =
// "equilibrium", or Python's Scenario.use_routes) given to them as routes of their own.
struct RouteSource {
  bool equilibrium = false;
  Index equilibrium_trips = 0;    // road trips given one of their OD pair's equilibrium routes
  Index shortest_path_trips = 0;  // the others without a route of their own (not covered)
  double relative_gap = 0.0;      // of the equilibrium the routes come from
  bool dynamic = false;           // the routes of a dynamic assignment (run/dynamic_assignment)
};

struct EnRouteRerouting {
  double period_s = 0.0;  // 0: off
  double share = 1.0;     // of the drivers, who re-route every period
  bool enabled() const { return period_s > 0.0; }
};

struct Scenario {
  std::string name;
  std::string source_path;             // the scenario file; empty for built-in scenarios
  std::string sha256;                  // of the scenario text and every input it names
  std::vector<std::string> overrides;  // the --set lines, as given (the hash covers them too)
  std::vector<std::string> files;      // SourceRef::file of events indexes this
  Network network;
  Demand demand;
  TransitScenario transit;    // empty timetable: no transit
  std::vector<Event> events;  // sorted by time, stable
  EmergencyPlan emergency;    // stations and incidents; none: no emergency vehicles
  RouteSource routes;
  DynamicAssignmentParams dynamic_assignment;  // [assignment] kind = "dynamic"
  SimulationParams sim;
  OutputParams output;
  // [routing] costs_from: a run file whose link travel times route the trips (each on the bin
  // of its departure). The scenario stage cannot read HDF5, so it keeps the path; the run stage
  // fills route_costs from it (run/result_inputs.hpp) before the simulation is built.
  std::string route_costs_from;
  LinkCostSeries route_costs;  // empty: free-flow times
  // [routing] spread_ties: each trip draws among equal-cost shortest paths (routing/
  // tie_breaking.hpp); false takes the first everywhere.
  bool route_spread_ties = true;
  // [routing] en_route_period_s and en_route_share: every period (a whole number of output
  // bins; 0, the default: never) that share of the drivers, drawn per trip, re-route on the
  // link times of the bin just ended (sim/events/en_route_rerouting.hpp).
  EnRouteRerouting en_route;
  // [routing] turn_penalty_s: what a route pays for a turn that changes direction
  // (NetworkSpec::turn_penalty_s; the network's turn_penalty_s holds it per turn).
  double route_turn_penalty_s = default_turn_penalty_s;

  const std::string& file_name(const SourceRef& where) const {
    static const std::string unknown = "<scenario>";
    return where.file < files.size() ? files[where.file] : unknown;
  }
};

// The most trips a scenario's demand may hold after scaling: 2^31 - 1 (trip indices are 32-bit
// and a copy count must fit an int). Far beyond what memory allows in practice.
constexpr double max_scaled_trips = 2147483647.0;

// What is wrong with scaling `demand` by `factor` from `from_s`, or an empty string when nothing
// is: the factor must be finite and not negative (event_value_error), and the trips it may make
// (every road trip from `from_s` copied ceil(factor) times) must stay within max_scaled_trips.
std::string demand_scale_error(const Demand& demand, double from_s, double factor);

// Scales the road trips departing at or after `from_s` by `factor` as a list of trips
// (scale_listed_trips in demand_scale.hpp: the base's trips plus copies drawn per trip, or a
// subset). Throws std::invalid_argument for a factor demand_scale_error() refuses.
void scale_demand(Demand& demand, double from_s, double factor, std::uint64_t seed);

// The file errors about the scenario as a whole name: its scenario file, or "<built-in scenario>".
std::string scenario_source_name(const Scenario& scenario);

// Checks what only the whole scenario can tell (times inside [start, end), a non-empty demand,
// sane parameters) and sorts the events. Demand scaling events were applied when the demand
// was read (DemandScale), so that a generator can draw its own extra trips.
// Throws InputError naming the record at fault.
void finalize_scenario(Scenario& scenario);

}  // namespace arteria
