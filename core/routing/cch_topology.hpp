// The metric-independent part of a Customizable Contraction Hierarchy (Dibbelt, Strasser &
// Wagner 2016): the graph contracted in a given order. Vertices are renumbered by rank (vertex r
// has rank r). Contracting v joins all its higher-ranked neighbours to each other, so every
// vertex ends with a sorted list of upward arcs; the chordal supergraph this gives holds, for
// each arc, every lower triangle the customization needs. The elimination tree (parent = lowest
// upward neighbour) drives queries, and its heights group vertices into levels that can be
// customized in parallel: a vertex's lower neighbours are its descendants, so all are in lower
// levels. Every array is plain CSR indexed by rank or arc.
#pragma once

#include <vector>

#include "routing/cch_order.hpp"

namespace arteria {

class CchTopology {
 public:
  // Contracts the graph of `network` for `modes` in `order`. Throws std::invalid_argument when
  // the order was computed for another graph.
  CchTopology(const Network& network, ModeMask modes, const CchOrder& order);

  const Network& network() const { return network_; }
  ModeMask modes() const { return modes_; }
  Index vertex_count() const { return static_cast<Index>(vertex_link_.size()); }
  Index arc_count() const { return static_cast<Index>(arc_head_.size()); }
  // Arcs of the input graph (allowed turns); the other arcs are shortcuts.
  Index input_arc_count() const { return input_arc_count_; }

  // The vertex (rank) of a link, invalid_index when the link does not admit the modes.
  Index vertex_of_link(Index link) const { return link_vertex_[link]; }
  Index link_of_vertex(Index v) const { return vertex_link_[v]; }
  // Elimination-tree parent, invalid_index for a root.
  Index parent(Index v) const { return parent_[v]; }

  // Upward arcs of v: [first_up(v), first_up(v + 1)), heads ascending. An arc joins its tail
  // (the lower end) and head; it has an upward weight (tail -> head) and a downward one.
  Index first_up(Index v) const { return first_up_[v]; }
  Index arc_tail(Index arc) const { return arc_tail_[arc]; }
  Index arc_head(Index arc) const { return arc_head_[arc]; }
  // The arc between low < high, invalid_index when there is none (binary search).
  Index find_arc(Index low, Index high) const;

  // Lower neighbours of v: entries [first_down(v), first_down(v + 1)), ascending, each the
  // arc (lower neighbour, v).
  Index first_down(Index v) const { return first_down_[v]; }
  Index down_arc(Index entry) const { return down_arc_[entry]; }

  // The link whose cost an arc carries tail -> head (up) and head -> tail (down) when that
  // direction is an allowed turn (the cost of a turn a -> b is the cost of b), else invalid.
  Index up_input_link(Index arc) const { return up_input_link_[arc]; }
  Index down_input_link(Index arc) const { return down_input_link_[arc]; }
  // That turn's penalty (Network::turn_penalty_s), which the metric adds to the link's cost;
  // 0 where the direction is not a turn.
  float up_input_penalty_s(Index arc) const { return up_input_penalty_s_[arc]; }
  float down_input_penalty_s(Index arc) const { return down_input_penalty_s_[arc]; }

  // Vertices by elimination-tree height: level h is [level_first(h), level_first(h + 1)) in
  // level_vertices(), ascending within a level.
  Index level_count() const { return static_cast<Index>(level_first_.size()) - 1; }
  Index level_first(Index h) const { return level_first_[h]; }
  const std::vector<Index>& level_vertices() const { return level_vertices_; }

 private:
  void mark_input_arcs(const Network& network, const CchGraph& graph, const CchOrder& order);

  const Network& network_;
  ModeMask modes_;
  std::vector<Index> vertex_link_;
  std::vector<Index> link_vertex_;
  std::vector<Index> parent_;
  std::vector<Index> first_up_;
  std::vector<Index> arc_tail_;
  std::vector<Index> arc_head_;
  std::vector<Index> first_down_;
  std::vector<Index> down_arc_;
  std::vector<Index> up_input_link_;
  std::vector<Index> down_input_link_;
  std::vector<float> up_input_penalty_s_;
  std::vector<float> down_input_penalty_s_;
  std::vector<Index> level_first_;
  std::vector<Index> level_vertices_;
  Index input_arc_count_ = 0;
};

}  // namespace arteria
