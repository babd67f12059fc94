// Importers for SUMO scenarios: .sumocfg (which files), .net.xml (roads, junctions, connections,
// fixed-time programs), additional files (more programs, bus stops) and .rou.xml demand.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/ids.hpp"
#include "model/demand.hpp"
#include "model/network.hpp"
#include "model/network_spec.hpp"

namespace arteria {

// What a .sumocfg names. Paths are resolved against the directory of the .sumocfg.
struct SumoScenarioFiles {
  std::string config_file;
  std::string net_file;
  std::vector<std::string> route_files;
  std::vector<std::string> additional_files;
  double begin_s = 0.0;
  std::optional<double> end_s;  // SUMO runs until the demand is done when it is not given

  // SUMO loads additional files before route files; vehicle types and even vehicles may sit in
  // either, so demand is read from both, in that order.
  std::vector<std::string> demand_files() const;
};

SumoScenarioFiles read_sumocfg(const std::string& path);

// Counts from reading a .net.xml, to compare with what SUMO reports and explain differences.
struct SumoNetworkReport {
  std::size_t edges = 0;           // normal (non-internal) edges in the file
  std::size_t internal_edges = 0;  // function internal/crossing/walkingarea: SUMO's own detail
  std::size_t edges_without_vehicle_lanes = 0;  // only pedestrian (or unmodelled) lanes: dropped
  std::size_t junctions = 0;                    // non-internal junctions in the file
  std::size_t unused_junctions = 0;             // touched by no kept edge: dropped
  std::size_t connections = 0;                  // lane connections between two kept edges
  std::size_t connections_dropped = 0;          // to or from an internal or dropped edge
  std::size_t signal_programs = 0;              // tlLogic elements read (net and additionals)
  std::size_t non_static_programs = 0;          // actuated etc., run with their given durations
};

// One controlled movement of a traffic light: the connection with that link index.
struct SumoSignalLink {
  std::string from_edge;  // empty when the index controls only dropped movements (crossings)
  std::string to_edge;
  std::string junction;  // where from_edge ends
};

// A tlLogic as read, kept so that programs from additional files can be added later.
struct SumoSignalProgram {
  std::string tls;  // traffic-light id; one light may control several junctions
  std::string program;
  double offset_s = 0.0;
  std::vector<double> durations_s;
  std::vector<std::string> states;
  SourceRef where;
};

struct SumoNetwork {
  NetworkSpec spec;
  SumoNetworkReport report;
  std::unordered_map<std::string, std::vector<SumoSignalLink>> signal_links;  // by tls id
  std::unordered_map<std::string, std::size_t> signal_link_count;  // incl. dropped movements
  std::vector<SumoSignalProgram> programs;  // in load order; the last per tls is initial
};

// Reads a .net.xml. Every normal edge admitting a modelled mode becomes a link (lanes: those open
// to cars when there is one, else those open to any modelled mode; speed: fastest such lane;
// capacity: see sumo_lane_capacity_vph), every junction a kept edge touches a node, every
// connection between kept edges a turn (TurnRule::explicit_only), every tlLogic a plan per
// junction.
SumoNetwork read_sumo_network(const std::string& net_file);

// Capacity per lane from free speed, because SUMO's edge priority is not reliable across nets
// (-1 throughout the Bologna nets): >= 70 km/h 2000 veh/h (grade-separated or rural roads),
// >= 45 km/h 1800 (urban arterials, a typical saturation flow), >= 25 km/h 1500 (collectors),
// slower 1200 (local streets, living streets).
double sumo_lane_capacity_vph(double speed_mps);

// Bus stops and the transit vehicles that call at them, kept for the transit importer.
struct SumoBusStop {
  std::string id;
  std::string name;
  std::string lane;
  std::string edge;  // the link the stop lies on
  double start_pos_m = 0.0;
  double end_pos_m = 0.0;
  std::vector<std::string> lines;
  SourceRef where;
};

struct SumoStopCall {
  std::string bus_stop;  // empty when the stop is given by lane/edge and position
  std::string edge;
  double duration_s = 0.0;
  std::optional<double> until_s;
};

struct SumoTransitVehicle {
  std::string id;
  std::string line;  // the `line` attribute; empty when not given
  std::string vehicle_type;
  Index trip = invalid_index;  // the demand trip this vehicle drives
  std::vector<SumoStopCall> stops;
};

struct SumoBusData {
  std::vector<std::string> files;  // SourceRef::file indexes this
  std::vector<SumoBusStop> stops;
  std::vector<SumoTransitVehicle> vehicles;  // vehicles with stops, a line, or vClass bus/coach
};

// Reads the tlLogic and busStop elements of additional files (others are ignored). A program
// loaded later becomes a node's initial plan, as in SUMO; earlier ones stay as named plans.
void read_sumo_additionals(const std::vector<std::string>& files, SumoNetwork& network,
                           SumoBusData* bus = nullptr);

struct SumoRouteOptions {
  std::uint64_t seed = 1;  // draws for probability flows and type/route distributions
  double begin_s = 0.0;    // departures before begin or at/after end are skipped, as SUMO does
  double end_s = std::numeric_limits<double>::infinity();
};

// A trip given only by its first and last edge: the router must start and end on them.
struct SumoTripEnds {
  Index trip = invalid_index;
  Index first_link = invalid_index;
  Index last_link = invalid_index;
};

struct SumoDemandReport {
  std::size_t vehicles = 0;       // <vehicle> with a route
  std::size_t trips = 0;          // <trip> (or a vehicle with from/to)
  std::size_t flows = 0;          // <flow> elements
  std::size_t flow_vehicles = 0;  // vehicles the flows made
  std::size_t skipped_outside_window = 0;
  std::size_t skipped_persons = 0;  // person/container plans are not modelled yet
  std::vector<SumoTripEnds> trip_ends;
};

// Reads vehicles, trips and flows (with vType, vTypeDistribution, route and routeDistribution
// definitions from any of the files) into `builder`. PCU of a type is
// max(1, (length + minGap) / 7.5 m): the queue space it takes over that of SUMO's default car
// (5 m + 2.5 m), never under one car since capacities count cars.
SumoDemandReport read_sumo_routes(const std::vector<std::string>& files, const Network& network,
                                  DemandBuilder& builder, const SumoRouteOptions& options = {},
                                  SumoBusData* bus = nullptr);

}  // namespace arteria
