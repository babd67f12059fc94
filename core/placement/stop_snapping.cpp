// Stops and shapes in the network's frame, a grid index over link geometry, and stop positions
// along shapes (see stop_snapping.hpp).
#include "placement/stop_snapping.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <unordered_map>

#include "base/projection.hpp"

namespace arteria::transit {
namespace {

struct Nearest {
  double distance_m;
  double along_m;  // from the segment's start
};

Nearest nearest_on_segment(double px, double py, double x1, double y1, double x2, double y2) {
  const double dx = x2 - x1, dy = y2 - y1;
  const double length2 = dx * dx + dy * dy;
  double t = length2 > 0.0 ? ((px - x1) * dx + (py - y1) * dy) / length2 : 0.0;
  t = std::clamp(t, 0.0, 1.0);
  const double qx = x1 + t * dx, qy = y1 + t * dy;
  return {std::hypot(px - qx, py - qy), t * std::sqrt(length2)};
}

}  // namespace

TransitFrame transit_frame(const Timetable& timetable, const MapProjection& projection) {
  TransitFrame frame;
  if (projection.kind == MapProjection::Kind::none) {
    frame.stop_x_m = timetable.stop_x_m;
    frame.stop_y_m = timetable.stop_y_m;
    frame.shape_x_m = timetable.shape_x_m;
    frame.shape_y_m = timetable.shape_y_m;
    return frame;
  }
  const LocalProjection to_network(projection.centre_lon_deg, projection.centre_lat_deg);
  const std::size_t stops = timetable.stop_id.size();
  frame.stop_x_m.assign(stops, std::numeric_limits<double>::quiet_NaN());
  frame.stop_y_m.assign(stops, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t s = 0; s < stops; ++s) {
    const double lat = timetable.stop_lat_deg[s], lon = timetable.stop_lon_deg[s];
    if (std::isnan(lat) || std::isnan(lon)) continue;
    const auto [x, y] = to_network.project(lon, lat);
    frame.stop_x_m[s] = x;
    frame.stop_y_m[s] = y;
  }
  const EquirectangularFrame feed{timetable.origin_lat_deg, timetable.origin_lon_deg};
  const std::size_t points = timetable.shape_x_m.size();
  frame.shape_x_m.resize(points);
  frame.shape_y_m.resize(points);
  for (std::size_t p = 0; p < points; ++p) {
    double lat = 0.0, lon = 0.0;
    feed.to_degrees(timetable.shape_x_m[p], timetable.shape_y_m[p], lat, lon);
    const auto [x, y] = to_network.project(lon, lat);
    frame.shape_x_m[p] = x;
    frame.shape_y_m[p] = y;
  }
  return frame;
}

LinkSegmentIndex::LinkSegmentIndex(const Network& network, ModeMask modes, double cell_m) {
  std::vector<double> xs, ys;
  for (Index link = 0; link < network.link_count; ++link) {
    if ((network.link_modes[link] & modes) == 0) continue;
    xs.assign(network.point_x_m.begin() + network.link_first_point[link],
              network.point_x_m.begin() + network.link_first_point[link + 1]);
    ys.assign(network.point_y_m.begin() + network.link_first_point[link],
              network.point_y_m.begin() + network.link_first_point[link + 1]);
    add_polyline(link, xs, ys);
  }
  build_grid(cell_m);
}

LinkSegmentIndex::LinkSegmentIndex(const NetworkSpec& spec, ModeMask modes, double cell_m) {
  std::unordered_map<std::string, Index> node_index;
  node_index.reserve(spec.nodes.size());
  for (std::size_t n = 0; n < spec.nodes.size(); ++n) {
    node_index.emplace(spec.nodes[n].id, static_cast<Index>(n));
  }
  std::vector<double> xs, ys;
  for (std::size_t l = 0; l < spec.links.size(); ++l) {
    const LinkSpec& link = spec.links[l];
    if ((link.modes & modes) == 0) continue;
    xs.clear();
    ys.clear();
    if (link.geometry.size() >= 2) {
      for (const auto& [x, y] : link.geometry) {
        xs.push_back(x);
        ys.push_back(y);
      }
    } else {
      const auto from = node_index.find(link.from), to = node_index.find(link.to);
      if (from == node_index.end() || to == node_index.end()) continue;
      for (const auto& it : {from, to}) {
        xs.push_back(spec.nodes[it->second].x_m);
        ys.push_back(spec.nodes[it->second].y_m);
      }
    }
    add_polyline(static_cast<Index>(l), xs, ys);
  }
  build_grid(cell_m);
}

void LinkSegmentIndex::add_polyline(Index link, const std::vector<double>& xs,
                                    const std::vector<double>& ys) {
  double offset = 0.0;
  for (std::size_t k = 1; k < xs.size(); ++k) {
    segments_.push_back({link, xs[k - 1], ys[k - 1], xs[k], ys[k], offset});
    offset += std::hypot(xs[k] - xs[k - 1], ys[k] - ys[k - 1]);
  }
}

std::int64_t LinkSegmentIndex::cell_of(double x, double y, std::int64_t& cx,
                                       std::int64_t& cy) const {
  cx = std::clamp<std::int64_t>(static_cast<std::int64_t>(std::floor((x - min_x_) / cell_m_)), 0,
                                nx_ - 1);
  cy = std::clamp<std::int64_t>(static_cast<std::int64_t>(std::floor((y - min_y_) / cell_m_)), 0,
                                ny_ - 1);
  return cy * nx_ + cx;
}

void LinkSegmentIndex::build_grid(double cell_m) {
  if (segments_.empty()) return;
  double max_x = -std::numeric_limits<double>::infinity(), max_y = max_x;
  min_x_ = min_y_ = std::numeric_limits<double>::infinity();
  for (const Segment& s : segments_) {
    min_x_ = std::min({min_x_, s.x1, s.x2});
    min_y_ = std::min({min_y_, s.y1, s.y2});
    max_x = std::max({max_x, s.x1, s.x2});
    max_y = std::max({max_y, s.y1, s.y2});
  }
  // At most about 4 M cells: very large extents get coarser cells.
  const double extent = std::max(max_x - min_x_, max_y - min_y_);
  cell_m_ = std::max(cell_m, extent / 2048.0);
  nx_ = static_cast<std::int64_t>((max_x - min_x_) / cell_m_) + 1;
  ny_ = static_cast<std::int64_t>((max_y - min_y_) / cell_m_) + 1;
  const auto cells = static_cast<std::size_t>(nx_ * ny_);
  // Two passes (count, fill) over each segment's bounding box of cells.
  auto for_cells = [&](const Segment& s, auto&& visit) {
    std::int64_t x0, y0, x1, y1;
    cell_of(std::min(s.x1, s.x2), std::min(s.y1, s.y2), x0, y0);
    cell_of(std::max(s.x1, s.x2), std::max(s.y1, s.y2), x1, y1);
    for (std::int64_t cy = y0; cy <= y1; ++cy) {
      for (std::int64_t cx = x0; cx <= x1; ++cx) visit(static_cast<std::size_t>(cy * nx_ + cx));
    }
  };
  cell_first_.assign(cells + 1, 0);
  for (const Segment& s : segments_) for_cells(s, [&](std::size_t c) { ++cell_first_[c + 1]; });
  for (std::size_t c = 0; c < cells; ++c) cell_first_[c + 1] += cell_first_[c];
  cell_segments_.resize(cell_first_[cells]);
  std::vector<std::uint32_t> fill(cell_first_.begin(), cell_first_.end() - 1);
  for (std::size_t i = 0; i < segments_.size(); ++i) {
    for_cells(segments_[i],
              [&](std::size_t c) { cell_segments_[fill[c]++] = static_cast<std::uint32_t>(i); });
  }
}

void LinkSegmentIndex::nearest_links(double x_m, double y_m, double radius_m, std::size_t max_count,
                                     std::vector<SnapCandidate>& out) const {
  out.clear();
  if (segments_.empty() || std::isnan(x_m) || std::isnan(y_m)) return;
  std::int64_t x0, y0, x1, y1;
  cell_of(x_m - radius_m, y_m - radius_m, x0, y0);
  cell_of(x_m + radius_m, y_m + radius_m, x1, y1);
  for (std::int64_t cy = y0; cy <= y1; ++cy) {
    for (std::int64_t cx = x0; cx <= x1; ++cx) {
      const auto c = static_cast<std::size_t>(cy * nx_ + cx);
      for (std::uint32_t k = cell_first_[c]; k < cell_first_[c + 1]; ++k) {
        const Segment& s = segments_[cell_segments_[k]];
        const Nearest near = nearest_on_segment(x_m, y_m, s.x1, s.y1, s.x2, s.y2);
        if (near.distance_m > radius_m) continue;
        out.push_back({s.link, near.distance_m, s.offset_m + near.along_m});
      }
    }
  }
  // Nearest point per link, then nearest links first.
  std::sort(out.begin(), out.end(), [](const SnapCandidate& a, const SnapCandidate& b) {
    if (a.link != b.link) return a.link < b.link;
    return a.distance_m != b.distance_m ? a.distance_m < b.distance_m : a.offset_m < b.offset_m;
  });
  out.erase(
      std::unique(out.begin(), out.end(),
                  [](const SnapCandidate& a, const SnapCandidate& b) { return a.link == b.link; }),
      out.end());
  std::sort(out.begin(), out.end(), [](const SnapCandidate& a, const SnapCandidate& b) {
    return a.distance_m != b.distance_m ? a.distance_m < b.distance_m : a.link < b.link;
  });
  if (max_count != 0 && out.size() > max_count) out.resize(max_count);
}

std::vector<double> positions_along(const std::vector<double>& xs, const std::vector<double>& ys,
                                    Index first, Index last, const std::vector<double>& px,
                                    const std::vector<double>& py) {
  std::vector<double> along(px.size(), 0.0);
  if (last - first < 2) return along;
  std::vector<double> start(last - first, 0.0);  // distance of point first + i from the start
  for (Index p = first + 1; p < last; ++p) {
    start[p - first] = start[p - first - 1] + std::hypot(xs[p] - xs[p - 1], ys[p] - ys[p - 1]);
  }
  Index segment = first;  // the previous stop's segment
  double previous = 0.0;  // and its position
  for (std::size_t k = 0; k < px.size(); ++k) {
    if (std::isnan(px[k]) || std::isnan(py[k])) {
      along[k] = previous;
      continue;
    }
    double best = std::numeric_limits<double>::infinity();
    for (Index p = segment; p + 1 < last; ++p) {
      best = std::min(
          best, nearest_on_segment(px[k], py[k], xs[p], ys[p], xs[p + 1], ys[p + 1]).distance_m);
    }
    for (Index p = segment; p + 1 < last; ++p) {
      const Nearest near = nearest_on_segment(px[k], py[k], xs[p], ys[p], xs[p + 1], ys[p + 1]);
      if (near.distance_m > best + 10.0) continue;
      const double position = start[p - first] + near.along_m;
      if (position < previous) continue;  // behind the previous stop on its own segment
      segment = p;
      previous = position;
      break;
    }
    along[k] = previous;
  }
  return along;
}

}  // namespace arteria::transit
