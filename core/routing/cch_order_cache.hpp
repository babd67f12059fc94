// The CCH order of a network, from an on-disk cache when ordering is slow. Ordering is the only
// metric-independent step that costs much (~0.5 s for Porto's 125 k links on 2 cores); it depends
// on the graph alone, so it is kept under the graph's content hash in $XDG_CACHE_HOME/arteria (else
// ~/.cache/arteria; ARTERIA_CACHE_DIR overrides, an empty value turns the cache off).
//
// An entry is the serialized order followed by the SHA-256 of those bytes. It is used only when
// the checksum matches, it parses, and it was computed for this graph with as many vertices;
// anything else (truncated, corrupt, stale) is ignored and overwritten. Entries are written to a
// temporary file and renamed into place, so readers never see half a file; a cache folder that
// cannot be written just means no caching. Orders that took under `min_cached_s` to compute are
// not written (small test networks would otherwise litter the cache).
#pragma once

#include <string>

#include "routing/cch_order.hpp"
#include "routing/cch_topology.hpp"

namespace arteria {

struct CchOrderTiming {
  double seconds = 0.0;  // reading or computing the order
  bool from_cache = false;
};

// The cache folder, empty when caching is off.
std::string cch_cache_dir();

CchOrder cached_cch_order(const CchGraph& graph, CchOrderTiming& timing, double min_cached_s = 0.3);

// What every batch router starts with: the order for `modes` (from the cache when there) and the
// contraction, with their times.
struct CchPreparation {
  bool order_from_cache = false;
  double order_s = 0.0;
  double contraction_s = 0.0;
};
CchTopology cached_cch_topology(const Network& network, ModeMask modes, CchPreparation& timing);

// A topology built ahead of routing, with how it was built: `arteria run` builds the car CCH
// once for the memory estimate and hands it on to route_trips instead of building it twice.
struct PreparedCch {
  CchTopology topology;
  CchPreparation preparation;
};
PreparedCch prepare_cch(const Network& network, ModeMask modes);

}  // namespace arteria
