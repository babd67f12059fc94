// En-route re-routing on current link times ([routing] en_route_period_s): drivers leave a
// bottleneck's queue for the slower free route once the queue costs more than the detour, the
// run stays the same at any thread count, and the keys are checked.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "scenario/scenario_file.hpp"
#include "sim/simulation.hpp"
#include "toy_files.hpp"

using namespace arteria;
using arteria::testing::input_error_of;
using arteria::testing::TempDir;

namespace {

// s > o is an entry link (1,000 m); from o two routes to d: o > a > d, 133 s at free flow but
// a > d passes only 600 veh/h; o > b > d, 160 s, never queues. 400 trips leave s at 1,200 veh/h
// from 07:00, so the queue on a > d grows by 10 vehicles a minute while everyone goes via a.
std::string bottleneck_scenario(TempDir& dir, const std::string& routing) {
  dir.write("nodes.csv", "id,x_m,y_m\ns,-1000,0\no,0,0\na,1000,0\nb,600,900\nd,2000,0\n");
  dir.write("links.csv",
            "id,from,to,length_m,lanes,free_speed_mps,capacity_vph\n"
            "so,s,o,1000,1,15,3600\noa,o,a,1000,1,15,3600\nad,a,d,1000,1,15,600\n"
            "ob,o,b,1200,1,15,3600\nbd,b,d,1200,1,15,3600\n");
  std::string trips = "id,origin,destination,depart\n";
  for (int t = 0; t < 400; ++t) {
    trips += "t" + std::to_string(t) + ",s,d," + std::to_string(25200 + 3 * t) + "\n";
  }
  dir.write("trips.csv", trips);
  return dir.write("s.toml",
                   "[network]\nsource = \"csv\"\nnodes = \"nodes.csv\"\nlinks = \"links.csv\"\n\n"
                   "[demand]\nsource = \"trips\"\nfile = \"trips.csv\"\n\n"
                   "[simulation]\nstart = \"07:00\"\nend = \"09:00\"\n\n"
                   "[output]\nbin_s = 60.0\n\n" +
                       routing);
}

struct Outcome {
  Kpis kpis;
  double via_b = 0.0;  // vehicles that left b > d
  TripRecords trips;
};

Outcome run(const std::string& path, int threads) {
  auto scenario = std::make_shared<const Scenario>(load_scenario(path));
  Simulation sim(scenario, threads);
  Outcome out;
  const Index bd = scenario->network.find_link("bd");
  sim.set_bin_sink([&](LinkBin&& bin) { out.via_b += bin.outflow[bd]; });
  while (!sim.done()) sim.step();
  sim.flush_bin();
  out.kpis = sim.kpis();
  out.trips = sim.trip_records();
  return out;
}

}  // namespace

TEST_CASE("drivers re-routing on current link times leave a bottleneck's queue for the detour") {
  TempDir dir;
  const Outcome fixed = run(bottleneck_scenario(dir, ""), 2);
  const Outcome rerouting = run(bottleneck_scenario(dir, "[routing]\nen_route_period_s = 60\n"), 2);
  REQUIRE(fixed.kpis.vehicles_arrived == 400);
  REQUIRE(rerouting.kpis.vehicles_arrived == 400);
  // Fixed routes: everyone on the free-flow route through a. The last vehicle reaches a > d at
  // about 07:20 + 133 s and waits for the 399 before it at 6 s each: ~20 min behind.
  CHECK(fixed.via_b == 0.0);
  CHECK(fixed.kpis.reroutes == 0);
  // Re-routing: once a > d's measured time exceeds the detour (its queue delay above 27 s, from
  // the third minute on), those still able to choose go via b, until a's queue has drained;
  // the two routes then share the demand about evenly (600 veh/h each, as in the dynamic
  // equilibrium of tests/run/test_dynamic_assignment.cpp, with a one-minute lag).
  INFO("via b " << rerouting.via_b << ", re-routes " << rerouting.kpis.reroutes);
  CHECK(rerouting.via_b >= 100.0);
  CHECK(rerouting.via_b <= 300.0);
  CHECK(static_cast<double>(rerouting.kpis.reroutes) >= rerouting.via_b);
  CHECK(rerouting.kpis.mean_travel_time_s < 0.6 * fixed.kpis.mean_travel_time_s);
}

TEST_CASE("en-route re-routing of a share of the drivers is the same at 1 and 2 threads") {
  TempDir dir;
  const std::string path =
      bottleneck_scenario(dir, "[routing]\nen_route_period_s = 120\nen_route_share = 0.5\n");
  const Outcome one = run(path, 1);
  const Outcome two = run(path, 2);
  CHECK(one.kpis.reroutes > 0);
  CHECK(one.kpis.reroutes == two.kpis.reroutes);
  CHECK(one.via_b == two.via_b);
  CHECK(one.trips.arrive_s == two.trips.arrive_s);
  CHECK(one.trips.reroutes == two.trips.reroutes);
  // Half the drivers may re-route: fewer go via b than when all may.
  const Outcome all = run(bottleneck_scenario(dir, "[routing]\nen_route_period_s = 120\n"), 2);
  CHECK(one.via_b < all.via_b);
}

TEST_CASE("[routing] en_route keys and their errors") {
  TempDir dir;
  const auto error_of = [&](const std::string& routing) {
    const std::string path = bottleneck_scenario(dir, "[routing]\n" + routing);
    return input_error_of([&] { load_scenario(path); });
  };
  CHECK(error_of("en_route_period_s = 90\n").field() == "routing.en_route_period_s");
  CHECK(std::string(error_of("en_route_period_s = 90\n").what())
            .find("whole number of output "
                  "bins") != std::string::npos);
  CHECK(error_of("en_route_period_s = -60\n").field() == "routing.en_route_period_s");
  CHECK(error_of("en_route_period_s = 60\nen_route_share = 1.5\n").field() ==
        "routing.en_route_share");
  CHECK(error_of("en_route_share = 0.5\n").field() == "routing.en_route_share");
  const Scenario scenario =
      load_scenario(bottleneck_scenario(dir, "[routing]\nen_route_period_s = 300\n"));
  CHECK(scenario.en_route.enabled());
  CHECK(scenario.en_route.period_s == 300.0);
  CHECK(scenario.en_route.share == 1.0);
}
