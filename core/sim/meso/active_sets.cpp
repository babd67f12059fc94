#include "sim/meso/active_sets.hpp"

#include <algorithm>
#include <bit>
#include <functional>
#include <limits>

#include "model/scenario.hpp"
#include "sim/meso/link_moves.hpp"
#include "sim/sim_state.hpp"

namespace arteria {
namespace {

constexpr double never = std::numeric_limits<double>::infinity();
using DueEntry = std::pair<double, Index>;
constexpr auto later = std::greater<DueEntry>();  // makes std::push_heap a min-heap

void schedule_departure(ActiveSets& active, Index node, double due_s) {
  active.due_s[node] = due_s;
  if (due_s == never) return;
  active.departure_heap.emplace_back(due_s, node);
  std::push_heap(active.departure_heap.begin(), active.departure_heap.end(), later);
}

void mark_node(ActiveSets& active, Index node) {
  active.node_bits[node / 64] |= std::uint64_t{1} << (node % 64);
}

void file_wakes(ActiveSets& active) {
  for (std::vector<LinkWake>& from_thread : active.wakes) {
    active.wheel.add(from_thread);
    from_thread.clear();
  }
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

void rebuild(const Scenario& scenario, const SimState& state, ActiveSets& active) {
  reset_active_sets(scenario, active);
  active.wheel.reset(scenario.network.link_count, state.step);
  std::vector<LinkWake> now;
  for (Index l = 0; l < scenario.network.link_count; ++l) {
    if (link_idle(state, l)) continue;
    now.push_back({state.step, l});
    if (has_buffer(state, l)) {
      active.buffered.push_back(l);
      active.listed[l] = 1;
    }
  }
  active.wheel.add(now);
  for (Index n = 0; n < scenario.network.node_count; ++n) {
    schedule_departure(active, n, next_departure_s(scenario, state, n));
  }
  active.stale = false;
}

}  // namespace

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

void reset_active_sets(const Scenario& scenario, ActiveSets& active) {
  const Network& net = scenario.network;
  active.stale = true;
  active.links.clear();
  active.wheel.reset(net.link_count, 0);
  for (std::vector<LinkWake>& wakes : active.wakes) wakes.clear();
  active.buffered.clear();
  active.listed.assign(net.link_count, 0);
  active.nodes.clear();
  active.node_bits.assign((static_cast<std::size_t>(net.node_count) + 63) / 64, 0);
  active.departure_heap.clear();
  active.due_s.assign(net.node_count, never);
  active.next_due_s.assign(net.node_count, never);
}

void collect_active_links(const Scenario& scenario, const SimState& state, ActiveSets& active) {
  if (active.stale) rebuild(scenario, state, active);
  active.wheel.take_due(state.step, active.links);
}

void collect_active_nodes(const Scenario& scenario, const SimState& state, ActiveSets& active) {
  file_wakes(active);
  std::vector<Index>& newly_buffered = active.newly_buffered;
  newly_buffered.clear();
  for (const Index l : active.links) {
    if (!active.listed[l] && has_buffer(state, l)) newly_buffered.push_back(l);
  }
  std::sort(newly_buffered.begin(), newly_buffered.end());
  merge_listed(active.buffered, active.listed, newly_buffered);
  const Network& net = scenario.network;
  for (const Index l : active.buffered) mark_node(active, net.link_to_node[l]);
  // A popped entry is used up: the node's task writes its next due time, scheduled again below.
  std::vector<DueEntry>& heap = active.departure_heap;
  while (!heap.empty() && heap.front().first <= state.time_s) {
    const auto [due_s, node] = heap.front();
    std::pop_heap(heap.begin(), heap.end(), later);
    heap.pop_back();
    if (active.due_s[node] != due_s) continue;  // stale: the node was rescheduled
    active.due_s[node] = never;
    mark_node(active, node);
  }
  active.nodes.clear();
  for (std::size_t word = 0; word < active.node_bits.size(); ++word) {
    for (std::uint64_t bits = active.node_bits[word]; bits != 0; bits &= bits - 1) {
      active.nodes.push_back(static_cast<Index>(word * 64) + std::countr_zero(bits));
    }
    active.node_bits[word] = 0;
  }
}

void update_active_sets(const SimState& state, ActiveSets& active) {
  file_wakes(active);
  for (const Index node : active.nodes) {
    if (active.next_due_s[node] != active.due_s[node]) {
      schedule_departure(active, node, active.next_due_s[node]);
    }
  }
  std::erase_if(active.buffered, [&](Index l) {
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
                            std::vector<LinkWake>& wakes) {
  const GroupState& groups = state.groups;
  const Network& net = scenario.network;
  bool credit_recovering = false;
  for (Index g = net.link_first_group[link]; g < net.link_first_group[link + 1]; ++g) {
    credit_recovering = credit_recovering || groups.flow_credit[g] < groups.flow_per_step[g];
  }
  const std::uint64_t exit_step = state.links.next_exit_step[link];
  wakes.push_back({credit_recovering ? state.step + 1 : std::max(state.step + 1, exit_step), link});
}

void wake_after_first_hole(const Scenario& scenario, const SimState& state, Index link,
                           std::vector<LinkWake>& wakes) {
  wakes.push_back(
      {first_step_at(scenario.sim.start_s, scenario.sim.step_s, state.links.next_hole_s[link]),
       link});
}

}  // namespace arteria
