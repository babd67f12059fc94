#include "routing/accessibility.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace arteria {

namespace {

double median(std::vector<double>& values) {
  if (values.empty()) return 0.0;
  const std::size_t middle = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle),
                   values.end());
  const double upper = values[middle];
  if (values.size() % 2 == 1) return upper;
  const double lower =
      *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle));
  return (lower + upper) / 2.0;
}

double mean(const std::vector<double>& values) {
  double sum = 0.0;
  for (double value : values) sum += value;
  return values.empty() ? 0.0 : sum / static_cast<double>(values.size());
}

}  // namespace

AccessibilityResult compute_accessibility(const JourneyPlanner& planner,
                                          const AccessibilityParams& params,
                                          const std::vector<double>& stop_weight) {
  const Index stops = planner.timetable().stop_count();
  if (!(params.step_s > 0.0) || !(params.to_s > params.from_s) || !(params.budget_s >= 0.0)) {
    throw std::invalid_argument(
        "accessibility: the window must be non-empty, the step and "
        "budget positive");
  }
  if (!stop_weight.empty() && stop_weight.size() != stops) {
    throw std::invalid_argument("accessibility: one weight per stop expected");
  }
  std::vector<double> departures;
  for (std::int64_t k = 0;; ++k) {
    const double depart_s = params.from_s + static_cast<double>(k) * params.step_s;
    if (depart_s >= params.to_s) break;
    departures.push_back(depart_s);
  }
  AccessibilityResult result;
  result.departures = static_cast<std::int32_t>(departures.size());
  result.reachable_median.resize(stops);
  result.reachable_mean.resize(stops);
  const bool weighted = !stop_weight.empty();
  if (weighted) {
    result.opportunities_median.resize(stops);
    result.opportunities_mean.resize(stops);
  }
  // Each origin writes only its own slots, and its sums run in the planner's (deterministic)
  // order, so the result is the same for any thread count or schedule.
  tbb::parallel_for(tbb::blocked_range<Index>(0, stops, 16),
                    [&](const tbb::blocked_range<Index>& r) {
                      std::vector<StopArrival> reached;
                      std::vector<double> counts(departures.size());
                      std::vector<double> weights(departures.size());
                      for (Index origin = r.begin(); origin != r.end(); ++origin) {
                        for (std::size_t d = 0; d < departures.size(); ++d) {
                          const double depart_s = departures[d];
                          planner.earliest_arrivals({StopWalk{origin, 0.0}}, depart_s,
                                                    depart_s + params.budget_s, reached);
                          double count = 0.0;
                          double weight = 0.0;
                          for (const StopArrival& arrival : reached) {
                            if (arrival.arrive_s - depart_s > params.budget_s) continue;
                            count += 1.0;
                            if (weighted) weight += stop_weight[arrival.stop];
                          }
                          counts[d] = count;
                          weights[d] = weight;
                        }
                        result.reachable_mean[origin] = mean(counts);
                        result.reachable_median[origin] = median(counts);
                        if (weighted) {
                          result.opportunities_mean[origin] = mean(weights);
                          result.opportunities_median[origin] = median(weights);
                        }
                      }
                    });
  return result;
}

}  // namespace arteria
