// Link-to-link routing in bulk (SUMO trips between edges): for each (first, last) pair, the
// free-flow shortest path LinkDijkstra::between_links gives, found on a Customizable Contraction
// Hierarchy of the links admitting the modes. One forward sweep per distinct first link, shared
// by the pairs starting there, and, when last links repeat, one backward tree per distinct last
// link, shared by the pairs ending there; sweeps run in parallel with oneTBB, one CchQuery per
// thread, and the paths are written in pair order, so the result does not depend on the thread
// count.
//
// Semantics are those of between_links: the first link's own time counts; the two ends are used
// even when they do not admit the modes (a first link that does not is left by its turns; a
// last link that does is not a CCH vertex, and such pairs, rare, go to between_links itself);
// zone centroids end paths but are never crossed; first == last is the one-link path.
//
// On time-dependent costs (a LinkCostSeries), each pair is routed on the bin of its departure,
// one customization per bin some pair uses, as route_trips does for trips between nodes. The
// rare pairs whose last link is not a CCH vertex still take between_links' free-flow path.
//
// Costs: the CCH is customized with float link times and sums them in double, between_links
// sums double times. The two can pick different paths only where costs tie to within float
// rounding (~1e-7 relative) — on grids, exact ties, which each breaks its own way.
#pragma once

#include <optional>
#include <vector>

#include "model/link_cost_series.hpp"
#include "model/network.hpp"
#include "routing/cch_order_cache.hpp"

namespace arteria {

struct LinkPair {
  Index first = invalid_index;
  Index last = invalid_index;
};

struct LinkPairRoutes {
  std::vector<Index> pair_first_link{0};  // CSR, size pairs + 1; an empty range: no path
  std::vector<Index> links;               // each path from its first to its last link
};

struct LinkPairReport {
  Index sweeps = 0;              // forward sweeps (distinct first links)
  Index backward_trees = 0;      // one per distinct last link, when last links repeat
  Index by_dijkstra = 0;         // pairs whose last link does not admit the modes
  Index unroutable = 0;          // pairs with no path
  Index metrics = 0;             // cost bins customized
  CchPreparation preparation;    // the CCH order (cached or computed) and contraction
  double customization_s = 0.0;  // every metric
  double query_s = 0.0;          // sweeps, queries and unpacking
};

// Free-flow paths.
LinkPairRoutes route_link_pairs(const Network& network, ModeMask modes,
                                const std::vector<LinkPair>& pairs, LinkPairReport& report);

// Paths on `costs`, pair p on the bin of depart_s[p]. `prepared`, when given, is this network's
// CCH for `modes` (prepare_cch): it is used instead of building another.
LinkPairRoutes route_link_pairs(const Network& network, ModeMask modes,
                                const std::vector<LinkPair>& pairs,
                                const std::vector<double>& depart_s, const LinkCostSeries& costs,
                                LinkPairReport& report,
                                std::optional<PreparedCch> prepared = std::nullopt);

}  // namespace arteria
