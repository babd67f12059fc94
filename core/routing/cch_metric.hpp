// Link costs on a CchTopology: the weight of every arc in both directions after the basic
// customization, so that an elimination-tree query finds exact shortest paths, and for each
// arc direction the equally short ways to unpack it (for tie spreading).
//
// A turn a -> b weighs cost(b) plus the turn's penalty (Network::turn_penalty_s); a path's cost
// is cost(first link) plus its arc weights, which is LinkDijkstra's sum of link costs and turn
// penalties. Weights are doubles summed from the float link costs, as
// LinkDijkstra sums them; only the order of the additions differs (shortcut sums are formed
// bottom-up), so costs agree to within a few units in the last place of a double (exactly,
// whenever all costs are multiples of a common power of two, as float sums of similar size are).
//
// Customization runs over the elimination-tree levels, bottom up, each level in parallel with
// oneTBB: a vertex v sets the weights of its own upward arcs from the turns and then from every
// lower triangle {w, v, x} (w below v): v -> x <= v -> w -> x, and x -> v <= x -> w -> v. Each arc
// is written by one task, its triangles taken in a fixed order (ascending w) with a strict
// minimum, so weights do not depend on the thread count. Two more passes over the same
// triangles, once the weights are final, count and then list the ways (the turn, each lower
// triangle) that are tied with the minimum (cch_tied): a path may take any of them.
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
#include <span>
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

// One way of an arc direction. A triangle through w is walked in two halves: down from the
// direction's start vertex to w, then up from w to its end vertex; each half is itself an arc
// direction, given by the range of its own ways in the metric's list (first, count), so that
// unpacking reads one entry per step rather than an index and then an entry. The turn itself
// has down_count == 0, and up_first is then the link it enters.
struct CchWay {
  Index down_first;
  Index down_count;
  Index up_first;
  Index up_count;
  bool is_turn() const { return down_count == 0; }
};

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

  // How an arc direction is unpacked: its ways (the turn, lower triangles) tied with its weight
  // (cch_tied), in customization's order: the turn first, then the triangles {w, tail, head} by
  // ascending w. append_path takes the first; a spread path draws one. Empty when the direction
  // has no finite weight.
  std::span<const CchWay> up_ways(Index arc) const {
    return {ways_.data() + up_way_first_[arc], ways_.data() + up_way_first_[arc + 1]};
  }
  std::span<const CchWay> down_ways(Index arc) const {
    return {ways_.data() + down_way_first_[arc], ways_.data() + down_way_first_[arc + 1]};
  }
  // All ways, which CchWay's ranges index.
  const CchWay* ways() const { return ways_.data(); }

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
  // Calls visit(arc, up, down_arc, up_arc, length) for each way of the directions of v's upward
  // arcs, each arc's in the order of up_ways/down_ways: the arcs of its down and up halves, or
  // for the turn invalid_index and the link it enters; length is infinite for a turn that does
  // not exist.
  template <class Visit>
  void for_each_way(Index v, const Visit& visit) const;
  void count_ways(Index v);
  void fill_ways(Index v, std::vector<Index>& up_next, std::vector<Index>& down_next);
  void collect_ways();
  void perfect_vertex(Index x);
  void build_search_graph();

  const CchTopology& topology_;
  std::vector<double> vertex_cost_;
  std::vector<double> up_weight_;
  std::vector<double> down_weight_;
  // Tied ways, CSR per arc direction (up directions first, then down); while collecting, the
  // first arrays hold counts (at arc + 1).
  std::vector<Index> up_way_first_;
  std::vector<Index> down_way_first_;
  std::vector<CchWay> ways_;
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
