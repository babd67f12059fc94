// Transit accessibility per stop: how many stops (or how many weighted opportunities) a
// passenger starting at a stop reaches within a travel-time budget, over a departure window.
#pragma once

#include <cstdint>
#include <vector>

#include "routing/journey_planner.hpp"

namespace arteria {

struct AccessibilityParams {
  double from_s = 7 * 3600.0;  // departures from_s, from_s + step_s, ... while < to_s
  double to_s = 9 * 3600.0;
  double step_s = 60.0;
  double budget_s = 30 * 60.0;  // reachable: earliest arrival − departure ≤ budget_s
};

// Per origin stop, over the departures of the window. A stop counts as reached when the planner's
// earliest arrival there (rides and transfer walks, planner rules; the origin itself at 0 s) is
// within the budget. The median of an even number of departures is the mean of the middle two.
struct AccessibilityResult {
  std::int32_t departures = 0;
  std::vector<double> reachable_median;  // stops, per origin stop
  std::vector<double> reachable_mean;
  std::vector<double> opportunities_median;  // sum of reached stops' weights; empty: no weights
  std::vector<double> opportunities_mean;
};

// Runs in parallel over origin stops (oneTBB); the result does not depend on the thread count.
// `stop_weight` is empty or one weight per stop. Throws std::invalid_argument on a bad window.
AccessibilityResult compute_accessibility(const JourneyPlanner& planner,
                                          const AccessibilityParams& params,
                                          const std::vector<double>& stop_weight = {});

}  // namespace arteria
