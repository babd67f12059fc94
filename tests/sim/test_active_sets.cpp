// The active sets (sim/meso/active_sets.hpp): skipping the links with nothing due must give the
// same steps as visiting them, and the node sets must be what a scan of the state gives; a link
// is visited when it has work, not every step it holds a vehicle.
#include <tbb/global_control.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

#include "scenario/scenario_file.hpp"
#include "sim/meso/link_moves.hpp"
#include "sim/simulation.hpp"
#include "toy_gtfs.hpp"
#include "toy_scenarios.hpp"

using namespace arteria;
using namespace arteria::testing;

namespace {

// What the links' ends look like after a step: where every vehicle is and when it got there,
// and what space has come free.
void require_same_link_ends(const SimState& a, const SimState& b) {
  REQUIRE(a.links.head == b.links.head);
  REQUIRE(a.links.gate == b.links.gate);
  REQUIRE(a.links.tail == b.links.tail);
  REQUIRE(a.links.freed_pcu == b.links.freed_pcu);
  REQUIRE(a.links.hole_head == b.links.hole_head);
  REQUIRE(a.links.sorted == b.links.sorted);
  REQUIRE(a.links.ring == b.links.ring);
  REQUIRE(a.groups.head == b.groups.head);
  REQUIRE(a.groups.gate == b.groups.gate);
  REQUIRE(a.groups.tail == b.groups.tail);
  REQUIRE(a.groups.flow_credit == b.groups.flow_credit);
  REQUIRE(a.vehicles.motion == b.vehicles.motion);
}

}  // namespace

TEST_CASE("skipping links with nothing due gives the steps of visiting every link with vehicles") {
  // Cars, buses with passengers, and a closure and reopening that re-route vehicles. The
  // second run forgets its sets before every step (a restore does), so each step visits every
  // link with vehicles or freed space, as the model did before links slept until due.
  const TempDir dir;
  const auto scenario = std::make_shared<const Scenario>(load_scenario(write_buses_in_grid_traffic(
      dir,
      "\n[[events]]\ntime = \"07:05\"\naction = \"close_link\"\nlink = \"2_3>3_3\"\n\n"
      "[[events]]\ntime = \"08:05\"\naction = \"reopen_link\"\nlink = \"2_3>3_3\"\n")));
  Simulation skipping(scenario, 2);
  Simulation visiting(scenario, 2);
  std::size_t steps = 0;
  std::size_t visits = 0;
  std::size_t busy_links = 0;
  while (!skipping.done()) {
    for (Index l = 0; l < scenario->network.link_count; ++l) {
      busy_links += link_idle(skipping.state(), l) ? 0 : 1;
    }
    skipping.step();
    visiting.restore(visiting.snapshot());
    visiting.step();
    ++steps;
    visits += skipping.active_sets().links_due();
    INFO("after step " << steps << " at " << skipping.time_s() << " s");
    require_same_link_ends(skipping.state(), visiting.state());
    // The buffered links are the ones a scan finds, and every node's next departure is
    // scheduled at its time.
    const ActiveSets& kept = skipping.active_sets();
    std::vector<Index> buffered;
    for (Index l = 0; l < scenario->network.link_count; ++l) {
      if (skipping.state().links.gate[l] != skipping.state().links.head[l]) buffered.push_back(l);
    }
    REQUIRE(kept.buffered_links() == buffered);
    for (Index n = 0; n < scenario->network.node_count; ++n) {
      REQUIRE(kept.due_s[n] == next_departure_s(*scenario, skipping.state(), n));
    }
  }
  CHECK(skipping.kpis().mean_travel_time_s == visiting.kpis().mean_travel_time_s);
  CHECK(skipping.counts().arrived > 2000);
  // Most links with vehicles have nothing due in a step: their vehicles are still travelling.
  CHECK(visits * 2 < busy_links);
}

TEST_CASE("a lone vehicle wakes a link when it enters, leaves and frees space, not every step") {
  // A -> B -> C -> D, 300 m each at 15 m/s (20 s): the vehicle is on one link at a time; the
  // space it frees travels upstream for 10 s at 30 m/s. Each link is visited after the vehicle
  // enters (its flow credit starts empty), when it is due at the end, in the step after (the
  // credit it spent grows back) and when its space reaches the upstream end: 4 visits, not
  // one for each of the 30 steps the link is busy.
  NetworkSpec spec = toy_network({{"A", "B", 300.0, 1.0, 15.0, 1800.0},
                                  {"B", "C", 300.0, 1.0, 15.0, 1800.0},
                                  {"C", "D", 300.0, 1.0, 15.0, 1800.0}});
  auto scenario = toy_scenario(spec, 600.0);
  add_trips(*scenario, "A", "D", 1, 10.0, 60.0);
  scenario->sim.stop_when_empty = false;
  scenario->sim.backward_wave_speed_mps = 30.0;
  finalize_scenario(*scenario);
  Simulation sim(scenario, 1);
  std::size_t visits = 0;
  std::size_t most_links = 0;
  std::size_t most_nodes = 0;
  while (!sim.done()) {
    sim.step();
    visits += sim.active_sets().links_due();
    most_links = std::max(most_links, sim.active_sets().links_due());
    most_nodes = std::max(most_nodes, sim.active_sets().nodes_due());
  }
  CHECK(sim.counts().arrived == 1);
  CHECK(visits <= 3 * 4);
  CHECK(most_links <= 2);
  CHECK(most_nodes == 1);
  CHECK(sim.active_sets().buffered_links().empty());
  CHECK(sim.active_sets().nodes_due() == 0);
}

TEST_CASE("the map cut into shards, and cut again as the traffic moves, changes no step") {
  // Three shards (three threads, allowed on any machine) whose work is compared every 10 steps
  // and cut again at the least imbalance, against one thread: the same link ends after every
  // step.
  const tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 3);
  const TempDir dir;
  const auto scenario =
      std::make_shared<const Scenario>(load_scenario(write_buses_in_grid_traffic(dir)));
  Simulation one(scenario, 1);
  Simulation three(scenario, 3);
  three.active_sets().look_every_steps = 10;
  three.active_sets().most_imbalance = 1.0;
  three.active_sets().fewest_moves_per_step = 0;
  std::size_t cuts = 0;
  std::vector<Index> bounds;
  while (!one.done()) {
    one.step();
    three.step();
    INFO("at " << one.time_s() << " s");
    require_same_link_ends(one.state(), three.state());
    REQUIRE(three.active_sets().shards.size() == 3);
    std::vector<Index> now;
    for (const ActiveShard& shard : three.active_sets().shards) now.push_back(shard.end_node);
    if (now != bounds) ++cuts;
    bounds = now;
  }
  CHECK(three.done());
  CHECK(one.kpis().mean_travel_time_s == three.kpis().mean_travel_time_s);
  CHECK(cuts > 3);
}
