#include "routing/cch_topology.hpp"

#include <algorithm>
#include <stdexcept>

namespace arteria {

CchTopology::CchTopology(const Network& network, ModeMask modes, const CchOrder& order)
    : network_(network), modes_(modes) {
  const CchGraph graph = build_cch_graph(network, modes);
  const Index n = graph.vertex_count();
  if (order.rank.size() != n ||
      (!order.graph_hash.empty() && order.graph_hash != cch_graph_hash(graph))) {
    throw std::invalid_argument("CchTopology: the order was computed for another graph");
  }
  vertex_link_.resize(n);
  link_vertex_.assign(network.link_count, invalid_index);
  for (Index v = 0; v < n; ++v) {
    vertex_link_[order.rank[v]] = graph.vertex_link[v];
    link_vertex_[graph.vertex_link[v]] = order.rank[v];
  }

  // Contraction in rank order: when v is reached, all its lower neighbours have added their
  // upward neighbours to v's list, so the list is final; v passes it on to its parent.
  std::vector<std::vector<Index>> upward(n);
  for (std::size_t a = 0; a < graph.arc_tail.size(); ++a) {
    const Index u = order.rank[graph.arc_tail[a]];
    const Index w = order.rank[graph.arc_head[a]];
    upward[std::min(u, w)].push_back(std::max(u, w));
  }
  parent_.assign(n, invalid_index);
  first_up_.assign(n + 1, 0);
  for (Index v = 0; v < n; ++v) {
    std::vector<Index>& up = upward[v];
    std::sort(up.begin(), up.end());
    up.erase(std::unique(up.begin(), up.end()), up.end());
    first_up_[v + 1] = first_up_[v] + static_cast<Index>(up.size());
    if (up.empty()) continue;
    parent_[v] = up.front();
    std::vector<Index>& parent_up = upward[up.front()];
    parent_up.insert(parent_up.end(), up.begin() + 1, up.end());
  }
  arc_tail_.resize(first_up_[n]);
  arc_head_.resize(first_up_[n]);
  for (Index v = 0; v < n; ++v) {
    std::fill(arc_tail_.begin() + first_up_[v], arc_tail_.begin() + first_up_[v + 1], v);
    std::copy(upward[v].begin(), upward[v].end(), arc_head_.begin() + first_up_[v]);
    std::vector<Index>().swap(upward[v]);
  }

  mark_input_arcs(network, graph, order);

  // Lower neighbours: the arcs again, grouped by head (ascending tails, as arcs are by tail).
  first_down_.assign(n + 1, 0);
  for (Index a = 0; a < arc_count(); ++a) ++first_down_[arc_head_[a] + 1];
  for (Index v = 0; v < n; ++v) first_down_[v + 1] += first_down_[v];
  std::vector<Index> fill(first_down_.begin(), first_down_.end() - 1);
  down_arc_.resize(arc_count());
  for (Index a = 0; a < arc_count(); ++a) down_arc_[fill[arc_head_[a]]++] = a;

  // Levels by elimination-tree height (leaves 0), by a counting sort.
  std::vector<Index> height(n, 0);
  Index max_height = 0;
  for (Index v = 0; v < n; ++v) {
    max_height = std::max(max_height, height[v]);
    if (parent_[v] != invalid_index) {
      height[parent_[v]] = std::max(height[parent_[v]], height[v] + 1);
    }
  }
  level_first_.assign(n == 0 ? 1 : max_height + 2, 0);
  for (Index v = 0; v < n; ++v) ++level_first_[height[v] + 1];
  for (std::size_t h = 1; h < level_first_.size(); ++h) level_first_[h] += level_first_[h - 1];
  fill.assign(level_first_.begin(), level_first_.end() - 1);
  level_vertices_.resize(n);
  for (Index v = 0; v < n; ++v) level_vertices_[fill[height[v]]++] = v;
}

Index CchTopology::find_arc(Index low, Index high) const {
  const auto begin = arc_head_.begin() + first_up_[low];
  const auto end = arc_head_.begin() + first_up_[low + 1];
  const auto it = std::lower_bound(begin, end, high);
  return it != end && *it == high ? static_cast<Index>(it - arc_head_.begin()) : invalid_index;
}

// Which arcs are turns, in which direction, and what each turn's penalty is.
void CchTopology::mark_input_arcs(const Network& network, const CchGraph& graph,
                                  const CchOrder& order) {
  up_input_link_.assign(arc_count(), invalid_index);
  down_input_link_.assign(arc_count(), invalid_index);
  up_input_penalty_s_.assign(arc_count(), 0.0f);
  down_input_penalty_s_.assign(arc_count(), 0.0f);
  for (std::size_t a = 0; a < graph.arc_tail.size(); ++a) {
    const Index u = order.rank[graph.arc_tail[a]];
    const Index w = order.rank[graph.arc_head[a]];
    const Index arc = find_arc(std::min(u, w), std::max(u, w));
    const Index turn = network.find_turn(vertex_link_[u], vertex_link_[w]);
    (u < w ? up_input_link_ : down_input_link_)[arc] = vertex_link_[w];
    (u < w ? up_input_penalty_s_ : down_input_penalty_s_)[arc] = network.turn_penalty_s[turn];
  }
  input_arc_count_ = static_cast<Index>(graph.arc_tail.size());
}

}  // namespace arteria
