// Dynamic assignment on a network whose dynamic equilibrium can be worked out by hand, its
// determinism across thread counts, the [assignment] keys, and a run that equilibrates first.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "run/dynamic_assignment.hpp"
#include "run/route_sets.hpp"
#include "run/run_scenario.hpp"
#include "scenario/scenario_file.hpp"
#include "toy_files.hpp"

using namespace arteria;
using arteria::testing::input_error_of;
using arteria::testing::TempDir;

namespace {

DynamicAssignmentOptions on_threads(int threads) {
  DynamicAssignmentOptions options;
  options.threads = threads;
  return options;
}

// Two routes from o to d: o > a > d takes 133 s at free flow but a > d passes only 600 veh/h;
// o > b > d takes 160 s and never queues. 400 trips leave at 1,200 veh/h from 07:00.
std::string two_route_tables(TempDir& dir) {
  dir.write("nodes.csv", "id,x_m,y_m\no,0,0\na,1000,0\nb,600,900\nd,2000,0\n");
  dir.write("links.csv",
            "id,from,to,length_m,lanes,free_speed_mps,capacity_vph\n"
            "oa,o,a,1000,1,15,3600\nad,a,d,1000,1,15,600\n"
            "ob,o,b,1200,1,15,3600\nbd,b,d,1200,1,15,3600\n");
  std::string trips = "id,origin,destination,depart\n";
  for (int t = 0; t < 400; ++t) {
    trips += "t" + std::to_string(t) + ",o,d," + std::to_string(25200 + 3 * t) + "\n";
  }
  dir.write("trips.csv", trips);
  return "[network]\nsource = \"csv\"\nnodes = \"nodes.csv\"\nlinks = \"links.csv\"\n\n"
         "[demand]\nsource = \"trips\"\nfile = \"trips.csv\"\n\n"
         "[simulation]\nstart = \"07:00\"\nend = \"09:00\"\n\n"
         "[output]\nbin_s = 60.0\n\n";
}

// How many trips end on the route through `via` (a link id).
std::uint32_t trips_via(const DynamicAssignmentRecord& record, const Network& net,
                        const char* via) {
  const Index link = net.find_link(via);
  std::uint32_t count = 0;
  for (std::size_t r = 0; r + 1 < record.route_first_link.size(); ++r) {
    for (Index i = record.route_first_link[r]; i < record.route_first_link[r + 1]; ++i) {
      if (record.route_links[i] == link) count += record.route_trips[r];
    }
  }
  return count;
}

}  // namespace

TEST_CASE("dynamic assignment splits a bottleneck's demand as the dynamic equilibrium does") {
  const std::string rule = GENERATE(as<std::string>{}, "msa", "gap");
  TempDir dir;
  const std::string path =
      dir.write("s.toml", two_route_tables(dir) +
                              "[assignment]\nkind = \"dynamic\"\nmax_iterations = 40\n"
                              "target_gap = 0.02\nroute_bin_s = 60\nswitching = \"" +
                              rule + "\"\n");
  const Scenario scenario = load_scenario(path);
  REQUIRE(scenario.dynamic_assignment.enabled);
  const DynamicAssignmentRecord record = assign_dynamic(scenario, on_threads(2));
  const std::vector<DynamicIteration>& it = record.iterations;
  INFO(rule << ": iterations " << it.size() << ", first gap " << it.front().relative_gap
            << ", last gap " << it.back().relative_gap);
  // Everyone starts on the free-flow route through a, which queues far beyond 27 s.
  CHECK(it.front().relative_gap > 0.5);
  // The gap falls as the trips spread; whole vehicles 6 s apart at the bottleneck keep a few
  // percent of noise on 400 trips.
  CHECK(record.converged);
  CHECK(it.back().relative_gap <= 0.02);
  CHECK(it.back().mean_travel_time_s < it.front().mean_travel_time_s);
  // By hand (point queue at a > d): route a is worth taking while its queue delay is below the
  // 27 s it saves, so the first 27 s of departures (9 trips) build that queue and from then on
  // a takes what a > d passes, 600 veh/h, and b the other 600 veh/h: 9 + 391 / 2 ≈ 205 via a.
  const std::uint32_t via_a = trips_via(record, scenario.network, "ad");
  const std::uint32_t via_b = trips_via(record, scenario.network, "bd");
  INFO("via a " << via_a << ", via b " << via_b);
  CHECK(via_a + via_b == 400);
  CHECK(via_a >= 185);
  CHECK(via_a <= 225);
  CHECK(record.choosing_trips == 400);
  CHECK(it.front().switched_share == 0.0);
  CHECK(it[1].switched_share > 0.0);
}

TEST_CASE("trips between two links choose the path between them and keep both ends") {
  // The bottleneck network with an entry link s > o and an exit link d > e; each trip is given
  // the free-flow route s > o > a > d > e and marked as a trip between its first and last link,
  // as the SUMO importer marks <trip from= to=>. The split must be the one worked out above.
  TempDir dir;
  dir.write("nodes.csv",
            "id,x_m,y_m\ns,-500,0\no,0,0\na,1000,0\nb,600,900\nd,2000,0\n"
            "e,2500,0\n");
  dir.write("links.csv",
            "id,from,to,length_m,lanes,free_speed_mps,capacity_vph\n"
            "so,s,o,500,1,15,3600\noa,o,a,1000,1,15,3600\nad,a,d,1000,1,15,600\n"
            "ob,o,b,1200,1,15,3600\nbd,b,d,1200,1,15,3600\nde,d,e,500,1,15,3600\n");
  std::string trips = "id,origin,destination,depart,route\n";
  for (int t = 0; t < 400; ++t) {
    trips += "t" + std::to_string(t) + ",s,e," + std::to_string(25200 + 3 * t) + ",so oa ad de\n";
  }
  dir.write("trips.csv", trips);
  const std::string path =
      dir.write("s.toml",
                "[network]\nsource = \"csv\"\nnodes = \"nodes.csv\"\nlinks = \"links.csv\"\n\n"
                "[demand]\nsource = \"trips\"\nfile = \"trips.csv\"\n\n"
                "[simulation]\nstart = \"07:00\"\nend = \"09:00\"\n\n[output]\nbin_s = 60.0\n\n"
                "[assignment]\nkind = \"dynamic\"\nmax_iterations = 40\ntarget_gap = 0.02\n"
                "route_bin_s = 60\n");
  Scenario scenario = load_scenario(path);
  // Given routes alone leave nothing to choose.
  CHECK_THROWS_AS(assign_dynamic(scenario, on_threads(1)), InputError);
  scenario.demand.trip_route_between_links.assign(400, 1);
  const DynamicAssignmentRecord record = assign_dynamic(scenario, on_threads(2));
  CHECK(record.choosing_trips == 400);
  CHECK(record.converged);
  CHECK(record.iterations.front().relative_gap > 0.5);
  const Network& net = scenario.network;
  for (std::size_t r = 0; r + 1 < record.route_first_link.size(); ++r) {
    CHECK(record.route_links[record.route_first_link[r]] == net.find_link("so"));
    CHECK(record.route_links[record.route_first_link[r + 1] - 1] == net.find_link("de"));
  }
  const std::uint32_t via_a = trips_via(record, net, "ad");
  INFO("via a " << via_a);
  CHECK(via_a + trips_via(record, net, "bd") == 400);
  CHECK(via_a >= 185);
  CHECK(via_a <= 225);
}

TEST_CASE("a link closed in a bin costs its closure there, so trips learn to avoid it") {
  // o > a closes at 07:10 for good. The closure re-routes the vehicles that have not reached it
  // onto b in every simulation, so o > a carries nothing afterwards and, priced by what it
  // carried, would look free: the route through a (133 s against 160 s) would stay the best of
  // every trip leaving after 07:10. Priced closed (an hour more), it is left at once by those
  // trips (a route an hour dearer is not kept at the MSA's pace): after three simulations
  // hardly any still holds it (a trip entering o > a as it closes sees part of the penalty).
  TempDir dir;
  const std::string path = dir.write(
      "s.toml", two_route_tables(dir) +
                    "[[events]]\ntime = \"07:10\"\naction = \"close_link\"\nlink = \"oa\"\n\n"
                    "[assignment]\nkind = \"dynamic\"\nmax_iterations = 3\ntarget_gap = 1e-9\n");
  const Scenario scenario = load_scenario(path);
  const DynamicAssignmentRecord record = assign_dynamic(scenario, on_threads(2));
  REQUIRE(record.iterations.size() == 3);
  const Index oa = scenario.network.find_link("oa");
  Index late = 0, late_via_a = 0;
  for (Index t = 0; t < scenario.demand.road_trip_count(); ++t) {
    if (scenario.demand.trip_depart_s[t] < 25800.0) continue;
    ++late;
    const Index r = record.trip_route[t];
    for (Index i = record.route_first_link[r]; i < record.route_first_link[r + 1]; ++i) {
      if (record.route_links[i] == oa) ++late_via_a;
    }
  }
  INFO(late_via_a << " of " << late << " late trips via a");
  REQUIRE(late == 200);
  CHECK(late_via_a <= late / 10);
}

TEST_CASE("dynamic assignment gives the same routes and record at 1 and 2 threads") {
  TempDir dir;
  const std::string path =
      dir.write("s.toml", two_route_tables(dir) +
                              "[assignment]\nkind = \"dynamic\"\nmax_iterations = 6\n"
                              "switching = \"gap\"\n");
  const Scenario scenario = load_scenario(path);
  const DynamicAssignmentRecord one = assign_dynamic(scenario, on_threads(1));
  const DynamicAssignmentRecord two = assign_dynamic(scenario, on_threads(2));
  REQUIRE(one.iterations.size() == two.iterations.size());
  for (std::size_t k = 0; k < one.iterations.size(); ++k) {
    CHECK(one.iterations[k].relative_gap == two.iterations[k].relative_gap);
    CHECK(one.iterations[k].mean_travel_time_s == two.iterations[k].mean_travel_time_s);
    CHECK(one.iterations[k].switched_share == two.iterations[k].switched_share);
  }
  CHECK(one.switching == SwitchRule::gap);
  CHECK(one.route_links == two.route_links);
  CHECK(one.route_first_link == two.route_first_link);
  CHECK(one.route_trips == two.route_trips);
  CHECK(one.trip_route == two.trip_route);
}

TEST_CASE("a run of a scenario with kind = dynamic equilibrates first and runs the final routes") {
  TempDir dir;
  const std::string path = dir.write(
      "s.toml", two_route_tables(dir) + "[assignment]\nkind = \"dynamic\"\nmax_iterations = 3\n");
  const auto scenario = std::make_shared<Scenario>(load_scenario(path));
  RunOptions options;
  options.output_path = dir.file("run.h5");
  options.threads = 2;
  Index told = 0;
  options.on_dynamic_iteration = [&](Index, const DynamicIteration&) { ++told; };
  const RunResult result = run_scenario(scenario, options);
  CHECK(told == 3);
  REQUIRE(result.dynamic_assignment.iterations.size() == 3);
  // The run is the last iteration's simulation again: the same routes, the same travel time.
  CHECK(result.kpis.mean_travel_time_s ==
        Approx(result.dynamic_assignment.iterations.back().mean_travel_time_s));
}

TEST_CASE("a dynamic assignment where every trip has a route of its own is refused, saying why") {
  // Otherwise it would stop at once with a gap of 0 and report an equilibrium it never sought.
  TempDir dir;
  std::string tables = two_route_tables(dir);
  std::string trips = "id,origin,destination,depart,route\n";
  for (int t = 0; t < 10; ++t) {
    trips += "t" + std::to_string(t) + ",o,d," + std::to_string(25200 + 3 * t) + ",oa ad\n";
  }
  dir.write("trips.csv", trips);
  const std::string path = dir.write("s.toml", tables);
  const Scenario scenario = load_scenario(path);
  const InputError error = input_error_of([&] { assign_dynamic(scenario, on_threads(1)); });
  CHECK(error.file() == path);
  CHECK(error.field() == "assignment.kind");
  CHECK(std::string(error.what()).find("no road trip can choose its route") != std::string::npos);
}

TEST_CASE("[assignment] keys of a dynamic assignment and their errors") {
  TempDir dir;
  const std::string tables = two_route_tables(dir);
  const Scenario by_default =
      load_scenario(dir.write("d.toml", tables + "[assignment]\nkind = \"dynamic\"\n"));
  CHECK(by_default.dynamic_assignment.max_iterations == 20);
  CHECK(by_default.dynamic_assignment.target_gap == 0.01);
  CHECK(by_default.dynamic_assignment.switching == SwitchRule::msa);
  CHECK(by_default.dynamic_assignment.trip_route_fixed.empty());  // trips.csv: no warm start
  CHECK_FALSE(load_scenario(dir.write("s.toml", tables)).dynamic_assignment.enabled);

  const auto error = [&](const std::string& lines) {
    return input_error_of(
        [&] { load_scenario(dir.write("bad.toml", tables + "[assignment]\n" + lines + "\n")); });
  };
  CHECK(error("kind = \"dynamical\"").field() == "assignment.kind");
  CHECK(error("kind = \"dynamic\"\ntarget_gap = 2").field() == "assignment.target_gap");
  CHECK(error("kind = \"dynamic\"\nmax_iterations = 0").field() == "assignment.max_iterations");
  CHECK(error("kind = \"dynamic\"\nswitching = \"logit\"").field() == "assignment.switching");
  CHECK(error("kind = \"dynamic\"\nroute_bin_s = 0").field() == "assignment.route_bin_s");
  CHECK(error("kind = \"dynamic\"\nsteps = 3").field() == "assignment.steps");
}

TEST_CASE("route sets store each route once and each trip's routes in the order found") {
  RouteSets sets(3);
  const std::vector<Index> a{1, 2, 3}, b{1, 4, 3}, c{1, 2};
  CHECK(sets.add(0, a) == 0);
  CHECK(sets.add(1, a) == 0);  // the same links: the same route, shared
  CHECK(sets.add(0, b) == 1);
  CHECK(sets.add(0, a) == 0);  // already in trip 0's set
  CHECK(sets.add(2, c) == 2);  // a prefix is another route
  CHECK(sets.route_count() == 3);
  std::vector<Index> of_0;
  sets.for_each_route(0, [&](Index r) { of_0.push_back(r); });
  CHECK(of_0 == std::vector<Index>{0, 1});
  CHECK(std::vector<Index>(sets.links(1).begin(), sets.links(1).end()) == b);
}

TEST_CASE("an OD matrix starts a dynamic assignment on the static equilibrium's routes") {
  TempDir dir;
  two_route_tables(dir);  // the network files
  dir.write("od.csv", "origin,destination,trips\no,d,400\n");
  const std::string tables =
      "[network]\nsource = \"csv\"\nnodes = \"nodes.csv\"\nlinks = \"links.csv\"\n\n"
      "[demand]\nsource = \"od\"\nfile = \"od.csv\"\n"
      "profile = [[\"07:00\", 1.0], [\"07:20\", 0.0]]\n\n"
      "[simulation]\nstart = \"07:00\"\nend = \"09:00\"\n\n";
  const Scenario warm = load_scenario(
      dir.write("warm.toml", tables + "[assignment]\nkind = \"dynamic\"\nmax_iterations = 1\n"
                                      "demand_period = [\"07:00\", \"07:20\"]\n"));
  CHECK(warm.routes.equilibrium);
  // Every trip got an equilibrium route, and none of them is fixed by it.
  REQUIRE(warm.dynamic_assignment.trip_route_fixed.size() == 400);
  CHECK(std::ranges::count(warm.dynamic_assignment.trip_route_fixed, 1) == 0);
  const DynamicAssignmentRecord record = assign_dynamic(warm, on_threads(2));
  CHECK(record.warm_start);
  CHECK(record.choosing_trips == 400);
  // One iteration, no switching: the routes are the static equilibrium's, which (BPR costs,
  // 1,200 veh/h in the demand period) already split the trips over both routes.
  CHECK(trips_via(record, warm.network, "bd") > 0);

  const Scenario cold = load_scenario(dir.write(
      "cold.toml", tables + "[assignment]\nkind = \"dynamic\"\nroutes = \"shortest_path\"\n"));
  CHECK_FALSE(cold.routes.equilibrium);
  CHECK(cold.dynamic_assignment.trip_route_fixed.empty());
}
