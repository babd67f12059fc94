#include "sim/meso/active_sets.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <numeric>

#include "model/scenario.hpp"
#include "sim/meso/link_moves.hpp"
#include "sim/sim_state.hpp"

namespace arteria {
namespace {

constexpr double never = std::numeric_limits<double>::infinity();
using DueEntry = std::pair<double, Index>;
constexpr auto later = std::greater<DueEntry>();  // makes std::push_heap a min-heap

void schedule_departure(ActiveSets& active, ActiveShard& shard, Index node, double due_s) {
  active.due_s[node] = due_s;
  if (due_s == never) return;
  shard.departure_heap.emplace_back(due_s, node);
  std::push_heap(shard.departure_heap.begin(), shard.departure_heap.end(), later);
}

bool has_buffer(const SimState& state, Index l) {
  return state.links.gate[l] != state.links.head[l];
}

// Adds `added` (sorted, not listed yet) to the sorted list `links`, keeping it sorted.
void merge_listed(std::vector<Index>& links, std::vector<std::uint8_t>& listed,
                  const std::vector<Index>& added) {
  for (const Index l : added) listed[l] = 1;
  const auto middle = static_cast<std::ptrdiff_t>(links.size());
  links.insert(links.end(), added.begin(), added.end());
  std::inplace_merge(links.begin(), links.begin() + middle, links.end());
}

// A node's work as the routes foresee it: the route links that end at it (the vehicles it will
// move), plus one.
std::vector<double> routed_node_work(const Scenario& scenario, const SimState& state) {
  const Network& net = scenario.network;
  tbb::enumerable_thread_specific<std::vector<std::uint32_t>> counted(
      std::vector<std::uint32_t>(net.node_count, 0));
  const std::vector<Index>& route_links = state.routes.links;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, route_links.size(), 1 << 16),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      std::vector<std::uint32_t>& load = counted.local();
                      for (std::size_t i = range.begin(); i != range.end(); ++i) {
                        ++load[net.link_to_node[route_links[i]]];
                      }
                    });
  std::vector<double> work(net.node_count, 1.0);
  for (const std::vector<std::uint32_t>& load : counted) {
    for (Index n = 0; n < net.node_count; ++n) work[n] += load[n];
  }
  return work;
}

// A node's work in the `steps` since the last look: the vehicles it moved, plus one. Empty when
// the steps moved too few vehicles to matter (steps that light run on one thread,
// meso_step.cpp): a quiet spell says nothing of the next busy one, and a cut costs a rebuild.
std::vector<double> recent_node_work(const SimState& state, ActiveSets& active,
                                     std::uint64_t steps) {
  const std::vector<std::uint64_t>& moved = state.nodes.transitions;
  std::vector<double> work(moved.size(), 1.0);
  std::uint64_t total = 0;
  for (std::size_t n = 0; n < moved.size(); ++n) {
    // A restore may have set the counter back.
    if (moved[n] > active.moved_at_look[n]) {
      work[n] += static_cast<double>(moved[n] - active.moved_at_look[n]);
      total += moved[n] - active.moved_at_look[n];
    }
  }
  active.moved_at_look = moved;
  if (total < steps * active.fewest_moves_per_step) work.clear();
  return work;
}

// The busiest shard's share of `work` over an even share (1: balanced).
double imbalance(const ActiveSets& active, const std::vector<double>& work) {
  double total = 0.0;
  double most = 0.0;
  for (const ActiveShard& shard : active.shards) {
    double sum = 0.0;
    for (Index n = shard.first_node; n < shard.end_node; ++n) sum += work[n];
    total += sum;
    most = std::max(most, sum);
  }
  return most * static_cast<double>(active.shards.size()) / total;
}

// Cuts the node ids into `count` ranges of about equal `work`, gives each link to its end
// node's shard, and marks the sets stale (to be rebuilt for the new shards).
void cut_into_shards(const Network& net, const std::vector<double>& work, std::size_t count,
                     ActiveSets& active) {
  const double total = std::accumulate(work.begin(), work.end(), 0.0);
  active.shards.resize(count);
  Index node = 0;
  double done = 0.0;
  for (std::size_t k = 0; k < count; ++k) {
    ActiveShard& shard = active.shards[k];
    shard.first_node = node;
    const double share_end = total * static_cast<double>(k + 1) / static_cast<double>(count);
    while (node < net.node_count && (k + 1 == count || done + work[node] / 2 <= share_end)) {
      done += work[node++];
    }
    shard.end_node = node;
  }
  active.link_shard.resize(net.link_count);
  for (std::size_t k = 0; k < count; ++k) {
    const ActiveShard& shard = active.shards[k];
    for (Index n = shard.first_node; n < shard.end_node; ++n) {
      for (Index i = net.node_first_in[n]; i < net.node_first_in[n + 1]; ++i) {
        active.link_shard[net.in_links[i]] = static_cast<std::uint16_t>(k);
      }
    }
  }
  active.stale = true;
}

void rebuild(const Scenario& scenario, const SimState& state, ActiveSets& active) {
  const Network& net = scenario.network;
  const std::size_t count = active.shards.size();
  for (ActiveShard& shard : active.shards) {
    shard.links.clear();
    shard.wheel.reset(net.link_count, state.step);
    shard.outbox.assign(count, {});
    shard.buffered.clear();
    shard.nodes.clear();
    shard.node_set.reset(net.node_count);
    shard.departure_heap.clear();
  }
  active.listed.assign(net.link_count, 0);
  active.due_s.assign(net.node_count, never);
  active.next_due_s.assign(net.node_count, never);
  active.heads.assign(net.group_count, GroupHead{});
  active.node_red_waits.assign(net.node_count, RedWait{});
  std::vector<std::vector<LinkWake>> now(count);
  for (Index l = 0; l < net.link_count; ++l) {
    if (link_idle(state, l)) continue;
    const std::uint16_t k = active.link_shard[l];
    now[k].push_back({state.step, l});
    if (has_buffer(state, l)) {
      active.shards[k].buffered.push_back(l);
      active.listed[l] = 1;
    }
  }
  for (std::size_t k = 0; k < count; ++k) {
    ActiveShard& shard = active.shards[k];
    shard.wheel.add(now[k]);
    for (Index n = shard.first_node; n < shard.end_node; ++n) {
      schedule_departure(active, shard, n, next_departure_s(scenario, state, n));
    }
  }
  active.stale = false;
}

}  // namespace

std::size_t ActiveSets::links_due() const {
  std::size_t due = 0;
  for (const ActiveShard& shard : shards) due += shard.links.size();
  return due;
}

std::vector<Index> ActiveSets::buffered_links() const {
  std::vector<Index> all;
  for (const ActiveShard& shard : shards)
    all.insert(all.end(), shard.buffered.begin(), shard.buffered.end());
  std::sort(all.begin(), all.end());
  return all;
}

std::size_t ActiveSets::nodes_due() const {
  std::size_t due = 0;
  for (const ActiveShard& shard : shards) due += shard.nodes.size();
  return due;
}

double next_departure_s(const Scenario& scenario, const SimState& state, Index node) {
  const Network& net = scenario.network;
  double due = never;
  for (Index i = net.node_first_out[node]; i < net.node_first_out[node + 1]; ++i) {
    const Index list = net.out_links[i];
    const Index next = state.departures.next[list];
    if (next < state.departures.first[list + 1]) {
      due = std::min(due, state.departures.depart_s[next]);
    }
  }
  return due;
}

void reset_active_sets(ActiveSets& active) {
  active.stale = true;
  active.shards.clear();  // cut again at the next step, for the thread count it runs with
}

void prepare_active_sets(const Scenario& scenario, const SimState& state, ActiveSets& active) {
  const auto count = static_cast<std::size_t>(
      std::clamp(tbb::this_task_arena::max_concurrency(), 1, int{UINT16_MAX}));
  // The traffic moves over the day (towards the centre in the morning, out in the evening), so
  // a cut that shared the work evenly at first may not later: now and then the shards' recent
  // work is compared, and the map cut again if one shard has much more than its share.
  if (active.shards.size() != count) {
    cut_into_shards(scenario.network, routed_node_work(scenario, state), count, active);
    active.moved_at_look = state.nodes.transitions;
    active.next_look_step = state.step + active.look_every_steps;
  } else if (count > 1 && state.step >= active.next_look_step) {
    const std::vector<double> work = recent_node_work(state, active, active.look_every_steps);
    if (!work.empty() && imbalance(active, work) > active.most_imbalance) {
      cut_into_shards(scenario.network, work, count, active);
    }
    active.next_look_step = state.step + active.look_every_steps;
  }
  if (active.stale) rebuild(scenario, state, active);
}

void collect_active_links(const SimState& state, ActiveSets& active, std::size_t k) {
  ActiveShard& shard = active.shards[k];
  for (ActiveShard& from : active.shards) {
    shard.wheel.add(from.outbox[k]);
    from.outbox[k].clear();
  }
  shard.wheel.take_due(state.step, shard.links);
}

void collect_active_nodes(const Scenario& scenario, const SimState& state, ActiveSets& active,
                          std::size_t k) {
  ActiveShard& shard = active.shards[k];
  std::vector<Index>& newly_buffered = shard.newly_buffered;
  newly_buffered.clear();
  for (const Index l : shard.links) {  // in id order
    if (!active.listed[l] && has_buffer(state, l)) newly_buffered.push_back(l);
  }
  merge_listed(shard.buffered, active.listed, newly_buffered);
  const Network& net = scenario.network;
  for (const Index l : shard.buffered) {
    const Index node = net.link_to_node[l];
    if (active.node_red_waits[node].holds(state.step, state.signals.node_plan[node])) continue;
    shard.node_set.insert(node);
  }
  // A popped entry is used up: the node's task writes its next due time, scheduled again after
  // the node phase.
  std::vector<DueEntry>& heap = shard.departure_heap;
  while (!heap.empty() && heap.front().first <= state.time_s) {
    const auto [due_s, node] = heap.front();
    std::pop_heap(heap.begin(), heap.end(), later);
    heap.pop_back();
    if (active.due_s[node] != due_s) continue;  // stale: the node was rescheduled
    active.due_s[node] = never;
    shard.node_set.insert(node);
  }
  shard.nodes.clear();
  shard.node_set.take(shard.nodes);
}

void update_active_sets(const SimState& state, ActiveSets& active, std::size_t k) {
  ActiveShard& shard = active.shards[k];
  for (const Index node : shard.nodes) {
    if (active.next_due_s[node] != active.due_s[node]) {
      schedule_departure(active, shard, node, active.next_due_s[node]);
    }
  }
  std::erase_if(shard.buffered, [&](Index l) {
    if (has_buffer(state, l)) return false;
    active.listed[l] = 0;
    return true;
  });
}

std::uint64_t next_link_work_step(const Scenario& scenario, const SimState& state, Index l) {
  const LinkState& links = state.links;
  const GroupState& groups = state.groups;
  const Network& net = scenario.network;
  const SimulationParams& sim = scenario.sim;
  // The step the next freed space reaches the upstream end. Those due by now were taken in this
  // link phase, so it is a later step: a link woken for the next step anyway skips working it
  // out.
  const auto hole_step = [&] {
    return first_step_at(sim.start_s, sim.step_s, links.next_hole_s[l]);
  };
  if (links.head[l] == links.tail[l]) return hole_step();
  // Credit below one step's worth grows every step a link with vehicles is visited; visiting
  // each step until it is full keeps the sum the same as it always was, to the last bit. A
  // group whose buffer is full waits for its node, which wakes the link when the head moves.
  const Index first = net.link_first_group[l];
  const Index end = net.link_first_group[l + 1];
  if (end - first == 1) {
    // A link's only group queues the ring's vehicles whose time has come (meso_step.cpp).
    if (groups.gate[first] - groups.head[first] >= groups.buffer_size[first]) return hole_step();
    if (groups.flow_credit[first] < groups.flow_per_step[first]) return state.step + 1;
    if (links.gate[l] != links.tail[l]) {
      return std::min(hole_step(), std::max(state.step + 1, links.next_exit_step[l]));
    }
    return hole_step();
  }
  for (Index g = first; g < end; ++g) {
    const bool buffer_full = groups.gate[g] - groups.head[g] >= groups.buffer_size[g];
    if (!buffer_full && groups.flow_credit[g] < groups.flow_per_step[g]) return state.step + 1;
  }
  std::uint64_t next = hole_step();
  // The ring's next vehicle joins its group at its exit time; one whose time has passed is held
  // by a full group, whose node wakes the link when the group has room.
  if (links.sorted[l] != links.tail[l] && links.next_exit_step[l] > state.step) {
    next = std::min(next, links.next_exit_step[l]);
  }
  return next;
}

void wake_after_first_entry(const Scenario& scenario, const SimState& state, Index link,
                            WakeOutbox& wakes) {
  const GroupState& groups = state.groups;
  const Network& net = scenario.network;
  bool credit_recovering = false;
  for (Index g = net.link_first_group[link]; g < net.link_first_group[link + 1]; ++g) {
    credit_recovering = credit_recovering || groups.flow_credit[g] < groups.flow_per_step[g];
  }
  const std::uint64_t exit_step = state.links.next_exit_step[link];
  wakes.add({credit_recovering ? state.step + 1 : std::max(state.step + 1, exit_step), link});
}

void wake_after_first_hole(const Scenario& scenario, const SimState& state, Index link,
                           WakeOutbox& wakes) {
  wakes.add(
      {first_step_at(scenario.sim.start_s, scenario.sim.step_s, state.links.next_hole_s[link]),
       link});
}

}  // namespace arteria
