// Reads the TransportationNetworks test networks (TNTP text format: _net, _node, _trips, _flow)
// into a NetworkSpec, a BPR cost table for static assignment, an OD table and reference flows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/ids.hpp"
#include "formats/tntp/tntp_units.hpp"
#include "model/demand.hpp"
#include "model/network.hpp"
#include "model/network_spec.hpp"
#include "model/od_matrix.hpp"

namespace arteria {

// One link's volume-delay function, in the file's own units, for static assignment:
// travel time = free_flow_time * (1 + b * (flow / capacity)^power) (+ toll where costs use it).
struct BprLink {
  double free_flow_time = 0.0;  // TNTP free_flow_time, in the network's time unit
  double capacity = 0.0;        // TNTP capacity as in the file (the BPR denominator)
  double b = 0.15;
  double power = 4.0;
  double toll = 0.0;
  double length = 0.0;  // TNTP length, in the network's length unit
  int link_type = 0;
};

// BPR travel time of `link` at `flow` (time unit of the file); fft alone when b or power is 0.
double bpr_travel_time(const BprLink& link, double flow);

struct TntpNetworkOptions {
  // Coordinates: "" looks for "<name>_node.tntp" beside the net file, and goes without (all
  // nodes at 0, 0) when it is not there; a path must exist.
  std::string node_path;
  // Units (tntp_units.hpp): "" takes them from the file's header, then the known networks,
  // then the default (km, min). Otherwise one of tntp_length_units() / tntp_time_units().
  std::string length_unit;
  std::string time_unit;
  std::optional<bool> capacity_in_b;  // nullopt: as the known network says (else false)
  // Simulated capacity of links without congestion (b or power 0, e.g. zone connectors).
  double uncongested_capacity_vph = 9000.0;
  // Lanes = max(1, round(capacity / lane_capacity_vph)): TNTP has no lanes, and storage
  // (length x lanes) should grow with capacity as it does on real roads.
  double lane_capacity_vph = 1800.0;
  // Free speed = length / fft, capped here: fft 0 (or Braess's 1e-8) would otherwise give
  // an infinite speed.
  double max_free_speed_mps = 200.0 / 3.6;
};

struct TntpNetwork {
  std::string name;  // from the file name: "SiouxFalls" for "SiouxFalls_net.tntp"
  std::string file;  // the _net file
  TntpUnits units;   // what was used, and where each unit came from
  std::vector<std::string> unit_problems;  // header unit statements we could not read
  Index zone_count = 0;                    // <NUMBER OF ZONES>
  Index first_thru_node = 1;               // <FIRST THRU NODE>: nodes below it are centroids
  // Generalized cost = time + toll_factor * toll + distance_factor * length (<TOLL FACTOR>,
  // <DISTANCE FACTOR>; 0 when the file does not say).
  double toll_factor = 0.0;
  double distance_factor = 0.0;
  // Nodes "1".."<NUMBER OF NODES>" in that order; links named "1".."<NUMBER OF LINKS>" in file
  // order (the TNTP link number). Node i (1-based) is spec.nodes[i - 1].
  NetworkSpec spec;
  std::vector<BprLink> bpr;  // per link, in the order of spec.links

  // The link from node `from` to node `to` (TNTP numbers), or invalid_index.
  Index find_link(Index from, Index to) const;
};

// Reads a _net.tntp file (and its _node.tntp, see options). Errors name the file, line and the
// TNTP column (init_node, term_node, capacity, ...) or metadata tag (<NUMBER OF LINKS>, ...);
// a unit name options do not know is an error naming the option (length_unit, time_unit).
// <NUMBER OF NODES> at most this (the nodes are made from the count before any row is read).
inline constexpr Index tntp_max_nodes = 1'000'000;

TntpNetwork read_tntp_network(const std::string& net_path, const TntpNetworkOptions& options = {});

// The speeds length / free-flow time imply, in the units used: a wrong unit shows as links far
// too fast or too slow. Links with a zero length or time are not checked.
struct TntpSpeedCheck {
  std::size_t links_checked = 0;
  std::size_t implausible = 0;    // above 200 km/h or below 5 km/h
  Index example = invalid_index;  // the first of them (index into spec.links)
  double example_kmh = 0.0;
};
TntpSpeedCheck check_tntp_speeds(const TntpNetwork& network);

// The warning when more than 10 % of the checked links are implausible (never for an abstract
// network), naming the file, the count, an example and the option to set; "" otherwise.
std::string tntp_speed_warning(const TntpNetwork& network, const TntpSpeedCheck& check);

// The OD table of a _trips.tntp file: pairs with a positive flow, in file order.
struct TntpOdTable {
  std::string file;
  Index zone_count = 0;         // <NUMBER OF ZONES>
  double declared_total = 0.0;  // <TOTAL OD FLOW>; NaN when the file does not say
  std::vector<Index> origin;    // zone numbers, 1-based, equal to the node numbers
  std::vector<Index> destination;
  std::vector<double> flow;         // trips (per hour or per day, as the network defines)
  std::vector<std::uint32_t> line;  // where each entry is, for messages
  std::size_t pair_count() const { return flow.size(); }
  double total() const;
};

TntpOdTable read_tntp_trips(const std::string& path);

// Best-known link flows of a _flow.tntp file, keyed by the network's link index.
struct TntpFlowTable {
  std::vector<double> link_volume;  // NaN for a link the file does not list
  std::vector<double> link_cost;
  std::size_t rows = 0;
};

TntpFlowTable read_tntp_flows(const std::string& path, const TntpNetwork& network);

// The OD table as an OdMatrix (model/od_matrix.hpp): zone numbers become node ids and each cell
// keeps its line in the trips file, registered with `builder`. Flow from a zone to itself has no
// route and is left out; `intrazonal_flow` (when given) receives its sum.
OdMatrix tntp_od_matrix(const TntpOdTable& od, DemandBuilder& builder,
                        double* intrazonal_flow = nullptr);

struct TntpExpansionStats {
  std::size_t trips_added = 0;
  double intrazonal_flow_skipped = 0.0;  // trips (unscaled) from a zone to itself
};

// Expands the OD table, scaled, into vehicle trips appended to `demand` with expand_od_matrix():
// each pair gives floor or ceil of scale x flow (exactly it for whole numbers), departures follow
// the profile with times from the counter-based RNG, so a seed always gives the same trips and a
// larger scale keeps every trip of a smaller one. An unknown zone is an InputError naming the
// trips file, the line and the field.
TntpExpansionStats expand_tntp_trips(const TntpOdTable& od, const Network& network, Demand& demand,
                                     const OdExpansion& expansion,
                                     const DemandScale& scale = DemandScale{});

}  // namespace arteria
