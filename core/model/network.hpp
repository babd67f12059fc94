// The compiled road network: read-only while simulating, plain arrays indexed by dense ids.
// Nodes have CSR out- and in-link lists; turns (movements in-link -> out-link) are explicit and
// numbered by from-link, so signals and restrictions refer to them by index.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/id_map.hpp"
#include "base/ids.hpp"
#include "model/network_spec.hpp"
#include "model/signal_plans.hpp"

namespace arteria {

struct Network {
  Index node_count = 0;
  Index link_count = 0;
  Index turn_count = 0;

  // Nodes.
  std::vector<std::string> node_external_id;
  std::vector<double> node_x_m;  // projected coordinates, metres
  std::vector<double> node_y_m;
  MapProjection projection;                    // the frame of node and point coordinates
  std::vector<MapFeature> context;             // water, parks, rail: for maps only
  std::vector<std::uint8_t> node_is_centroid;  // 1: routes may start/end here, never pass through
  std::vector<Index> node_first_out;           // CSR into out_links, size node_count + 1
  std::vector<Index> out_links;
  std::vector<Index> node_first_in;  // CSR into in_links, size node_count + 1
  std::vector<Index> in_links;

  // Links.
  std::vector<std::string> link_external_id;
  std::vector<Index> link_from_node;
  std::vector<Index> link_to_node;
  std::vector<float> link_length_m;
  std::vector<float> link_lanes;
  std::vector<float> link_free_speed_mps;
  std::vector<float> link_capacity_vph;  // all lanes
  std::vector<ModeMask> link_modes;
  // LinkSpec::road_class as an index into road_class_names ([0] is "", not known); empty when the
  // network was not compiled from a spec (link_road_class_name then says "").
  std::vector<std::string> road_class_names;
  std::vector<std::uint16_t> link_road_class;
  std::vector<Index> link_first_point;  // CSR into point_x_m/point_y_m: polyline incl. ends
  std::vector<double> point_x_m;
  std::vector<double> point_y_m;

  // Turns, grouped by from-link: turns of link l are [link_first_turn[l], link_first_turn[l+1]).
  std::vector<Index> link_first_turn;
  std::vector<Index> turn_from_link;
  std::vector<Index> turn_to_link;
  // Route choice's extra cost of each turn: NetworkSpec::turn_penalty_s for a turn that changes
  // direction by more than 45 degrees (the from-link's last segment against the to-link's first),
  // 0 for straight on. Every router adds it (LinkDijkstra, the CCH metric); the simulation does
  // not.
  std::vector<float> turn_penalty_s;

  // Lane groups: the lanes at a link's downstream end that serve the same movements, each with
  // its own queue in the simulation. Groups of link l are [link_first_group[l],
  // link_first_group[l+1]), at least one. A turn is served by one or more groups of its
  // from-link: bit k of turn_group_mask[t] is group link_first_group[from] + k (a link has at
  // most 64 lanes told apart, so at most 64 groups). A group's share of the link's lanes splits
  // the link's flow capacity and storage.
  Index group_count = 0;
  std::vector<Index> link_first_group;
  std::vector<Index> group_link;
  std::vector<float> group_lane_share;  // lanes of the group / lanes of all the link's groups
  std::vector<std::uint64_t> turn_group_mask;
  std::vector<std::uint64_t> turn_from_lanes;  // TurnSpec::from_lanes, 0 when not given

  // Signals: every plan the scenario names, and the plan each node starts with.
  SignalPlanTable signal_plans;
  std::vector<Index> node_initial_plan;  // invalid_index: unsignalised

  // Lookups by external id.
  IdMap node_by_id;
  IdMap link_by_id;

  Index find_node(std::string_view id) const;
  Index find_link(std::string_view id) const;
  const std::string& link_road_class_name(Index l) const;
  // The turn from `from_link` into `to_link`, or invalid_index when the movement is not allowed.
  Index find_turn(Index from_link, Index to_link) const;
  Index signalised_node_count() const;
};

// Validates `spec` and compiles it. Throws InputError naming the file, record and field of the
// first problem: duplicate or dangling ids, non-positive lengths, speeds, lanes or capacities,
// links from a node to itself, turns between links that do not meet, bad signal plans.
Network compile_network(const NetworkSpec& spec);

}  // namespace arteria
