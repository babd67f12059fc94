// [assignment] routes = "equilibrium" end to end: a scenario file whose trips start on
// equilibrium routes splits them in the equilibrium's proportions (shortest paths put all on
// one route), reports the count in /meta, writes the same file at 1 and 2 threads, and keeps
// shortest paths for trips outside the demand period.
#include <tbb/global_control.h>

#include <catch2/catch.hpp>
#include <string>

#include "output/h5_compare.hpp"
#include "output/run_reader.hpp"
#include "run/run_scenario.hpp"
#include "scenario/scenario_file.hpp"
#include "toy_files.hpp"

using namespace arteria;
using arteria::testing::TempDir;

namespace {

// Two routes from A to D: via B (100 s, 600 veh/h) and via C (150 s, 1200 veh/h); 1200 trips
// from 07:00 to 08:00 and 60 after it.
std::string write_two_routes(const TempDir& dir, const std::string& assignment_table) {
  dir.write("nodes.csv", "id,x_m,y_m\nA,0,0\nB,1000,500\nC,1000,-500\nD,2000,0\n");
  dir.write("links.csv",
            "id,from,to,length_m,lanes,free_speed_kmh,capacity_vph\n"
            "AB,A,B,1000,1,72,600\nBD,B,D,1000,1,72,600\n"
            "AC,A,C,1500,1,72,1200\nCD,C,D,1500,1,72,1200\n");
  std::string trips = "id,origin,destination,depart\n";
  for (int i = 0; i < 1260; ++i) {
    trips += "t" + std::to_string(i) + ",A,D," + std::to_string(25200 + 3 * i) + "\n";
  }
  dir.write("trips.csv", trips);
  return dir.write("scenario.toml",
                   "[network]\nsource = \"csv\"\nnodes = \"nodes.csv\"\nlinks = \"links.csv\"\n"
                   "[demand]\nsource = \"trips\"\nfile = \"trips.csv\"\n"
                   "[simulation]\nstart = \"07:00\"\nend = \"10:00\"\n" +
                       assignment_table);
}

double share_via_b(const Scenario& scenario) {
  const Demand& demand = scenario.demand;
  const Index via_b = scenario.network.find_link("AB");
  Index count = 0;
  Index routed = 0;
  for (Index trip = 0; trip < demand.road_trip_count(); ++trip) {
    if (!demand.has_given_route(trip)) continue;
    ++routed;
    count += demand.given_route_links[demand.trip_first_given_link[trip]] == via_b ? 1 : 0;
  }
  return static_cast<double>(count) / routed;
}

}  // namespace

TEST_CASE("Trips start on equilibrium routes in the equilibrium's proportions",
          "[assignment][equilibrium_routes]") {
  TempDir dir;
  const std::string path = write_two_routes(
      dir, "[assignment]\nroutes = \"equilibrium\"\ndemand_period = [\"07:00\", \"08:00\"]\n");
  const Scenario scenario = load_scenario(path);
  CHECK(scenario.routes.equilibrium);
  CHECK(scenario.routes.equilibrium_trips == 1200);
  CHECK(scenario.routes.shortest_path_trips == 60);  // departing after 08:00
  for (Index trip = 1200; trip < 1260; ++trip) CHECK_FALSE(scenario.demand.has_given_route(trip));
  // At 1200 veh/h the BPR equilibrium puts about 810 veh/h via B (both routes then cost ~148 s).
  CHECK(share_via_b(scenario) == Approx(810.0 / 1200.0).margin(0.05));

  const Scenario shortest = load_scenario(write_two_routes(dir, ""));
  CHECK_FALSE(shortest.routes.equilibrium);
  CHECK(shortest.demand.given_route_links.empty());
}

TEST_CASE("A run on equilibrium routes is the same at 1 and 2 threads and says so in /meta",
          "[assignment][equilibrium_routes]") {
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 2);
  TempDir dir;
  const auto scenario = std::make_shared<const Scenario>(load_scenario(write_two_routes(
      dir, "[assignment]\nroutes = \"equilibrium\"\ndemand_period = [\"07:00\", \"08:00\"]\n")));
  std::vector<std::string> files;
  for (const int threads : {1, 2}) {
    RunOptions options;
    options.threads = threads;
    options.output_path = dir.file("run_" + std::to_string(threads) + ".h5");
    run_scenario(scenario, options);
    files.push_back(options.output_path);
  }
  CHECK(compare_h5_files(files[0], files[1]).empty());
  const RunSummary summary = read_run_summary(files[0]);
  CHECK(summary.meta.routes == "equilibrium");
  CHECK(summary.meta.equilibrium_route_trips == 1200);
}

TEST_CASE("A closure in force at the demand period's start shapes the equilibrium routes",
          "[assignment][equilibrium_routes]") {
  TempDir dir;
  const std::string closed = write_two_routes(
      dir,
      "[assignment]\nroutes = \"equilibrium\"\ndemand_period = [\"07:00\", \"08:00\"]\n"
      "[[events]]\ntime = \"07:00\"\naction = \"close_link\"\nlink = \"BD\"\n");
  CHECK(share_via_b(load_scenario(closed)) == 0.0);

  const std::string cut =
      write_two_routes(dir,
                       "[assignment]\nroutes = \"equilibrium\"\n"
                       "[[events]]\ntime = \"07:00\"\naction = \"close_link\"\nlink = \"BD\"\n"
                       "[[events]]\ntime = \"07:00\"\naction = \"close_link\"\nlink = \"CD\"\n");
  const InputError error = arteria::testing::input_error_of([&] { load_scenario(cut); });
  CHECK_THAT(error.what(), Catch::Contains("1 OD pairs with demand have no path, e.g. A -> D"));
  CHECK_THAT(error.what(), Catch::Contains("allow_unreachable"));
}
