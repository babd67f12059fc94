// Walking between stops for the journey planner: a uniform grid over the stops for "which stops
// are near this point", and the transfer footpaths (stop to stop) it builds once per timetable.
#pragma once

#include <vector>

#include "base/ids.hpp"

namespace arteria {

// Walking rule shared by access, egress and transfers: walking distance = straight-line distance
// × detour; a stop is within reach when that walking distance is at most the limit, and the walk
// takes walking distance / speed seconds.
struct WalkRule {
  double speed_mps = 1.33;
  double detour = 1.3;
  double walk_s(double straight_m) const { return straight_m * detour / speed_mps; }
};

// Buckets stop positions (metres) into square cells so that a radius query looks at the 3 × 3
// cells around the point only (cell side = the largest radius the grid is asked for).
class StopGrid {
 public:
  StopGrid() = default;
  StopGrid(const std::vector<double>& x_m, const std::vector<double>& y_m, double cell_m);

  // Stops with straight-line distance ≤ radius_m from (x, y), ascending by stop index, with their
  // distances. radius_m may exceed the cell side (more cells are then visited).
  void within(double x_m, double y_m, double radius_m, std::vector<Index>& stops,
              std::vector<double>& distances_m) const;

 private:
  long cell_of(double value, double origin) const;

  const std::vector<double>* x_m_ = nullptr;
  const std::vector<double>* y_m_ = nullptr;
  double cell_m_ = 1.0;
  double min_x_m_ = 0.0;
  double min_y_m_ = 0.0;
  long columns_ = 0;
  long rows_ = 0;
  std::vector<Index> cell_first_stop_{0};  // CSR over cells, row-major
  std::vector<Index> cell_stops_;
};

// Transfer footpaths in CSR form: the walks from stop s are [first[s], first[s + 1]), to other
// stops (never to s itself), each with its walking time.
struct Footpaths {
  std::vector<Index> first{0};
  std::vector<Index> to_stop;
  std::vector<double> walk_s;
};

// Every pair of distinct stops whose walking distance is at most max_walk_m.
Footpaths build_footpaths(const std::vector<double>& x_m, const std::vector<double>& y_m,
                          const WalkRule& rule, double max_walk_m);

}  // namespace arteria
