// Shortest-path queries on a customized CchMetric, with the costs and semantics of LinkDijkstra
// (link labels, turn restrictions, zones never crossed, closed links at infinite cost).
//
// Elimination-tree query, no priority queue: the forward search sweeps the union of the
// elimination-tree ancestors of the source links in rank order, relaxing upward weights; the
// backward search does the same from the in-links of the destination node with downward
// weights; the answer is the best vertex both reached. A forward sweep can be kept for many
// destinations (forward_from_node, then to_node for each). One object per thread; it keeps its
// arrays between queries, so a query allocates nothing once warmed up.
#pragma once

#include <cstdint>
#include <vector>

#include "routing/cch_metric.hpp"

namespace arteria {

class CchQuery {
 public:
  explicit CchQuery(const CchMetric& metric);

  // Cost (s) of the cheapest path from `origin` to `destination`, the first link's own cost
  // included; infinity when there is none.
  double from_node(Index origin, Index destination);
  // Cost (s) from the downstream end of `link` (its own cost not counted) to `destination`;
  // 0 when the link ends there.
  double from_link(Index link, Index destination);

  // One-to-many: sweep forward once, then ask for any number of destinations.
  void forward_from_node(Index origin);
  void forward_from_link(Index link);
  double to_node(Index destination);
  // Cost (s) from the sweep's start to the downstream end of `link`, its own cost included:
  // after forward_from_link(first), between_links(first, link)'s cost less first's own time
  // (0 when link == first, the path then being empty). `link` must admit the topology's modes;
  // infinity when there is no path.
  double to_link(Index link);

  // Appends the links of the last query's path (for from_link: the links after the start link)
  // and returns true; false when the last query found none.
  bool append_path(std::vector<Index>& links) const;

 private:
  struct Search {
    std::vector<double> label;
    std::vector<Index> via_arc;  // arc the label came by, invalid_index at a start
    std::vector<std::uint32_t> stamp;
    std::uint32_t current = 0;
    std::vector<Index> swept;  // the vertices of this search, ascending rank
    explicit Search(Index vertex_count);
    void start();
    bool reached(Index v) const { return stamp[v] == current; }
  };
  // Adds v and its elimination-tree ancestors to the search, then offers v the label `cost`.
  void add_start(Search& search, Index v, double cost);
  void sweep_forward();
  // Sweeps the backward search's vertices in rank order with downward weights, meeting the
  // forward search; returns the best cost and sets meeting_.
  double sweep_backward();
  // Appends the links along an arc (unpacking shortcuts), from its start vertex (excluded) to
  // its end vertex (included); `up` is the direction tail -> head.
  void unpack(Index arc, bool up, std::vector<Index>& links) const;

  const CchMetric& metric_;
  const CchTopology& topology_;
  const Network& network_;
  Search forward_;
  Search backward_;
  Index from_link_ = invalid_index;  // the start link of a from_link sweep
  bool ends_on_start_link_ = false;  // last query: from_link whose link ends at the destination
  Index meeting_ = invalid_index;    // last query: where the best path's two halves meet
  mutable std::vector<std::pair<Index, bool>> unpack_stack_;
  mutable std::vector<Index> arc_scratch_;
};

}  // namespace arteria
