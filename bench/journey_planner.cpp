// Journey planner speed: random point-to-point queries (access and egress to every stop within
// 800 m of two random stops, random departures over the service day) on the Cairns and Seattle
// timetables, one thread; prints the time per query. Usage (see bench/README.md):
//   bench_journey_planner [QUERIES] [GTFS_DIR]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "formats/gtfs/gtfs.hpp"
#include "formats/gtfs/gtfs_timetable.hpp"
#include "model/timetable.hpp"
#include "routing/journey_planner.hpp"

namespace {

using arteria::Index;
using Clock = std::chrono::steady_clock;

double micros(Clock::duration d) {
  return std::chrono::duration<double, std::micro>(d).count();
}

void bench_feed(const std::string& name, const std::string& path, int queries) {
  const auto load_start = Clock::now();
  const arteria::GtfsFeed feed = arteria::read_gtfs(path);
  const arteria::Timetable tt = arteria::build_timetable(feed, arteria::select_service_day(feed));
  const arteria::PlannerParams params;
  const auto build_start = Clock::now();
  const arteria::JourneyPlanner planner(tt, params);
  const auto build_end = Clock::now();

  std::int32_t first_s = std::numeric_limits<std::int32_t>::max();
  std::int32_t last_s = 0;
  for (Index c = 0; c < tt.call_count(); ++c) {
    first_s = std::min(first_s, tt.call_departure_s[c]);
    last_s = std::max(last_s, tt.call_departure_s[c]);
  }
  std::mt19937 rng(12345);
  std::uniform_int_distribution<Index> any_stop(0, tt.stop_count() - 1);
  std::uniform_real_distribution<double> any_time(first_s, last_s);
  std::vector<double> plan_us;
  plan_us.reserve(static_cast<std::size_t>(queries));
  int found = 0;
  double rides = 0.0;
  double near_us = 0.0;
  for (int q = 0; q < queries; ++q) {
    const Index a = any_stop(rng);
    const Index b = any_stop(rng);
    const double depart_s = any_time(rng);
    const auto near_start = Clock::now();
    const auto from = planner.stops_near(tt.stop_x_m[a], tt.stop_y_m[a], params.max_access_walk_m);
    const auto to = planner.stops_near(tt.stop_x_m[b], tt.stop_y_m[b], params.max_access_walk_m);
    const auto plan_start = Clock::now();
    const arteria::Journey journey = planner.plan(from, to, depart_s);
    const auto plan_end = Clock::now();
    near_us += micros(plan_start - near_start);
    plan_us.push_back(micros(plan_end - plan_start));
    if (journey.found) {
      ++found;
      rides += journey.rides();
    }
  }
  std::vector<double> sorted = plan_us;
  std::sort(sorted.begin(), sorted.end());
  double sum = 0.0;
  for (double us : plan_us) sum += us;
  const auto at = [&sorted](double share) {
    return sorted[std::min(sorted.size() - 1,
                           static_cast<std::size_t>(share * static_cast<double>(sorted.size())))];
  };
  std::printf(
      "%-8s stops %6u  trips %6u  connections %7zu  footpaths %6zu  load %.2f s  build %.1f ms\n",
      name.c_str(), tt.stop_count(), tt.trip_count(), planner.connection_count(),
      planner.footpaths().to_stop.size(),
      std::chrono::duration<double>(build_start - load_start).count(),
      micros(build_end - build_start) / 1000.0);
  std::printf(
      "%-8s %d queries: plan mean %.1f us  median %.1f us  p95 %.1f us  max %.1f us  "
      "found %.1f %%  mean rides %.2f  (stops_near %.1f us per query)\n",
      name.c_str(), queries, sum / queries, at(0.5), at(0.95), sorted.back(),
      100.0 * found / queries, found ? rides / found : 0.0, near_us / queries);
}

}  // namespace

int main(int argc, char** argv) {
  const int queries = argc > 1 ? std::max(1, std::atoi(argv[1])) : 10000;
  const std::string dir =
      argc > 2 ? argv[2] : std::string(ARTERIA_SOURCE_DIR) + "/../shared/data/gtfs";
  try {
    bench_feed("cairns", dir + "/cairns/cairns_gtfs.zip", queries);
    bench_feed("seattle", dir + "/seattle-area-2017", queries);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "bench_journey_planner: %s\n", error.what());
    return 1;
  }
  return 0;
}
