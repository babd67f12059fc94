#include "run/route_switching.hpp"

#include <algorithm>

#include "base/rng.hpp"
#include "run/experienced_costs.hpp"

namespace arteria {
namespace {

// Time gained by switching; ties and rounding (float link costs summed in another order) below
// this share of the current time are no reason to move.
constexpr double min_relative_excess = 1e-6;

double excess_s(const RouteChoices& c, Index trip) {
  if (c.best_route[trip] == c.route[trip]) return 0.0;
  const double excess = c.current_s[trip] - c.best_s[trip];
  return excess > min_relative_excess * c.current_s[trip] ? excess : 0.0;
}

}  // namespace

double switch_step(Index iteration) {
  return 1.0 / (static_cast<double>(iteration) + 2.0);
}

Index switch_routes(SwitchRule rule, double step, std::uint64_t seed, Index iteration,
                    RouteChoices& choices) {
  double excess_sum = 0.0;
  Index with_excess = 0;
  for (const Index trip : choices.trips) {
    const double excess = excess_s(choices, trip);
    if (excess > 0.0) {
      excess_sum += excess;
      ++with_excess;
    }
  }
  if (with_excess == 0) return 0;
  const double mean_excess = excess_sum / with_excess;
  Index switched = 0;
  for (const Index trip : choices.trips) {
    const double excess = excess_s(choices, trip);
    if (excess <= 0.0) continue;
    // Saving half a closure's penalty is not a matter of taste: the current route crosses a
    // closed link (experienced_costs.hpp), so the trip leaves it now rather than at the MSA's
    // pace, which would keep a share of trips on it for many iterations and the gap high.
    const double p = excess >= 0.5 * closed_link_penalty_s ? 1.0
                     : rule == SwitchRule::msa             ? step
                                               : std::min(1.0, step * excess / mean_excess);
    if (random_unit(seed, trip, iteration, RandomPurpose::dynamic_route_switch) < p) {
      choices.route[trip] = choices.best_route[trip];
      ++switched;
    }
  }
  return switched;
}

}  // namespace arteria
