// Customizable Contraction Hierarchies on a scenario's road network (cars): order, contraction
// and customization times, shortcut counts, and random node-to-node query times against
// LinkDijkstra (stopping at the target), plus one-to-many (one forward sweep per origin, then
// each destination) against independent queries. Usage (see bench/README.md):
//   bench_cch_bench SCENARIO.toml [QUERIES]
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "routing/cch_query.hpp"
#include "routing/link_dijkstra.hpp"
#include "scenario/scenario_file.hpp"

namespace {

using arteria::Index;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_cch_bench SCENARIO.toml [QUERIES]\n");
    return 2;
  }
  const int queries = argc > 2 ? std::atoi(argv[2]) : 2000;
  auto start = Clock::now();
  const arteria::ScenarioSpec spec = arteria::read_scenario_spec(argv[1]);
  if (!spec.roads) {
    std::fprintf(stderr, "%s has no road network\n", argv[1]);
    return 2;
  }
  const arteria::Network net = arteria::compile_network(spec.roads->spec);
  std::printf("%s: nodes %u  links %u  turns %u  (load %.1f s)\n", spec.name.c_str(),
              net.node_count, net.link_count, net.turn_count, seconds_since(start));

  start = Clock::now();
  const arteria::CchOrder order = arteria::compute_cch_order(net, arteria::mode_car);
  const double order_s = seconds_since(start);
  start = Clock::now();
  const arteria::CchTopology topology(net, arteria::mode_car, order);
  const double contract_s = seconds_since(start);
  std::printf(
      "order %.2f s  contraction %.2f s  vertices %u  turn arcs %u  arcs %u  "
      "(shortcuts %u)  elimination-tree height %u\n",
      order_s, contract_s, topology.vertex_count(), topology.input_arc_count(),
      topology.arc_count(), topology.arc_count() - topology.input_arc_count(),
      topology.level_count());

  const std::vector<float> cost = arteria::free_flow_costs(net, net.link_free_speed_mps, {});
  arteria::CchMetric metric(topology);
  for (int threads : {1, 2}) {
    tbb::task_arena arena(threads);
    std::vector<double> times;
    for (int repeat = 0; repeat < 5; ++repeat) {
      start = Clock::now();
      arena.execute([&] { metric.customize(cost); });
      times.push_back(seconds_since(start));
    }
    std::printf("customization, %d thread%s: %.1f ms (median of 5)\n", threads,
                threads == 1 ? "" : "s", 1e3 * median(times));
  }
  {
    std::printf("arc directions the searches relax after the perfect customization: %u of %u\n",
                metric.search_arc_count(), 2 * topology.arc_count());
  }

  std::mt19937 rng(12345);
  std::uniform_int_distribution<Index> any_node(0, net.node_count - 1);
  std::vector<std::pair<Index, Index>> pairs(static_cast<std::size_t>(queries));
  for (auto& [o, d] : pairs) o = any_node(rng), d = any_node(rng);
  arteria::CchQuery query(metric);
  arteria::LinkDijkstra dijkstra(net);
  std::vector<Index> path;
  std::vector<double> cch_us, path_us, dijkstra_us;
  int mismatches = 0;  // beyond the tests' relative 1e-12
  int inexact = 0;     // any difference at all
  for (const auto& [o, d] : pairs) {
    start = Clock::now();
    const double got = query.from_node(o, d);
    cch_us.push_back(1e6 * seconds_since(start));
    start = Clock::now();
    path.clear();
    query.append_path(path);
    path_us.push_back(1e6 * seconds_since(start));
    start = Clock::now();
    dijkstra.from_node(o, cost, d);
    const double expected = dijkstra.cost_to(d);
    dijkstra_us.push_back(1e6 * seconds_since(start));
    if (got != expected) ++inexact;
    if (got != expected && std::abs(got - expected) > 1e-12 * expected) ++mismatches;
  }
  std::printf(
      "%d node queries: CCH %.1f us (median), path unpacking %.1f us, "
      "LinkDijkstra to target %.0f us; costs not bit-identical %d, beyond 1e-12 %d\n",
      queries, median(cch_us), median(path_us), median(dijkstra_us), inexact, mismatches);

  // One-to-many: 50 destinations per origin, A B A B, medians of the per-origin times.
  const int origins = std::max(1, queries / 50);
  std::vector<double> one_by_one_us, shared_us;
  double checksum = 0.0;
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < origins; ++i) {
      const Index o = any_node(rng);
      std::vector<Index> destinations(50);
      for (Index& d : destinations) d = any_node(rng);
      start = Clock::now();
      for (Index d : destinations) checksum += std::min(1e9, query.from_node(o, d));
      one_by_one_us.push_back(1e6 * seconds_since(start) / 50);
      start = Clock::now();
      query.forward_from_node(o);
      for (Index d : destinations) checksum -= std::min(1e9, query.to_node(d));
      shared_us.push_back(1e6 * seconds_since(start) / 50);
    }
  }
  std::printf(
      "one-to-many (50 destinations per origin): independent %.1f us, shared forward "
      "sweep %.1f us per destination (checksum %.3g)\n",
      median(one_by_one_us), median(shared_us), checksum);
  return mismatches == 0 ? 0 : 1;
}
