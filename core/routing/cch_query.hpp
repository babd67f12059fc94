// Shortest-path queries on a customized CchMetric, with the costs and semantics of LinkDijkstra
// (link labels, turn restrictions, zones never crossed, closed links at infinite cost).
//
// Elimination-tree query, no priority queue: the forward search sweeps the union of the
// elimination-tree ancestors of the source links in rank order, relaxing upward weights; the
// backward search does the same from the in-links of the destination node with downward
// weights; the answer is the best vertex both reached. The union is built sorted by walking the
// start chains up together (each chain ascends; the lowest head goes next). The backward sweep
// does not relax a vertex whose label already exceeds the best meeting cost (every path on
// through it costs more). A forward sweep can be kept for many destinations (forward_from_node,
// then to_node for each). One object per thread; it keeps its arrays between queries, so a
// query allocates nothing once warmed up.
//
// Paths: append_path takes the first minimum everywhere (the same path every time);
// append_spread_path chooses at random among everything tied within cch_tie_tolerance (the
// meeting vertex, the arc each label came by or its being a start, and the way each shortcut is
// unpacked: its turn or any of its lower triangles), each choice drawn by the counter RNG from
// (seed, trip, the choice's place), so trips between one OD pair spread over the shortest paths
// and a trip's path does not depend on the thread count or on the other trips.
#pragma once

#include <cstdint>
#include <utility>
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

  // A backward search to one destination node, without pruning, so that it serves any origin:
  // the vertices it labelled, ascending, with their labels and arcs. Many trips to few
  // destinations (zones) keep one per destination instead of sweeping per trip.
  struct BackwardTree {
    std::vector<Index> vertex;
    std::vector<double> label;
    std::vector<Index> via_arc;
    std::vector<Index> tie_first;  // CSR into ties: the ways each label came by (see Search)
    std::vector<Index> ties;
  };
  void backward_tree(Index destination, BackwardTree& tree);
  // Whether trees (one per target, serving every origin) pay for `queries` queries to `targets`
  // distinct targets: when targets repeat and the trees fit in memory.
  static bool backward_trees_pay(const CchTopology& topology, std::size_t queries,
                                 std::size_t targets);
  // The same towards the downstream end of `link` (to_link's target).
  void backward_tree_to_link(Index link, BackwardTree& tree);
  // to_node(destination) after the forward sweep, from `tree` (backward_tree(destination)).
  double to_node(Index destination, const BackwardTree& tree);
  // to_link(link) after the forward sweep, from `tree` (backward_tree_to_link(link)).
  double to_link(Index link, const BackwardTree& tree);

  // Appends the links of the last query's path (for from_link: the links after the start link)
  // and returns true; false when the last query found none.
  bool append_path(std::vector<Index>& links) const;
  // The same, ties chosen by (seed, trip) as described above. May be called several times
  // after one query (trips with the same origin and destination), each trip drawing its own.
  bool append_spread_path(std::vector<Index>& links, std::uint64_t seed, Index trip) const;

 private:
  struct Search {
    std::vector<double> label;
    std::vector<Index> via_arc;  // arc the label came by, invalid_index at a start
    std::vector<std::uint32_t> stamp;
    std::uint32_t current = 0;
    std::vector<std::pair<Index, double>> starts;  // (vertex, start cost)
    std::vector<Index> swept;                      // the vertices of this search, ascending rank
    // The ways each label came by within the tie tolerance, for drawing paths, gathered while
    // relaxing (so only searched arcs count): tie_count[v] of them, in a list from tie_head[v]
    // through tie_pool (arc, next). A single way is via_arc[v] alone (tie_head[v] is then
    // invalid_index). An arc of invalid_index stands for being a start.
    std::vector<Index> tie_count;
    std::vector<Index> tie_head;
    std::vector<std::pair<Index, Index>> tie_pool;
    explicit Search(Index vertex_count);
    void start();
    bool reached(Index v) const { return stamp[v] == current; }
    // Offers v the label `cost` by `arc`: a lower label replaces it (and the ties, unless still
    // tied with it), a tied one joins the ties.
    void offer(Index v, double cost, Index arc);
    void add_tie(Index v, Index arc);
  };
  // Whose ties a path takes: none (first minimum) or a trip's draws.
  struct TieDraw {
    bool spread = false;
    std::uint64_t seed = 0;
    Index trip = 0;
    // One of `ways` (> 1) options for the choice at `place` of kind `kind`.
    Index choose(Index ways, std::uint64_t place, int kind) const;
  };

  // Notes v as a start offered the label `cost`.
  void add_start(Search& search, Index v, double cost) const;
  // Fills search.swept with the starts and their elimination-tree ancestors, ascending, and
  // labels the starts.
  void collect_ancestors(Search& search);
  void sweep_forward();
  // Sweeps the backward search's vertices in rank order with downward weights, meeting the
  // forward search; returns the best cost and sets meeting_.
  double sweep_backward();
  // Starts the backward search on the in-links of `destination`; false when the query is
  // already answered (a from_link sweep whose link ends there).
  bool start_backward(Index destination);
  // Relaxes backward_'s vertex v with label `label` (downward kept arcs).
  void relax_backward(Index v, double label);
  // Sweeps the started backward search without pruning into `tree`.
  void sweep_tree(BackwardTree& tree);
  // Meets the forward sweep with `tree` as the backward side; returns the best cost.
  double meet_tree(const BackwardTree& tree);
  bool append_path_drawn(std::vector<Index>& links, const TieDraw& draw) const;
  // Notes a vertex both searches reached, at `where` (its tree position or itself), whose path
  // costs `cost`: the best so far becomes the meeting, and candidates tied with the best so far
  // are kept (a superset of those tied with the final best, in order).
  void note_meeting(Index where, Index v, double cost, double& best);
  // The meeting vertex drawn among the tied; a position in tree_ when the query used a tree.
  Index draw_meeting(const TieDraw& draw) const;
  // The arc v's label came by in `search` (invalid_index: v is a start), drawn among the tied.
  Index draw_via(const Search& search, bool forward, Index v, const TieDraw& draw) const;
  // The same for the vertex at position i of tree_.
  Index draw_tree_via(Index i, const TieDraw& draw) const;
  static std::uint64_t place_of_via(Index v, bool forward) {
    return 2 * static_cast<std::uint64_t>(v) + (forward ? 1 : 0);
  }
  // Appends the links along an arc (unpacking shortcuts), from its start vertex (excluded) to
  // its end vertex (included); `up` is the direction tail -> head.
  void unpack(Index arc, bool up, std::vector<Index>& links, const TieDraw& draw) const;
  const CchMetric& metric_;
  const CchTopology& topology_;
  const Network& network_;
  Search forward_;
  Search backward_;
  Index from_link_ = invalid_index;      // the start link of a from_link sweep
  bool ends_on_start_link_ = false;      // last query: from_link whose link ends at the destination
  Index meeting_ = invalid_index;        // last query: where the best path's two halves meet
  const BackwardTree* tree_ = nullptr;   // last query's backward side, when it was a tree
  Index meeting_where_ = invalid_index;  // meeting_, or its position in tree_
  std::vector<std::pair<Index, double>> tied_meetings_;        // (where, cost), see note_meeting
  double best_ = 0.0;                                          // last query: its cost
  std::vector<Index> frontier_;                                // collect_ancestors' chain heads
  mutable std::vector<std::pair<Index, Index>> unpack_stack_;  // ranges of ways (first, count)
  mutable std::vector<Index> arc_scratch_;
};

}  // namespace arteria
