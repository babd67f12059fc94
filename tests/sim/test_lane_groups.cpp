// Lane groups (docs/ARCHITECTURE.md "Lane groups") against cases worked out by hand: a red for
// one movement holds only its own lanes, a vehicle takes the shortest queue its movement may
// use, a full turn pocket blocks the lanes behind it, and a link whose turns share every lane
// behaves as a link without lane information.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "sim/simulation.hpp"
#include "toy_runs.hpp"
#include "toy_scenarios.hpp"

using namespace arteria;
using namespace arteria::testing;

namespace {

// A>B, 300 m, two lanes at 15 m/s (20 s), 3,600 veh/h: lane 0 goes on to C (through), lane 1
// turns into D (left). B's signal gives the through movement green all the time and the left
// turn never. B>C and B>D are 150 m at 15 m/s (10 s), two lanes, 3,600 veh/h.
NetworkSpec approach_with_left_pocket(std::uint64_t through_lanes, std::uint64_t left_lanes) {
  NetworkSpec spec = toy_network({{"A", "B", 300.0, 2.0, 15.0, 3600.0},
                                  {"B", "C", 150.0, 2.0, 15.0, 3600.0},
                                  {"B", "D", 150.0, 2.0, 15.0, 3600.0}});
  spec.turns.push_back({"A>B", "B>C", {}, through_lanes});
  spec.turns.push_back({"A>B", "B>D", {}, left_lanes});
  SignalPlanSpec plan;
  plan.id = "through_only";
  plan.node = "B";
  plan.phases.push_back({3600.0, {{"A>B", "B>C", {}}}});
  spec.signal_plans.push_back(plan);
  return spec;
}

std::shared_ptr<Scenario> left_red_scenario(std::uint64_t through_lanes, std::uint64_t left_lanes) {
  auto scenario = toy_scenario(approach_with_left_pocket(through_lanes, left_lanes), 400.0);
  scenario->sim.stuck_time_s = 86400.0;  // the left turners wait, never removed
  return scenario;
}

}  // namespace

TEST_CASE("turns from different lanes get a group each, with its share of the lanes") {
  const auto scenario = left_red_scenario(0b01, 0b10);
  add_trips(*scenario, "A", "C", 1, 0.0, 1.0);
  finalize_scenario(*scenario);
  const Network& net = scenario->network;
  const Index ab = net.find_link("A>B");
  REQUIRE(net.link_first_group[ab + 1] - net.link_first_group[ab] == 2);
  CHECK(net.group_lane_share[net.link_first_group[ab]] == 0.5f);
  CHECK(net.group_lane_share[net.link_first_group[ab] + 1] == 0.5f);
  CHECK(net.turn_group_mask[net.find_turn(ab, net.find_link("B>C"))] == 0b01);
  CHECK(net.turn_group_mask[net.find_turn(ab, net.find_link("B>D"))] == 0b10);
  // A shared lane is a group of its own: lane 0 serves both turns, lane 1 only the left, so the
  // through movement has one group and the left turn two.
  const auto shared = left_red_scenario(0b01, 0b11);
  add_trips(*shared, "A", "C", 1, 0.0, 1.0);
  finalize_scenario(*shared);
  const Network& shared_net = shared->network;
  const Index shared_ab = shared_net.find_link("A>B");
  CHECK(shared_net.link_first_group[shared_ab + 1] - shared_net.link_first_group[shared_ab] == 2);
  CHECK(shared_net.turn_group_mask[shared_net.find_turn(shared_ab, shared_net.find_link("B>C"))] ==
        0b01);
  CHECK(shared_net.turn_group_mask[shared_net.find_turn(shared_ab, shared_net.find_link("B>D"))] ==
        0b11);
}

TEST_CASE("a vehicle queues in the shortest of the groups its movement may use") {
  // A>B gets three lanes (5,400 veh/h, 1,800 per lane = 0.5 pcu per step): lane 0 through, lane
  // 1 through or left, lane 2 left; the left turn is red for ever. Groups g0 = {0}, g1 = {1},
  // g2 = {2}; a vehicle takes the group of least pcu per lane, the rightmost on a tie.
  // Left turners leave A at 0 and 1 s: L0 takes g1 (a tie with g2), L1 g2 (g1 holds 3 per
  // lane). Through vehicle j leaves at 5 + j s and is due at the stop line at 25 + j s, where
  // it chooses between g0 and g1 (L0: load 3). g0 passes one vehicle every 2 s, from 25 s:
  //   25 s T0 -> g0, passes.   26 s T1 -> g0 (0 < 3).   27 s T2 -> g0 (tie), T1 passes.
  //   28 s T3 -> g0 (3 = 3).   29 s T4: g0 holds T2, T3 (6) > g1's 3, so T4 -> g1, behind the
  //   red L0 for ever; T2 passes.   30 s T5 -> g0 (3 < 6).   31 s T6 -> g0 (6 = 6), T3 passes.
  //   32 s T7 -> g0 (6 = 6).   T5, T6, T7 pass at 33, 35, 37 s.
  // Each arrives at C 10 s after passing: T0-T3 at 35, 37, 39, 41 s, T5-T7 at 43, 45, 47 s.
  NetworkSpec spec = toy_network({{"A", "B", 300.0, 3.0, 15.0, 5400.0},
                                  {"B", "C", 150.0, 2.0, 15.0, 3600.0},
                                  {"B", "D", 150.0, 2.0, 15.0, 3600.0}});
  spec.turns.push_back({"A>B", "B>C", {}, 0b011});
  spec.turns.push_back({"A>B", "B>D", {}, 0b110});
  SignalPlanSpec plan;
  plan.id = "through_only";
  plan.node = "B";
  plan.phases.push_back({3600.0, {{"A>B", "B>C", {}}}});
  spec.signal_plans.push_back(plan);
  auto scenario = toy_scenario(spec, 400.0);
  scenario->sim.stuck_time_s = 86400.0;
  add_trips(*scenario, "A", "D", 2, 0.0, 1.0);
  add_trips(*scenario, "A", "C", 8, 5.0, 1.0);
  const Simulation sim = run(scenario);
  const Index ab = scenario->network.find_link("A>B");
  const Index g0 = scenario->network.link_first_group[ab];
  const GroupState& groups = sim.state().groups;
  CHECK(groups.tail[g0 + 1] - groups.head[g0 + 1] == 2);  // L0 and T4
  CHECK(groups.tail[g0 + 2] - groups.head[g0 + 2] == 1);  // L1
  const auto& arrive = sim.state().vehicles.arrive_s;
  const double expected[] = {35.0, 37.0, 39.0, 41.0, std::nan(""), 43.0, 45.0, 47.0};
  for (Index j = 0; j < 8; ++j) {
    INFO("through vehicle " << j);
    if (std::isnan(expected[j])) {
      CHECK(std::isnan(arrive[2 + j]));
    } else {
      CHECK(arrive[2 + j] == Approx(expected[j]));
    }
  }
}

TEST_CASE("a red left turn holds its own lanes while the through lanes flow at their capacity") {
  // Five left turners leave A at 0-4 s, then 60 through vehicles at 5-64 s, one a second. The
  // left turners queue in their group (5 of its 46 pcu) and never get green. The through group
  // has half the link's capacity, 1,800 veh/h = 0.5 pcu per step: once its credit is full (it
  // has grown since the first entry), the first through vehicle, due at the stop line at 25 s,
  // passes at 25 s and each next one two steps later, so through vehicle j passes at 25 + 2j
  // and arrives at C 10 s later. With one queue per link the first left turner would hold
  // every vehicle behind it.
  auto scenario = left_red_scenario(0b01, 0b10);
  add_trips(*scenario, "A", "D", 5, 0.0, 1.0);
  add_trips(*scenario, "A", "C", 60, 5.0, 1.0);
  const Simulation sim = run(scenario);
  const auto& arrive = sim.state().vehicles.arrive_s;
  for (Index j = 0; j < 60; ++j) {
    INFO("through vehicle " << j);
    CHECK(arrive[5 + j] == Approx(35.0 + 2.0 * j));
  }
  const Kpis kpis = sim.kpis();
  CHECK(kpis.vehicles_arrived == 60);
  CHECK(kpis.vehicles_en_route == 5);
}

TEST_CASE("a full left-turn group blocks the through vehicles behind it at the gate") {
  // Through vehicles leave A every 2 s from 0 s, left turners every 2 s from 1 s. A>B stores
  // max(300 m x 2 lanes / 7.5 m, 1 veh/s x (20 s + 300 m / 15 km/h)) = max(80, 92) = 92 pcu,
  // so the left group's half holds 46. Left turner k is due at the stop line at 21 + 2k s and
  // joins the group while it holds fewer than 46: k = 0..45. Left turner 46, due at 113 s,
  // finds the group full and stays on the link's ring, and with it every vehicle that entered
  // after it: through vehicle i is due at 20 + 2i s and passes at once (the through group's
  // 0.5 pcu per step matches one vehicle every 2 s) while 20 + 2i < 113, so i = 0..46 arrive
  // at C at 30 + 2i s (the last at 122 s) and through vehicle 47 onward never get past it.
  auto scenario = left_red_scenario(0b01, 0b10);
  add_trips(*scenario, "A", "C", 100, 0.0, 2.0);
  add_trips(*scenario, "A", "D", 100, 1.0, 2.0);
  const Simulation sim = run(scenario);
  const Index ab = scenario->network.find_link("A>B");
  const Index left = scenario->network.link_first_group[ab] + 1;
  CHECK(sim.state().links.storage_pcu[ab] == Approx(92.0));
  CHECK(sim.state().groups.storage_pcu[left] == Approx(46.0));
  CHECK(sim.state().groups.tail[left] - sim.state().groups.head[left] == 46);
  const auto& arrive = sim.state().vehicles.arrive_s;
  for (Index i = 0; i < 100; ++i) {
    INFO("through vehicle " << i);
    if (i <= 46) {
      CHECK(arrive[i] == Approx(30.0 + 2.0 * i));
    } else {
      CHECK(std::isnan(arrive[i]));
    }
  }
  CHECK(sim.kpis().vehicles_arrived == 47);
}

TEST_CASE("a link whose turns share every lane runs exactly as one without lane information") {
  // One group either way: the same draws, credits and moves, so the same state to the last
  // bit. The movements alternate in a 60 s cycle and so do the vehicles, so one queue serves
  // about one vehicle per phase change.
  auto make = [](std::uint64_t through_lanes, std::uint64_t left_lanes) {
    NetworkSpec spec = approach_with_left_pocket(through_lanes, left_lanes);
    spec.signal_plans[0].phases = {{30.0, {{"A>B", "B>C", {}}}}, {30.0, {{"A>B", "B>D", {}}}}};
    auto scenario = toy_scenario(spec, 1800.0);
    add_trips(*scenario, "A", "C", 600, 0.0, 2.0);
    add_trips(*scenario, "A", "D", 600, 1.0, 2.0);
    return scenario;
  };
  const Simulation shared = run(make(0b11, 0b11));
  const Simulation unknown = run(make(0, 0));
  CHECK(shared.scenario().network.group_count == unknown.scenario().network.group_count);
  const auto& a = shared.state().vehicles.arrive_s;
  const auto& b = unknown.state().vehicles.arrive_s;
  CHECK(std::equal(a.begin(), a.end(), b.begin(), b.end(),
                   [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); }));
  CHECK(shared.state().vehicles.motion == unknown.state().vehicles.motion);
  CHECK(shared.kpis().vehicles_arrived > 50);
}
