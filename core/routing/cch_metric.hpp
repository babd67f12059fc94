// Link costs on a CchTopology: the weight of every arc in both directions after the basic
// customization, so that an elimination-tree query finds exact shortest paths, and for each
// arc direction how to unpack it and how many equally short ways it has (for tie spreading).
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
// minimum, so weights and the recorded triangles do not depend on the thread count. A second
// pass over the same triangles counts the ways (the turn, each lower triangle) that are tied
// with the minimum (cch_tied): a path may take any of them.
//
// Then the perfect customization (same paper, section 7), top down, each level in parallel: an
// upward arc (x, y) may be shorter through an upper neighbour z of x (x -> z -> y, z above x),
// and since the upper neighbours of x form a clique whose arcs are already perfect, one pass
// over those triangles gives every arc its true shortest distance. An arc direction that is
// longer than that, or exactly as long as a way through an intermediate or upper triangle (both
// halves > 0, so the replacements cannot go round in a circle), is never needed by an
// up-down path (the perfect graph is a contraction hierarchy with perfect witness search), so
// the searches skip it: they run on the kept arcs only (search_up / search_down), which on a
// road network are a fraction of all arcs. The kept arcs' weights are their basic weights
// (kept arcs were not improved), so unpacking stays on the basic triangles. It costs about as
// much again as the basic customization and pays when many searches run on the metric.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "routing/cch_topology.hpp"

namespace arteria {

// Ties within this relative tolerance count as equal: sums of the same link costs in another
// order differ by far less (a few ulps, ~1e-15 relative), real differences by far more. A path
// built from tied choices costs at most (1 + tolerance)^depth times the shortest, depth being
// the nesting of shortcuts (at most the elimination-tree height: 1.2e-7 relative on a 1,186-high
// tree, 0.2 ms on a 30-minute trip).
inline constexpr double cch_tie_tolerance = 1e-10;
inline bool cch_tied(double candidate, double best) {
  return candidate <= best + best * cch_tie_tolerance && !std::isinf(candidate);
}

// An arc direction the searches relax: from the vertex whose list it is in to `head`.
struct CchSearchArc {
  Index head;
  Index arc;  // the topology's arc
  double weight;
};

class CchMetric {
 public:
  explicit CchMetric(const CchTopology& topology);

  // Sets the weights from traversal costs per link (seconds; infinity closes a link). May be
  // called again with new costs: the result equals a fresh metric's. Links that do not admit the
  // topology's modes are not read.
  // `perfect` = false skips the perfect customization and searches every finite arc: half the
  // customization time, for when few searches run per metric (docs/BENCHMARKS.md, "Routing").
  void customize(const float* link_cost_s, bool perfect = true);
  void customize(const std::vector<float>& link_cost_s, bool perfect = true) {
    customize(link_cost_s.data(), perfect);
  }

  const CchTopology& topology() const { return topology_; }
  // Cost of traversing vertex v's link.
  double vertex_cost(Index v) const { return vertex_cost_[v]; }
  // Weight tail -> head (up) and head -> tail (down) of an arc, infinity when there is no way.
  double up_weight(Index arc) const { return up_weight_[arc]; }
  double down_weight(Index arc) const { return down_weight_[arc]; }

  // How an arc direction is unpacked: through the lower triangle {w, tail, head} of the strict
  // minimum, given by its two arcs (w, tail) and (w, head); both invalid_index when the minimum
  // is the turn itself. Up goes tail -> w -> head (down (w, tail), then up (w, head)); down goes
  // head -> w -> tail (down (w, head), then up (w, tail)).
  Index up_via_tail_arc(Index arc) const { return up_via_[2 * arc]; }
  Index up_via_head_arc(Index arc) const { return up_via_[2 * arc + 1]; }
  Index down_via_tail_arc(Index arc) const { return down_via_[2 * arc]; }
  Index down_via_head_arc(Index arc) const { return down_via_[2 * arc + 1]; }
  // Number of tied ways of an arc direction (the turn, lower triangles), saturating at 255;
  // 0 when it has no finite weight.
  int up_ways(Index arc) const { return up_ways_[arc]; }
  int down_ways(Index arc) const { return down_ways_[arc]; }

  // The kept upward arcs of v, tail -> head, for the forward search, and the kept arcs of v
  // taken head -> tail (from above into v), listed at v, for the backward search.
  const CchSearchArc* search_up_begin(Index v) const { return up_search_.data() + up_first_[v]; }
  const CchSearchArc* search_up_end(Index v) const { return up_search_.data() + up_first_[v + 1]; }
  const CchSearchArc* search_down_begin(Index v) const {
    return down_search_.data() + down_first_[v];
  }
  const CchSearchArc* search_down_end(Index v) const {
    return down_search_.data() + down_first_[v + 1];
  }
  Index search_arc_count() const {
    return static_cast<Index>(up_search_.size() + down_search_.size());
  }

 private:
  void customize_vertex(Index v);
  void count_ways(Index v);
  void perfect_vertex(Index x);
  void build_search_graph();

  const CchTopology& topology_;
  std::vector<double> vertex_cost_;
  std::vector<double> up_weight_;
  std::vector<double> down_weight_;
  std::vector<Index> up_via_;  // 2 per arc
  std::vector<Index> down_via_;
  std::vector<std::uint8_t> up_ways_;
  std::vector<std::uint8_t> down_ways_;
  bool perfect_ = true;
  std::vector<double> perfect_up_;  // scratch of the perfect customization
  std::vector<double> perfect_down_;
  std::vector<std::uint8_t> kept_;  // bit 0: up kept, bit 1: down kept
  std::vector<Index> up_first_;
  std::vector<CchSearchArc> up_search_;
  std::vector<Index> down_first_;
  std::vector<CchSearchArc> down_search_;
};

}  // namespace arteria
