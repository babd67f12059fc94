// The default city with every vehicle class and a truck ban: bit-identical output at 1 and 2
// threads, banned links never driven by trucks, per-class series in the file.
#include <tbb/global_control.h>
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>

#include "output/h5_compare.hpp"
#include "run/run_scenario.hpp"
#include "scenario/scenario_file.hpp"
#include "sim/simulation.hpp"

using namespace arteria;
namespace fs = std::filesystem;

namespace {

const std::string default_city = std::string(ARTERIA_SOURCE_DIR) + "/scenarios/default_city.toml";

// The default city with its trips spread over the five built-in classes by trip index, and
// trucks banned from every tenth link.
std::shared_ptr<const Scenario> city_with_classes() {
  Scenario scenario = load_scenario(default_city);
  VehicleClassSpec truck;
  truck.name = "truck";
  truck.field = "vehicle_classes[0]";
  for (Index l = 0; l < scenario.network.link_count; l += 10) {
    truck.banned_links.push_back(scenario.network.link_external_id[l]);
  }
  Demand& demand = scenario.demand;
  demand.classes = compile_vehicle_classes({truck}, scenario.network, {});
  for (Index t = 0; t < demand.road_trip_count(); ++t) {
    const ClassIndex c = static_cast<ClassIndex>(t % demand.classes.count());
    demand.trip_class[t] = c;
    demand.trip_pcu[t] = demand.classes.pcu[c];
  }
  return std::make_shared<const Scenario>(std::move(scenario));
}

}  // namespace

TEST_CASE(
    "the default city with vehicle classes and a truck ban is bit-identical at 1 and 2 threads") {
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 2);
  const auto scenario = city_with_classes();
  const fs::path dir = fs::temp_directory_path() / ("arteria_classes_" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::vector<std::string> files;
  for (int threads : {1, 2}) {
    RunOptions options;
    options.threads = threads;
    options.output_path = (dir / ("run_" + std::to_string(threads) + ".h5")).string();
    const RunResult result = run_scenario(scenario, options);
    const Kpis& k = result.kpis;
    CHECK(k.vehicles_inserted == k.vehicles_arrived + k.vehicles_en_route + k.vehicles_stuck);
    files.push_back(options.output_path);
  }
  CHECK(compare_h5_files(files[0], files[1]).empty());
  fs::remove_all(dir);
}

TEST_CASE("trucks in the default city never drive a link banned to them") {
  const auto scenario = city_with_classes();
  Simulation sim(scenario, 2);
  const VehicleClasses& classes = scenario->demand.classes;
  const SimState& s = sim.state();
  std::size_t trucks = 0;
  std::size_t routed = 0;
  for (Index v = 0; v < scenario->demand.road_trip_count(); ++v) {
    const ClassIndex c = scenario->demand.trip_class[v];
    if (c == truck_class) ++trucks;
    if (s.routes.trip_first_link[v + 1] > s.routes.trip_first_link[v]) ++routed;
    for (Index p = s.routes.trip_first_link[v]; p < s.routes.trip_first_link[v + 1]; ++p) {
      REQUIRE(classes.allows(scenario->network, c, s.routes.links[p]));
    }
  }
  CHECK(trucks > 0);
  CHECK(routed > 0);
}
