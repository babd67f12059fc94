// Link costs on a CchTopology: the weight of every arc in both directions after the basic
// customization, so that an elimination-tree query finds exact shortest paths.
//
// A turn a -> b weighs cost(b); a path's cost is cost(first link) plus its arc weights, which is
// LinkDijkstra's sum of link costs. Weights are doubles summed from the float link costs, as
// LinkDijkstra sums them; only the order of the additions differs (shortcut sums are formed
// bottom-up), so costs agree to within a few units in the last place of a double (exactly,
// whenever all costs are multiples of a common power of two, as float sums of similar size are).
//
// Customization runs over the elimination-tree levels, bottom up, each level in parallel with
// oneTBB: a vertex v sets the weights of its own upward arcs from the turns and then from every
// lower triangle {w, v, x} (w below v): v -> x <= v -> w -> x, and x -> v <= x -> w -> v. Each arc
// is written by one task, its triangles taken in a fixed order (ascending w) with a strict
// minimum, so weights and the recorded middle vertices do not depend on the thread count.
#pragma once

#include <vector>

#include "routing/cch_topology.hpp"

namespace arteria {

class CchMetric {
 public:
  explicit CchMetric(const CchTopology& topology);

  // Sets the weights from traversal costs per link (seconds; infinity closes a link). May be
  // called again with new costs: the result equals a fresh metric's. Links that do not admit the
  // topology's modes are not read.
  void customize(const float* link_cost_s);
  void customize(const std::vector<float>& link_cost_s) { customize(link_cost_s.data()); }

  const CchTopology& topology() const { return topology_; }
  // Cost of traversing vertex v's link.
  double vertex_cost(Index v) const { return vertex_cost_[v]; }
  // Weight tail -> head (up) and head -> tail (down) of an arc, infinity when there is no way.
  double up_weight(Index arc) const { return up_weight_[arc]; }
  double down_weight(Index arc) const { return down_weight_[arc]; }
  // The lower vertex a shortcut direction goes through, invalid_index when it is a turn.
  Index up_middle(Index arc) const { return up_middle_[arc]; }
  Index down_middle(Index arc) const { return down_middle_[arc]; }

 private:
  void customize_vertex(Index v);

  const CchTopology& topology_;
  std::vector<double> vertex_cost_;
  std::vector<double> up_weight_;
  std::vector<double> down_weight_;
  std::vector<Index> up_middle_;
  std::vector<Index> down_middle_;
};

}  // namespace arteria
