// Shortest paths with labels on links rather than nodes, so that turn restrictions are exact:
// a link's label is the cost of reaching its downstream end: the links' costs plus the penalties
// of the turns taken (Network::turn_penalty_s). One object per thread; it keeps
// its arrays between queries so a query allocates nothing once warmed up.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "model/network.hpp"

namespace arteria {

class LinkDijkstra {
 public:
  explicit LinkDijkstra(const Network& network);

  // Grows a tree from every out-link of `origin`. Links with infinite cost are unusable (closed).
  // With `target` set, stops once the best way into that node is known.
  void from_node(Index origin, const std::vector<float>& link_cost_s, Index target = invalid_index);
  // The same, stopping once the best way into every node of `targets` is known.
  void from_node_to_all(Index origin, const std::vector<float>& link_cost_s,
                        const std::vector<Index>& targets);
  // Grows a tree continuing from the downstream end of `link` (for a vehicle already on it).
  void from_link(Index link, const std::vector<float>& link_cost_s, Index target = invalid_index);
  // Link-to-link query (SUMO trips between edges): the free-flow shortest path that starts on
  // `first` and ends on `last`, over links admitting `modes` (the two ends are always allowed),
  // never passing through a zone centroid. Appends it to `links` (from `first` to `last`) and
  // returns true, or returns false when there is none. Costs are free-flow times in double
  // precision, the first link's own time included; the cost limit applies as usual.
  bool between_links(Index first, Index last, ModeMask modes, std::vector<Index>& links);

  // The in-link by which the tree reaches `node` most cheaply, or invalid_index.
  Index best_link_into(Index node) const;
  // Cost (s) of reaching `node`, infinity when unreachable.
  double cost_to(Index node) const;
  // Appends the links from the tree's root to `node` (ending with best_link_into(node)).
  // Returns false when `node` is unreachable.
  bool append_path_to(Index node, std::vector<Index>& links) const;
  // Cost (s) of reaching the downstream end of `link`, infinity when the tree did not settle it.
  double link_cost(Index link) const;
  // Appends the links from the tree's root to `link` (ending with `link`); false when unsettled.
  bool append_path_to_link(Index link, std::vector<Index>& links) const;
  // Queries stop growing past this cost (s); links beyond it stay unsettled. Default: no limit.
  void set_cost_limit(double limit_s) { cost_limit_ = limit_s; }

 private:
  struct Entry {
    double cost;
    Index link;
  };
  void reset();
  void push_out_links(Index origin, const std::vector<float>& link_cost_s);
  void push(Index link, double cost, Index predecessor);
  // Settles links in cost order until `is_target(link, link's downstream node)` holds for the
  // settled link. `link_cost_s(link)` is the cost of traversing a link, infinite when closed.
  template <class LinkCost, class IsTarget>
  void grow(const LinkCost& link_cost_s, const IsTarget& is_target);
  void run(const std::vector<float>& link_cost_s, Index target);
  bool settled(Index link) const { return settled_stamp_[link] == stamp_; }
  bool labelled(Index link) const { return label_stamp_[link] == stamp_; }

  const Network& network_;
  std::vector<double> cost_;
  std::vector<Index> predecessor_;
  std::vector<std::uint32_t> label_stamp_;  // a label is valid when its stamp is the query's
  std::vector<std::uint32_t> settled_stamp_;
  std::vector<std::uint32_t> target_stamp_;  // per node: a target of this query not yet reached
  std::uint32_t stamp_ = 0;
  double cost_limit_ = std::numeric_limits<double>::infinity();
  Index root_link_ = invalid_index;  // from_link queries: the link the tree continues from
  std::vector<Entry> heap_;
  mutable std::vector<Index> scratch_;
};

// Free-flow traversal time of every link for cars: infinity for links in `closed` (may be
// empty) and links cars may not use.
std::vector<float> free_flow_costs(const Network& network, const std::vector<float>& free_speed_mps,
                                   const std::vector<std::uint8_t>& closed);

}  // namespace arteria
