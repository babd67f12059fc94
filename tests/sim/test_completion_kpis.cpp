// Completion beside the means (docs/ARCHITECTURE.md "End of a run"): trips not completed, the
// mean travel time incl. unfinished trips, and runs kept going until the network clears.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/simulation.hpp"
#include "toy_scenarios.hpp"

using namespace arteria;
using namespace arteria::testing;

namespace {

// A -> B, 1,000 m at 10 m/s: 100 s at free flow. The run ends at 150 s.
std::shared_ptr<Scenario> short_link(double end_s = 150.0) {
  auto scenario = toy_scenario(toy_network({{"A", "B", 1000.0, 1.0, 10.0, 1800.0}}), end_s);
  return scenario;
}

void run(Simulation& sim) {
  while (!sim.done()) sim.step();
}

}  // namespace

TEST_CASE("trips still on the road at the end count in the mean incl. unfinished") {
  auto scenario = short_link();
  add_trips(*scenario, "A", "B", 1, 0.0, 0.0);    // arrives at 100 s
  add_trips(*scenario, "A", "B", 1, 100.0, 0.0);  // en route at 150 s, 50 s so far
  finalize_scenario(*scenario);
  Simulation sim(scenario, 2);
  run(sim);
  const Kpis k = sim.kpis();
  CHECK(k.vehicles_arrived == 1);
  CHECK(k.vehicles_en_route == 1);
  CHECK(k.vehicles_unfinished == 1);
  CHECK(k.network_cleared == 0);
  CHECK(k.stopped_at_s == 150.0);
  CHECK(k.mean_travel_time_s == Approx(100.0));
  CHECK(k.mean_travel_time_incl_unfinished_s == Approx((100.0 + 50.0) / 2.0));
}

TEST_CASE("a run kept going until clear follows every due trip to its arrival") {
  auto scenario = short_link();
  scenario->sim.stop_when_empty = false;  // until-clear stops when empty all the same
  add_trips(*scenario, "A", "B", 1, 100.0, 0.0);
  finalize_scenario(*scenario);
  Simulation sim(scenario, 2);
  sim.run_until_clear(3600.0);
  run(sim);
  const Kpis k = sim.kpis();
  CHECK(sim.cleared());
  CHECK(k.network_cleared == 1);
  CHECK(k.vehicles_arrived == 1);
  CHECK(sim.state().vehicles.arrive_s[0] == Approx(200.0));
  // The stop is checked every 60 steps: the first check after the arrival at 200 s.
  CHECK(k.stopped_at_s == 240.0);
  CHECK(k.mean_travel_time_incl_unfinished_s == Approx(100.0));
}

TEST_CASE("a run kept going until clear stops at its cap") {
  auto scenario = short_link();
  add_trips(*scenario, "A", "B", 1, 100.0, 0.0);
  finalize_scenario(*scenario);
  Simulation sim(scenario, 2);
  sim.run_until_clear(180.0);
  CHECK(sim.end_s() == 180.0);
  run(sim);
  CHECK(sim.time_s() == 180.0);
  CHECK(sim.kpis().network_cleared == 0);
  CHECK(sim.kpis().mean_travel_time_incl_unfinished_s == Approx(80.0));
}
