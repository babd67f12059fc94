// `arteria import` through the real CLI: imported folders run with exactly the KPIs of their
// sources (TNTP, SUMO, OSM), GTFS feeds are summarised, bad arguments exit with code 2.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/csv_write.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario/scenario_writer.hpp"
#include "sim/simulation.hpp"

using namespace arteria;
namespace fs = std::filesystem;

namespace {

const std::string data = ARTERIA_DATA_DIR;

struct TempDir {
  fs::path path;
  TempDir() {
    static int counter = 0;
    path = fs::temp_directory_path() /
           ("arteria_import_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

struct CliResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

CliResult run_cli(const std::string& arguments, const TempDir& dir) {
  const std::string log = dir / "cli.log";
  const std::string command =
      std::string(ARTERIA_CLI_PATH) + " " + arguments + " > " + log + " 2>&1";
  const int status = std::system(command.c_str());
  std::ifstream in(log);
  std::ostringstream text;
  text << in.rdbuf();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text.str()};
}

Kpis simulate(const std::string& scenario_file) {
  const auto scenario = std::make_shared<const Scenario>(load_scenario(scenario_file));
  Simulation sim(scenario, 2);
  while (!sim.done()) sim.step();
  return sim.kpis();
}

void check_same(const Kpis& a, const Kpis& b) {
  CHECK(a.vehicles_inserted == b.vehicles_inserted);
  CHECK(a.vehicles_arrived == b.vehicles_arrived);
  CHECK(a.vehicles_en_route == b.vehicles_en_route);
  CHECK(a.vehicles_stuck == b.vehicles_stuck);
  CHECK(a.vehicles_waiting == b.vehicles_waiting);
  CHECK(a.stuck_push_throughs == b.stuck_push_throughs);
  // Bit for bit: the folder holds the same network, trips and parameters.
  CHECK(a.vkt_km == b.vkt_km);
  CHECK(a.vht_h == b.vht_h);
  CHECK(a.mean_travel_time_s == b.mean_travel_time_s);
  CHECK(a.mean_delay_s == b.mean_delay_s);
}

}  // namespace

TEST_CASE("an imported TNTP folder runs exactly as its sources do") {
  TempDir dir;
  const CliResult r = run_cli("import tntp " + data + "/tntp/SiouxFalls --out " + (dir / "sf") +
                                  " --scale 0.1 --seed 4 --profile 07:00=1,08:00=2,08:30=0",
                              dir);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("24 nodes") != std::string::npos);
  CHECK(r.output.find("36,060 vehicle trips") != std::string::npos);
  CHECK(r.output.find("lengths in mi (known network), times in min (known network)") !=
        std::string::npos);
  for (const char* file : {"nodes.csv", "links.csv", "trips.csv", "scenario.toml", "source.toml"}) {
    CHECK(fs::exists(dir / ("sf/" + std::string(file))));
  }
  const Kpis imported = simulate(dir / "sf/scenario.toml");
  CHECK(imported.vehicles_inserted == 36060);
  check_same(imported, simulate(dir / "sf/source.toml"));
}

TEST_CASE("an imported SUMO folder runs exactly as scenarios/bologna_acosta does") {
  TempDir dir;
  const CliResult r =
      run_cli("import sumo " + data + "/sumo/bologna-acosta --out " + (dir / "bologna"), dir);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  // No end in run.sumocfg: an hour after the last departure (3,600 s), as the scenario file has.
  CHECK(r.output.find("simulation ends at 02:00:00") != std::string::npos);
  CHECK(r.output.find("157 of them are transit vehicles") != std::string::npos);
  CHECK(fs::exists(dir / "bologna/signals.csv"));
  CHECK(fs::exists(dir / "bologna/turns.csv"));
  // Every trip keeps its SUMO route.
  std::ifstream trips(dir / "bologna/trips.csv");
  std::string line;
  std::getline(trips, line);
  CHECK(line == "id,origin,destination,depart,pcu,class,route");  // buses and trucks: a class
  std::size_t rows = 0, routed = 0;
  while (std::getline(trips, line)) {
    ++rows;
    routed += line.back() != ',';
  }
  CHECK(rows == 8779);
  CHECK(routed == 8779);
  check_same(simulate(dir / "bologna/scenario.toml"),
             simulate(std::string(ARTERIA_SOURCE_DIR) + "/scenarios/bologna_acosta/scenario.toml"));
}

TEST_CASE("an imported OSM folder with random trips runs exactly as its sources do") {
  TempDir dir;
  // The trailing slash once named the scenario "" and its output ".h5" (a hidden file).
  const CliResult r =
      run_cli("import osm " + data + "/osm/monaco/monaco.osm.pbf " + data +
                  "/osm/monaco/monaco.poly --out " + (dir / "monaco/") + " --trips 600 --seed 9",
              dir);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("nodes outside the polygon dropped") != std::string::npos);
  CHECK(r.output.find("strongly connected components") != std::string::npos);
  CHECK(r.output.find("the 600 trips are random") != std::string::npos);
  const Scenario imported = load_scenario(dir / "monaco/scenario.toml");
  CHECK(imported.name == "monaco");
  CHECK(fs::path(imported.output.file).filename() == "monaco.h5");
  check_same(simulate(dir / "monaco/scenario.toml"), simulate(dir / "monaco/source.toml"));
}

TEST_CASE("arteria import --help says the OSM trips are random") {
  TempDir dir;
  const CliResult r = run_cli("import --help", dir);
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("RANDOM trips") != std::string::npos);
  CHECK(r.output.find("default 2000") != std::string::npos);
}

TEST_CASE("a GTFS import summarises one service day and writes a transit-only scenario") {
  // Its speed goal (< 2 s) is bench/import_speed.py's: a timed check here fails under the
  // sanitizers, which run the same code 5-30 times slower.
  TempDir dir;
  const CliResult r = run_cli(
      "import gtfs " + data + "/gtfs/cairns/cairns_gtfs.zip --out " + (dir / "cairns"), dir);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("22 routes") != std::string::npos);
  CHECK(r.output.find("1,339 trips") != std::string::npos);
  CHECK(r.output.find("37,790 stop times") != std::string::npos);
  CHECK(fs::exists(dir / "cairns/gtfs_summary.csv"));
  REQUIRE(fs::exists(dir / "cairns/scenario.toml"));
  const CliResult run =
      run_cli("run " + (dir / "cairns/scenario.toml") + " --out " + (dir / "cairns.h5"), dir);
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  CHECK(run.output.find("transit: 636 of 636 trips completed") != std::string::npos);

  const CliResult seattle =
      run_cli("import gtfs " + data + "/gtfs/seattle-area-2017 --out " + (dir / "seattle"), dir);
  INFO(seattle.output);
  REQUIRE(seattle.exit_code == 0);
  for (const char* mode : {"bus (route_type 3)", "tram (route_type 0)", "ferry (route_type 4)"}) {
    CHECK(seattle.output.find(mode) != std::string::npos);
  }
}

TEST_CASE("bad import arguments fail with one line naming the problem and exit code 2") {
  TempDir dir;
  SECTION("a TNTP folder without its trips table") {
    const CliResult r = run_cli(
        "import tntp " + data + "/tntp/SiouxFalls/SiouxFalls_net.tntp --out " + (dir / "x"), dir);
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("_trips.tntp") != std::string::npos);
  }
  SECTION("a TNTP length unit that is not one the reader knows") {
    const CliResult r = run_cli(
        "import tntp " + data + "/tntp/SiouxFalls --out " + (dir / "x") + " --length-unit furlong",
        dir);
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("--length-unit") != std::string::npos);
    CHECK(r.output.find("mi, km, m, ft") != std::string::npos);
  }
  SECTION("an input that does not exist") {
    const CliResult r =
        run_cli("import osm " + (dir / "none.osm.pbf") + " --out " + (dir / "x"), dir);
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("none.osm.pbf") != std::string::npos);
  }
  SECTION("a malformed profile") {
    const CliResult r = run_cli("import osm " + data + "/osm/andorra/andorra.osm.pbf --out " +
                                    (dir / "x") + " --profile 07:00=1,eight=2",
                                dir);
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("--profile") != std::string::npos);
  }
  SECTION("a GTFS service date that is not a date") {
    const CliResult r = run_cli("import gtfs " + data + "/gtfs/cairns/cairns_gtfs.zip --out " +
                                    (dir / "x") + " --date 20141345",
                                dir);
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("date") != std::string::npos);
  }
  SECTION("an unknown kind") {
    const CliResult r = run_cli("import matsim x --out " + (dir / "x"), dir);
    CHECK(r.exit_code != 0);
  }
}

// `arteria import` and Python's Scenario.save write folders with one writer (scenario_writer):
// import passes its comment and the [simulation] and [output] tables of the file it loaded.
TEST_CASE("the scenario writer takes a comment and verbatim [simulation] and [output] tables") {
  TempDir dir;
  Scenario s =
      load_scenario(std::string(ARTERIA_SOURCE_DIR) + "/scenarios/small_town/scenario.toml");
  s.name = "tab\there \"quoted\"";     // control characters are escaped, as TOML requires
  s.demand.given_route_links.clear();  // no given routes
  s.demand.trip_first_given_link.assign(s.demand.trip_count() + 1, 0);
  SaveOptions options;
  options.comment = "first\nsecond";
  options.simulation_tables = "[simulation]\nstart = " + format_double(s.sim.start_s) +
                              "\nend = " + format_double(s.sim.end_s) +
                              "\nseed = 3\n\n[output]\nfile = \"x.h5\"\n";
  const SavedScenarioFiles files = save_scenario(s, dir / "out", options);
  std::ifstream in(files.scenario);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.rfind("# first\n# second\n\n[scenario]\nname = \"tab\\there \\\"quoted\\\"\"\n", 0) ==
        0);
  CHECK(text.find(options.simulation_tables) != std::string::npos);
  CHECK(text.find("threads =") == std::string::npos);  // no parameter besides the given ones
  const Scenario back = load_scenario(files.scenario);
  CHECK(back.name == s.name);
  CHECK(back.sim.seed == 3);
  CHECK(back.output.file == (fs::path(dir / "out") / "x.h5").string());
  CHECK(back.demand.trip_depart_s == s.demand.trip_depart_s);
  CHECK(back.demand.trip_external_id == s.demand.trip_external_id);
  // No trip has a given route: trips.csv has no route column (import always wrote an empty one).
  std::ifstream trips(files.trips);
  std::string header;
  std::getline(trips, header);
  CHECK(header == "id,origin,destination,depart,pcu");
}
