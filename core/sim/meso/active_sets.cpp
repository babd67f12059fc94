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

}  // namespace

double next_departure_s(const Scenario& scenario, const SimState& state, Index node) {
  const Network& net = scenario.network;
  double due = never;
  for (Index i = net.node_first_out[node]; i < net.node_first_out[node + 1]; ++i) {
    const Index list = net.out_links[i];
    const Index next = state.departures.next[list];
    if (next < state.departures.first[list + 1]) {
      due = std::min(due, scenario.demand.trip_depart_s[state.departures.vehicles[next]]);
    }
  }
  return due;
}

void reset_active_sets(const Scenario& scenario, ActiveSets& active) {
  const Network& net = scenario.network;
  active.stale = true;
  active.listed.assign(net.link_count, 0);
  active.node_bits.assign((static_cast<std::size_t>(net.node_count) + 63) / 64, 0);
  active.due_s.assign(net.node_count, never);
  active.next_due_s.assign(net.node_count, never);
  active.links.clear();
  active.nodes.clear();
  active.departure_heap.clear();
  for (std::vector<Index>& woken : active.woken) woken.clear();
}

void refresh_active_sets(const Scenario& scenario, const SimState& state, ActiveSets& active) {
  if (!active.stale) return;
  reset_active_sets(scenario, active);
  for (Index l = 0; l < scenario.network.link_count; ++l) {
    if (link_idle(state, l)) continue;
    active.links.push_back(l);
    active.listed[l] = 1;
  }
  for (Index n = 0; n < scenario.network.node_count; ++n) {
    schedule_departure(active, n, next_departure_s(scenario, state, n));
  }
  active.stale = false;
}

void collect_active_nodes(const Scenario& scenario, const SimState& state, ActiveSets& active) {
  const Network& net = scenario.network;
  for (const Index l : active.links) {
    if (state.links.gate[l] != state.links.head[l]) mark_node(active, net.link_to_node[l]);
  }
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
  for (const Index node : active.nodes) {
    if (active.next_due_s[node] != active.due_s[node]) {
      schedule_departure(active, node, active.next_due_s[node]);
    }
  }
  std::vector<Index> woken;
  for (std::vector<Index>& from_thread : active.woken) {
    woken.insert(woken.end(), from_thread.begin(), from_thread.end());
    from_thread.clear();
  }
  // The transit phase adds every link it enters; only those not listed yet are new.
  std::erase_if(woken, [&](Index l) { return active.listed[l] != 0; });
  std::sort(woken.begin(), woken.end());
  woken.erase(std::unique(woken.begin(), woken.end()), woken.end());
  std::vector<Index>& links = active.links;
  std::size_t kept = 0;
  for (const Index l : links) {
    if (link_idle(state, l)) {
      active.listed[l] = 0;
    } else {
      links[kept++] = l;
    }
  }
  links.resize(kept);
  for (const Index l : woken) active.listed[l] = 1;
  const auto middle = static_cast<std::ptrdiff_t>(links.size());
  links.insert(links.end(), woken.begin(), woken.end());
  std::inplace_merge(links.begin(), links.begin() + middle, links.end());
}

}  // namespace arteria
