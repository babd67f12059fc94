#include "routing/link_dijkstra.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace arteria {
namespace {

constexpr double unreachable = std::numeric_limits<double>::infinity();

// Min-heap order; ties broken by link id so that every query is a function of its inputs.
bool heap_after(const auto& a, const auto& b) {
  return a.cost != b.cost ? a.cost > b.cost : a.link > b.link;
}

}  // namespace

LinkDijkstra::LinkDijkstra(const Network& network)
    : network_(network),
      cost_(network.link_count, unreachable),
      predecessor_(network.link_count, invalid_index),
      label_stamp_(network.link_count, 0),
      settled_stamp_(network.link_count, 0),
      target_stamp_(network.node_count, 0) {}

void LinkDijkstra::reset() {
  if (++stamp_ == 0) {  // wrapped: clear the stamps once every 2^32 queries
    std::fill(label_stamp_.begin(), label_stamp_.end(), 0);
    std::fill(settled_stamp_.begin(), settled_stamp_.end(), 0);
    std::fill(target_stamp_.begin(), target_stamp_.end(), 0);
    stamp_ = 1;
  }
  heap_.clear();
  root_link_ = invalid_index;
}

void LinkDijkstra::push(Index link, double cost, Index predecessor) {
  if (labelled(link) && cost_[link] <= cost) return;
  label_stamp_[link] = stamp_;
  cost_[link] = cost;
  predecessor_[link] = predecessor;
  heap_.push_back({cost, link});
  std::push_heap(heap_.begin(), heap_.end(), heap_after<Entry, Entry>);
}

template <class LinkCost, class IsTarget>
void LinkDijkstra::grow(const LinkCost& link_cost_s, const IsTarget& is_target) {
  while (!heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), heap_after<Entry, Entry>);
    const Entry top = heap_.back();
    heap_.pop_back();
    if (settled(top.link) || top.cost > cost_[top.link]) continue;
    if (top.cost > cost_limit_) return;
    settled_stamp_[top.link] = stamp_;
    const Index node = network_.link_to_node[top.link];
    if (is_target(top.link, node)) return;  // settled in cost order: this is the best way in
    if (network_.node_is_centroid[node]) continue;  // zones are not crossed
    for (Index t = network_.link_first_turn[top.link]; t < network_.link_first_turn[top.link + 1];
         ++t) {
      const Index next = network_.turn_to_link[t];
      const double cost = link_cost_s(next);
      if (std::isinf(cost) || settled(next)) continue;
      // The turn's weight as the CCH metric forms it: the link's cost plus the turn's penalty.
      push(next, top.cost + (cost + network_.turn_penalty_s[t]), top.link);
    }
  }
}

void LinkDijkstra::run(const std::vector<float>& link_cost_s, Index target) {
  grow([&](Index link) { return link_cost_s[link]; },
       [target](Index, Index node) { return node == target; });
}

void LinkDijkstra::push_out_links(Index origin, const std::vector<float>& link_cost_s) {
  for (Index i = network_.node_first_out[origin]; i < network_.node_first_out[origin + 1]; ++i) {
    const Index link = network_.out_links[i];
    if (!std::isinf(link_cost_s[link])) push(link, link_cost_s[link], invalid_index);
  }
}

void LinkDijkstra::from_node(Index origin, const std::vector<float>& link_cost_s, Index target) {
  reset();
  push_out_links(origin, link_cost_s);
  run(link_cost_s, target);
}

void LinkDijkstra::from_node_to_all(Index origin, const std::vector<float>& link_cost_s,
                                    const std::vector<Index>& targets) {
  reset();
  std::size_t left = 0;
  for (const Index node : targets) {
    left += target_stamp_[node] != stamp_;
    target_stamp_[node] = stamp_;
  }
  if (left == 0) return;
  push_out_links(origin, link_cost_s);
  grow([&](Index link) { return link_cost_s[link]; },
       [&](Index, Index node) {
         if (target_stamp_[node] != stamp_) return false;
         target_stamp_[node] = 0;  // reached by its best way in
         return --left == 0;
       });
}

void LinkDijkstra::from_link(Index link, const std::vector<float>& link_cost_s, Index target) {
  reset();
  root_link_ = link;
  push(link, 0.0, invalid_index);
  run(link_cost_s, target);
}

bool LinkDijkstra::between_links(Index first, Index last, ModeMask modes,
                                 std::vector<Index>& links) {
  reset();
  // Free-flow time in double precision; a link not admitting `modes` is closed unless it is
  // `last`. The first link's own time is counted, so costs are those of its downstream end.
  const auto travel_s = [&](Index link) {
    return static_cast<double>(network_.link_length_m[link]) / network_.link_free_speed_mps[link];
  };
  root_link_ = first;
  push(first, travel_s(first), invalid_index);
  grow(
      [&](Index link) {
        return link == last || (network_.link_modes[link] & modes) ? travel_s(link) : unreachable;
      },
      [last](Index link, Index) { return link == last; });
  return append_path_to_link(last, links);
}

Index LinkDijkstra::best_link_into(Index node) const {
  Index best = invalid_index;
  for (Index i = network_.node_first_in[node]; i < network_.node_first_in[node + 1]; ++i) {
    const Index link = network_.in_links[i];
    if (!settled(link)) continue;
    if (best == invalid_index || cost_[link] < cost_[best]) best = link;
  }
  return best;
}

double LinkDijkstra::cost_to(Index node) const {
  const Index link = best_link_into(node);
  return link == invalid_index ? unreachable : cost_[link];
}

bool LinkDijkstra::append_path_to(Index node, std::vector<Index>& links) const {
  Index link = best_link_into(node);
  if (link == invalid_index) return false;
  scratch_.clear();
  for (; link != invalid_index; link = predecessor_[link]) scratch_.push_back(link);
  links.insert(links.end(), scratch_.rbegin(), scratch_.rend());
  return true;
}

double LinkDijkstra::link_cost(Index link) const {
  return settled(link) ? cost_[link] : unreachable;
}

bool LinkDijkstra::append_path_to_link(Index link, std::vector<Index>& links) const {
  if (!settled(link)) return false;
  scratch_.clear();
  for (; link != invalid_index; link = predecessor_[link]) scratch_.push_back(link);
  links.insert(links.end(), scratch_.rbegin(), scratch_.rend());
  return true;
}

std::vector<float> free_flow_costs(const Network& network, const std::vector<float>& free_speed_mps,
                                   const std::vector<std::uint8_t>& closed) {
  std::vector<float> cost(network.link_count);
  for (Index link = 0; link < network.link_count; ++link) {
    // Cars never take links closed to them (bus lanes, guideways; transit has its own routes).
    const bool is_closed =
        (!closed.empty() && closed[link]) || !(network.link_modes[link] & mode_car);
    cost[link] = is_closed ? std::numeric_limits<float>::infinity()
                           : network.link_length_m[link] / free_speed_mps[link];
  }
  return cost;
}

}  // namespace arteria
