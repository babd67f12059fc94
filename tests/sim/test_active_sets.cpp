// The active sets (sim/meso/active_sets.hpp): kept step by step, they must be what a scan of
// the state gives, so that no link or node with work is ever skipped; and with little traffic a
// step visits little of the map.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

#include "scenario/scenario_file.hpp"
#include "sim/simulation.hpp"
#include "toy_gtfs.hpp"
#include "toy_scenarios.hpp"

using namespace arteria;
using namespace arteria::testing;

TEST_CASE("the active sets kept step by step are the sets a scan of the state gives") {
  // Cars, buses with passengers, and a closure and reopening that re-route vehicles.
  const TempDir dir;
  const auto scenario = std::make_shared<const Scenario>(load_scenario(write_buses_in_grid_traffic(
      dir,
      "\n[[events]]\ntime = \"07:05\"\naction = \"close_link\"\nlink = \"2_3>3_3\"\n\n"
      "[[events]]\ntime = \"08:05\"\naction = \"reopen_link\"\nlink = \"2_3>3_3\"\n")));
  Simulation sim(scenario, 2);
  std::size_t steps = 0;
  std::size_t most_links = 0;
  while (!sim.done()) {
    sim.step();
    ++steps;
    const ActiveSets& kept = sim.active_sets();
    ActiveSets scanned;
    reset_active_sets(*scenario, scanned);
    refresh_active_sets(*scenario, sim.state(), scanned);
    INFO("after step " << steps << " at " << sim.time_s() << " s");
    REQUIRE(kept.links == scanned.links);
    // Every node's next departure is scheduled at its time.
    for (Index n = 0; n < scenario->network.node_count; ++n) {
      REQUIRE(kept.due_s[n] == next_departure_s(*scenario, sim.state(), n));
    }
    most_links = std::max(most_links, kept.links.size());
  }
  CHECK(sim.counts().arrived > 2000);
  CHECK(most_links > 10);  // the check above saw real traffic
}

TEST_CASE("a lone vehicle keeps one or two links active, and none once it arrived") {
  // A -> B -> C -> D, 300 m each at 15 m/s (20 s): the vehicle is on one link at a time; the
  // link it left stays active while its freed space travels upstream, 10 s at 30 m/s.
  NetworkSpec spec = toy_network({{"A", "B", 300.0, 1.0, 15.0, 1800.0},
                                  {"B", "C", 300.0, 1.0, 15.0, 1800.0},
                                  {"C", "D", 300.0, 1.0, 15.0, 1800.0}});
  auto scenario = toy_scenario(spec, 600.0);
  add_trips(*scenario, "A", "D", 1, 10.0, 60.0);
  scenario->sim.stop_when_empty = false;
  scenario->sim.backward_wave_speed_mps = 30.0;
  finalize_scenario(*scenario);
  Simulation sim(scenario, 1);
  std::size_t most_links = 0;
  std::size_t most_nodes = 0;
  while (!sim.done()) {
    sim.step();
    most_links = std::max(most_links, sim.active_sets().links.size());
    most_nodes = std::max(most_nodes, sim.active_sets().nodes.size());
  }
  CHECK(sim.counts().arrived == 1);
  CHECK(most_links == 2);
  CHECK(most_nodes == 1);
  CHECK(sim.active_sets().links.empty());
  CHECK(sim.active_sets().nodes.empty());
}
