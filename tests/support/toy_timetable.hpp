// Hand-built timetables for the transit tests: stops at given metres and one route, trips added
// with add_timetable_trip. Positions are in the timetable's own frame; lat/lon follow from them
// (111 km per degree), which is all the planner and a network without a projection read.
#pragma once

#include <string>
#include <tuple>
#include <vector>

#include "model/timetable.hpp"

namespace arteria::testing {

struct HandStop {
  std::string id;
  double x_m = 0.0;
  double y_m = 0.0;
};

// Stops in the order given (ids are their names) and one route `route_id` of `mode` with the
// mode's default vehicle type; no trips.
Timetable hand_timetable(const std::vector<HandStop>& stops, TransitMode mode = TransitMode::bus,
                         const std::string& route_id = "R");

}  // namespace arteria::testing
