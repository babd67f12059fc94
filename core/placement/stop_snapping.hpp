// Geometry for placing transit on a network: stops and shapes brought into the network's frame,
// a grid index over link polylines to find the links near a point, and stop positions along a
// shape. Internal to transit placement (place_transit.cpp, guideway.cpp, road_matching.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/ids.hpp"
#include "model/network.hpp"
#include "model/network_spec.hpp"
#include "model/timetable.hpp"

namespace arteria::transit {

// The timetable's stops and shape points in a network's frame (metres). A network without a
// projection is taken to share the timetable's own frame. NaN for stops without a position.
struct TransitFrame {
  std::vector<double> stop_x_m;
  std::vector<double> stop_y_m;
  std::vector<double> shape_x_m;  // aligned with Timetable::shape_x_m
  std::vector<double> shape_y_m;
};
TransitFrame transit_frame(const Timetable& timetable, const MapProjection& projection);

// The point of one link nearest to a query point.
struct SnapCandidate {
  Index link = invalid_index;
  double distance_m = 0.0;  // perpendicular (or end-point) distance to the polyline
  double offset_m = 0.0;    // along the polyline from its upstream end to the nearest point
};

// Uniform grid over the segments of the links admitting some mode. Each segment is listed in
// every cell its bounding box touches; queries look at the cells within the radius.
class LinkSegmentIndex {
 public:
  LinkSegmentIndex(const Network& network, ModeMask modes, double cell_m = 100.0);
  LinkSegmentIndex(const NetworkSpec& spec, ModeMask modes, double cell_m = 100.0);

  // The nearest point of every link within `radius_m`, nearest first (ties by link id), at most
  // `max_count` of them (0: all).
  void nearest_links(double x_m, double y_m, double radius_m, std::size_t max_count,
                     std::vector<SnapCandidate>& out) const;
  bool empty() const { return segments_.empty(); }

 private:
  struct Segment {
    Index link;
    double x1, y1, x2, y2;
    double offset_m;  // of (x1, y1) along the link's polyline
  };
  void add_polyline(Index link, const std::vector<double>& xs, const std::vector<double>& ys);
  void build_grid(double cell_m);
  std::int64_t cell_of(double x, double y, std::int64_t& cx, std::int64_t& cy) const;

  std::vector<Segment> segments_;
  double min_x_ = 0.0, min_y_ = 0.0, cell_m_ = 100.0;
  std::int64_t nx_ = 0, ny_ = 0;
  std::vector<std::uint32_t> cell_first_;  // CSR into cell_segments_
  std::vector<std::uint32_t> cell_segments_;
};

// Positions (metres along the polyline [first, last) of xs/ys) of points visited in order: each
// is the nearest point of the polyline at or after the previous one, preferring the earliest
// pass within 10 m of the nearest (so a loop's first stop is not put at its end).
std::vector<double> positions_along(const std::vector<double>& xs, const std::vector<double>& ys,
                                    Index first, Index last, const std::vector<double>& px,
                                    const std::vector<double>& py);

}  // namespace arteria::transit
