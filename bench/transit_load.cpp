// Transit loading speed: read_gtfs, build_timetable, add_transit_guideways, compile_network and
// place_transit timed phase by phase for Seattle and Cairns (transit only) and Cobb County
// (buses on OSM roads), with how many trips were placed and how many calls run in traffic.
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

#include "network/network.hpp"
#include "network/osm_import.hpp"
#include "transit/gtfs.hpp"
#include "transit/timetable.hpp"
#include "transit/transit_placement.hpp"

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
