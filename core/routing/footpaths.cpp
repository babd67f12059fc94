#include "routing/footpaths.hpp"

#include <algorithm>
#include <cmath>

namespace arteria {

StopGrid::StopGrid(const std::vector<double>& x_m, const std::vector<double>& y_m, double cell_m)
    : x_m_(&x_m), y_m_(&y_m), cell_m_(std::max(cell_m, 1.0)) {
  const std::size_t count = x_m.size();
  if (count == 0) return;
  min_x_m_ = *std::min_element(x_m.begin(), x_m.end());
  min_y_m_ = *std::min_element(y_m.begin(), y_m.end());
  const double max_x_m = *std::max_element(x_m.begin(), x_m.end());
  const double max_y_m = *std::max_element(y_m.begin(), y_m.end());
  // A feed far wider than its walking radius would need a huge grid: widen the cells so the grid
  // stays near one cell per stop (a query then just visits more cells).
  const double area_cells =
      ((max_x_m - min_x_m_) / cell_m_ + 1) * ((max_y_m - min_y_m_) / cell_m_ + 1);
  if (area_cells > 4.0 * static_cast<double>(count) + 64.0) {
    cell_m_ *= std::sqrt(area_cells / (4.0 * static_cast<double>(count) + 64.0));
  }
  columns_ = cell_of(max_x_m, min_x_m_) + 1;
  rows_ = cell_of(max_y_m, min_y_m_) + 1;
  std::vector<Index> cell_count(static_cast<std::size_t>(columns_ * rows_) + 1, 0);
  std::vector<std::size_t> stop_cell(count);
  for (std::size_t s = 0; s < count; ++s) {
    stop_cell[s] =
        static_cast<std::size_t>(cell_of(y_m[s], min_y_m_) * columns_ + cell_of(x_m[s], min_x_m_));
    ++cell_count[stop_cell[s] + 1];
  }
  for (std::size_t c = 1; c < cell_count.size(); ++c) cell_count[c] += cell_count[c - 1];
  cell_first_stop_ = cell_count;
  cell_stops_.resize(count);
  for (std::size_t s = 0; s < count; ++s) {
    cell_stops_[cell_count[stop_cell[s]]++] = static_cast<Index>(s);
  }
}

long StopGrid::cell_of(double value, double origin) const {
  return static_cast<long>(std::floor((value - origin) / cell_m_));
}

void StopGrid::within(double x_m, double y_m, double radius_m, std::vector<Index>& stops,
                      std::vector<double>& distances_m) const {
  stops.clear();
  distances_m.clear();
  if (x_m_ == nullptr || columns_ == 0 || !(radius_m >= 0.0)) return;
  const long column_lo = std::max(0L, cell_of(x_m - radius_m, min_x_m_));
  const long column_hi = std::min(columns_ - 1, cell_of(x_m + radius_m, min_x_m_));
  const long row_lo = std::max(0L, cell_of(y_m - radius_m, min_y_m_));
  const long row_hi = std::min(rows_ - 1, cell_of(y_m + radius_m, min_y_m_));
  for (long row = row_lo; row <= row_hi; ++row) {
    for (long column = column_lo; column <= column_hi; ++column) {
      const auto cell = static_cast<std::size_t>(row * columns_ + column);
      for (Index i = cell_first_stop_[cell]; i < cell_first_stop_[cell + 1]; ++i) {
        const Index stop = cell_stops_[i];
        const double distance = std::hypot((*x_m_)[stop] - x_m, (*y_m_)[stop] - y_m);
        if (distance <= radius_m) stops.push_back(stop);
      }
    }
  }
  std::sort(stops.begin(), stops.end());
  for (Index stop : stops) {
    distances_m.push_back(std::hypot((*x_m_)[stop] - x_m, (*y_m_)[stop] - y_m));
  }
}

Footpaths build_footpaths(const std::vector<double>& x_m, const std::vector<double>& y_m,
                          const WalkRule& rule, double max_walk_m) {
  Footpaths paths;
  const double radius_m = max_walk_m / rule.detour;
  const StopGrid grid(x_m, y_m, radius_m);
  std::vector<Index> near;
  std::vector<double> distances_m;
  for (std::size_t s = 0; s < x_m.size(); ++s) {
    if (max_walk_m > 0.0) grid.within(x_m[s], y_m[s], radius_m, near, distances_m);
    for (std::size_t i = 0; i < near.size(); ++i) {
      if (near[i] == s || distances_m[i] * rule.detour > max_walk_m) continue;
      paths.to_stop.push_back(near[i]);
      paths.walk_s.push_back(rule.walk_s(distances_m[i]));
    }
    paths.first.push_back(static_cast<Index>(paths.to_stop.size()));
  }
  return paths;
}

}  // namespace arteria
