#include "routing/place_accessibility.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace arteria {

std::size_t PlaceAccessibility::reached() const {
  return static_cast<std::size_t>(std::count_if(travel_time_median_s.begin(),
                                                travel_time_median_s.end(),
                                                [](double t) { return std::isfinite(t); }));
}

PlaceAccessibility compute_place_accessibility(const JourneyPlanner& planner,
                                               const PlaceAccessibilityParams& params) {
  if (!(params.step_s > 0.0) || !(params.to_s > params.from_s) || !(params.budget_s > 0.0) ||
      !(params.walk_m >= 0.0)) {
    throw std::invalid_argument(
        "accessibility: the window must be non-empty, the step, budget and walk positive");
  }
  PlaceAccessibility result;
  result.start = planner.stops_near(params.x_m, params.y_m, params.walk_m);
  if (result.start.empty()) {
    throw std::invalid_argument("no stop within " + std::to_string(std::lround(params.walk_m)) +
                                " m of walking of the place");
  }
  std::vector<double> departures;
  for (std::int64_t k = 0;; ++k) {
    const double depart_s = params.from_s + static_cast<double>(k) * params.step_s;
    if (depart_s >= params.to_s) break;
    departures.push_back(depart_s);
  }
  result.departures = static_cast<std::int32_t>(departures.size());
  const Index stops = planner.timetable().stop_count();
  // travel[d * stops + s]: each departure writes its own row, so any schedule gives the same.
  std::vector<double> travel(departures.size() * stops, PlaceAccessibility::unreached);
  tbb::parallel_for(std::size_t{0}, departures.size(), [&](std::size_t d) {
    std::vector<StopArrival> reached;
    planner.earliest_arrivals(result.start, departures[d], departures[d] + params.budget_s,
                              reached);
    for (const StopArrival& arrival : reached) {
      const double time = arrival.arrive_s - departures[d];
      if (time <= params.budget_s) travel[d * stops + arrival.stop] = time;
    }
  });
  result.travel_time_median_s.resize(stops);
  result.first_arrival_s.resize(stops);
  std::vector<double> times(departures.size());
  for (Index s = 0; s < stops; ++s) {
    for (std::size_t d = 0; d < departures.size(); ++d) times[d] = travel[d * stops + s];
    // With +inf for unreached departures, the median is finite when more than half reach it.
    const std::size_t middle = times.size() / 2;
    std::nth_element(times.begin(), times.begin() + static_cast<std::ptrdiff_t>(middle),
                     times.end());
    double median = times[middle];
    if (times.size() % 2 == 0 && std::isfinite(median)) {
      median = (median + *std::max_element(times.begin(),
                                           times.begin() + static_cast<std::ptrdiff_t>(middle))) /
               2.0;
    }
    result.travel_time_median_s[s] = median;
    const double first = travel[s];
    result.first_arrival_s[s] = std::isfinite(first) ? params.from_s + first : first;
  }
  return result;
}

}  // namespace arteria
