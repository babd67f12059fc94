#include "routing/cch_graph.hpp"

#include <algorithm>

#include "base/sha256.hpp"

namespace arteria {

CchGraph build_cch_graph(const Network& network, ModeMask modes) {
  CchGraph graph;
  graph.modes = modes;
  graph.link_vertex.assign(network.link_count, invalid_index);
  for (Index link = 0; link < network.link_count; ++link) {
    if (!(network.link_modes[link] & modes)) continue;
    graph.link_vertex[link] = graph.vertex_count();
    graph.vertex_link.push_back(link);
  }
  const Index n = graph.vertex_count();
  graph.x_m.resize(n);
  graph.y_m.resize(n);
  std::vector<Index> degree(n + 1, 0);
  for (Index v = 0; v < n; ++v) {
    const Index link = graph.vertex_link[v];
    const Index from = network.link_from_node[link];
    const Index to = network.link_to_node[link];
    graph.x_m[v] = 0.5 * (network.node_x_m[from] + network.node_x_m[to]);
    graph.y_m[v] = 0.5 * (network.node_y_m[from] + network.node_y_m[to]);
    if (network.node_is_centroid[to]) continue;  // zones are not crossed: no turn out
    const std::size_t first_arc = graph.arc_head.size();
    for (Index t = network.link_first_turn[link]; t < network.link_first_turn[link + 1]; ++t) {
      const Index head = graph.link_vertex[network.turn_to_link[t]];
      if (head == invalid_index || head == v) continue;
      const auto begin = graph.arc_head.begin() + static_cast<std::ptrdiff_t>(first_arc);
      if (std::find(begin, graph.arc_head.end(), head) != graph.arc_head.end()) continue;
      graph.arc_tail.push_back(v);
      graph.arc_head.push_back(head);
      ++degree[v];
      ++degree[head];
    }
  }
  // Undirected adjacency: both directions of every arc, then sorted and deduplicated per vertex.
  graph.first_neighbour.assign(n + 1, 0);
  for (Index v = 0; v < n; ++v) graph.first_neighbour[v + 1] = graph.first_neighbour[v] + degree[v];
  std::vector<Index> fill(graph.first_neighbour.begin(), graph.first_neighbour.end() - 1);
  std::vector<Index> both(graph.first_neighbour[n]);
  for (std::size_t a = 0; a < graph.arc_tail.size(); ++a) {
    both[fill[graph.arc_tail[a]]++] = graph.arc_head[a];
    both[fill[graph.arc_head[a]]++] = graph.arc_tail[a];
  }
  graph.neighbour.reserve(both.size());
  Index written = 0;
  for (Index v = 0; v < n; ++v) {
    const auto begin = both.begin() + graph.first_neighbour[v];
    const auto end = both.begin() + graph.first_neighbour[v + 1];
    std::sort(begin, end);
    graph.first_neighbour[v] = written;
    for (auto it = begin; it != end; ++it) {
      if (it != begin && *it == *(it - 1)) continue;
      graph.neighbour.push_back(*it);
      ++written;
    }
  }
  graph.first_neighbour[n] = written;
  return graph;
}

std::string cch_graph_hash(const CchGraph& graph) {
  Sha256 hash;
  const auto add = [&hash](const auto& values) {
    const std::uint64_t count = values.size();
    hash.update(&count, sizeof count);
    hash.update(values.data(), values.size() * sizeof(values[0]));
  };
  hash.update("arteria-cch-graph-1");
  const std::uint32_t modes = graph.modes;
  hash.update(&modes, sizeof modes);
  add(graph.vertex_link);
  add(graph.arc_tail);
  add(graph.arc_head);
  add(graph.x_m);
  add(graph.y_m);
  return hash.hex_digest();
}

}  // namespace arteria
