// The metric-independent vertex order of a Customizable Contraction Hierarchy, by nested
// dissection: a small separator of the graph gets the highest ranks, then the pieces it leaves
// are ordered the same way, each in its own range of ranks below. Separators come from inertial
// flow on link midpoints (inertial_flow.hpp). The order depends on the graph only, so it can be
// computed once per network and kept on disk (cch_order_cache.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "routing/cch_graph.hpp"
#include "routing/inertial_flow.hpp"

namespace arteria {

struct CchOrder {
  std::vector<Index> rank;  // per CchGraph vertex: its rank, a permutation of 0..n-1
  std::string graph_hash;   // cch_graph_hash of the graph it was computed for
};

CchOrder compute_cch_order(const CchGraph& graph);
// The graph the dissection cuts: the link graph at link midpoints, links at one point joined
// (link_same_points).
PlaneGraph dissection_graph(const CchGraph& graph);
CchOrder compute_cch_order(const Network& network, ModeMask modes);

// Compact binary form: a tag, the graph hash, the vertex count and the ranks (little-endian).
std::string serialize_cch_order(const CchOrder& order);
// Throws InputError naming `source` when the bytes are not an order written by the above.
CchOrder deserialize_cch_order(std::string_view bytes, const std::string& source);

}  // namespace arteria
