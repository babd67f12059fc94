// The description of a road network as importers and files give it: records named by external
// ids, each remembering where it came from. compile_network() turns it into a Network.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/error.hpp"

namespace arteria {

// Travel modes a link admits, as bits.
enum ModeBits : std::uint8_t {
  mode_car = 1u << 0,
  mode_bus = 1u << 1,
  mode_truck = 1u << 2,
  mode_bike = 1u << 3,
  mode_rail = 1u << 4,
};
using ModeMask = std::uint8_t;
inline constexpr ModeMask road_modes = mode_car | mode_bus | mode_truck;

struct NodeSpec {
  std::string id;
  double x_m = 0.0;  // projected coordinates, metres
  double y_m = 0.0;
  bool centroid = false;  // a zone centroid: trips start and end here, no route passes through
  SourceRef where;
};

struct LinkSpec {
  std::string id;
  std::string from;  // node ids
  std::string to;
  double length_m = 0.0;
  double lanes = 1.0;
  double free_speed_mps = 0.0;
  double capacity_vph = 0.0;  // all lanes together
  ModeMask modes = road_modes;
  std::vector<std::pair<double, double>> geometry;  // optional polyline (x_m, y_m), ends included
  SourceRef where;
  // The road's class as its source names it (OSM `highway`: "primary", "residential", ...;
  // links.csv `road_class`; the grid's "arterial" or "local"); empty: not known. Class bans may
  // name it (vehicle_classes.hpp).
  std::string road_class = {};
};

// A movement from one link into another at their shared node. `from_lanes`, when given, says
// which lanes of from_link serve it (bit i: lane i counted from the right, as SUMO numbers them;
// 0: not known); lanes serving the same movements form a lane group (Network::turn_group_mask).
struct TurnSpec {
  std::string from_link;
  std::string to_link;
  SourceRef where;
  std::uint64_t from_lanes = 0;
};

// One phase of a fixed-time plan: for `duration_s` the listed movements are green.
// A movement whose to_link is empty stands for every movement out of from_link.
struct SignalPhaseSpec {
  double duration_s = 0.0;
  std::vector<TurnSpec> green;
};

struct SignalPlanSpec {
  std::string id;  // plan name, unique per node; events refer to it
  std::string node;
  double offset_s = 0.0;  // phase 0 starts at offset_s + k * cycle
  std::vector<SignalPhaseSpec> phases;
  bool initial = true;  // false: only installed later by an event
  SourceRef where;
};

// How movements are given. `all_but_u_turns`: every in-link may turn into every out-link of the
// node except straight back to where it came from (allowed at dead ends); `explicit_only`: only
// the listed turns exist. In both cases `banned_turns` are removed afterwards.
enum class TurnRule { all_but_u_turns, explicit_only };

// Routes prefer going straight on: a turn that changes direction by more than 45 degrees (left,
// right or U) costs this much more in route choice. It is not simulated: the model's own turn
// delay comes from queues at the node. One second is below any real difference in travel time
// between two routes of a city, so it mostly decides between routes that are about equally fast
// (on a grid, the straightest of the equally short staircases).
inline constexpr double default_turn_penalty_s = 1.0;

// The geographic frame of the x/y metres, so that other geographic data (transit stops) can be
// brought into it. `none`: plain metres with no known place (hand-built, TNTP, most CSV).
struct MapProjection {
  enum class Kind : std::uint8_t { none, transverse_mercator };
  Kind kind = Kind::none;
  double centre_lon_deg = 0.0;  // transverse_mercator: osm_projection.cpp, about this centre
  double centre_lat_deg = 0.0;
};

// What a map of the network shows around the links so a reader knows where they are: water
// or a park (a polygon), a river or a railway (a line), with a name when it has one. Points are
// in the network's projected metres; a polygon's last point joins its first. The simulation
// never reads them; they go to /network/context (docs/OUTPUT.md).
struct MapFeature {
  std::string kind;  // "water", "park" (polygons), "waterway" or "rail" (lines)
  std::string name;  // empty when unnamed
  std::vector<double> x_m;
  std::vector<double> y_m;
};

struct NetworkSpec {
  std::vector<std::string> files;  // names that SourceRef::file indexes; [0] is a fallback
  std::vector<NodeSpec> nodes;
  std::vector<LinkSpec> links;
  TurnRule turn_rule = TurnRule::all_but_u_turns;
  std::vector<TurnSpec> turns;
  std::vector<TurnSpec> banned_turns;
  std::vector<SignalPlanSpec> signal_plans;
  MapProjection projection;
  std::vector<MapFeature> context;  // drawn on maps only
  // What a route pays, on top of the links' times, for each turn that changes direction
  // ([routing] turn_penalty_s; Network::turn_penalty_s).
  double turn_penalty_s = default_turn_penalty_s;

  std::uint32_t add_file(std::string name) {
    files.push_back(std::move(name));
    return static_cast<std::uint32_t>(files.size() - 1);
  }
  const std::string& file_name(const SourceRef& where) const {
    static const std::string unknown = "<network>";
    return where.file < files.size() ? files[where.file] : unknown;
  }
};

}  // namespace arteria
