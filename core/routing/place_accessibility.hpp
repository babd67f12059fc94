// Transit accessibility from a place (a point, or the centre of a group of stops): a passenger
// walks to every stop within walking distance (at the planner's walking speed and detour), and
// rides on from whichever gets them further soonest. Per stop: the travel time from the place,
// the median over the departures of a window, and the earliest arrival for the window's first
// departure. One number per stop of origin hides that a place is served by several stops (the
// bays of an interchange reach 62, 65, 26 and 1 stops on their own).
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "routing/journey_planner.hpp"

namespace arteria {

struct PlaceAccessibilityParams {
  double x_m = 0.0;  // the place, in the timetable's projection
  double y_m = 0.0;
  double walk_m = 600.0;       // walking distance (straight line x the planner's walk_detour)
  double from_s = 7 * 3600.0;  // departures from_s, from_s + step_s, ... while < to_s
  double to_s = 9 * 3600.0;
  double step_s = 60.0;
  double budget_s = 60 * 60.0;  // stops reached later than this count as not reached
};

struct PlaceAccessibility {
  static constexpr double unreached = std::numeric_limits<double>::infinity();
  std::vector<StopWalk> start;  // the stops within walking distance, with their walking times
  std::int32_t departures = 0;
  // Per stop: travel time from the place (walk included), the median over departures; a
  // departure that does not reach the stop within the budget counts as unreached (+inf), so a
  // stop reached by half of them or fewer is unreached.
  std::vector<double> travel_time_median_s;
  // Per stop: the earliest arrival when leaving at from_s; +inf when not within the budget.
  std::vector<double> first_arrival_s;
  std::size_t reached() const;  // stops with a finite median travel time
};

// Runs the departures in parallel (oneTBB); the result does not depend on the thread count.
// Throws std::invalid_argument on a bad window, and when no stop is within walking distance.
PlaceAccessibility compute_place_accessibility(const JourneyPlanner& planner,
                                               const PlaceAccessibilityParams& params);

}  // namespace arteria
