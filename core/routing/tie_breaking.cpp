#include "routing/tie_breaking.hpp"

#include <cmath>

#include "base/rng.hpp"

namespace arteria {

Index route_variant(const TieBreaking& ties, Index trip) {
  if (ties.variants <= 1) return 0;
  return static_cast<Index>(random_bits(ties.seed, trip, 0, RandomPurpose::route_variant) %
                            ties.variants);
}

void perturb_costs(const TieBreaking& ties, Index variant, const float* cost, Index link_count,
                   std::vector<float>& out) {
  out.resize(link_count);
  for (Index link = 0; link < link_count; ++link) {
    const double u = random_unit(ties.seed, link, variant, RandomPurpose::route_perturbation);
    // Infinite (closed) and zero costs stay as they are; the product keeps them so.
    out[link] = std::isfinite(cost[link])
                    ? static_cast<float>(cost[link] * (1.0 + ties.relative_spread * u))
                    : cost[link];
  }
}

}  // namespace arteria
