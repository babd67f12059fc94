#include "model/road_works.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include "base/projection.hpp"
#include "base/text.hpp"

namespace arteria {
namespace {

// Even-odd rule: the number of edges a ray from (x, y) towards +x crosses. An edge counts when
// its ends lie on either side of the ray's line (half-open in y, so a vertex on the line is
// counted once).
bool inside(const std::vector<std::array<double, 2>>& polygon, double x, double y) {
  bool in = false;
  for (std::size_t i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
    const auto& [xi, yi] = polygon[i];
    const auto& [xj, yj] = polygon[j];
    if ((yi > y) != (yj > y) && x < xi + (y - yi) / (yj - yi) * (xj - xi)) in = !in;
  }
  return in;
}

// The polygon in the network's metres.
std::vector<std::array<double, 2>> in_network_metres(
    const Network& network, const std::vector<std::array<double, 2>>& polygon) {
  if (network.projection.kind != MapProjection::Kind::transverse_mercator) return polygon;
  const LocalProjection projection(network.projection.centre_lon_deg,
                                   network.projection.centre_lat_deg);
  std::vector<std::array<double, 2>> metres;
  metres.reserve(polygon.size());
  for (const auto& [lon, lat] : polygon) {
    const auto [x, y] = projection.project(lon, lat);
    metres.push_back({x, y});
  }
  return metres;
}

}  // namespace

std::vector<Index> links_inside_polygon(const Network& network,
                                        const std::vector<std::array<double, 2>>& polygon) {
  const std::vector<std::array<double, 2>> zone = in_network_metres(network, polygon);
  std::vector<Index> links;
  for (Index l = 0; l < network.link_count; ++l) {
    if (!(network.link_modes[l] & road_modes)) continue;
    if (network.node_is_centroid[network.link_from_node[l]] ||
        network.node_is_centroid[network.link_to_node[l]]) {
      continue;
    }
    bool all_inside = true;
    for (Index p = network.link_first_point[l]; p < network.link_first_point[l + 1]; ++p) {
      all_inside = all_inside && inside(zone, network.point_x_m[p], network.point_y_m[p]);
    }
    if (all_inside) links.push_back(l);
  }
  return links;
}

std::string road_works_window_error(double from_s, double to_s, double start_s, double end_s) {
  const std::string window = format_time_of_day(from_s) + " - " + format_time_of_day(to_s);
  if (!(to_s > from_s)) {
    return "the works end (to = " + format_time_of_day(to_s) + ") must come after they start (" +
           "from = " + format_time_of_day(from_s) + "); a night past midnight is written with " +
           "hours past 24, e.g. from = \"22:00\", to = \"29:00\"";
  }
  if (to_s <= start_s || from_s >= end_s) {
    return "the works window " + window + " lies outside the simulated period " +
           format_time_of_day(start_s) + " - " + format_time_of_day(end_s);
  }
  return {};
}

std::string road_works_overlap_error(const RoadWorks& works, const std::vector<Event>& events,
                                     const Network& network) {
  // The road works events on the zone's links, by link and time, lifts before sets at a time
  // (the order the simulation applies them in, resolve_road_works).
  std::vector<const Event*> changes;
  for (const Event& event : events) {
    const bool works_event =
        event.kind == EventKind::close_lanes || event.kind == EventKind::limit_speed;
    if (works_event && std::binary_search(works.links.begin(), works.links.end(), event.target)) {
      changes.push_back(&event);
    }
  }
  std::stable_sort(changes.begin(), changes.end(), [](const Event* a, const Event* b) {
    return std::tuple(a->target, a->time_s, a->value != 0.0) <
           std::tuple(b->target, b->time_s, b->value != 0.0);
  });
  // Sweeps each link's changes for the spans [since, until) its works are in force; works still
  // on after the last change are on until the run ends.
  const auto overlaps = [&](Index link, double since, double until) -> std::string {
    if (!(since < works.to_s && until > works.from_s)) return {};
    return "link '" + network.link_external_id[link] + "' is under road works from " +
           format_time_of_day(since) +
           (std::isinf(until) ? std::string() : " to " + format_time_of_day(until)) +
           " already; the end of either works would lift both: make them one works or let one "
           "end before the other starts";
  };
  for (std::size_t i = 0; i < changes.size();) {
    const Index link = changes[i]->target;
    double lanes_closed = 0.0, limit = 0.0, since = 0.0;
    for (; i < changes.size() && changes[i]->target == link; ++i) {
      const bool before = lanes_closed > 0.0 || limit > 0.0;
      (changes[i]->kind == EventKind::close_lanes ? lanes_closed : limit) = changes[i]->value;
      const bool after = lanes_closed > 0.0 || limit > 0.0;
      if (!before && after) since = changes[i]->time_s;
      if (before && !after) {
        if (std::string error = overlaps(link, since, changes[i]->time_s); !error.empty()) {
          return error;
        }
      }
    }
    if (lanes_closed > 0.0 || limit > 0.0) {
      const double forever = std::numeric_limits<double>::infinity();
      if (std::string error = overlaps(link, since, forever); !error.empty()) return error;
    }
  }
  return {};
}

std::vector<Event> road_works_events(const RoadWorks& works, double start_s, double end_s) {
  std::vector<Event> events;
  const auto add = [&](double time_s, double lanes_closed, double limit_mps) {
    for (Index link : works.links) {
      if (works.lanes_closed > 0.0) {
        events.push_back(
            {time_s, EventKind::close_lanes, link, lanes_closed, invalid_index, works.where});
      }
      if (works.speed_limit_mps > 0.0) {
        events.push_back(
            {time_s, EventKind::limit_speed, link, limit_mps, invalid_index, works.where});
      }
    }
  };
  add(std::max(works.from_s, start_s), works.lanes_closed, works.speed_limit_mps);
  if (works.to_s < end_s) add(works.to_s, 0.0, 0.0);
  return events;
}

}  // namespace arteria
