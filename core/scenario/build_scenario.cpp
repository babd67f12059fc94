// Building a scenario from its description; see build_scenario.hpp for the stages.
#include "scenario/build_scenario.hpp"

#include "base/sha256.hpp"
#include "placement/place_transit.hpp"
#include "scenario/equilibrium_routes.hpp"
#include "scenario/scenario_emergency.hpp"
#include "scenario/scenario_events.hpp"
#include "scenario/scenario_road_works.hpp"

namespace arteria {
namespace {

TransitPlacementParams placement_params(const TransitParams& params) {
  TransitPlacementParams placement;
  placement.max_snap_m = params.max_snap_m;
  placement.max_detour_factor = params.max_detour_factor;
  placement.detour_allowance_s = params.detour_allowance_s;
  return placement;
}

// The parameters, the names and the transit inputs; nothing built yet.
Scenario start_scenario(const ScenarioSpec& spec) {
  Scenario scenario;
  scenario.name = spec.name;
  scenario.source_path = spec.source_path;
  scenario.overrides = spec.overrides;
  scenario.files = spec.files;
  scenario.sim = spec.sim;
  scenario.output = spec.output;
  scenario.route_costs_from = spec.route_costs_from;
  scenario.route_spread_ties = spec.route_spread_ties;
  scenario.route_turn_penalty_s = spec.route_turn_penalty_s;
  scenario.en_route = spec.en_route;
  scenario.transit.timetable = spec.transit.timetable;
  scenario.transit.passengers = spec.transit.passengers;
  scenario.transit.params = spec.transit.params;
  scenario.transit.trip_count_changes = spec.transit.trip_count_changes;
  return scenario;
}

// Stages "guideways", "compile" and "placement": the road network (or, transit only, nothing)
// plus a guideway link per route and pair of stops that does not run on roads, compiled once.
// With roads, a step whose road path is implausibly long (a map with one direction of a divided
// road missing) runs on a guideway: place_transit_with_detours compiles (and recompiles, when a
// detour adds guideways) the network itself.
void build_network(const ScenarioSpec& spec, Scenario& scenario) {
  const TransitScenario& transit = scenario.transit;
  const TransitPlacementParams params = placement_params(transit.params);
  if (spec.roads && transit.present()) {
    scenario.transit.placement = place_transit_with_detours(transit.timetable, spec.roads->spec,
                                                            true, params, scenario.network);
  } else {
    NetworkSpec network = spec.roads ? spec.roads->spec : NetworkSpec{};
    if (!spec.roads) network.files = {transit.timetable.source};
    network.turn_penalty_s = spec.route_turn_penalty_s;
    if (transit.present()) add_transit_guideways(transit.timetable, false, network, params);
    scenario.network = compile_network(network);
    if (transit.present()) {
      scenario.transit.placement =
          place_transit(transit.timetable, scenario.network, false, params);
    }
  }
  if (spec.roads && spec.roads->report) spec.roads->report(scenario.network);
}

// Stage "fingerprint": the text, the overrides and every input file, in the order read.
std::string fingerprint(const ScenarioSpec& spec, const std::vector<std::string>& inputs) {
  Sha256 hash;
  hash.update(spec.text);
  for (const std::string& line : spec.overrides) {
    hash.update("\n--set ");
    hash.update(line);
  }
  for (const std::string& input : inputs) {
    // A separator per file, so moving bytes from one file to the next changes the hash.
    hash.update("\n--input\n");
    if (!hash.update_file(input)) throw InputError(input, 0, "", "cannot read the file");
  }
  return hash.hex_digest();
}

// The scale_demand events as factors from their times on, read with the demand so that a
// generator draws its own extra trips (model/demand_scale.hpp).
DemandScale event_demand_scale(const std::vector<EventSpec>& events) {
  DemandScale scale;
  for (const EventSpec& event : events) {
    if (event.kind == EventKind::scale_demand) scale.steps.push_back({event.time_s, event.value});
  }
  return scale;
}

}  // namespace

Scenario build_scenario(const ScenarioSpec& spec) {
  Scenario scenario = start_scenario(spec);
  const bool transit = scenario.transit.present();
  build_network(spec, scenario);
  std::vector<std::string> inputs = spec.inputs;
  scenario.demand.classes =
      compile_vehicle_classes(spec.vehicle_classes, scenario.network, spec.files);
  if (spec.bound.demand) {
    const std::vector<std::string> read =
        spec.bound.demand(scenario.network, event_demand_scale(spec.events), scenario.demand);
    inputs.insert(inputs.end(), read.begin(), read.end());
  }
  scenario.events = resolve_scenario_events(spec.events, scenario.network, spec.files);
  const std::vector<Event> works =
      resolve_road_works(spec.road_works, scenario.network, spec.sim, scenario.events, spec.files);
  scenario.events.insert(scenario.events.end(), works.begin(), works.end());
  scenario.emergency = resolve_emergency(spec.emergency, scenario.network, spec.sim, spec.files);
  scenario.sha256 = fingerprint(spec, inputs);
  finalize_scenario(scenario);
  if (transit) {
    attach_transit_vehicles(scenario.network, scenario.transit, scenario.demand);
    index_transit(scenario.transit);
  }
  scenario.dynamic_assignment = spec.assignment.dynamic;
  if (starts_on_equilibrium(spec.assignment)) {
    if (spec.assignment.dynamic.enabled) {
      // The warm start's routes become given routes: remember which trips had their own.
      std::vector<std::uint8_t>& fixed = scenario.dynamic_assignment.trip_route_fixed;
      fixed.resize(scenario.demand.road_trip_count());
      for (Index t = 0; t < fixed.size(); ++t) fixed[t] = scenario.demand.has_given_route(t);
    }
    give_equilibrium_routes(spec, scenario);
  }
  return scenario;
}

}  // namespace arteria
