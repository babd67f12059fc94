// Road works in the meso model against cases worked out by hand: closed lanes scale a link's
// capacity and storage, a speed limit its free-flow time, and everything comes back when the
// works end (docs/ARCHITECTURE.md "Road works").
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "model/road_works.hpp"
#include "sim/simulation.hpp"
#include "toy_runs.hpp"
#include "toy_scenarios.hpp"

using namespace arteria;
using namespace arteria::testing;

namespace {

// The events of works on `link` from `from_s` to `to_s` within the scenario's period.
std::vector<Event> works_on(const Scenario& scenario, const std::string& link, double from_s,
                            double to_s, double lanes_closed, double speed_limit_mps) {
  RoadWorks works;
  works.from_s = from_s;
  works.to_s = to_s;
  works.links = {scenario.network.find_link(link)};
  REQUIRE(works.links[0] != invalid_index);
  works.lanes_closed = lanes_closed;
  works.speed_limit_mps = speed_limit_mps;
  return road_works_events(works, scenario.sim.start_s, scenario.sim.end_s);
}

// A -> B -> C -> D: a 1 km feeder, B>C 150 m with 2 lanes (jam storage 150 m x 2 / 7.5 m =
// 40 pcu, above its at-capacity floor 0.5 veh/s x (10 s + 36 s) = 23), and a signal at C that
// never gives B>C green, so B>C only fills. A vehicle every 2 s from A; no one is stuck.
std::shared_ptr<Scenario> filling_link() {
  NetworkSpec spec = toy_network({{"A", "B", 100.0, 1.0, 10.0, 3600.0},
                                  {"B", "C", 150.0, 2.0, 15.0, 1800.0},
                                  {"C", "D", 300.0, 1.0, 15.0, 1800.0}});
  SignalPlanSpec plan;
  plan.id = "never";
  plan.node = "C";
  plan.phases.push_back({60.0, {}});
  spec.signal_plans.push_back(plan);
  auto scenario = toy_scenario(spec, 900.0);
  scenario->sim.stuck_time_s = 3600.0;
  add_trips(*scenario, "A", "D", 60, 0.0, 2.0);
  return scenario;
}

// When vehicle `v` entered its current link.
double entered_s(const Simulation& sim, Index v) {
  return sim.state().vehicles.motion[v].enter_s;
}

// Vehicles that entered B>C, after checking that none was lost or counted twice: every trip is
// on the network (none arrives at the never-green signal) or still waiting to depart.
std::uint64_t entered_bc(const Simulation& sim) {
  const Kpis kpis = sim.kpis();
  CHECK(kpis.vehicles_inserted + kpis.vehicles_waiting + kpis.vehicles_not_departed == 60);
  CHECK(kpis.vehicles_en_route == kpis.vehicles_inserted);
  return sim.state().flows.entered_total[sim.scenario().network.find_link("B>C")];
}

}  // namespace

TEST_CASE("closing one lane of two halves a bottleneck's throughput for the works' window") {
  // A wide feeder loaded with 3600 veh/h onto B>C, 2 lanes and 1800 veh/h; one lane closed from
  // 1 h to 2 h.
  auto scenario = toy_scenario(
      toy_network({{"A", "B", 1000.0, 3.0, 15.0, 7200.0}, {"B", "C", 300.0, 2.0, 15.0, 1800.0}}),
      3.0 * 3600.0);
  add_trips(*scenario, "A", "C", 10000, 0.0, 1.0);
  scenario->events = works_on(*scenario, "B>C", 3600.0, 7200.0, 1.0, 0.0);
  const Simulation sim = run(scenario);
  // 40 minutes inside each regime: 1800 veh/h, 900 veh/h, then 1800 veh/h again.
  CHECK(std::abs(arrivals_between(sim, 600.0, 3000.0) - 1200.0) <= 1.0);
  CHECK(std::abs(arrivals_between(sim, 4200.0, 6600.0) - 600.0) <= 1.0);
  CHECK(std::abs(arrivals_between(sim, 7800.0, 10200.0) - 1200.0) <= 1.0);
  const LinkState& links = sim.state().links;
  const Index bc = scenario->network.find_link("B>C");
  CHECK(links.capacity_vph[bc] == 1800.0f);
  CHECK(links.lanes_closed[bc] == 0);
}

TEST_CASE("works that halve a link's storage spill its queue back when half of it is full") {
  auto scenario = filling_link();
  SECTION("without works the link holds its 40 vehicles") {
    const Simulation sim = run(scenario);
    // Vehicle k reaches B>C at 2k + 10 s (the 100 m feeder at 10 m/s): the first 40 enter.
    CHECK(entered_s(sim, 39) == Approx(88.0));
    CHECK(entered_bc(sim) == 40);
  }
  SECTION("works from the start hold 20; the rest enter when they end") {
    scenario->events = works_on(*scenario, "B>C", 0.0, 600.0, 1.0, 0.0);
    const Simulation sim = run(scenario);
    // Vehicle 19 enters at 48 s; vehicle 20 reaches the end of the feeder at 50 s and waits
    // there: the queue spills back onto A>B from 50 s, until the lane opens at 600 s.
    CHECK(entered_s(sim, 19) == Approx(48.0));
    CHECK(entered_s(sim, 20) >= 600.0);
    CHECK(entered_s(sim, 20) <= 601.0);
    CHECK(entered_bc(sim) == 40);
  }
  SECTION("works that start with more vehicles on the link than their storage let none in") {
    // At 61 s the 26 vehicles k = 0..25 (the last in at 60 s) are on B>C, 6 more than the
    // works' 20: none is lost, and none enters until the works end at 600 s.
    scenario->events = works_on(*scenario, "B>C", 61.0, 600.0, 1.0, 0.0);
    const Simulation sim = run(scenario);
    CHECK(entered_s(sim, 25) == Approx(60.0));
    CHECK(entered_s(sim, 26) >= 600.0);
    CHECK(entered_s(sim, 26) <= 601.0);
    CHECK(entered_bc(sim) == 40);
  }
}

TEST_CASE("a speed limit gives the travel time at the limit while the works last") {
  // 1000 m at 20 m/s (50 s); works limit it to 36 km/h (10 m/s, 100 s) from 100 s to 500 s.
  auto scenario = toy_scenario(toy_network({{"A", "B", 1000.0, 2.0, 20.0, 1800.0}}), 1200.0);
  add_trips(*scenario, "A", "B", 3, 0.0, 300.0);  // at 0, 300 and 600 s
  SECTION("a limit below the link's speed") {
    scenario->events = works_on(*scenario, "A>B", 100.0, 500.0, 0.0, 10.0);
    const Simulation sim = run(scenario);
    CHECK(sim.state().vehicles.arrive_s[0] == Approx(50.0));   // before the works
    CHECK(sim.state().vehicles.arrive_s[1] == Approx(400.0));  // 100 s at the limit
    CHECK(sim.state().vehicles.arrive_s[2] == Approx(650.0));  // after: 50 s again
  }
  SECTION("a limit above the link's speed changes nothing") {
    scenario->events = works_on(*scenario, "A>B", 100.0, 500.0, 0.0, 30.0);
    const Simulation sim = run(scenario);
    CHECK(sim.state().vehicles.arrive_s[1] == Approx(350.0));
  }
}

TEST_CASE("a capacity set during works stays when they end, under the works until then") {
  auto scenario = toy_scenario(
      toy_network({{"A", "B", 1000.0, 3.0, 15.0, 7200.0}, {"B", "C", 300.0, 2.0, 15.0, 1800.0}}),
      3.0 * 3600.0);
  add_trips(*scenario, "A", "C", 10000, 0.0, 1.0);
  scenario->events = works_on(*scenario, "B>C", 0.0, 7200.0, 1.0, 0.0);
  Event capacity;  // at 1 h the link's own capacity drops to 1200 veh/h
  capacity.time_s = 3600.0;
  capacity.kind = EventKind::set_link_capacity;
  capacity.target = scenario->network.find_link("B>C");
  capacity.value = 1200.0;
  scenario->events.push_back(capacity);
  const Simulation sim = run(scenario);
  // 900 veh/h, then half of 1200, then all of 1200 (not the 1800 of before the works).
  CHECK(std::abs(arrivals_between(sim, 600.0, 3000.0) - 600.0) <= 1.0);
  CHECK(std::abs(arrivals_between(sim, 4200.0, 6600.0) - 400.0) <= 1.0);
  CHECK(std::abs(arrivals_between(sim, 7800.0, 10200.0) - 800.0) <= 1.0);
}

TEST_CASE("closed lanes scale each lane group's capacity and storage alike") {
  // A>B, 300 m, 2 lanes at 15 m/s, 3600 veh/h: lane 0 serves B>C, lane 1 B>D, a group each.
  // Storage: the at-capacity floor 1 veh/s x (20 s + 300 m / (15 km/h) = 72 s) = 92 pcu beats
  // the jam's 80; each group holds half, 46, and passes 0.5 pcu per 1 s step.
  NetworkSpec spec = toy_network({{"A", "B", 300.0, 2.0, 15.0, 3600.0},
                                  {"B", "C", 150.0, 2.0, 15.0, 3600.0},
                                  {"B", "D", 150.0, 2.0, 15.0, 3600.0}});
  spec.turns.push_back({"A>B", "B>C", {}, 0b01});
  spec.turns.push_back({"A>B", "B>D", {}, 0b10});
  auto scenario = toy_scenario(spec, 300.0);
  scenario->sim.stop_when_empty = false;
  add_trips(*scenario, "A", "C", 1, 0.0, 1.0);  // a run needs a trip; it is gone by 100 s
  scenario->events = works_on(*scenario, "A>B", 100.0, 200.0, 1.0, 0.0);
  finalize_scenario(*scenario);
  Simulation sim(scenario, 2);
  const Index ab = scenario->network.find_link("A>B");
  const Index first = scenario->network.link_first_group[ab];
  REQUIRE(scenario->network.link_first_group[ab + 1] - first == 2);
  const auto check = [&](double storage, double group_storage, double flow_per_step) {
    CHECK(sim.state().links.storage_pcu[ab] == Approx(storage));
    for (Index g = first; g < first + 2; ++g) {
      CHECK(sim.state().groups.storage_pcu[g] == Approx(group_storage));
      CHECK(sim.state().groups.flow_per_step[g] == Approx(flow_per_step));
    }
  };
  check(92.0, 46.0, 0.5);
  while (sim.state().time_s <= 150.0) sim.step();
  check(46.0, 23.0, 0.25);  // half of each, and half the capacity
  while (sim.state().time_s <= 250.0) sim.step();
  check(92.0, 46.0, 0.5);
}
