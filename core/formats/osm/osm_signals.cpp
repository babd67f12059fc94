// Internal to the OSM importer: OSM maps that a node has traffic signals, not how they run, so
// each signalised node gets a generated two-phase fixed-time plan (as netconvert generates one).
//
// In-links are grouped by the axis they arrive along: those within 45 degrees of the axis of
// the highest-capacity in-link (either direction: opposing approaches run together) form
// phase A, the rest phase B. The cycle (90 s by default, netconvert's default too) is split
// evenly: A green, 3 s all-red, B green, 3 s all-red. When all in-links share one axis - a
// signal at a mid-block pedestrian crossing - traffic has two thirds of the cycle green and
// the rest is the pedestrians' phase.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "formats/osm/osm_internal.hpp"

namespace arteria::osm {
namespace {

constexpr double clearance_s = 3.0;

// Difference between two undirected axes, in [0, pi/2].
double axis_difference(double a, double b) {
  double d = std::fmod(std::abs(a - b), std::numbers::pi);
  return std::min(d, std::numbers::pi - d);
}

}  // namespace

void add_signal_plans(const OsmData& data, const std::vector<GraphLink>& links,
                      const std::vector<std::pair<double, double>>& node_xy, double cycle_s,
                      NetworkSpec& spec, OsmImportReport& report) {
  std::vector<std::vector<std::uint32_t>> in_links(data.node_ids.size());
  for (std::uint32_t l = 0; l < links.size(); ++l) {
    if (data.flags[links[l].to] & node_signal) in_links[links[l].to].push_back(l);
  }
  for (std::uint32_t node = 0; node < in_links.size(); ++node) {
    const std::vector<std::uint32_t>& incoming = in_links[node];
    if (incoming.empty()) continue;
    std::vector<double> bearing;
    std::uint32_t main = incoming.front();
    for (const std::uint32_t l : incoming) {
      const auto& points = links[l].points;
      const auto [x1, y1] = node_xy[points[points.size() - 2]];
      const auto [x2, y2] = node_xy[points.back()];
      bearing.push_back(std::atan2(y2 - y1, x2 - x1));
      const auto capacity = [&](std::uint32_t k) {
        return links[k].profile.lanes * links[k].capacity_per_lane_vph;
      };
      if (capacity(l) > capacity(main)) main = l;
    }
    const double main_bearing = bearing[static_cast<std::size_t>(
        std::find(incoming.begin(), incoming.end(), main) - incoming.begin())];
    SignalPhaseSpec phase_a, phase_b;
    for (std::size_t i = 0; i < incoming.size(); ++i) {
      const bool along = axis_difference(bearing[i], main_bearing) < std::numbers::pi / 4.0;
      (along ? phase_a : phase_b).green.push_back({links[incoming[i]].id, "", {}});
    }
    SignalPlanSpec plan;
    plan.id = "osm";
    plan.node = std::to_string(data.node_ids[node]);
    if (phase_b.green.empty()) {
      phase_a.duration_s = cycle_s * 2.0 / 3.0;
      plan.phases = {phase_a, SignalPhaseSpec{cycle_s / 3.0, {}}};
    } else {
      phase_a.duration_s = phase_b.duration_s = cycle_s / 2.0 - clearance_s;
      plan.phases = {phase_a, SignalPhaseSpec{clearance_s, {}}, phase_b,
                     SignalPhaseSpec{clearance_s, {}}};
    }
    spec.signal_plans.push_back(std::move(plan));
    ++report.signal_nodes;
  }
}

}  // namespace arteria::osm
