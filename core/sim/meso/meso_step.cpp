// One step of the meso model: the link phase, then the node phase (see meso_model.hpp).
// Flow capacity with fractional carry and storage capacity follow the queue model of
// Gawron (1998), "An iterative algorithm to determine the dynamic user equilibrium in a traffic
// simulation model", IJMPC 9(3), as used by MATSim's QSim; space freed at the downstream end
// reaches the upstream end only after length / backward-wave speed (the "holes" of
// Charypar, Axhausen & Nagel 2007, "Event-driven queue-based traffic flow microsimulation").
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "base/rng.hpp"
#include "sim/meso/active_sets.hpp"
#include "sim/meso/link_moves.hpp"
#include "sim/meso/meso_model.hpp"
#include "sim/transit/transit_model.hpp"

namespace arteria {
namespace {

constexpr double credit_epsilon = 1e-9;  // absorbs rounding in the summed fractional capacity
constexpr double no_time = std::numeric_limits<double>::infinity();

void advance_ready(SimState& s, Index l, std::uint64_t step);

// Vehicles whose free-flow exit time had come by the last step taken.
std::uint64_t queued_vehicles(SimState& s, Index l) {
  advance_ready(s, l, s.step - 1);
  return std::max(s.links.ready[l], s.links.head[l]) - s.links.head[l];
}

// The lane group a vehicle on `l` queues in. Of the groups serving its next movement (any of the
// link's groups when it ends its trip here), it takes the one with the least queued pcu per
// lane, the rightmost on a tie: a driver picks the shortest queue among the lanes they may use,
// as SUMO's meso model does among its lane queues.
Index choose_group(const Scenario& sc, const SimState& s, Index l, const RingEntry& entry) {
  const Network& net = sc.network;
  const Index first = net.link_first_group[l];
  const Index count = net.link_first_group[l + 1] - first;
  std::uint64_t mask = count >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << count) - 1;
  if (entry.next_pos != invalid_index) {
    const Index turn = net.find_turn(l, s.routes.links[entry.next_pos]);
    if (turn != invalid_index) mask = net.turn_group_mask[turn];
  }
  Index best = invalid_index;
  double best_load = 0.0;
  for (; mask != 0; mask &= mask - 1) {
    const Index g = first + static_cast<Index>(std::countr_zero(mask));
    const double load = s.groups.pcu[g] / net.group_lane_share[g];
    if (best == invalid_index || load < best_load) {
      best = g;
      best_load = load;
    }
  }
  return best;
}

// Moves the vehicles whose free-flow exit time has come from the ring of a link with several
// lane groups into their groups' queues, in entry order. A group holding its share of the
// storage takes no more, and its vehicle holds those behind it on the ring: a full turn pocket
// blocks the through lanes' entry.
void sort_into_groups(const Scenario& sc, SimState& s, Index l) {
  const auto step = static_cast<std::uint32_t>(s.step);
  if (s.links.next_exit_step[l] > step) return;
  const std::uint64_t tail = s.links.tail[l];
  std::uint64_t sorted = s.links.sorted[l];
  GroupState& groups = s.groups;
  while (sorted < tail) {
    const RingEntry& entry = s.links.ring[ring_slot(s, l, sorted)];
    if (entry.step > step) break;
    const Index g = choose_group(sc, s, l, entry);
    if (groups.pcu[g] >= groups.storage_pcu[g]) break;
    s.links.ring[group_slot(s, g, groups.tail[g]++)] = entry;
    groups.pcu[g] += entry.pcu;
    ++sorted;
  }
  s.links.sorted[l] = sorted;
  s.links.next_exit_step[l] =
      sorted < tail ? s.links.ring[ring_slot(s, l, sorted)].step : never_step;
}

// Moves vehicles queued in lane group `g` of link `l` through the group's flow-capacity gate
// into its buffer. A link's only group (`only_group`) is the link's own slice of the ring, and
// its queue is the ring's vehicles whose exit time has come: they join it as they pass the gate,
// with no sorting and no copy, so a link without lane information costs what it did before
// links had groups. Returns whether the group had no vehicle waiting for its node and now has.
bool pass_gate(SimState& s, Index l, Index g, bool only_group) {
  // Unused capacity is not banked beyond one step's worth: a vehicle passes while the credit is
  // positive and may take it negative, so even links slower than a vehicle per step need no
  // more. While the buffer is full (the head is blocked downstream) the credit stands still:
  // the buffered vehicles have paid already, so when a red phase ends they leave at the
  // saturation headway, not with a burst above capacity. Credit is brought up to date lazily,
  // since links with nothing to do are not visited.
  GroupState& groups = s.groups;
  const std::uint64_t head = groups.head[g];
  const double per_step = groups.flow_per_step[g];
  const std::uint64_t gate_before = groups.gate[g];
  std::uint64_t gate = gate_before;
  const bool blocked = gate - head >= groups.buffer_size[g];
  double credit = groups.flow_credit[g];
  if (!blocked) {
    const auto steps = static_cast<double>(s.step + 1 - groups.credit_step[g]);
    credit = std::min(credit + per_step * steps, per_step);
  }
  groups.credit_step[g] = s.step + 1;
  const auto step = static_cast<std::uint32_t>(s.step);
  if (!only_group || s.links.next_exit_step[l] <= step) {
    const std::uint64_t tail = only_group ? s.links.tail[l] : groups.tail[g];
    double passed_pcu = 0.0;
    while (gate < tail && gate - head < groups.buffer_size[g] && credit > credit_epsilon) {
      RingEntry& entry = s.links.ring[group_slot(s, g, gate)];
      if (only_group && entry.step > step) break;
      credit -= entry.pcu;
      passed_pcu += entry.pcu;
      entry.step = step;  // from now on the step it was buffered
      ++gate;
      // The node phase, later in this step, moves it on: fetch what that reads while the link
      // phase goes on with other links.
      __builtin_prefetch(&s.vehicles.motion[entry.vehicle]);
      if (entry.next_pos != invalid_index) __builtin_prefetch(&s.routes.links[entry.next_pos]);
    }
    groups.gate[g] = gate;
    s.links.gate[l] += gate - gate_before;
    if (only_group) {
      groups.tail[g] = gate;
      groups.pcu[g] += passed_pcu;
      s.links.sorted[l] = gate;
      s.links.next_exit_step[l] =
          gate < tail ? s.links.ring[ring_slot(s, l, gate)].step : never_step;
    }
  }
  groups.flow_credit[g] = credit;
  return gate_before == head && groups.gate[g] > head;
}

// Returns whether a lane group of `l` got its first vehicle waiting for the node.
bool link_phase(const Scenario& scenario, SimState& s, Index l, double t, WakeOutbox& wakes) {
  // Idle: nothing can change.
  if (link_idle(s, l)) return false;
  const std::uint64_t head = s.links.head[l];
  const std::uint64_t tail = s.links.tail[l];

  // Freed space whose backward wave has reached the upstream end.
  if (s.links.next_hole_s[l] <= t) {
    std::uint64_t hole = s.links.hole_head[l];
    while (hole < s.links.hole_tail[l] && s.links.hole_time_s[hole_slot(s, l, hole)] <= t) {
      s.links.freed_pcu[l] += s.links.hole_pcu[hole_slot(s, l, hole)];
      ++hole;
    }
    s.links.hole_head[l] = hole;
    s.links.next_hole_s[l] =
        hole < s.links.hole_tail[l] ? s.links.hole_time_s[hole_slot(s, l, hole)] : no_time;
  }
  bool first_waiting = false;
  if (head != tail) {
    const Index first = scenario.network.link_first_group[l];
    const Index end = scenario.network.link_first_group[l + 1];
    if (end - first == 1) {
      first_waiting = pass_gate(s, l, first, true);
    } else {
      sort_into_groups(scenario, s, l);
      for (Index g = first; g < end; ++g)
        first_waiting = pass_gate(s, l, g, false) || first_waiting;
    }
  }
  wakes.add({next_link_work_step(scenario, s, l), l});
  return first_waiting;
}

// Vehicles on link `l` summed over the open bin's steps as each step's link phase saw them
// (after the previous step's moves): the vehicles on it now in every step, less, for each
// entry, the steps before it, and plus, for each exit, the steps before it. Exact in integers.
std::uint64_t bin_occupancy_sum(const SimState& s, Index l) {
  const std::uint64_t steps = s.bin.steps;
  const std::uint64_t first = s.step - steps;
  const std::uint64_t before_entries = s.bin.entry_step_sum[l] - first * s.bin.inflow[l];
  const std::uint64_t before_exits = s.bin.exit_step_sum[l] - first * s.bin.outflow[l];
  return steps * (s.links.tail[l] - s.links.head[l]) + before_exits - before_entries;
}

// Advances `ready` over the ring's vehicles whose free-flow exit time had come by `step` (those
// in the lane groups have passed it); amortised O(1)
// since it only moves forward. Called where queues are read, by the task that owns the link.
void advance_ready(SimState& s, Index l, std::uint64_t step) {
  s.links.ready[l] = ready_position(s, l, step);
}

// The node phase for one node; owns the downstream ends of its in-links and the upstream ends
// of its out-links.
class NodeStep {
 public:
  NodeStep(const Scenario& scenario, SimState& state, SimScratch& scratch, WakeOutbox& wakes,
           Index node, double t)
      : sc_(scenario),
        net_(scenario.network),
        s_(state),
        scratch_(scratch),
        wakes_(wakes),
        node_(node),
        t_(t) {}

  void run() {
    serve_in_links();
    // A node whose departures are due had its entry taken off the heap for this step, which
    // leaves its due time at infinity (as does having none left); the others' next departure
    // is later and stays scheduled, so their lists need no look.
    ActiveSets& active = scratch_.active;
    if (active.due_s[node_] == std::numeric_limits<double>::infinity()) {
      insert_departures();
      active.next_due_s[node_] = next_departure_s(sc_, s_, node_);
    } else {
      active.next_due_s[node_] = active.due_s[node_];
    }
  }

 private:
  void serve_in_links() {
    // Fair service: an exponential race weighted by capacity (the smallest key goes first)
    // is a capacity-weighted random order over the in-links' lane groups, drawn per (link,
    // step), or (group, step) for a link with several, from the counter RNG. With a single
    // group waiting there is no order to draw.
    const Index first = scratch_.node_first_group[node_];
    std::vector<double>& keys = scratch_.service_key;  // this node's slice only
    std::vector<Index>& order = scratch_.service_group;
    Index waiting = 0;
    std::uint32_t red_until_step = UINT32_MAX;  // the first step a group passed by needs a look
    const auto take = [&](Index g) {
      if (waits_at_red(g)) {
        red_until_step = std::min(red_until_step, scratch_.active.heads[g].red.until_step);
      } else {
        order[first + waiting++] = g;
      }
    };
    for (Index i = net_.node_first_in[node_]; i < net_.node_first_in[node_ + 1]; ++i) {
      const Index l = net_.in_links[i];
      if (s_.links.gate[l] == s_.links.head[l]) continue;
      const Index first_group = net_.link_first_group[l];
      const Index end_group = net_.link_first_group[l + 1];
      if (end_group - first_group == 1) {  // the link's buffer is its only group's
        take(first_group);
        continue;
      }
      for (Index g = first_group; g < end_group; ++g) {
        if (s_.groups.gate[g] != s_.groups.head[g]) take(g);
      }
    }
    // Every waiting head waits at red: the node has nothing to do until the first of them
    // needs a look, unless a group gets a first waiting vehicle (the link phase wakes it).
    if (waiting == 0 && red_until_step != UINT32_MAX) {
      scratch_.active.node_red_waits[node_] = {red_until_step, s_.signals.node_plan[node_]};
    }
    if (waiting > 1) {
      for (Index j = first; j < first + waiting; ++j) keys[j] = service_key(order[j]);
      // Insertion sort: a node has a handful of approaches. Ties go to the lower group id.
      for (Index j = first + 1; j < first + waiting; ++j) {
        const double key = keys[j];
        const Index g = order[j];
        Index k = j;
        while (k > first && (keys[k - 1] > key || (keys[k - 1] == key && order[k - 1] > g))) {
          keys[k] = keys[k - 1];
          order[k] = order[k - 1];
          --k;
        }
        keys[k] = key;
        order[k] = g;
      }
    }
    for (Index j = first; j < first + waiting; ++j) serve(order[j]);
  }

  // Whether group `g`'s head was found waiting at red and its wait has not run out (a group
  // passed by in the race changes no other group's outcome: it would have moved no one).
  bool waits_at_red(Index g) const {
    return scratch_.active.heads[g].red.holds(s_.step, s_.signals.node_plan[node_]);
  }

  // Group `g`'s head, read from the ring and the route only when it is not the one read last.
  GroupHead& head_of(Index l, Index g) {
    GroupHead& head = scratch_.active.heads[g];
    const std::uint64_t position = s_.groups.head[g];
    if (head.position == position) return head;
    const RingEntry& entry = s_.links.ring[group_slot(s_, g, position)];
    head.position = position;
    head.vehicle = entry.vehicle;
    head.buffered_step = entry.step;
    head.next_link =
        entry.next_pos == invalid_index ? invalid_index : s_.routes.links[entry.next_pos];
    head.turn = head.next_link == invalid_index ? invalid_index : net_.find_turn(l, head.next_link);
    return head;
  }

  // `head` waits at red for its turn: its group needs no look until the step before its
  // movement turns green or the step before it has waited the stuck time (a step early for the
  // rounding of cycle positions and times).
  void wait_for_green(GroupHead& head) {
    const Index plan = s_.signals.node_plan[node_];
    const double red_s = s_.signals.plans.red_left_s(plan, head.turn, cycle_position_s_);
    const double start_s = sc_.sim.start_s;
    const double step_s = sc_.sim.step_s;
    const double stuck_at_s =
        step_time_s(start_s, step_s, head.buffered_step) + sc_.sim.stuck_time_s;
    const std::uint64_t due = std::min(first_step_at(start_s, step_s, t_ + red_s),
                                       first_step_at(start_s, step_s, stuck_at_s));
    head.red = {static_cast<std::uint32_t>(std::min<std::uint64_t>(due - 1, UINT32_MAX)), plan};
  }

  // A group's key in the race: an exponential draw over its share of the link's capacity. A
  // link's only group draws by link, as links did before they had lane groups.
  double service_key(Index g) const {
    const Index l = net_.group_link[g];
    const bool one_group = net_.link_first_group[l + 1] - net_.link_first_group[l] == 1;
    const double u =
        1.0 - (one_group ? random_unit(sc_.sim.seed, l, s_.step, RandomPurpose::node_service_order)
                         : random_unit(sc_.sim.seed, g, s_.step,
                                       RandomPurpose::lane_group_service_order));
    const float capacity = s_.links.capacity_vph[l] * net_.group_lane_share[g];
    return -std::log(u) / std::max(1.0f, capacity);
  }

  bool can_enter(Index link) const { return link_can_enter(s_, link); }
  bool can_push_into(Index link) const {
    return !s_.links.closed[link] &&
           link_in_use_pcu(s_, link) < s_.links.storage_pcu[link] + push_through_overfill_pcu;
  }

  void serve(Index g) {
    const Index l = net_.group_link[g];
    const std::uint64_t head_before = s_.groups.head[g];
    const bool several = net_.link_first_group[l + 1] - net_.link_first_group[l] > 1;
    const bool was_full = several && s_.groups.pcu[g] >= s_.groups.storage_pcu[g];
    serve_head(l, g);
    const std::uint64_t head = s_.groups.head[g];
    if (head == head_before) return;
    // A full buffer stopped the group's gate and its credit: once the head moves the group may
    // pass vehicles again, from the next step's link phase on, with its credit standing where
    // it stopped. A group that held its share of the storage may take the vehicles it held on
    // the link's ring.
    const bool buffer_was_full = s_.groups.gate[g] - head_before >= s_.groups.buffer_size[g];
    if (buffer_was_full) s_.groups.credit_step[g] = s_.step + 1;
    if (buffer_was_full || was_full) wakes_.add({s_.step + 1, l});
  }

  // Vehicles leave from the head of lane group `g` of `l` while they can.
  void serve_head(Index l, Index g) {
    while (s_.groups.head[g] < s_.groups.gate[g]) {
      GroupHead& head = head_of(l, g);
      const Index v = head.vehicle;
      if (sc_.demand.is_transit(v) && transit_stop_here(sc_, s_, v)) {
        leave(l, g, v);  // into the stop, off the lane: the transit phase serves it this step
        continue;
      }
      const Index next = head.next_link;
      if (next == invalid_index) {
        leave(l, g, v);
        s_.vehicles.status[v] = VehicleStatus::arrived;
        s_.vehicles.arrive_s[v] = t_;
        ++s_.nodes.arrived[node_];
        continue;
      }
      const bool turn_green = head.turn != invalid_index && green(head.turn);
      if (turn_green && can_enter(next)) {
        move(l, g, next, v);
        continue;
      }
      const double buffered_s = step_time_s(sc_.sim.start_s, sc_.sim.step_s, head.buffered_step);
      if (t_ - buffered_s < sc_.sim.stuck_time_s) {  // wait; blocks the group's lanes
        // A transit vehicle's stop may change what it does: it is looked at every step.
        if (head.turn != invalid_index && !turn_green && !sc_.demand.is_transit(v)) {
          wait_for_green(head);
        }
        return;
      }
      if (sc_.sim.stuck_action == StuckAction::push_through && can_push_into(next)) {
        ++s_.nodes.push_throughs[node_];
        move(l, g, next, v);
        continue;
      }
      // A transit vehicle is never removed (its passengers would be lost): it waits for room.
      if (sc_.demand.is_transit(v)) return;
      leave(l, g, v);
      s_.vehicles.status[v] = VehicleStatus::stuck;
      s_.vehicles.removed_s[v] = t_;
      ++s_.nodes.stuck_removed[node_];
    }
  }

  bool green(Index turn) {
    const Index plan = s_.signals.node_plan[node_];
    if (plan == invalid_index) return true;
    // One node, one plan, one time: where the plan is in its cycle is found once per visit.
    if (std::isnan(cycle_position_s_)) {
      cycle_position_s_ = s_.signals.plans.cycle_position_s(plan, t_);
    }
    return s_.signals.plans.is_green_at(plan, turn, cycle_position_s_);
  }

  void move(Index from, Index group, Index to, Index v) {
    leave(from, group, v);
    ++s_.vehicles.motion[v].route_pos;
    enter(to, v);
    ++s_.nodes.transitions[node_];
  }

  void leave(Index l, Index g, Index v) {
    ++s_.groups.head[g];
    s_.groups.pcu[g] -= s_.vehicles.motion[v].pcu;
    leave_link(sc_, s_, l, v, t_, wakes_);
  }
  void enter(Index l, Index v) { enter_link(sc_, s_, l, v, t_, wakes_); }

  void insert_departures() {
    for (Index i = net_.node_first_out[node_]; i < net_.node_first_out[node_ + 1]; ++i) {
      const Index list = net_.out_links[i];
      Index& next = s_.departures.next[list];
      while (next < s_.departures.first[list + 1]) {
        if (s_.departures.depart_s[next] > t_) break;
        const Index v = s_.departures.vehicles[next];
        // A reroute may have given the vehicle another first link out of the same node.
        const Index first_link = s_.routes.links[s_.vehicles.motion[v].route_pos];
        if (!can_enter(first_link)) break;
        s_.vehicles.status[v] = VehicleStatus::en_route;
        s_.vehicles.insert_s[v] = t_;
        s_.vehicles.free_flow_s[v] = route_free_flow_s(v);
        enter(first_link, v);
        ++s_.nodes.inserted[node_];
        ++next;
      }
    }
  }

  float route_free_flow_s(Index v) const {
    double sum = 0.0;
    for (Index p = s_.vehicles.motion[v].route_pos; p < s_.vehicles.motion[v].route_end; ++p) {
      const Index l = s_.routes.links[p];
      sum += net_.link_length_m[l] / vehicle_speed_mps(sc_, s_, l, v);
    }
    return static_cast<float>(sum);
  }

  const Scenario& sc_;
  const Network& net_;
  SimState& s_;
  SimScratch& scratch_;
  WakeOutbox& wakes_;
  Index node_;
  double t_;
  double cycle_position_s_ = std::numeric_limits<double>::quiet_NaN();
};

// Runs `task(k)` for every shard k, shard k on the same thread every time (static partitioner):
// see active_sets.hpp. Splitting the step's lists of links and nodes among the threads anew
// every step handed a node to either thread, and its data moved between the cores with it: the
// phases took twice the processor time at 2 threads as at 1 (grid_100k).
// A step with a few dozen visits is done before a second thread has woken up to help: such a
// step runs every shard on the calling thread (Porto with 2,000 trips spent more time waking
// threads than stepping).
template <typename Task>
void for_each_shard(const ActiveSets& active, std::size_t visits, const Task& task) {
  constexpr std::size_t parallel_from_visits = 128;
  if (active.shards.size() == 1 || visits < parallel_from_visits) {
    for (std::size_t k = 0; k < active.shards.size(); ++k) task(k);
    return;
  }
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, active.shards.size(), 1),
      [&](const tbb::blocked_range<std::size_t>& range) {
        for (std::size_t k = range.begin(); k != range.end(); ++k) task(k);
      },
      tbb::static_partitioner());
}

}  // namespace

void meso_step(const Scenario& scenario, const JourneyPlanner* planner, SimState& state,
               SimScratch& scratch) {
  const double t = state.time_s;
  ActiveSets& active = scratch.active;
  prepare_active_sets(scenario, state, active);
  // Each shard's link phase and the collection of its nodes; then, once every link phase is
  // done (a node reads the space its out-links freed), each shard's node phase.
  // The last step's visits foretell this one's link phase, this step's links its node phase.
  for_each_shard(active, active.links_due() + active.nodes_due(), [&](std::size_t k) {
    collect_active_links(state, active, k);
    WakeOutbox wakes = active.outbox(k);
    for (const Index l : active.shards[k].links) {
      if (link_phase(scenario, state, l, t, wakes)) {
        active.node_red_waits[scenario.network.link_to_node[l]] = {};
      }
    }
    collect_active_nodes(scenario, state, active, k);
  });
  for_each_shard(active, active.links_due() + active.nodes_due(), [&](std::size_t k) {
    WakeOutbox wakes = active.outbox(k);
    for (const Index n : active.shards[k].nodes) {
      NodeStep(scenario, state, scratch, wakes, n, t).run();
    }
    update_active_sets(state, active, k);
  });
  if (scenario.transit.present()) {
    WakeOutbox wakes = active.outbox(0);  // the transit phase runs alone
    transit_step(scenario, planner, state, wakes);
  }
  ++state.bin.steps;
  ++state.step;
  state.time_s = step_time_s(scenario.sim.start_s, scenario.sim.step_s, state.step);
}

namespace {

void collect_class_outflow(const Scenario& scenario, SimState& s, LinkBin& bin) {
  bin.class_outflow.clear();
  if (s.bin.class_outflow.empty()) return;
  const std::size_t links = scenario.network.link_count;
  bin.class_outflow.resize(scenario.demand.classes.count());
  for (std::size_t c = 0; c < bin.class_outflow.size(); ++c) {
    const auto counts = s.bin.class_outflow.begin() + static_cast<std::ptrdiff_t>(c * links);
    bin.class_outflow[c].resize(links);
    std::transform(counts, counts + static_cast<std::ptrdiff_t>(links),
                   bin.class_outflow[c].begin(),
                   [](std::uint32_t n) { return static_cast<float>(n); });
  }
  std::fill(s.bin.class_outflow.begin(), s.bin.class_outflow.end(), 0);
}

}  // namespace

void collect_link_bin(const Scenario& scenario, SimState& s, double bin_start_s, LinkBin& bin) {
  const Network& net = scenario.network;
  bin.resize(net.link_count);
  bin.time_s = bin_start_s;
  const double steps = std::max<std::uint32_t>(1, s.bin.steps);
  tbb::parallel_for(
      tbb::blocked_range<Index>(0, net.link_count, 1024),
      [&](const tbb::blocked_range<Index>& range) {
        for (Index l = range.begin(); l != range.end(); ++l) {
          bin.inflow[l] = static_cast<float>(s.bin.inflow[l]);
          bin.outflow[l] = static_cast<float>(s.bin.outflow[l]);
          bin.occupancy[l] =
              static_cast<float>(static_cast<double>(bin_occupancy_sum(s, l)) / steps);
          bin.mean_speed_mps[l] =
              s.bin.outflow[l] > 0 ? static_cast<float>(s.bin.outflow[l] *
                                                        static_cast<double>(net.link_length_m[l]) /
                                                        s.bin.traversal_s[l])
                                   : std::numeric_limits<float>::quiet_NaN();
          bin.queue_veh[l] = static_cast<float>(queued_vehicles(s, l));
          s.bin.inflow[l] = 0;
          s.bin.outflow[l] = 0;
          s.bin.entry_step_sum[l] = 0;
          s.bin.exit_step_sum[l] = 0;
          s.bin.traversal_s[l] = 0.0;
        }
      });
  collect_class_outflow(scenario, s, bin);
  s.bin.steps = 0;
}

}  // namespace arteria

namespace arteria {

void publish_observations(const Scenario& scenario, SimState& s, Observations& obs) {
  const Network& net = scenario.network;
  const Index links = net.link_count;
  const Index vehicles = static_cast<Index>(s.vehicles.status.size());
  if (obs.link_occupancy.size() != links) {
    for (auto* values : {&obs.link_occupancy, &obs.link_queue, &obs.link_inflow, &obs.link_outflow,
                         &obs.link_mean_speed}) {
      values->assign(links, 0.0f);
    }
    obs.vehicle_link.assign(vehicles, invalid_index);
    obs.vehicle_position.assign(vehicles, 0.0f);
  }
  tbb::parallel_for(
      tbb::blocked_range<Index>(0, links, 1024), [&](const tbb::blocked_range<Index>& range) {
        for (Index l = range.begin(); l != range.end(); ++l) {
          const std::uint64_t on_link = s.links.tail[l] - s.links.head[l];
          obs.link_occupancy[l] = static_cast<float>(on_link);
          obs.link_queue[l] = static_cast<float>(queued_vehicles(s, l));
          const std::uint64_t last_step = s.step - 1;  // publishing happens between steps
          obs.link_inflow[l] = s.flows.entry_step[l] == last_step
                                   ? static_cast<float>(s.flows.entries_in_step[l])
                                   : 0.0f;
          obs.link_outflow[l] = s.flows.exit_step[l] == last_step
                                    ? static_cast<float>(s.flows.exits_in_step[l])
                                    : 0.0f;
          if (s.bin.outflow[l] > 0) {
            obs.link_mean_speed[l] =
                static_cast<float>(s.bin.outflow[l] * static_cast<double>(net.link_length_m[l]) /
                                   s.bin.traversal_s[l]);
          } else {
            obs.link_mean_speed[l] = on_link == 0 ? s.links.free_speed_mps[l] : 0.0f;
          }
        }
      });
  const double t = s.time_s;
  tbb::parallel_for(
      tbb::blocked_range<Index>(0, vehicles, 4096), [&](const tbb::blocked_range<Index>& range) {
        for (Index v = range.begin(); v != range.end(); ++v) {
          if (s.vehicles.status[v] != VehicleStatus::en_route) {
            obs.vehicle_link[v] = invalid_index;
            obs.vehicle_position[v] = 0.0f;
            continue;
          }
          obs.vehicle_link[v] = s.routes.links[s.vehicles.motion[v].route_pos];
          const double span = s.vehicles.motion[v].exit_s - s.vehicles.motion[v].enter_s;
          const double done = span > 0.0 ? (t - s.vehicles.motion[v].enter_s) / span : 1.0;
          obs.vehicle_position[v] = static_cast<float>(std::clamp(done, 0.0, 1.0));
        }
      });
}

}  // namespace arteria
