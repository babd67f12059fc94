// Which links and nodes a step visits, so that its cost follows the traffic and not the size of
// the map. A link is visited when it has something to do: a vehicle due at its downstream end
// while there is room and flow capacity to pass it, freed space arriving at its upstream end,
// or flow credit still recovering after a vehicle passed (link_wheel.hpp says when each link
// asks to be woken). A node is visited while one of its in-links has a vehicle past the
// flow-capacity gate or one of its departure lists has a trip due. A link or node left out
// would do nothing in the step (the counter RNG draws per link and step, and a link brings its
// flow credit up to date lazily), so visiting only these gives bit-identical results.
//
// The node and buffered lists are in id order, built between phases by serial passes, so
// nothing depends on the thread count (the link list holds the same links in any order). The sets
// are derived from the state, not part of it: a snapshot leaves them out, and they are rebuilt from
// the state when marked stale (a restore, an event or an intervention), which visits every link
// with vehicles once and lets each schedule itself.
#pragma once

#include <tbb/enumerable_thread_specific.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "base/ids.hpp"
#include "sim/meso/link_wheel.hpp"

namespace arteria {

struct Scenario;
struct SimState;

struct ActiveSets {
  bool stale = true;

  std::vector<Index> links;  // this step's link phase, each once (any order)
  LinkWheel wheel;
  // Wake-up requests of the phases, per thread, filed into the wheel after each phase.
  tbb::enumerable_thread_specific<std::vector<LinkWake>> wakes;

  // Links with vehicles past the gate (waiting for their node), in id order.
  std::vector<Index> buffered;
  std::vector<std::uint8_t> listed;   // per link: in `buffered`
  std::vector<Index> newly_buffered;  // scratch of collect_active_nodes, kept to reuse its memory

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

// Before the link phase: rebuilds the sets from the state when stale (a scan of every link and
// node), then takes the links due at this step from the wheel (active.links).
void collect_active_links(const Scenario& scenario, const SimState& state, ActiveSets& active);

// After the link phase: files its wake-ups, lists the links it gave a buffer, and collects the
// nodes the node phase visits at state.time_s (active.nodes).
void collect_active_nodes(const Scenario& scenario, const SimState& state, ActiveSets& active);

// After the node and transit phases: files their wake-ups, drops links whose buffer emptied,
// and schedules the visited nodes' next departures.
void update_active_sets(const SimState& state, ActiveSets& active);

// When link `l`, just visited by the link phase, next has something to do (never_step: only
// when a node or transit phase gives it some).
std::uint64_t next_link_work_step(const Scenario& scenario, const SimState& state, Index l);

// Wake-up requests of the node and transit phases, which own a link's ends, when something
// they did gives the link work that its own schedule does not know of yet.
// A vehicle entered `link` and is the only one travelling on it (it was empty up to the gate).
void wake_after_first_entry(const Scenario& scenario, const SimState& state, Index link,
                            std::vector<LinkWake>& wakes);
// A vehicle left `link` and its freed space is the only space travelling upstream.
void wake_after_first_hole(const Scenario& scenario, const SimState& state, Index link,
                           std::vector<LinkWake>& wakes);

}  // namespace arteria
