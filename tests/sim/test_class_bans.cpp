// Class bans within a time window, by link and by road class, in the router and in en-route
// re-routing, against cases worked out by hand (docs/USER_GUIDE.md "Vehicle classes").
#include <catch2/catch.hpp>

#include "sim/driven_routes.hpp"
#include "sim/simulation.hpp"
#include "toy_runs.hpp"
#include "toy_scenarios.hpp"

using namespace arteria;
using namespace arteria::testing;

namespace {

void add_trip(Scenario& scenario, ClassIndex c, const std::string& origin,
              const std::string& destination, double depart_s) {
  DemandBuilder builder(scenario.network, scenario.demand);
  const Index trip =
      builder.add_trip("", origin, destination, depart_s, scenario.demand.classes.pcu[c], {});
  builder.set_class(trip, c);
}

// Trucks banned from `ban` within [from_s, to_s).
VehicleClassSpec truck_ban(ClassBanSpec ban, double from_s, double to_s) {
  ban.from_s = from_s;
  ban.to_s = to_s;
  ban.field = "bans[0]";
  VehicleClassSpec spec;
  spec.name = "truck";
  spec.field = "vehicle_classes[0]";
  spec.bans = {std::move(ban)};
  return spec;
}

// The links vehicle v drove (re-routes included), by external id.
std::vector<std::string> route_of(const Simulation& sim, const Scenario& scenario, Index v) {
  const TripRoutes driven = driven_routes(sim.state());
  std::vector<std::string> ids;
  for (Index p = driven.trip_first_link[v]; p < driven.trip_first_link[v + 1]; ++p) {
    ids.push_back(scenario.network.link_external_id[driven.links[p]]);
  }
  return ids;
}

const std::vector<std::string> via_c{"A>C", "C>D"};  // 150 m: the shortest way from A to D
const std::vector<std::string> via_b{"A>B", "B>D"};  // 200 m: the next (A>B>C>D is 210 m)

}  // namespace

TEST_CASE("a timed ban closes its link to the class only within its window") {
  // two_way_square, trucks banned from A>C within [100, 200): a truck departing inside the
  // window goes by B; before it, at its end (the window is half-open) and after it, by C. A car
  // inside the window still takes C.
  auto scenario = toy_scenario(two_way_square(), 1200.0);
  ClassBanSpec ban;
  ban.links = {"A>C"};
  scenario->demand.classes =
      compile_vehicle_classes({truck_ban(ban, 100.0, 200.0)}, scenario->network, {});
  for (const double depart_s : {50.0, 100.0, 150.0, 199.0, 200.0, 250.0}) {
    add_trip(*scenario, truck_class, "A", "D", depart_s);
  }
  add_trip(*scenario, car_class, "A", "D", 150.0);
  const Simulation sim = run(scenario);
  CHECK(route_of(sim, *scenario, 0) == via_c);
  CHECK(route_of(sim, *scenario, 1) == via_b);
  CHECK(route_of(sim, *scenario, 2) == via_b);
  CHECK(route_of(sim, *scenario, 3) == via_b);
  CHECK(route_of(sim, *scenario, 4) == via_c);
  CHECK(route_of(sim, *scenario, 5) == via_c);
  CHECK(route_of(sim, *scenario, 6) == via_c);
  CHECK(sim.kpis().vehicles_arrived == 7);
}

TEST_CASE("a road-class ban holds every link of the class within its window") {
  // A>C and C>D are residential: within the window a truck keeps off both, so A>B>C>D (which
  // uses C>D) is no way out either and it drives A>B>D.
  NetworkSpec spec = two_way_square();
  for (LinkSpec& link : spec.links) {
    if (link.id == "A>C" || link.id == "C>D") link.road_class = "residential";
  }
  auto scenario = toy_scenario(spec, 1200.0);
  ClassBanSpec ban;
  ban.road_classes = {"residential"};
  scenario->demand.classes =
      compile_vehicle_classes({truck_ban(ban, 100.0, 200.0)}, scenario->network, {});
  CHECK(scenario->demand.classes.timed_bans.at(0).links.size() == 2);
  add_trip(*scenario, truck_class, "A", "D", 150.0);
  add_trip(*scenario, truck_class, "B", "D", 150.0);
  add_trip(*scenario, truck_class, "A", "D", 300.0);
  const Simulation sim = run(scenario);
  CHECK(route_of(sim, *scenario, 0) == via_b);
  CHECK(route_of(sim, *scenario, 1) == std::vector<std::string>{"B>D"});
  CHECK(route_of(sim, *scenario, 2) == via_c);
}

TEST_CASE("a trip with no allowed path within a ban's window is reported unroutable") {
  // Both ways out of A banned to trucks within [100, 200): the truck departing at 150 has no
  // path and is reported; the ones at 50 and 200 drive.
  auto scenario = toy_scenario(two_way_square(), 1200.0);
  ClassBanSpec ban;
  ban.links = {"A>B", "A>C"};
  scenario->demand.classes =
      compile_vehicle_classes({truck_ban(ban, 100.0, 200.0)}, scenario->network, {});
  add_trip(*scenario, truck_class, "A", "D", 50.0);
  add_trip(*scenario, truck_class, "A", "D", 150.0);
  add_trip(*scenario, truck_class, "A", "D", 200.0);
  const Simulation sim = run(scenario);
  CHECK(sim.kpis().vehicles_unroutable == 1);
  CHECK(sim.kpis().vehicles_arrived == 2);
  const TripRecords records = sim.trip_records();
  CHECK(records.status[1] == static_cast<std::uint8_t>(TripStatus::unroutable));
  CHECK(route_of(sim, *scenario, 0) == via_c);
  CHECK(route_of(sim, *scenario, 2) == via_c);
}

TEST_CASE("en-route re-routing takes a truck off a link banned after it set off") {
  // A>B is 1,000 m at 10 m/s (0-100 s); from B, B>D (100 m) or B>C>D (200 m). Trucks are banned
  // from B>D from 30 s. The truck departing at 0 plans A>B>D (no ban yet). Without en-route
  // re-routing it keeps that plan (route choice happens at departure); with it, at 60 s the
  // rest of its route crosses a banned link and it takes B>C>D. A car keeps B>D.
  const bool en_route = GENERATE(false, true);
  auto scenario = toy_scenario(toy_network({{"A", "B", 1000.0, 1, 10.0, 1800.0},
                                            {"B", "D", 100.0, 1, 10.0, 1800.0},
                                            {"B", "C", 100.0, 1, 10.0, 1800.0},
                                            {"C", "D", 100.0, 1, 10.0, 1800.0}}),
                               600.0);
  if (en_route) scenario->en_route.period_s = 60.0;
  ClassBanSpec ban;
  ban.links = {"B>D"};
  scenario->demand.classes =
      compile_vehicle_classes({truck_ban(ban, 30.0, 1000.0)}, scenario->network, {});
  add_trip(*scenario, truck_class, "A", "D", 0.0);
  add_trip(*scenario, car_class, "A", "D", 0.0);
  const Simulation sim = run(scenario);
  INFO("en-route re-routing " << en_route);
  CHECK(sim.kpis().reroutes == (en_route ? 1 : 0));
  CHECK(route_of(sim, *scenario, 0) == (en_route ? std::vector<std::string>{"A>B", "B>C", "C>D"}
                                                 : std::vector<std::string>{"A>B", "B>D"}));
  CHECK(route_of(sim, *scenario, 1) == std::vector<std::string>{"A>B", "B>D"});
}
