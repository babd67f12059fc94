// ScenarioSpec: what a scenario file describes, read but not yet built. Reading a file
// (read_scenario_spec, scenario_file.hpp) gives one; build_scenario (build_scenario.hpp) turns it
// into the Scenario the simulation runs. Editing a spec (its timetable, say) and building it again
// gives the scenario a file with the same edit would give.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "assignment/static_assignment.hpp"
#include "formats/grid/grid_city.hpp"
#include "formats/sumo/sumo_reader.hpp"
#include "formats/tntp/tntp_reader.hpp"
#include "model/demand_scale.hpp"
#include "model/emergency.hpp"
#include "model/scenario.hpp"
#include "model/vehicle_classes.hpp"

namespace arteria {

// What a network source read: the description (compiled when the scenario is built, after
// transit adds its guideways) and the notes it reports about the compiled network.
struct SourceNetwork {
  NetworkSpec spec;
  std::function<void(const Network&)> report;  // empty: nothing to report
  // source = "tntp": the network as read, whose BPR table static assignment uses.
  std::shared_ptr<const TntpNetwork> tntp = nullptr;
};

// [assignment]: how `arteria assign` finds the static user equilibrium (docs/USER_GUIDE.md).
struct AssignmentSpec {
  AssignmentOptions options;  // algorithm, gap, max_iterations, time_limit_s
  bool allow_unreachable = false;
  // demand_period: trips departing in [start, end) are counted and divided by its hours to give
  // hourly OD flows; NaN: the simulated period. Not used for [demand] source = "tntp", whose
  // table's flows are taken as they are (the networks' hourly flows).
  double demand_start_s = std::numeric_limits<double>::quiet_NaN();
  double demand_end_s = std::numeric_limits<double>::quiet_NaN();
  // BPR for networks without their own (every source but TNTP).
  double b = 0.15;
  double power = 4.0;
  std::string tntp_trips;  // [demand] source = "tntp": its trips file
  std::uint32_t line = 0;  // of the [assignment] table
  // routes = "equilibrium": road trips start on this equilibrium's routes (equilibrium_routes.hpp)
  // rather than on free-flow shortest paths ("shortest_path", the default).
  bool equilibrium_routes = false;
  bool routes_given = false;  // the table names `routes` (else a dynamic one decides, below)
  bool od_demand = false;     // [demand] source is "od" or "tntp": an OD matrix
  // kind = "dynamic" and its keys (max_iterations, target_gap, switching).
  DynamicAssignmentParams dynamic;
};

// Whether the scenario's road trips start on a static equilibrium's routes: `routes` when the
// table names it; else, for a dynamic assignment, when the demand is an OD matrix (the warm
// start), and never for a static one.
inline bool starts_on_equilibrium(const AssignmentSpec& spec) {
  return spec.routes_given ? spec.equilibrium_routes : spec.dynamic.enabled && spec.od_demand;
}

// A part of the scenario read against the built network: [demand] resolves node and link ids
// (and random demand weighs nodes by every link there, guideways included). Each call reads the
// kept table afresh and returns the input files it read (they join the scenario's fingerprint).
struct NetworkBoundInputs {
  // Fills the road demand, scaled by the scale_demand events (and [demand] scale); empty when
  // the file has no [demand] (transit only).
  std::function<std::vector<std::string>(const Network&, const DemandScale&, Demand&)> demand;
};

// One [[events]] table as written, checked for everything that needs no network: its keys
// (exactly those its action takes), their types, the action and the value's range
// (model/event.hpp). build_scenario resolves the names against the built network; the time is
// checked against the simulated period by finalize_scenario.
struct EventSpec {
  // A link, node or plan as named in the file, with the line of its value for messages about
  // it ("events[2].link"); line 0: given with --set.
  struct Name {
    std::string id;
    std::uint32_t line = 0;
  };
  double time_s = 0.0;
  EventKind kind = EventKind::close_link;
  Name link;  // the link events
  Name node;  // set_signal_plan, with its plan
  Name plan;
  // As written: veh/h, km/h (set_link_speed, limit_speed), lanes or a factor; 0 when not taken.
  double value = 0.0;
  SourceRef where;    // the [[events]] table: file 0 (the scenario file) and its line
  std::string field;  // the table's dotted name, "events[2]"
};

// One [[events]] table with action = "road_works" (model/road_works.hpp), checked for everything
// that needs neither network nor period; build_scenario finds its zone and expands it.
struct RoadWorksSpec {
  double from_s = 0.0;
  double to_s = 0.0;
  std::vector<EventSpec::Name> links;          // the zone as a list, or empty with a polygon
  std::vector<std::array<double, 2>> polygon;  // the zone as a polygon, or empty with links
  std::uint32_t polygon_line = 0;
  double lanes_closed = 0.0;  // 0: none
  std::uint32_t lanes_closed_line = 0;
  double speed_kmh = 0.0;  // 0: no limit
  SourceRef where;
  std::string field;  // "events[2]"
};

// A place in an [[emergency_stations]] or [[incidents]] table: a node id, or x and y (the
// nearest node), with the line it was written on.
struct EmergencyPlaceSpec {
  std::string node;  // empty: by x and y
  double x = 0.0, y = 0.0;
  std::uint32_t line = 0;
  SourceRef where;    // the table
  std::string field;  // its dotted name, "incidents[2]"
};

struct EmergencyStationSpec {
  std::string id;
  EmergencyPlaceSpec place;
};

struct IncidentSpec {
  std::string id;  // given, or "incident#i" after its table's index
  double time_s = 0.0;
  EmergencyPlaceSpec place;
};

// [emergency], [[emergency_stations]] and [[incidents]] (scenario/scenario_emergency.hpp).
struct EmergencySpec {
  std::vector<EmergencyStationSpec> stations;
  std::vector<IncidentSpec> incidents;
  EmergencyParams params;
  std::uint32_t incidents_per_hour_line = 0;
};

struct ScenarioSpec {
  std::string name;
  std::string source_path;         // the scenario file
  std::vector<std::string> files;  // SourceRef::file indexes this
  SimulationParams sim;
  OutputParams output;
  std::string route_costs_from;   // [routing] costs_from, resolved; empty: free-flow routing
  bool route_spread_ties = true;  // [routing] spread_ties
  double route_turn_penalty_s = default_turn_penalty_s;  // [routing] turn_penalty_s
  EnRouteRerouting en_route;  // [routing] en_route_period_s, en_route_share
  // [network]: the road network's description; none for a transit-only scenario, whose network
  // is the guideways alone.
  std::optional<SourceNetwork> roads;
  // [transit] and [passengers]: the day's timetable with [[transit.changes]] applied, the
  // parameters, and the passengers (read against the timetable before the changes, so that a
  // variant keeps the baseline's passengers). Placement and the orders are made by the build.
  TransitScenario transit;
  NetworkBoundInputs bound;
  // [[vehicle_classes]] in the order of the file; compiled with the network.
  std::vector<VehicleClassSpec> vehicle_classes;
  // [[events]] in the order of the file (the built scenario has them sorted by time).
  std::vector<EventSpec> events;
  std::vector<RoadWorksSpec> road_works;  // the [[events]] with action = "road_works"
  EmergencySpec emergency;
  AssignmentSpec assignment;  // [assignment], or its defaults when the file has none
  // What the fingerprint (Scenario::sha256) covers: the file's text, the --set overrides and
  // the input files read so far (feeds, passengers, network), in the order read.
  std::string text;
  std::vector<std::string> overrides;
  std::vector<std::string> inputs;
};

}  // namespace arteria
