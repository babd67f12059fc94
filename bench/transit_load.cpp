// Transit loading speed: read_gtfs, build_timetable, add_transit_guideways, compile_network and
// place_transit timed phase by phase for Seattle and Cairns (transit only) and Cobb County
// (buses on OSM roads), with how many trips were placed and how many calls run in traffic. On
// roads it also runs place_transit_with_detours (the detour rule: implausible road steps moved to
// guideways, second compile and placement) and prints the road steps' path length / straight
// distance before and after, the detour steps and the calls left in traffic.
// Usage (see bench/README.md):
//   bench_transit_load [GTFS_DIR] [REPEATS]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "formats/gtfs/gtfs.hpp"
#include "formats/gtfs/gtfs_timetable.hpp"
#include "formats/osm/osm_reader.hpp"
#include "model/network.hpp"
#include "model/timetable.hpp"
#include "placement/place_transit.hpp"
#include "placement/stop_snapping.hpp"

namespace {

using namespace arteria;
using Clock = std::chrono::steady_clock;

double seconds(Clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

struct Phases {
  double read = 0, timetable = 0, guideways = 0, compile = 0, place = 0;
  double total() const { return read + timetable + guideways + compile + place; }
};

void keep_best(Phases& best, const Phases& run) {
  if (best.total() == 0 || run.total() < best.total()) best = run;
}

// Per road step of every trip (both calls in traffic, only road links between them): path length
// along the links / straight distance between the stops (at least 50 m).
std::vector<double> path_ratios(const Timetable& tt, const Network& net,
                                const TransitPlacement& placed) {
  const transit::TransitFrame frame = transit::transit_frame(tt, net.projection);
  std::vector<double> ratios;
  for (Index t = 0; t < tt.trip_count(); ++t) {
    if (!placed.trip_placed[t]) continue;
    for (Index k = tt.calls_begin(t) + 1; k < tt.calls_end(t); ++k) {
      if (!placed.call_in_traffic[k - 1] || !placed.call_in_traffic[k]) continue;
      const Index a = tt.call_stop[k - 1], b = tt.call_stop[k];
      if (a == b) continue;
      double length = 0.0;
      bool road = true;
      for (std::int32_t i = placed.call_route_pos[k - 1] + 1; i <= placed.call_route_pos[k]; ++i) {
        const Index at = placed.trip_first_link[t] + static_cast<Index>(i);
        road = road && std::isnan(placed.link_scheduled_s[at]);
        length += net.link_length_m[placed.links[at]];
      }
      if (!road) continue;
      const double straight =
          std::hypot(frame.stop_x_m[a] - frame.stop_x_m[b], frame.stop_y_m[a] - frame.stop_y_m[b]);
      ratios.push_back(length / std::max(50.0, straight));
    }
  }
  std::sort(ratios.begin(), ratios.end());
  return ratios;
}

void print_placement(const char* label, const Timetable& tt, const Network& net,
                     const TransitPlacement& placed) {
  Index placed_trips = 0, road_calls = 0, detoured = 0, detour_trips = 0;
  for (Index t = 0; t < tt.trip_count(); ++t) {
    placed_trips += placed.trip_placed[t];
    detoured += placed.trip_detour_steps[t];
    detour_trips += placed.trip_detour_steps[t] > 0;
  }
  for (Index k = 0; k < tt.call_count(); ++k) road_calls += placed.call_in_traffic[k];
  const std::vector<double> r = path_ratios(tt, net, placed);
  auto at = [&r](double q) {
    return r.empty() ? 0.0
                     : r[std::min(r.size() - 1,
                                  static_cast<std::size_t>(q * static_cast<double>(r.size())))];
  };
  const auto over3 = std::count_if(r.begin(), r.end(), [](double x) { return x > 3.0; });
  std::printf(
      "%-22s %s: %u placed, %u/%u calls in traffic, %u trip steps on detour guideways (%u "
      "trips), %zu detour steps left\n",
      "", label, placed_trips, road_calls, tt.call_count(), detoured, detour_trips,
      placed.detour_steps.size());
  std::printf(
      "%-22s   path/straight over %zu road steps: median %.2f  p90 %.2f  p99 %.2f  max %.2f  "
      "> 3: %ld\n",
      "", r.size(), at(0.5), at(0.9), at(0.99), r.empty() ? 0.0 : r.back(),
      static_cast<long>(over3));
}

void bench_detours(const Timetable& tt, const NetworkSpec& roads) {
  TransitPlacementParams off;
  off.max_detour_factor = std::numeric_limits<double>::infinity();
  NetworkSpec spec = roads;
  add_transit_guideways(tt, true, spec, off);
  const Network before_net = compile_network(spec);
  const TransitPlacement before = place_transit(tt, before_net, true, off);
  print_placement("no detour rule", tt, before_net, before);
  const TransitPlacement first = place_transit(tt, before_net, true);
  std::printf("%-22s   first pass finds %zu detour steps (default rule)\n", "",
              first.detour_steps.size());
  Network net;
  const auto start = Clock::now();
  const TransitPlacement placed = place_transit_with_detours(tt, roads, true, {}, net);
  const double took = seconds(Clock::now() - start);
  print_placement("detour rule", tt, net, placed);
  std::printf(
      "%-22s   place_transit_with_detours %.3f s (%u passes of guideways, compile, place)\n", "",
      took, placed.passes);
}

void bench_feed(const std::string& name, const std::string& gtfs, const NetworkSpec* roads,
                int repeats) {
  Phases best;
  Index trips = 0, placed_trips = 0, calls = 0, road_calls = 0, links = 0;
  double snap_sum = 0.0;
  for (int r = 0; r < repeats; ++r) {
    Phases run;
    auto t0 = Clock::now();
    const GtfsFeed feed = read_gtfs(gtfs);
    auto t1 = Clock::now();
    run.read = seconds(t1 - t0);
    const Timetable tt = build_timetable(feed, select_service_day(feed));
    t0 = Clock::now();
    run.timetable = seconds(t0 - t1);
    NetworkSpec spec = roads ? *roads : NetworkSpec{};
    t1 = Clock::now();  // the copy of the road network is not timed
    add_transit_guideways(tt, roads != nullptr, spec);
    t0 = Clock::now();
    run.guideways = seconds(t0 - t1);
    const Network net = compile_network(spec);
    t1 = Clock::now();
    run.compile = seconds(t1 - t0);
    const TransitPlacement placed = place_transit(tt, net, roads != nullptr);
    t0 = Clock::now();
    run.place = seconds(t0 - t1);
    keep_best(best, run);
    trips = tt.trip_count();
    calls = tt.call_count();
    links = net.link_count;
    placed_trips = road_calls = 0;
    snap_sum = 0.0;
    for (Index t = 0; t < trips; ++t) placed_trips += placed.trip_placed[t];
    for (Index k = 0; k < calls; ++k) {
      road_calls += placed.call_in_traffic[k];
      if (placed.call_in_traffic[k]) snap_sum += placed.call_snap_m[k];
    }
  }
  std::printf(
      "%-22s read %.3f s  timetable %.3f s  guideways %.3f s  compile %.3f s  place %.3f s  "
      "total %.3f s\n",
      name.c_str(), best.read, best.timetable, best.guideways, best.compile, best.place,
      best.total());
  std::printf("%-22s %u trips, %u placed, %u links, %u/%u calls in traffic, mean snap %.1f m\n", "",
              trips, placed_trips, links, road_calls, calls,
              road_calls ? snap_sum / road_calls : 0.0);
  if (roads) {
    const GtfsFeed feed = read_gtfs(gtfs);
    bench_detours(build_timetable(feed, select_service_day(feed)), *roads);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 && argv[1][0] != 0
                              ? argv[1]
                              : std::string(ARTERIA_SOURCE_DIR) + "/../shared/data/gtfs";
  const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  bench_feed("seattle (transit only)", dir + "/seattle-area-2017", nullptr, repeats);
  bench_feed("cairns (transit only)", dir + "/cairns/cairns_gtfs.zip", nullptr, repeats);
  OsmImportOptions options;
  options.modes = mode_car | mode_bus;
  const auto osm_start = Clock::now();
  const OsmNetwork osm =
      read_osm_network(dir + "/cobb-county/cobb-county.filtered.osm.pbf", options);
  std::printf("cobb county OSM import %.3f s (%zu links; not in the totals)\n",
              seconds(Clock::now() - osm_start), osm.spec.links.size());
  bench_feed("cobblinc 30 (roads)", dir + "/cobb-county/cobblinc-bus-30-only.gtfs.zip", &osm.spec,
             repeats);
  bench_feed("marta 856 (roads)", dir + "/cobb-county/marta-bus-856-only.gtfs.zip", &osm.spec,
             repeats);
  return 0;
}
