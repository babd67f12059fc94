// Road works written in a scenario file: the zone a polygon picks on a grid city, the events they
// expand into, and a run with works that is bit-identical at 1 and 2 threads.
#include <catch2/catch.hpp>

#include <algorithm>

#include "output/h5_compare.hpp"
#include "run/run_scenario.hpp"
#include "scenario/scenario_file.hpp"
#include "toy_files.hpp"

using namespace arteria;
using arteria::testing::TempDir;

namespace {

// An 11 x 11 grid city, 200 m blocks, arterials (2 lanes) on rows and columns 0, 5 and 10.
// The works: a box around nodes 1_5 .. 4_5 of the arterial on row 5 (y = 1000 m), one lane
// of two closed and 30 km/h, from 06:30 to 07:30.
const char* grid_with_works = R"([network]
source = "grid"

[network.grid]
columns = 11
rows = 11
block_m = 200.0
arterial_every = 5

[demand]
source = "generated"
trips = 3000
start_s = "06:00"
peak_s = "06:45"
end_s = "07:30"
seed = 7

[simulation]
start = "06:00"
end = "08:30"
seed = 1

[output]
bin_s = 300.0

[[events]]
action = "road_works"
from = "06:30"
to = "07:30"
polygon = [[190, 990], [810, 990], [810, 1010], [190, 1010]]
lanes_closed = 1
speed_kmh = 30
)";

}  // namespace

TEST_CASE("road works in a file expand into lane and speed events on the polygon's links") {
  TempDir folder;
  const Scenario scenario = load_scenario(folder.write("works.toml", grid_with_works));
  // Three blocks, both ways: 6 links, each with a lane and a speed event at the start and end.
  REQUIRE(scenario.events.size() == 24);
  std::vector<std::string> links;
  for (const Event& event : scenario.events) {
    if (event.kind == EventKind::close_lanes && event.value > 0.0) {
      CHECK(event.time_s == 6.5 * 3600.0);
      links.push_back(scenario.network.link_external_id[event.target]);
    }
  }
  std::sort(links.begin(), links.end());
  CHECK(links ==
        std::vector<std::string>{"1_5>2_5", "2_5>1_5", "2_5>3_5", "3_5>2_5", "3_5>4_5", "4_5>3_5"});
  const auto ends =
      std::count_if(scenario.events.begin(), scenario.events.end(),
                    [](const Event& e) { return e.time_s == 7.5 * 3600.0 && e.value == 0.0; });
  CHECK(ends == 12);
}

TEST_CASE("a run with road works writes bit-identical output at 1 and 2 threads") {
  TempDir folder;
  const auto scenario =
      std::make_shared<const Scenario>(load_scenario(folder.write("works.toml", grid_with_works)));
  std::vector<std::string> files;
  for (int threads : {1, 2}) {
    RunOptions options;
    options.threads = threads;
    options.output_path = folder.file("run_" + std::to_string(threads) + ".h5");
    const RunResult result = run_scenario(scenario, options);
    const Kpis& k = result.kpis;
    CHECK(k.vehicles_inserted == k.vehicles_arrived + k.vehicles_en_route + k.vehicles_stuck);
    CHECK(k.vehicles_inserted + k.vehicles_waiting + k.vehicles_not_departed +
              k.vehicles_unroutable ==
          scenario->demand.trip_count());
    files.push_back(options.output_path);
  }
  CHECK(compare_h5_files(files[0], files[1]).empty());
}
