// Inertial flow (Schild & Sommer 2015): a small balanced vertex separator of a graph embedded in
// the plane. Along each of a few directions the vertices are sorted by their projection; the
// first quarter is tied to a source, the last quarter to a sink, and a maximum flow with unit
// vertex capacities gives a minimum vertex cut between them. The smallest cut wins.
// Nested dissection (cch_order.cpp) calls this on ever smaller pieces.
#pragma once

#include <vector>

#include "base/ids.hpp"

namespace arteria {

// An undirected graph with local ids 0..n-1: symmetric CSR adjacency and a point per vertex.
struct PlaneGraph {
  std::vector<Index> first;  // size n + 1
  std::vector<Index> adjacent;
  std::vector<double> x;
  std::vector<double> y;

  Index size() const { return static_cast<Index>(x.size()); }
  Index degree(Index v) const { return first[v + 1] - first[v]; }
};

// The subgraph induced by `vertices` (local ids of `graph`), renumbered in the order given.
// `scratch` is any vector; it is resized to graph.size() and left filled with invalid_index.
PlaneGraph induced_subgraph(const PlaneGraph& graph, const std::vector<Index>& vertices,
                            std::vector<Index>& scratch);

// Vertices of a connected `graph` (at least two) whose removal disconnects it, found by inertial
// flow. When all points coincide (a network without coordinates) the directions are taken from
// breadth-first distances to two far-apart vertices instead, so the result is never degenerate.
std::vector<Index> inertial_flow_separator(const PlaneGraph& graph);

}  // namespace arteria
