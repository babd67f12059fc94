// Routing speed: loads a scenario and routes every trip with route_trips on free-flow costs, as
// `arteria run` does before its first step, without simulating. Prints the loading time and,
// per repeat, the RoutingReport phases (order, contraction, customization, queries); the last
// line is the median wall time of routing. The first repeat shows the order cache as found (cold
// when empty or with ARTERIA_CACHE_DIR=""), later ones warm unless the cache is off.
// Usage (see docs/BENCHMARKS.md):
//   bench_routing SCENARIO [REPEATS] [THREADS] [--set KEY=VALUE ...]
#include <tbb/global_control.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "routing/link_dijkstra.hpp"
#include "routing/route_trips.hpp"
#include "scenario/scenario_file.hpp"

int main(int argc, char** argv) {
  using namespace arteria;
  std::vector<std::string> positional;
  std::vector<std::string> overrides;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--set" && i + 1 < argc) {
      overrides.emplace_back(argv[++i]);
    } else {
      positional.emplace_back(argv[i]);
    }
  }
  if (positional.empty()) {
    std::fprintf(stderr, "usage: bench_routing SCENARIO [REPEATS] [THREADS] [--set K=V ...]\n");
    return 2;
  }
  const int repeats = positional.size() > 1 ? std::atoi(positional[1].c_str()) : 3;
  const int threads = positional.size() > 2 ? std::atoi(positional[2].c_str()) : 2;
  tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism, threads);

  const auto loading = std::chrono::steady_clock::now();
  const Scenario scenario = load_scenario(positional[0], overrides);
  const double load_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - loading).count();
  const Network& net = scenario.network;
  std::printf("%s: %u links, %u trips, loaded in %.2f s, %d threads\n", positional[0].c_str(),
              net.link_count, scenario.demand.trip_count(), load_s, threads);
  const LinkCostSeries costs =
      LinkCostSeries::constant(free_flow_costs(net, net.link_free_speed_mps, {}));
  std::vector<double> walls;
  for (int r = 0; r < repeats; ++r) {
    RoutingReport report;
    const TripRoutes routes =
        route_trips(net, scenario.demand, costs, TieBreaking{.seed = scenario.sim.seed}, report);
    std::printf(
        "repeat %d: wall %.3f s = order %.3f s (%s) + contraction %.3f s + customization %.3f s "
        "(%u metrics) + queries %.3f s (%u trips, %u sweeps, %u backward trees; %zu unroutable, "
        "%zu route links)\n",
        r + 1, report.wall_s, report.preparation.order_s,
        report.preparation.order_from_cache ? "cache" : "computed",
        report.preparation.contraction_s, report.customization_s, report.metrics, report.query_s,
        report.queries, report.sweeps, report.backward_trees, report.unroutable_trips.size(),
        routes.links.size());
    walls.push_back(report.wall_s);
  }
  std::sort(walls.begin(), walls.end());
  std::printf("median routing wall %.3f s\n", walls[walls.size() / 2]);
  return 0;
}
