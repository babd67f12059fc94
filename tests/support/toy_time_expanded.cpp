#include "toy_time_expanded.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace arteria::test {

namespace {
constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
constexpr double infinity = std::numeric_limits<double>::infinity();
}  // namespace

ToyTimeExpanded::ToyTimeExpanded(const Timetable& timetable, const PlannerParams& params)
    : timetable_(timetable) {
  const Timetable& tt = timetable;
  const Index stops = tt.stop_count();
  call_nodes_ = 2 * tt.call_count();

  // Waiting nodes: the distinct departure times of boardable calls at each stop.
  std::vector<std::vector<double>> times(stops);
  for (Index c = 0; c < tt.call_count(); ++c) {
    if (tt.call_pickup[c]) times[tt.call_stop[c]].push_back(tt.call_departure_s[c]);
  }
  for (Index s = 0; s < stops; ++s) {
    std::sort(times[s].begin(), times[s].end());
    times[s].erase(std::unique(times[s].begin(), times[s].end()), times[s].end());
    wait_time_s_.insert(wait_time_s_.end(), times[s].begin(), times[s].end());
    stop_first_wait_.push_back(static_cast<std::uint32_t>(wait_time_s_.size()));
  }

  walks_.resize(stops);
  for (Index a = 0; a < stops; ++a) {
    for (Index b = 0; b < stops; ++b) {
      if (a == b) continue;
      const double dx = tt.stop_x_m[b] - tt.stop_x_m[a];
      const double dy = tt.stop_y_m[b] - tt.stop_y_m[a];
      const double walk_m = std::sqrt(dx * dx + dy * dy) * params.walk_detour;
      if (walk_m <= params.max_transfer_walk_m) {
        walks_[a].push_back({b, walk_m / params.walk_speed_mps});
      }
    }
  }

  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  for (Index trip = 0; trip < tt.trip_count(); ++trip) {
    for (Index c = tt.calls_begin(trip); c < tt.calls_end(trip); ++c) {
      if (c + 1 < tt.calls_end(trip)) {
        edges.push_back({2 * c + 1, 2 * (c + 1)});  // ride to the next call
        edges.push_back({2 * c, 2 * c + 1});        // stay on board through this call
      }
      if (!tt.call_dropoff[c] || c == tt.calls_begin(trip)) continue;
      // Alight, then board again here or after one walk, penalty paid.
      const double arrive_s = tt.call_arrival_s[c];
      const std::uint32_t here =
          first_wait_node(tt.call_stop[c], arrive_s + params.transfer_penalty_s);
      if (here != none) edges.push_back({2 * c, here});
      for (const auto& [to, walk_s] : walks_[tt.call_stop[c]]) {
        const std::uint32_t there =
            first_wait_node(to, arrive_s + walk_s + params.transfer_penalty_s);
        if (there != none) edges.push_back({2 * c, there});
      }
    }
  }
  for (Index s = 0; s < stops; ++s) {
    for (std::uint32_t w = stop_first_wait_[s]; w + 1 < stop_first_wait_[s + 1]; ++w) {
      edges.push_back({call_nodes_ + w, call_nodes_ + w + 1});  // wait for the next departure
    }
  }
  for (Index trip = 0; trip < tt.trip_count(); ++trip) {
    for (Index c = tt.calls_begin(trip); c + 1 < tt.calls_end(trip); ++c) {
      if (!tt.call_pickup[c]) continue;
      const std::uint32_t w = first_wait_node(tt.call_stop[c], tt.call_departure_s[c]);
      edges.push_back({w, 2 * c + 1});  // board
    }
  }
  const auto nodes = call_nodes_ + static_cast<std::uint32_t>(wait_time_s_.size());
  first_edge_.assign(nodes + 1, 0);
  for (const auto& edge : edges) ++first_edge_[edge.first + 1];
  for (std::uint32_t n = 0; n < nodes; ++n) first_edge_[n + 1] += first_edge_[n];
  edge_head_.resize(edges.size());
  std::vector<std::uint32_t> fill(first_edge_.begin(), first_edge_.end() - 1);
  for (const auto& edge : edges) edge_head_[fill[edge.first]++] = edge.second;
}

std::uint32_t ToyTimeExpanded::first_wait_node(Index stop, double time_s) const {
  const auto begin = wait_time_s_.begin() + stop_first_wait_[stop];
  const auto end = wait_time_s_.begin() + stop_first_wait_[stop + 1];
  const auto it = std::lower_bound(begin, end, time_s);
  if (it == end) return none;
  return call_nodes_ + static_cast<std::uint32_t>(it - wait_time_s_.begin());
}

std::vector<std::uint8_t> ToyTimeExpanded::reach(const std::vector<StopWalk>& from,
                                                 double depart_s) const {
  std::vector<std::uint8_t> reached(first_edge_.size() - 1, 0);
  std::vector<std::uint32_t> stack;
  for (const StopWalk& access : from) {
    const std::uint32_t w = first_wait_node(access.stop, depart_s + access.walk_s);
    if (w != none && !reached[w]) {
      reached[w] = 1;
      stack.push_back(w);
    }
  }
  while (!stack.empty()) {
    const std::uint32_t node = stack.back();
    stack.pop_back();
    for (std::uint32_t e = first_edge_[node]; e < first_edge_[node + 1]; ++e) {
      if (!reached[edge_head_[e]]) {
        reached[edge_head_[e]] = 1;
        stack.push_back(edge_head_[e]);
      }
    }
  }
  return reached;
}

double ToyTimeExpanded::earliest_arrival(const std::vector<StopWalk>& from,
                                         const std::vector<StopWalk>& to, double depart_s) const {
  const Timetable& tt = timetable_;
  std::vector<double> egress_s(tt.stop_count(), infinity);
  for (const StopWalk& e : to) egress_s[e.stop] = std::min(egress_s[e.stop], e.walk_s);
  double best = infinity;
  for (const StopWalk& access : from) {
    best = std::min(best, depart_s + access.walk_s + egress_s[access.stop]);
  }
  const std::vector<std::uint8_t> reached = reach(from, depart_s);
  for (Index c = 0; c < tt.call_count(); ++c) {
    if (reached[2 * c] && tt.call_dropoff[c] && egress_s[tt.call_stop[c]] < infinity) {
      best = std::min(best, tt.call_arrival_s[c] + egress_s[tt.call_stop[c]]);
    }
  }
  return best;
}

std::vector<double> ToyTimeExpanded::earliest_arrivals(const std::vector<StopWalk>& from,
                                                       double depart_s) const {
  const Timetable& tt = timetable_;
  std::vector<double> arrive_s(tt.stop_count(), infinity);
  for (const StopWalk& access : from) {
    arrive_s[access.stop] = std::min(arrive_s[access.stop], depart_s + access.walk_s);
  }
  const std::vector<std::uint8_t> reached = reach(from, depart_s);
  for (Index trip = 0; trip < tt.trip_count(); ++trip) {
    // The first call's arrival node is reached only by staying on, which a trip cannot do.
    for (Index c = tt.calls_begin(trip) + 1; c < tt.calls_end(trip); ++c) {
      if (!reached[2 * c] || !tt.call_dropoff[c]) continue;
      const double at_s = tt.call_arrival_s[c];
      arrive_s[tt.call_stop[c]] = std::min(arrive_s[tt.call_stop[c]], at_s);
      for (const auto& [to, walk_s] : walks_[tt.call_stop[c]]) {
        arrive_s[to] = std::min(arrive_s[to], at_s + walk_s);
      }
    }
  }
  return arrive_s;
}

}  // namespace arteria::test
