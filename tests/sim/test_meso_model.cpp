// The meso model against cases worked out by hand (docs/ARCHITECTURE.md "Meso model").
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "sim/simulation.hpp"
#include "toy_runs.hpp"
#include "toy_scenarios.hpp"

using namespace arteria;
using namespace arteria::testing;

namespace {

double arrivals_in_hour(const Simulation& sim, double from_s) {
  return arrivals_between(sim, from_s, from_s + 3600.0);
}

// A -> B -> C, 300 m each, with B's signal never giving A>B green: every vehicle from A gets
// stuck at B after the 120 s stuck time. 20 minutes simulated.
std::shared_ptr<Scenario> never_green_corridor() {
  NetworkSpec spec =
      toy_network({{"A", "B", 300.0, 1.0, 15.0, 1800.0}, {"B", "C", 300.0, 1.0, 15.0, 1800.0}});
  SignalPlanSpec plan;
  plan.id = "never";
  plan.node = "B";
  plan.phases.push_back({60.0, {}});
  spec.signal_plans.push_back(plan);
  auto scenario = toy_scenario(spec, 1200.0);
  scenario->sim.stuck_time_s = 120.0;
  return scenario;
}

}  // namespace

TEST_CASE("a lone vehicle crosses a link in its free-flow time") {
  auto scenario = toy_scenario(
      toy_network({{"A", "B", 1000.0, 1.0, 10.0, 1800.0}, {"B", "C", 500.0, 1.0, 12.5, 1800.0}}),
      600.0);
  add_trips(*scenario, "A", "B", 1, 10.0, 0.0);
  add_trips(*scenario, "A", "C", 1, 20.0, 0.0);
  const Simulation sim = run(scenario);
  // 1000 m at 10 m/s = 100 s; then 500 m at 12.5 m/s = 40 s more.
  CHECK(sim.state().vehicles.arrive_s[0] == Approx(110.0));
  CHECK(sim.state().vehicles.arrive_s[1] == Approx(160.0));
  const Kpis kpis = sim.kpis();
  CHECK(kpis.vehicles_arrived == 2);
  CHECK(kpis.mean_delay_s == Approx(0.0));
  CHECK(kpis.vkt_km == Approx(2.5));
}

TEST_CASE("a bottleneck passes exactly its capacity") {
  const double capacity = GENERATE(1800.0, 1000.0, 2700.0);
  // A wide feeder loaded with more than the bottleneck can take, for two hours.
  auto scenario = toy_scenario(
      toy_network({{"A", "B", 1000.0, 3.0, 15.0, 7200.0}, {"B", "C", 300.0, 1.0, 15.0, capacity}}),
      3.0 * 3600.0);
  add_trips(*scenario, "A", "C", 7200, 0.0, 1.0);
  const Simulation sim = run(scenario);
  // Measure one hour of saturated flow, after the queue has formed.
  const double passed = arrivals_in_hour(sim, 1200.0);
  CHECK(std::abs(passed - capacity) <= 1.0);
}

TEST_CASE("a signal with 50 % green halves a movement's throughput") {
  NetworkSpec spec =
      toy_network({{"A", "B", 500.0, 1.0, 15.0, 3600.0}, {"B", "C", 500.0, 2.0, 15.0, 7200.0}});
  SignalPlanSpec plan;
  plan.id = "half";
  plan.node = "B";
  plan.phases.push_back({45.0, {{"A>B", "B>C", {}}}});
  plan.phases.push_back({45.0, {}});
  spec.signal_plans.push_back(plan);
  auto scenario = toy_scenario(spec, 3.0 * 3600.0);
  add_trips(*scenario, "A", "C", 9000, 0.0, 0.5);
  const Simulation sim = run(scenario);
  // 3600 veh/h when green, green half of every 90 s cycle: 40 cycles x 45 vehicles per hour.
  const double passed = arrivals_in_hour(sim, 1800.0);
  CHECK(std::abs(passed - 1800.0) <= 1.0);
}

TEST_CASE("space freed at the head of a queue reaches its tail at the backward-wave speed") {
  // C is red for the first 600 s, so B>C fills up and the queue spills back into A>B.
  NetworkSpec spec = toy_network({{"A", "B", 600.0, 1.0, 15.0, 1800.0},
                                  {"B", "C", 150.0, 1.0, 15.0, 1800.0},
                                  {"C", "D", 300.0, 1.0, 15.0, 1800.0}});
  SignalPlanSpec plan;
  plan.id = "late";
  plan.node = "C";
  plan.phases.push_back({600.0, {}});
  plan.phases.push_back({3000.0, {{"B>C", "", {}}}});
  spec.signal_plans.push_back(plan);
  auto scenario = toy_scenario(spec, 1500.0);
  scenario->sim.stuck_time_s = 5000.0;
  scenario->output.bin_s = 1.0;
  add_trips(*scenario, "A", "D", 100, 0.0, 2.0);
  finalize_scenario(*scenario);
  Simulation sim(scenario, 2);
  const Index bc = scenario->network.find_link("B>C");
  const Index ab = scenario->network.find_link("A>B");
  double first_entry_after_green = -1.0;
  float ab_occupancy_at_red_end = 0.0f;
  sim.set_bin_sink([&](LinkBin&& bin) {
    if (bin.time_s == 599.0) ab_occupancy_at_red_end = bin.occupancy[ab];
    if (bin.time_s >= 600.0 && first_entry_after_green < 0.0 && bin.inflow[bc] > 0.0f) {
      first_entry_after_green = bin.time_s;
    }
  });
  while (!sim.done()) sim.step();
  // B>C holds 150 m / 7.5 m = 20 vehicles; the rest of the first 300 s of arrivals wait on A>B.
  CHECK(ab_occupancy_at_red_end > 50.0f);
  // The first vehicle leaves B>C at 600 s; its space needs 150 m / (15 km/h) = 36 s to reach B.
  CHECK(first_entry_after_green == Approx(600.0 + 150.0 / (15.0 / 3.6)).margin(1.0));
  CHECK(sim.kpis().vehicles_arrived == 100);
}

TEST_CASE("vehicles blocked past the stuck time are pushed through or removed, and counted") {
  auto scenario = never_green_corridor();
  add_trips(*scenario, "A", "C", 3, 0.0, 1.0);

  SECTION("push through") {
    const Simulation sim = run(scenario);
    const Kpis kpis = sim.kpis();
    CHECK(kpis.vehicles_arrived == 3);
    CHECK(kpis.stuck_push_throughs == 3);
    CHECK(kpis.vehicles_stuck == 0);
    // The first reaches B at 20 s, waits 120 s, then drives 300 m in 20 s.
    CHECK(sim.state().vehicles.arrive_s[0] == Approx(160.0));
  }
  SECTION("remove") {
    scenario->sim.stuck_action = StuckAction::remove;
    const Simulation sim = run(scenario);
    const Kpis kpis = sim.kpis();
    CHECK(kpis.vehicles_stuck == 3);
    CHECK(kpis.vehicles_arrived == 0);
    CHECK(kpis.vehicles_inserted ==
          kpis.vehicles_arrived + kpis.vehicles_en_route + kpis.vehicles_stuck);
    // Removed, never arrived: the trip ends unfinished, with its removal time on record.
    CHECK(kpis.vehicles_unfinished == 3);
    const TripRecords trips = sim.trip_records();
    CHECK(trips.removed_s[0] == Approx(140.0));  // at B at 20 s, stuck 120 s later
    CHECK(std::isnan(trips.arrive_s[0]));
  }
}

TEST_CASE("closing the only link of a route re-routes vehicles around it") {
  // A>B>D is the short way; B>C>D the detour.
  auto scenario = toy_scenario(toy_network({{"A", "B", 500.0, 1.0, 10.0, 1800.0},
                                            {"B", "D", 500.0, 1.0, 10.0, 1800.0},
                                            {"B", "C", 800.0, 1.0, 10.0, 1800.0},
                                            {"C", "D", 800.0, 1.0, 10.0, 1800.0}}),
                               1800.0);
  add_trips(*scenario, "A", "D", 20, 0.0, 5.0);
  Event close;
  close.time_s = 30.0;
  close.kind = EventKind::close_link;
  close.target = scenario->network.find_link("B>D");
  scenario->events.push_back(close);
  const Simulation sim = run(scenario);
  const Kpis kpis = sim.kpis();
  CHECK(kpis.vehicles_arrived == 20);
  // Vehicles on A>B at 30 s (departed at 0..30 s) re-route en route; the rest before departing.
  CHECK(kpis.reroutes == 20);
  for (Index v = 0; v < 20; ++v)
    CHECK(sim.state().vehicles.motion[v].distance_m == Approx(2100.0f));
  CHECK(sim.state().bin.inflow.size() == 4);
}

TEST_CASE("events change capacity and signal plans at their time") {
  NetworkSpec spec = toy_network({{"A", "B", 1000.0, 3.0, 15.0, 7200.0},
                                  {"B", "C", 300.0, 1.0, 10.0, 1800.0},
                                  {"C", "D", 300.0, 2.0, 15.0, 3600.0}});
  SignalPlanSpec open_plan;
  open_plan.id = "open";
  open_plan.node = "C";
  open_plan.phases.push_back({60.0, {{"B>C", "", {}}}});
  SignalPlanSpec half_plan = open_plan;
  half_plan.id = "half";
  half_plan.initial = false;
  half_plan.phases.push_back({60.0, {}});
  spec.signal_plans = {open_plan, half_plan};
  auto scenario = toy_scenario(spec, 4.0 * 3600.0);
  add_trips(*scenario, "A", "D", 12000, 0.0, 1.0);
  const Index bc = scenario->network.find_link("B>C");
  Event capacity;  // at 1 h the bottleneck drops to 900 veh/h
  capacity.time_s = 3600.0;
  capacity.kind = EventKind::set_link_capacity;
  capacity.target = bc;
  capacity.value = 900.0;
  Event plan;  // at 2 h its exit gets 50 % green, and capacity returns to 1800
  plan.time_s = 7200.0;
  plan.kind = EventKind::set_signal_plan;
  plan.target = scenario->network.find_node("C");
  plan.plan = scenario->network.signal_plans.find(plan.target, "half");
  Event restore = capacity;
  restore.time_s = 7200.0;
  restore.value = 1800.0;
  scenario->events = {capacity, plan, restore};
  const Simulation sim = run(scenario);
  // 40 minutes well inside each regime, away from the transitions: 1800, 900, then 1800 veh/h
  // behind a signal green half the time.
  CHECK(std::abs(arrivals_between(sim, 600.0, 3000.0) - 1200.0) <= 1.0);
  CHECK(std::abs(arrivals_between(sim, 4200.0, 6600.0) - 600.0) <= 1.0);
  CHECK(std::abs(arrivals_between(sim, 7800.0, 10200.0) - 600.0) <= 1.0);
}

TEST_CASE("a speed change applies to vehicles entering after it") {
  auto scenario = toy_scenario(toy_network({{"A", "B", 1000.0, 1.0, 10.0, 1800.0}}), 1200.0);
  add_trips(*scenario, "A", "B", 2, 0.0, 200.0);
  Event slow;
  slow.time_s = 100.0;
  slow.kind = EventKind::set_link_speed;
  slow.target = 0;
  slow.value = 5.0;
  scenario->events = {slow};
  const Simulation sim = run(scenario);
  CHECK(sim.state().vehicles.arrive_s[0] == Approx(100.0));  // entered before the change
  CHECK(sim.state().vehicles.arrive_s[1] == Approx(400.0));  // 1000 m at 5 m/s from 200 s
}

TEST_CASE("a vehicle removed as stuck counts in VHT only until its removal") {
  auto scenario = never_green_corridor();
  scenario->sim.stuck_action = StuckAction::remove;
  scenario->sim.stop_when_empty = false;  // the run goes on to 1200 s after the removal
  add_trips(*scenario, "A", "C", 1, 0.0, 0.0);
  add_trips(*scenario, "A", "B", 1, 200.0, 0.0);
  const Simulation sim = run(scenario);
  const Kpis kpis = sim.kpis();
  REQUIRE(kpis.vehicles_stuck == 1);
  REQUIRE(kpis.vehicles_arrived == 1);
  // The first reaches B at 20 s and is removed 120 s later; the second drives A>B in 20 s.
  CHECK(kpis.vht_h * 3600.0 == Approx(140.0 + 20.0));
  CHECK(std::isnan(sim.state().vehicles.arrive_s[0]));  // removed is not arrived
}

TEST_CASE("reopening an open link or re-planning the same path is not a re-route") {
  // A>B>D is the short way; B>C>D the detour; A>E leads nowhere anyone goes.
  auto scenario = toy_scenario(toy_network({{"A", "B", 500.0, 1.0, 10.0, 1800.0},
                                            {"B", "D", 500.0, 1.0, 10.0, 1800.0},
                                            {"B", "C", 800.0, 1.0, 10.0, 1800.0},
                                            {"C", "D", 800.0, 1.0, 10.0, 1800.0},
                                            {"A", "E", 100.0, 1.0, 10.0, 1800.0}}),
                               1800.0);
  add_trips(*scenario, "A", "D", 20, 0.0, 5.0);
  auto event = [&](double time_s, EventKind kind, const std::string& link) {
    Event e;
    e.time_s = time_s;
    e.kind = kind;
    e.target = scenario->network.find_link(link);
    scenario->events.push_back(e);
  };
  event(30.0, EventKind::close_link, "B>D");   // every vehicle diverts once
  event(40.0, EventKind::reopen_link, "A>B");  // never closed: nothing happens
  event(50.0, EventKind::close_link, "A>E");   // on no route
  event(60.0, EventKind::reopen_link, "A>E");  // B>D is still closed: the same detour again
  const Simulation sim = run(scenario);
  const Kpis kpis = sim.kpis();
  CHECK(kpis.vehicles_arrived == 20);
  CHECK(kpis.reroutes == 20);
  CHECK(sim.state().reroute_failures == 0);
  for (Index v = 0; v < 20; ++v) CHECK(sim.state().vehicles.reroutes[v] == 1);
  // 20 routes of 2 links at the start, then one detour of 3 links (A>B, B>C, C>D) per vehicle.
  CHECK(sim.state().routes.links.size() == 20 * 2 + 20 * 3);
  for (Index v = 0; v < 20; ++v)
    CHECK(sim.state().vehicles.motion[v].distance_m == Approx(2100.0f));
}
