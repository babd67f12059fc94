// Emergency vehicles in the meso model against cases worked out by hand: passing a standing
// queue at the pass speed, green after the clearance time at a red signal, and what the
// pre-emption costs the vehicles it holds (docs/ARCHITECTURE.md "Emergency vehicles").
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/emergency/emergency_records.hpp"
#include "sim/simulation.hpp"
#include "toy_runs.hpp"
#include "toy_scenarios.hpp"

using namespace arteria;
using namespace arteria::testing;

namespace {

EmergencyStation station_at(const Scenario& scenario, const std::string& node) {
  return {"station " + node, scenario.network.find_node(node)};
}

Incident incident_at(const Scenario& scenario, const std::string& node, double time_s) {
  return {"to " + node, time_s, scenario.network.find_node(node)};
}

}  // namespace

// S>N 1 km, one lane, 20 m/s; from N, N>B and N>C (500 m, 20 m/s). N's signal never gives
// S>N -> N>B green, so 40 cars for B (one a second from 0 s, at N from 50 s) stand on S>N.
TEST_CASE(
    "an emergency vehicle passes a standing queue and its response time matches the hand value") {
  NetworkSpec spec = toy_network({{"S", "N", 1000.0, 1.0, 20.0, 1800.0},
                                  {"N", "B", 300.0, 1.0, 20.0, 1800.0},
                                  {"N", "C", 500.0, 1.0, 20.0, 1800.0}});
  SignalPlanSpec plan;
  plan.id = "never_to_b";
  plan.node = "N";
  plan.phases.push_back({60.0, {{"S>N", "N>C", {}}}});
  spec.signal_plans.push_back(plan);
  auto scenario = toy_scenario(spec, 600.0);
  scenario->sim.stuck_time_s = 3600.0;
  add_trips(*scenario, "S", "B", 40, 0.0, 1.0);
  scenario->emergency.stations = {station_at(*scenario, "S")};
  scenario->emergency.incidents = {incident_at(*scenario, "C", 300.0)};
  const Simulation sim = run(scenario, 2);

  // Queue: 40 vehicles x 7.5 m / 1 lane = 300 m, passed at 20 km/h: 300 / (20 / 3.6) = 54 s;
  // the other 700 m at 20 m/s: 35 s; then N>C: 25 s. 300 + 89 + 25 = 414 s.
  const std::vector<Dispatch>& dispatches = sim.state().emergency.dispatches;
  REQUIRE(dispatches.size() == 1);
  const Dispatch& d = dispatches[0];
  CHECK(d.dispatch_s == 300.0);
  CHECK(d.arrival_s == Approx(414.0));
  CHECK(d.vehicles_passed == 40);
  CHECK(d.preemptions == 0);
  CHECK(d.delay_caused_s == 0.0);
  CHECK(d.route ==
        std::vector<Index>{scenario->network.find_link("S>N"), scenario->network.find_link("N>C")});
  // No car was lost, none got past the red: every one still stands on S>N.
  const Kpis kpis = sim.kpis();
  CHECK(kpis.vehicles_inserted == 40);
  CHECK(kpis.vehicles_en_route == 40);
  CHECK(kpis.emergency_dispatches == 1);
  CHECK(kpis.emergency_mean_response_s == Approx(114.0));
  CHECK(kpis.emergency_p90_response_s == Approx(114.0));
}

namespace {

// S>N and D>N (1 km, 20 m/s) meet at N, then N>C and N>E (500 m). N's plan: 120 s cycle,
// D>N -> N>E green for 0-60 s, S>N -> N>C for 60-120 s. Ten cars D -> E leave at 60-69 s and
// reach N at 110-119 s, in S's green: they stand until 120 s.
std::shared_ptr<Scenario> crossing(bool with_emergency) {
  NetworkSpec spec = toy_network({{"S", "N", 1000.0, 1.0, 20.0, 1800.0},
                                  {"D", "N", 1000.0, 1.0, 20.0, 1800.0},
                                  {"N", "C", 500.0, 1.0, 20.0, 1800.0},
                                  {"N", "E", 500.0, 1.0, 20.0, 1800.0}});
  SignalPlanSpec plan;
  plan.id = "two_phases";
  plan.node = "N";
  plan.phases.push_back({60.0, {{"D>N", "N>E", {}}}});
  plan.phases.push_back({60.0, {{"S>N", "N>C", {}}}});
  spec.signal_plans.push_back(plan);
  auto scenario = toy_scenario(spec, 900.0);
  add_trips(*scenario, "D", "E", 10, 60.0, 1.0);
  if (with_emergency) {
    scenario->emergency.stations = {station_at(*scenario, "S")};
    scenario->emergency.incidents = {incident_at(*scenario, "C", 70.0)};
  }
  return scenario;
}

}  // namespace

TEST_CASE("an emergency vehicle at red gets green after the clearance time and holds the others") {
  const Simulation base = run(crossing(false), 1);
  const Simulation sim = run(crossing(true), 2);
  // Sent at 70 s, at N at 120 s, where S>N -> N>C has just turned red: the node is all-red
  // for 5 s, then it goes (125 s) and reaches C 25 s later. Without pre-emption it would wait
  // for 180 s.
  const Dispatch& d = sim.state().emergency.dispatches.at(0);
  CHECK(d.arrival_s == Approx(150.0));
  CHECK(d.preemptions == 1);
  // The ten cars on D>N, whose green it was, stand for the 5 s: 50 vehicle-seconds.
  CHECK(d.delay_caused_s == Approx(50.0));
  // And they really were held: the first car leaves N at 125 s instead of 120 s.
  const TripRecords held = sim.trip_records();
  const TripRecords free = base.trip_records();
  CHECK(held.arrive_s[0] - free.arrive_s[0] == Approx(5.0));
  // The node is back on its own plan; no car was lost.
  CHECK(sim.state().signals.node_plan[sim.scenario().network.find_node("N")] == 0);
  CHECK(sim.state().emergency.preemptions.empty());
  const Kpis kpis = sim.kpis();
  CHECK(kpis.vehicles_arrived == 10);
  CHECK(kpis.emergency_arrived == 1);
  CHECK(kpis.emergency_delay_caused_s == Approx(50.0));
}

TEST_CASE(
    "an emergency incident is served from the station nearest by travel time, and one no "
    "station reaches is recorded without arrival") {
  // Two stations: A 1 km from the incident node X, B 300 m; X has no way to Z.
  NetworkSpec spec = toy_network({{"A", "X", 1000.0, 1.0, 20.0, 1800.0},
                                  {"B", "X", 300.0, 1.0, 20.0, 1800.0},
                                  {"Z", "A", 300.0, 1.0, 20.0, 1800.0}});
  auto scenario = toy_scenario(spec, 600.0);
  add_trips(*scenario, "Z", "X", 1, 0.0, 1.0);  // a scenario has some demand
  scenario->emergency.stations = {station_at(*scenario, "A"), station_at(*scenario, "B")};
  scenario->emergency.incidents = {incident_at(*scenario, "X", 10.0),
                                   incident_at(*scenario, "Z", 20.0)};
  const Simulation sim = run(scenario, 1);
  const DispatchRecords records = dispatch_records(*scenario, sim.state());
  REQUIRE(records.rows() == 2);
  CHECK(records.station[0] == "station B");
  CHECK(records.response_s[0] == Approx(15.0));  // 300 m at 20 m/s
  CHECK(records.station[1].empty());
  CHECK(std::isnan(records.arrival_s[1]));
  CHECK(records.route_first_link == std::vector<Index>{0, 1, 1});
}
