// Imports a drivable road network from OpenStreetMap (.osm.pbf, .osm, .osm.bz2/.gz) with
// libosmium: two streaming passes (ways and relations, then only the nodes those ways use).
#pragma once

#include <cstddef>
#include <string>

#include "model/network_spec.hpp"

namespace arteria {

struct OsmImportOptions {
  // Modes the network is for: a highway is kept when it admits any of them (car: motorway to
  // living_street; bus adds busways and service roads signed for buses). Links keep every road
  // mode the way admits.
  ModeMask modes = mode_car;
  // Optional Osmosis .poly file: nodes outside it are dropped, cutting the ways there.
  std::string poly_file;
  // Keep only the largest strongly connected component, so every link can reach every other.
  bool keep_largest_component = true;
  // Merge links through nodes that join exactly two compatible road pieces (same lanes, speed,
  // capacity, modes and direction), keeping the polyline: a node then is a real junction.
  bool merge_degree_two_nodes = true;
  double signal_cycle_s = 90.0;  // the generated fixed-time plans (see osm_signals.cpp)
};

// What the import did, for users to judge the result and for comparison with netconvert.
struct OsmImportReport {
  std::size_t highway_ways = 0;  // ways with a highway tag
  std::size_t ways_kept = 0;     // drivable for the chosen modes
  std::size_t nodes_read = 0;    // nodes of those ways found in the file
  std::size_t nodes_outside_polygon = 0;
  std::size_t unparsed_tags = 0;       // lanes/maxspeed values not understood: class default used
  std::size_t links_before_merge = 0;  // directed links between junction, end and signal nodes
  std::size_t links_merged_away = 0;
  std::size_t components = 0;  // strongly connected components before keeping the largest
  std::size_t links_outside_largest_component = 0;
  std::size_t nodes_outside_largest_component = 0;
  std::size_t signal_nodes = 0;       // highway=traffic_signals nodes among the network's nodes
  std::size_t restrictions_read = 0;  // type=restriction relations with a via node
  std::size_t restrictions_applied = 0;
  std::size_t restrictions_skipped = 0;  // via ways, unknown members, not in the network
  std::size_t nodes = 0;
  std::size_t links = 0;
  double centre_lon = 0.0;  // projection centre, degrees
  double centre_lat = 0.0;
};

struct OsmNetwork {
  NetworkSpec spec;
  OsmImportReport report;
};

// Reads `path` and builds the network. Coordinates are metres in a local transverse Mercator
// about the centre of the data (osm_projection.cpp); link lengths are measured on the WGS84
// ellipsoid. Node ids are OSM node ids; link ids are "<way>:<piece>" for the way's
// direction and "-<way>:<piece>" against it, the piece counting from 0 along the way. Throws
// InputError for unreadable or truncated files, ways referring to nodes the file does not
// hold, and malformed .poly files.
OsmNetwork read_osm_network(const std::string& path, const OsmImportOptions& options = {});

}  // namespace arteria
