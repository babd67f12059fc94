#include "routing/cch_order.hpp"

#include <tbb/task_group.h>

#include <algorithm>
#include <memory>
#include <numeric>

#include "base/error.hpp"
#include "routing/inertial_flow.hpp"

namespace arteria {
namespace {

// Pieces this small are ranked by degree (lowest first): a separator search would not pay.
constexpr Index leaf_size = 8;

// Connected components of `graph`, each a list of local ids in ascending order, the components
// ordered by their smallest id (each search starts at the smallest vertex not yet reached).
std::vector<std::vector<Index>> components(const PlaneGraph& graph) {
  std::vector<Index> component(graph.size(), invalid_index);
  std::vector<Index> size;
  std::vector<Index> queue;
  for (Index start = 0; start < graph.size(); ++start) {
    if (component[start] != invalid_index) continue;
    const Index c = static_cast<Index>(size.size());
    queue.assign(1, start);
    component[start] = c;
    for (std::size_t i = 0; i < queue.size(); ++i) {
      const Index u = queue[i];
      for (Index k = graph.first[u]; k < graph.first[u + 1]; ++k) {
        const Index v = graph.adjacent[k];
        if (component[v] == invalid_index) {
          component[v] = c;
          queue.push_back(v);
        }
      }
    }
    size.push_back(static_cast<Index>(queue.size()));
  }
  std::vector<std::vector<Index>> result(size.size());
  for (std::size_t c = 0; c < size.size(); ++c) result[c].reserve(size[c]);
  for (Index v = 0; v < graph.size(); ++v) result[component[v]].push_back(v);  // ascending
  return result;
}

// Ranks the vertices of `graph` (whose global ids are `global`) with ranks
// [first_rank, first_rank + size) by degree, lowest first: small pieces, and any piece no
// separator is found for.
void rank_by_degree(const PlaneGraph& graph, const std::vector<Index>& global, Index first_rank,
                    std::vector<Index>& rank) {
  std::vector<Index> by_degree(graph.size());
  std::iota(by_degree.begin(), by_degree.end(), Index{0});
  std::stable_sort(by_degree.begin(), by_degree.end(),
                   [&](Index a, Index b) { return graph.degree(a) < graph.degree(b); });
  for (Index i = 0; i < graph.size(); ++i) rank[global[by_degree[i]]] = first_rank + i;
}

// Ranks the vertices of `graph` with ranks [first_rank, first_rank + size). Pieces are ordered in
// parallel; each writes only its own vertices' ranks, and which ranks a piece gets is fixed
// before it starts, so the order does not depend on the number of threads.
void dissect(const PlaneGraph& graph, const std::vector<Index>& global, Index first_rank,
             std::vector<Index>& rank) {
  const Index n = graph.size();
  if (n <= leaf_size) return rank_by_degree(graph, global, first_rank, rank);
  std::vector<std::vector<Index>> pieces = components(graph);
  if (pieces.size() == 1) {
    // Connected: the separator takes the top ranks, what remains is ordered below it.
    const std::vector<Index> separator = inertial_flow_separator(graph);
    if (separator.empty()) return rank_by_degree(graph, global, first_rank, rank);  // never hang
    std::vector<std::uint8_t> in_separator(n, 0);
    for (Index i = 0; i < separator.size(); ++i) {
      in_separator[separator[i]] = 1;
      rank[global[separator[i]]] = first_rank + n - static_cast<Index>(separator.size()) + i;
    }
    std::vector<Index> rest;
    rest.reserve(n - separator.size());
    for (Index v = 0; v < n; ++v) {
      if (!in_separator[v]) rest.push_back(v);
    }
    if (rest.empty()) return;
    std::vector<Index> scratch;
    const PlaneGraph sub = induced_subgraph(graph, rest, scratch);
    std::vector<Index> sub_global(rest.size());
    for (Index i = 0; i < rest.size(); ++i) sub_global[i] = global[rest[i]];
    dissect(sub, sub_global, first_rank, rank);
    return;
  }
  tbb::task_group group;
  std::vector<Index> scratch;
  Index next_rank = first_rank;
  for (const std::vector<Index>& piece : pieces) {
    auto sub = std::make_shared<PlaneGraph>(induced_subgraph(graph, piece, scratch));
    auto sub_global = std::make_shared<std::vector<Index>>(piece.size());
    for (Index i = 0; i < piece.size(); ++i) (*sub_global)[i] = global[piece[i]];
    group.run([sub, sub_global, next_rank, &rank] { dissect(*sub, *sub_global, next_rank, rank); });
    next_rank += static_cast<Index>(piece.size());
  }
  group.wait();
}

// Bumped whenever the ordering changes, so that cached orders of an older one are recomputed
// (2: separators on the graph of link midpoints).
constexpr std::string_view order_tag = "ARTERIA-CCH-ORDER-2\n";

void put_u32(std::string& out, std::uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>(value >> shift));
}

std::uint32_t get_u32(std::string_view bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    value |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
  }
  return value;
}

}  // namespace

PlaneGraph dissection_graph(const CchGraph& graph) {
  PlaneGraph plane;
  plane.first = graph.first_neighbour;
  plane.adjacent = graph.neighbour;
  plane.x = graph.x_m;
  plane.y = graph.y_m;
  link_same_points(plane);
  return plane;
}

CchOrder compute_cch_order(const CchGraph& graph) {
  const PlaneGraph plane = dissection_graph(graph);
  std::vector<Index> global(graph.vertex_count());
  std::iota(global.begin(), global.end(), Index{0});
  CchOrder order;
  order.rank.assign(graph.vertex_count(), invalid_index);
  dissect(plane, global, 0, order.rank);
  order.graph_hash = cch_graph_hash(graph);
  return order;
}

CchOrder compute_cch_order(const Network& network, ModeMask modes) {
  return compute_cch_order(build_cch_graph(network, modes));
}

std::string serialize_cch_order(const CchOrder& order) {
  std::string out(order_tag);
  out += order.graph_hash;
  out.push_back('\n');
  put_u32(out, static_cast<std::uint32_t>(order.rank.size()));
  for (Index r : order.rank) put_u32(out, r);
  return out;
}

CchOrder deserialize_cch_order(std::string_view bytes, const std::string& source) {
  const auto fail = [&source](const std::string& message) {
    return InputError(source, 0, "", "not a CCH order file: " + message);
  };
  constexpr std::size_t hash_size = 64;
  const std::size_t header = order_tag.size() + hash_size + 1 + 4;
  if (bytes.size() < header || bytes.substr(0, order_tag.size()) != order_tag) {
    throw fail("missing header");
  }
  CchOrder order;
  order.graph_hash = std::string(bytes.substr(order_tag.size(), hash_size));
  const std::uint32_t count = get_u32(bytes, header - 4);
  if (bytes.size() != header + 4 * std::size_t{count}) throw fail("wrong size");
  order.rank.resize(count);
  std::vector<std::uint8_t> seen(count, 0);
  for (std::uint32_t v = 0; v < count; ++v) {
    const Index r = get_u32(bytes, header + 4 * std::size_t{v});
    if (r >= count || seen[r]) throw fail("ranks are not a permutation");
    seen[r] = 1;
    order.rank[v] = r;
  }
  return order;
}

}  // namespace arteria
