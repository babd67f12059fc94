#include "model/emergency.hpp"

#include <algorithm>
#include <cmath>

#include "base/rng.hpp"

namespace arteria {

std::vector<Incident> draw_incidents(const Network& network, double per_hour, std::uint64_t seed,
                                     double start_s, double end_s) {
  std::vector<Index> reachable;
  for (Index n = 0; n < network.node_count; ++n) {
    if (network.node_is_centroid[n]) continue;
    for (Index i = network.node_first_in[n]; i < network.node_first_in[n + 1]; ++i) {
      if (network.link_modes[network.in_links[i]] & mode_car) {
        reachable.push_back(n);
        break;
      }
    }
  }
  std::vector<Incident> incidents;
  if (per_hour <= 0.0 || reachable.empty()) return incidents;
  const double rate_per_s = per_hour / 3600.0;
  double t = start_s;
  for (std::uint64_t k = 0;; ++k) {
    t += -std::log1p(-random_unit(seed, k, 0, RandomPurpose::emergency_incident)) / rate_per_s;
    if (t >= end_s) break;
    const double u = random_unit(seed, k, 1, RandomPurpose::emergency_incident);
    const auto pick = std::min(reachable.size() - 1,
                               static_cast<std::size_t>(u * static_cast<double>(reachable.size())));
    incidents.push_back({"drawn#" + std::to_string(k), t, reachable[pick]});
  }
  return incidents;
}

Index nearest_node(const Network& network, double x_m, double y_m) {
  Index best = invalid_index;
  double best_d2 = 0.0;
  for (Index n = 0; n < network.node_count; ++n) {
    const double dx = network.node_x_m[n] - x_m;
    const double dy = network.node_y_m[n] - y_m;
    const double d2 = dx * dx + dy * dy;
    if (best == invalid_index || d2 < best_d2) {
      best = n;
      best_d2 = d2;
    }
  }
  return best;
}

void sort_incidents(std::vector<Incident>& incidents) {
  std::stable_sort(incidents.begin(), incidents.end(),
                   [](const Incident& a, const Incident& b) { return a.time_s < b.time_s; });
}

}  // namespace arteria
