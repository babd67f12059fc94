// Vehicle classes in the meso model and the router, against cases worked out by hand
// (docs/ARCHITECTURE.md "Vehicle classes").
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "sim/simulation.hpp"
#include "toy_runs.hpp"
#include "toy_scenarios.hpp"

using namespace arteria;
using namespace arteria::testing;

namespace {

// `count` trips of class `c` (with its pcu) from `origin` to `destination`, one every
// `headway_s` from `first_s`.
void add_class_trips(Scenario& scenario, ClassIndex c, const std::string& origin,
                     const std::string& destination, int count, double first_s, double headway_s) {
  DemandBuilder builder(scenario.network, scenario.demand);
  for (int i = 0; i < count; ++i) {
    const Index trip = builder.add_trip("", origin, destination, first_s + i * headway_s,
                                        scenario.demand.classes.pcu[c], {});
    builder.set_class(trip, c);
  }
}

VehicleClassSpec class_spec(std::string name) {
  VehicleClassSpec spec;
  spec.name = std::move(name);
  spec.field = "vehicle_classes[0]";
  return spec;
}

// The links of vehicle v's route, by external id.
std::vector<std::string> route_of(const Simulation& sim, const Scenario& scenario, Index v) {
  const SimState& s = sim.state();
  std::vector<std::string> ids;
  for (Index p = s.routes.trip_first_link[v]; p < s.routes.trip_first_link[v + 1]; ++p) {
    ids.push_back(scenario.network.link_external_id[s.routes.links[p]]);
  }
  return ids;
}

}  // namespace

TEST_CASE("a bottleneck passes its capacity in pcu: trucks of 2.5 pcu pass C / 2.5") {
  // As "a bottleneck passes exactly its capacity" (test_meso_model.cpp), with heavy vehicles:
  // the flow gate charges each vehicle its pcu, so C = 1,800 pcu/h passes 720 trucks of 2.5 pcu
  // or 900 vehicles of 2 pcu (half the cars) in an hour of saturated flow.
  const double capacity = 1800.0;
  auto [name, pcu] = GENERATE(std::pair<const char*, double>{"truck", 2.5},
                              std::pair<const char*, double>{"van", 2.0});
  auto scenario = toy_scenario(
      toy_network({{"A", "B", 1000.0, 3.0, 15.0, 7200.0}, {"B", "C", 300.0, 1.0, 15.0, capacity}}),
      3.0 * 3600.0);
  VehicleClassSpec spec = class_spec(name);
  spec.pcu = pcu;
  scenario->demand.classes = compile_vehicle_classes({spec}, scenario->network, {});
  const ClassIndex c = static_cast<ClassIndex>(scenario->demand.classes.find(name));
  add_class_trips(*scenario, c, "A", "C", 3600, 0.0, 2.0);
  const Simulation sim = run(scenario);
  const auto& arrive = sim.state().vehicles.arrive_s;
  const double passed = static_cast<double>(std::count_if(
      arrive.begin(), arrive.end(), [](double t) { return t >= 1200.0 && t < 4800.0; }));
  INFO(name << " of " << pcu << " pcu");
  CHECK(std::abs(passed - capacity / pcu) <= 1.0);
}

TEST_CASE("a vehicle never drives faster than its class's maximum speed") {
  // 1,000 m at 30 m/s: a car takes 33.3 s; a truck (90 km/h = 25 m/s) 40 s; on the 500 m link
  // at 20 m/s both take 25 s, the link being the slower.
  auto scenario = toy_scenario(
      toy_network({{"A", "B", 1000.0, 1.0, 30.0, 1800.0}, {"B", "C", 500.0, 1.0, 20.0, 1800.0}}),
      600.0);
  add_class_trips(*scenario, car_class, "A", "C", 1, 0.0, 0.0);
  add_class_trips(*scenario, truck_class, "A", "C", 1, 100.0, 0.0);
  const Simulation sim = run(scenario);
  CHECK(sim.state().vehicles.arrive_s[0] == Approx(1000.0 / 30.0 + 25.0).margin(1.0));
  CHECK(sim.state().vehicles.arrive_s[1] == Approx(100.0 + 40.0 + 25.0).margin(1.0));
  // The free-flow time (and so the delay) is the class's too.
  CHECK(sim.state().vehicles.free_flow_s[1] == Approx(65.0));
  CHECK(sim.kpis().mean_delay_s == Approx(0.0).margin(1.0));
}

TEST_CASE("a banned link is never used by its class, other classes still take it") {
  // two_way_square: A>C>D (150 m) is the shortest way from A to D, A>B>D (200 m) the next.
  auto scenario = toy_scenario(two_way_square(), 1200.0);
  VehicleClassSpec spec = class_spec("truck");
  spec.banned_links = {"A>C"};
  scenario->demand.classes = compile_vehicle_classes({spec}, scenario->network, {});
  add_class_trips(*scenario, car_class, "A", "D", 5, 0.0, 10.0);
  add_class_trips(*scenario, truck_class, "A", "D", 5, 0.0, 10.0);
  const Simulation sim = run(scenario);
  for (Index v = 0; v < 5; ++v) {
    CHECK(route_of(sim, *scenario, v) == std::vector<std::string>{"A>C", "C>D"});
    CHECK(route_of(sim, *scenario, v + 5) == std::vector<std::string>{"A>B", "B>D"});
  }
  CHECK(sim.kpis().vehicles_arrived == 10);
  CHECK(sim.kpis().vehicles_unroutable == 0);
}

TEST_CASE("a trip whose class has no allowed path is reported unroutable, not dropped") {
  auto scenario = toy_scenario(two_way_square(), 1200.0);
  VehicleClassSpec spec = class_spec("wide_load");
  spec.banned_links = {"A>B", "A>C"};  // every way out of A
  scenario->demand.classes = compile_vehicle_classes({spec}, scenario->network, {});
  const ClassIndex wide = static_cast<ClassIndex>(scenario->demand.classes.find("wide_load"));
  add_class_trips(*scenario, wide, "A", "D", 2, 0.0, 10.0);
  add_class_trips(*scenario, car_class, "A", "D", 1, 0.0, 10.0);
  add_class_trips(*scenario, wide, "B", "D", 1, 0.0, 10.0);
  const Simulation sim = run(scenario);
  const Kpis kpis = sim.kpis();
  CHECK(kpis.vehicles_unroutable == 2);
  CHECK(kpis.vehicles_arrived == 2);
  const TripRecords records = sim.trip_records();
  CHECK(records.status[0] == static_cast<std::uint8_t>(TripStatus::unroutable));
  CHECK(records.status[1] == static_cast<std::uint8_t>(TripStatus::unroutable));
  CHECK(records.vehicle_class[0] == wide);
  CHECK(records.vehicle_class[2] == car_class);
}

TEST_CASE("links that do not admit a class's mode are closed to it (OSM hgv=no)") {
  NetworkSpec spec = two_way_square();
  for (LinkSpec& link : spec.links) {
    if (link.id == "A>C") link.modes = mode_car | mode_bus;  // no trucks
  }
  auto scenario = toy_scenario(spec, 1200.0);
  CHECK(scenario->demand.classes.restricts(scenario->network, truck_class));
  CHECK_FALSE(scenario->demand.classes.restricts(scenario->network, car_class));
  add_class_trips(*scenario, truck_class, "A", "D", 1, 0.0, 0.0);
  add_class_trips(*scenario, bus_class, "A", "D", 1, 0.0, 0.0);
  const Simulation sim = run(scenario);
  CHECK(route_of(sim, *scenario, 0) == std::vector<std::string>{"A>B", "B>D"});
  CHECK(route_of(sim, *scenario, 1) == std::vector<std::string>{"A>C", "C>D"});
}

TEST_CASE("per-class outflow adds up to the road vehicles' outflow") {
  auto scenario = toy_scenario(
      toy_network({{"A", "B", 300.0, 1.0, 15.0, 1800.0}, {"B", "C", 300.0, 1.0, 15.0, 1800.0}}),
      1200.0);
  add_class_trips(*scenario, car_class, "A", "C", 30, 0.0, 4.0);
  add_class_trips(*scenario, truck_class, "A", "C", 10, 2.0, 12.0);
  add_class_trips(*scenario, electric_car_class, "A", "B", 7, 1.0, 5.0);
  finalize_scenario(*scenario);
  Simulation sim(scenario, 2);
  std::vector<LinkBin> bins;
  sim.set_bin_sink([&](LinkBin&& bin) { bins.push_back(std::move(bin)); });
  while (!sim.done()) sim.step();
  sim.flush_bin();
  std::vector<double> by_class(scenario->demand.classes.count(), 0.0);
  double total = 0.0;
  for (const LinkBin& bin : bins) {
    REQUIRE(bin.class_outflow.size() == scenario->demand.classes.count());
    for (Index l = 0; l < 2; ++l) {
      double sum = 0.0;
      for (std::size_t c = 0; c < by_class.size(); ++c) {
        by_class[c] += bin.class_outflow[c][l];
        sum += bin.class_outflow[c][l];
      }
      CHECK(sum == bin.outflow[l]);
      total += bin.outflow[l];
    }
  }
  // Each trip leaves each link it drives once: cars and trucks two links, electric cars one.
  CHECK(by_class[car_class] == 60.0);
  CHECK(by_class[truck_class] == 20.0);
  CHECK(by_class[electric_car_class] == 7.0);
  CHECK(total == 87.0);
}

TEST_CASE("re-routing after a closure keeps each class off its banned links") {
  // Everyone plans A>C>D (150 m). C>D closes before they leave: a car's way round is A>C>B>D
  // (50 + 10 + 100 = 160 m), but trucks may not take C>B, so theirs is A>B>D (200 m).
  auto scenario = toy_scenario(two_way_square(), 1200.0);
  VehicleClassSpec spec = class_spec("truck");
  spec.banned_links = {"C>B"};
  scenario->demand.classes = compile_vehicle_classes({spec}, scenario->network, {});
  add_class_trips(*scenario, car_class, "A", "D", 3, 20.0, 10.0);
  add_class_trips(*scenario, truck_class, "A", "D", 3, 20.0, 10.0);
  Event close;
  close.time_s = 5.0;
  close.kind = EventKind::close_link;
  close.target = scenario->network.find_link("C>D");
  scenario->events.push_back(close);
  const Simulation sim = run(scenario);
  CHECK(sim.kpis().vehicles_arrived == 6);
  CHECK(sim.kpis().reroutes == 6);
  for (Index v = 0; v < 3; ++v) {
    CHECK(sim.state().vehicles.motion[v].distance_m == Approx(160.0f));
    CHECK(sim.state().vehicles.motion[v + 3].distance_m == Approx(200.0f));
  }
}
