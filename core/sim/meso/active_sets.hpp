// Which links and nodes a step visits, so that its cost follows the traffic and not the size of
// the map: a link is visited while it holds vehicles or freed space still travelling upstream,
// a node while one of its in-links has a vehicle past the flow-capacity gate or one of its
// departure lists has a trip due. Every other link and node would do nothing in the step (the
// counter RNG draws per link and step, and idle links bring their flow credit up to date
// lazily), so visiting only these gives bit-identical results.
//
// Both lists are kept in id order and rebuilt between phases by serial passes over the active
// links, so nothing depends on the thread count. The sets are derived from the state, not part
// of it: a snapshot leaves them out, and they are rebuilt from the state (a scan of every link
// and node) when marked stale, which a restore, an event or an intervention does.
#pragma once

#include <tbb/enumerable_thread_specific.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "base/ids.hpp"

namespace arteria {

struct Scenario;
struct SimState;

struct ActiveSets {
  bool stale = true;

  std::vector<Index> links;          // in id order
  std::vector<std::uint8_t> listed;  // per link: in `links`
  // Links that got their first vehicle this step, gathered per thread by the node phase and
  // by the transit phase, merged into `links` at the end of the step.
  tbb::enumerable_thread_specific<std::vector<Index>> woken;

  std::vector<Index> nodes;              // this step's node phase, in id order
  std::vector<std::uint64_t> node_bits;  // the same as a bit set, while it is being built
  // Departures: a min-heap of (time of a node's next pending departure, node). due_s[n] is the
  // time of n's live entry (infinity: none); an entry with another time is stale and skipped.
  std::vector<std::pair<double, Index>> departure_heap;
  std::vector<double> due_s;
  std::vector<double> next_due_s;  // per node, written by its node-phase task
};

// The time of the next trip still to depart from `node`'s departure lists, infinity if none.
double next_departure_s(const Scenario& scenario, const SimState& state, Index node);

// Sizes the sets for the scenario and marks them stale.
void reset_active_sets(const Scenario& scenario, ActiveSets& active);

// Rebuilds the sets from the state when stale; a scan of every link and node.
void refresh_active_sets(const Scenario& scenario, const SimState& state, ActiveSets& active);

// After the link phase: the nodes the node phase visits at state.time_s (active.nodes).
void collect_active_nodes(const Scenario& scenario, const SimState& state, ActiveSets& active);

// After the node and transit phases: drops links left idle, adds the woken ones, and schedules
// the visited nodes' next departures.
void update_active_sets(const SimState& state, ActiveSets& active);

}  // namespace arteria
