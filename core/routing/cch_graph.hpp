// The graph a Customizable Contraction Hierarchy is built on: the turn-aware link graph for one
// set of modes. Vertices are the links admitting the modes (numbered in ascending link order),
// arcs the allowed turns between them, except turns out of a link that ends at a zone centroid
// (routes may end there but never pass through) and turns from a link into itself (never on a
// shortest path). Everything metric-independent (the order, the contraction) starts here.
#pragma once

#include <string>
#include <vector>

#include "model/network.hpp"

namespace arteria {

struct CchGraph {
  ModeMask modes = 0;
  std::vector<Index> vertex_link;  // vertex -> link
  std::vector<Index> link_vertex;  // link -> vertex, invalid_index when the link is not one
  // Turn arcs tail -> head as vertex pairs, in turn order, without duplicates.
  std::vector<Index> arc_tail;
  std::vector<Index> arc_head;
  // The undirected graph of the arcs: sorted, duplicate-free neighbour lists (CSR).
  std::vector<Index> first_neighbour;  // size vertex_count() + 1
  std::vector<Index> neighbour;
  // Midpoint of each vertex's link (metres), the geometry the nested dissection cuts by.
  std::vector<double> x_m;
  std::vector<double> y_m;

  Index vertex_count() const { return static_cast<Index>(vertex_link.size()); }
};

CchGraph build_cch_graph(const Network& network, ModeMask modes);

// SHA-256 (hex) of everything an order depends on: modes, vertices, arcs and midpoints. An order
// saved under this key fits any network that gives the same graph.
std::string cch_graph_hash(const CchGraph& graph);

}  // namespace arteria
