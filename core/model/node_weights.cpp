#include "model/node_weights.hpp"

#include <algorithm>
#include <numeric>

namespace arteria {

std::vector<double> node_weights(const Network& network, ModeMask modes, bool by_capacity) {
  std::vector<double> weight(network.node_count, 0.0);
  const auto admits = [&](Index link) { return (network.link_modes[link] & modes) != 0; };
  for (Index node = 0; node < network.node_count; ++node) {
    const auto first_out = network.out_links.begin() + network.node_first_out[node];
    const auto first_in = network.in_links.begin() + network.node_first_in[node];
    if (std::none_of(first_out, network.out_links.begin() + network.node_first_out[node + 1],
                     admits) ||
        std::none_of(first_in, network.in_links.begin() + network.node_first_in[node + 1],
                     admits)) {
      continue;
    }
    if (!by_capacity) {
      weight[node] = 1.0;
      continue;
    }
    for (Index i = network.node_first_out[node]; i < network.node_first_out[node + 1]; ++i) {
      weight[node] += network.link_capacity_vph[network.out_links[i]];
    }
    for (Index i = network.node_first_in[node]; i < network.node_first_in[node + 1]; ++i) {
      weight[node] += network.link_capacity_vph[network.in_links[i]];
    }
  }
  return weight;
}

WeightedNodes::WeightedNodes(const std::vector<double>& weight) : cumulative_(weight.size()) {
  std::partial_sum(weight.begin(), weight.end(), cumulative_.begin());
}

Index WeightedNodes::pick(double u) const {
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u * total());
  return static_cast<Index>(std::min<std::ptrdiff_t>(
      it - cumulative_.begin(), static_cast<std::ptrdiff_t>(cumulative_.size()) - 1));
}

}  // namespace arteria
