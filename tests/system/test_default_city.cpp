// The built-in default city end to end: determinism across thread counts, conservation, and a
// what-if (closing a bridge) moving the KPIs the way a traffic engineer expects.
#include <tbb/global_control.h>
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>

#include "output/h5_compare.hpp"
#include "run/run_scenario.hpp"
#include "scenario/scenario_file.hpp"
#include "sim/simulation.hpp"

using namespace arteria;
namespace fs = std::filesystem;

namespace {

const std::string default_city = std::string(ARTERIA_SOURCE_DIR) + "/scenarios/default_city.toml";

Kpis simulate(const std::shared_ptr<const Scenario>& scenario) {
  Simulation sim(scenario, 2);
  while (!sim.done()) sim.step();
  return sim.kpis();
}

}  // namespace

TEST_CASE("the default city writes bit-identical output at 1, 2 and 8 threads") {
  // oneTBB caps workers at the core count unless told otherwise; lift the cap so 8 threads
  // really run on a 2-core machine and interleave as differently as they can.
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 8);
  const auto scenario = std::make_shared<const Scenario>(load_scenario(default_city));
  // Per process, so that two test runs on one machine do not share it.
  const fs::path dir =
      fs::temp_directory_path() / ("arteria_determinism_" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::vector<std::string> files;
  for (int threads : {1, 2, 8}) {
    RunOptions options;
    options.threads = threads;
    options.output_path = (dir / ("run_" + std::to_string(threads) + ".h5")).string();
    const RunResult result = run_scenario(scenario, options);
    CHECK(result.threads == threads);
    const Kpis& k = result.kpis;
    CHECK(k.vehicles_inserted == k.vehicles_arrived + k.vehicles_en_route + k.vehicles_stuck);
    CHECK(k.vehicles_inserted + k.vehicles_waiting + k.vehicles_not_departed +
              k.vehicles_unroutable ==
          scenario->demand.trip_count());
    CHECK(k.co2_kg > 0.0);  // the emission totals the writer added (compared below with the files)
    files.push_back(options.output_path);
  }
  CHECK(compare_h5_files(files[0], files[1]).empty());
  CHECK(compare_h5_files(files[0], files[2]).empty());
  // The judge itself must see a difference when there is one: /meta threads differs.
  CHECK_FALSE(compare_h5_files(files[0], files[1], {"/perf"}, {}).empty());
  fs::remove_all(dir);
}

TEST_CASE("the default city is congested at the peak and clears by the end") {
  const auto scenario = std::make_shared<const Scenario>(load_scenario(default_city));
  CHECK(scenario->demand.trip_count() >= 50000);
  CHECK(scenario->network.signalised_node_count() > 0);
  const Kpis k = simulate(scenario);
  CHECK(k.vehicles_arrived >= scenario->demand.trip_count() * 99 / 100);
  // Queues: trips take markedly longer than at free flow (mean delay 96 s of 406 s with turn
  // penalties; 122 s of 433 s when ties were drawn among staircase paths).
  CHECK(k.mean_delay_s > 0.2 * k.mean_travel_time_s);
}

TEST_CASE("closing a bridge of the default city lengthens travel and re-routes vehicles") {
  const auto base = std::make_shared<const Scenario>(load_scenario(default_city));
  auto closed = std::make_shared<Scenario>(load_scenario(default_city));
  // The central bridge, both directions, closed for the whole morning.
  for (const char* bridge : {"15_15>15_16", "15_16>15_15"}) {
    Event event;
    event.time_s = closed->sim.start_s;
    event.kind = EventKind::close_link;
    event.target = closed->network.find_link(bridge);
    REQUIRE(event.target != invalid_index);
    closed->events.push_back(event);
  }
  const Kpis before = simulate(base);
  const Kpis after = simulate(closed);
  CHECK(after.reroutes > 1000);
  CHECK(after.mean_travel_time_s > before.mean_travel_time_s * 1.1);
  CHECK(after.vht_h > before.vht_h);
  CHECK(after.vkt_km > before.vkt_km);  // detours are longer
}
