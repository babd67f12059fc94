// Inertial flow (Schild & Sommer 2015): a small balanced vertex separator of a graph embedded in
// the plane. Along each of a few directions the vertices are sorted by their projection; the
// first quarter is tied to a source, the last quarter to a sink, and a maximum flow with unit
// vertex capacities gives a minimum vertex cut between them. The smallest cut wins.
// Nested dissection (cch_order.cpp) calls this on ever smaller pieces.
//
// Vertices at the same point (the two directions of a two-way road, parallel links: they share
// a midpoint) nearly always fall into a separator together, since each joins the same two ends.
// So the flows run on the graph of the points, about half as many vertices and half the flow to
// push; the cut is then expanded to its vertices and those touching one side only are dropped.
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
  // The next lower-numbered vertex at the same point, invalid_index for the first (chains run
  // downwards, so a point's first vertex is where its chain ends); see link_same_points. Empty
  // when no two vertices are linked.
  std::vector<Index> same_point_before;

  Index size() const { return static_cast<Index>(x.size()); }
  Index degree(Index v) const { return first[v + 1] - first[v]; }
};

// Fills graph.same_point_before from the coordinates. Points shared by more than
// `max_shared` vertices are not linked: that is a network without coordinates, where every
// vertex sits at one point and the separator search falls back on hop distances.
void link_same_points(PlaneGraph& graph, Index max_shared = 8);

// The subgraph induced by `vertices` (local ids of `graph`), renumbered in the order given.
// `scratch` is any vector; it is resized to graph.size() and left filled with invalid_index.
// `vertices` must be ascending when `graph` links same points (the chains run downwards).
PlaneGraph induced_subgraph(const PlaneGraph& graph, const std::vector<Index>& vertices,
                            std::vector<Index>& scratch);

// Vertices of a connected `graph` (at least two) whose removal disconnects it, found by inertial
// flow. When all points coincide (a network without coordinates) the directions are taken from
// breadth-first distances to two far-apart vertices instead, so the result is never degenerate.
std::vector<Index> inertial_flow_separator(const PlaneGraph& graph);

}  // namespace arteria
