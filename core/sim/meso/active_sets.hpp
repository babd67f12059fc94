// Which links and nodes a step visits, so that its cost follows the traffic and not the size of
// the map. A link is visited when it has something to do: a vehicle due at its downstream end
// while there is room and flow capacity to pass it, freed space arriving at its upstream end,
// or flow credit still recovering after a vehicle passed (link_wheel.hpp says when each link
// asks to be woken). A node is visited while one of its in-links has a vehicle past the
// flow-capacity gate or one of its departure lists has a trip due. A link or node left out
// would do nothing in the step (the counter RNG draws per link and step, and a link brings its
// flow credit up to date lazily), so visiting only these gives bit-identical results.
//
// The map is cut into shards, one per thread: a shard owns a range of node ids and the links
// that end at those nodes (a link's downstream end is its node's), and keeps their sets itself:
// its wheel of sleeping links, its buffered links, its nodes' departures. A step runs each
// shard's link phase and then each shard's node phase on one thread, the same thread every
// step, so a thread works on one part of the map and its memory stays in that core's cache,
// and the bookkeeping is done by the shards in parallel rather than between the phases. A
// phase that wakes a link of another shard leaves the request in its outbox for that shard,
// which files it before its next link phase. The ranges share the work the routes foresee, and
// are cut again when the traffic has moved and one shard has had much more than its share.
// Within a phase each link and node touches only what it owns, so the results do not depend on
// the shards: the same at any thread count.
//
// The sets are derived from the state, not part of it: a snapshot leaves them out, and they are
// rebuilt from the state when marked stale (a restore, an event or an intervention), which
// visits every link with vehicles once and lets each schedule itself.
#pragma once

#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "base/ids.hpp"
#include "base/ordered_id_set.hpp"
#include "sim/meso/link_wheel.hpp"

namespace arteria {

struct Scenario;
struct SimState;

// Wake-up requests as a phase makes them, each put in the box of the shard owning its link.
class WakeOutbox {
 public:
  WakeOutbox(const std::vector<std::uint16_t>& link_shard,
             std::vector<std::vector<LinkWake>>& boxes)
      : link_shard_(link_shard), boxes_(boxes) {}
  void add(const LinkWake& wake) { boxes_[link_shard_[wake.link]].push_back(wake); }

 private:
  const std::vector<std::uint16_t>& link_shard_;
  std::vector<std::vector<LinkWake>>& boxes_;
};

// A wait at red: nothing changes before step `until_step` while the node runs `plan`, the plan
// the wait was found under (an emergency pre-emption switches plans between rebuilds).
struct RedWait {
  std::uint32_t until_step = 0;
  Index plan = invalid_index;
  bool holds(std::uint64_t step, Index current_plan) const {
    return until_step > step && plan == current_plan;
  }
};

// What the node phase last read of a lane group's head, kept beside the group's other counts
// so that a head that cannot leave yet (at red, or facing a full link) is looked at again
// without reading the link's ring and the vehicle's route, which are far apart in memory and
// were the node phase's main cost on congested grids. Valid while the group's head is still at
// `position`; the sets are rebuilt (and these forgotten) whenever routes change.
struct GroupHead {
  static constexpr std::uint64_t unread = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t position = unread;  // the group's head count when read
  Index vehicle = invalid_index;
  Index next_link = invalid_index;  // invalid_index: its trip ends at this node
  Index turn = invalid_index;       // from the group's link to next_link
  std::uint32_t buffered_step = 0;  // the step it passed the gate (its stuck clock)
  // A head waiting at red changes nothing until its movement turns green or it has waited the
  // stuck time: the node phase passes the group by while this holds.
  RedWait red;
};

struct ActiveShard {
  Index first_node = 0;  // the shard's nodes: [first_node, end_node)
  Index end_node = 0;

  std::vector<Index> links;  // this step's link phase, in id order
  LinkWheel wheel;
  // Requests made by this shard's phases (and, for the first shard, the transit phase), per
  // owning shard; box k is filed by shard k before its next link phase.
  std::vector<std::vector<LinkWake>> outbox;

  // Links with vehicles past the gate (waiting for their node), in id order.
  std::vector<Index> buffered;
  std::vector<Index> newly_buffered;  // scratch of the node collection, kept to reuse its memory

  std::vector<Index> nodes;  // this step's node phase, in id order
  OrderedIdSet node_set;     // the same, while it is being built
  // Departures: a min-heap of (time of a node's next pending departure, node). due_s[n] is the
  // time of n's live entry (infinity: none); an entry with another time is stale and skipped.
  std::vector<std::pair<double, Index>> departure_heap;
};

struct ActiveSets {
  bool stale = true;
  std::vector<ActiveShard> shards;
  // How often the shards' recent work is compared (steps), how much more than an even share
  // the busiest may have before the map is cut again, and the vehicles moved per step below
  // which the work is not compared.
  std::uint64_t look_every_steps = 300;
  double most_imbalance = 1.1;
  std::uint64_t fewest_moves_per_step = 64;
  std::uint64_t next_look_step = 0;          // when the shards' work is next compared
  std::vector<std::uint64_t> moved_at_look;  // per node: vehicles moved, as of the last look
  std::vector<std::uint16_t> link_shard;     // per link: the shard owning it (its end node's)
  std::vector<std::uint8_t> listed;          // per link: in its shard's `buffered`
  std::vector<double> due_s;                 // per node, see ActiveShard::departure_heap
  std::vector<double> next_due_s;            // per node, written by its node-phase task
  // Per lane group, what its node's phase last read of the group's head (see GroupHead).
  std::vector<GroupHead> heads;
  // Per node: a node whose waiting heads all wait at red has nothing to do until the first of
  // them needs a look; the link phase ends the wait when one of its lane groups gets a first
  // waiting vehicle. Written by the node's shard only.
  std::vector<RedWait> node_red_waits;

  WakeOutbox outbox(std::size_t shard) { return {link_shard, shards[shard].outbox}; }
  std::size_t links_due() const;              // this step's link visits, over the shards
  std::vector<Index> buffered_links() const;  // every shard's, in id order
  std::size_t nodes_due() const;              // this step's node visits, over the shards
};

// The time of the next trip still to depart from `node`'s departure lists, infinity if none.
double next_departure_s(const Scenario& scenario, const SimState& state, Index node);

// Marks the sets stale and the map to be cut into shards again at the next step.
void reset_active_sets(ActiveSets& active);

// Before a step: cuts the map into one shard per thread of the calling task arena when their
// count changed, or again when the traffic has moved (see above); when cut or stale, rebuilds
// the sets from the state (a scan of every link and node).
void prepare_active_sets(const Scenario& scenario, const SimState& state, ActiveSets& active);

// Shard `k` before its link phase: files the requests of every outbox's box k, then takes the
// links due at this step from its wheel (shard.links).
void collect_active_links(const SimState& state, ActiveSets& active, std::size_t k);

// Shard `k` after its link phase: lists the links the phase gave a buffer, and collects the
// nodes its node phase visits at state.time_s (shard.nodes).
void collect_active_nodes(const Scenario& scenario, const SimState& state, ActiveSets& active,
                          std::size_t k);

// Shard `k` after its node phase: drops links whose buffer emptied and schedules its visited
// nodes' next departures.
void update_active_sets(const SimState& state, ActiveSets& active, std::size_t k);

// When link `l`, just visited by the link phase, next has something to do (never_step: only
// when a node or transit phase gives it some).
std::uint64_t next_link_work_step(const Scenario& scenario, const SimState& state, Index l);

// Wake-up requests of the node and transit phases, which own a link's ends, when something
// they did gives the link work that its own schedule does not know of yet.
// A vehicle entered `link` and is the only one travelling on it (it was empty up to the gate).
void wake_after_first_entry(const Scenario& scenario, const SimState& state, Index link,
                            WakeOutbox& wakes);
// A vehicle left `link` and its freed space is the only space travelling upstream.
void wake_after_first_hole(const Scenario& scenario, const SimState& state, Index link,
                           WakeOutbox& wakes);

}  // namespace arteria
