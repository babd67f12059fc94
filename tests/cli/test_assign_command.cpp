// `arteria assign` and the [assignment] table: hourly OD flows from trips, BPR defaults and
// overrides, unknown keys, unreachable pairs (an error unless allowed), and the Sioux Falls
// scenario through the real CLI into HDF5 and CSV.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "assignment/static_assignment.hpp"
#include "base/error.hpp"
#include "output/hdf5_handle.hpp"
#include "scenario/build_scenario.hpp"
#include "scenario/scenario_assignment.hpp"
#include "scenario/scenario_file.hpp"
#include "toy_files.hpp"

using namespace arteria;
using arteria::testing::TempDir;

namespace {

// A line a - b - c with node e on no link; trips.csv line 5 goes to e.
std::string write_toy(const TempDir& dir, const std::string& assignment_table) {
  dir.write("nodes.csv", "id,x_m,y_m\na,0,0\nb,500,0\nc,1000,0\ne,0,900\n");
  dir.write("links.csv",
            "id,from,to,length_m,lanes,free_speed_kmh,capacity_vph\n"
            "ab,a,b,500,1,50,900\nba,b,a,500,1,50,900\nbc,b,c,500,1,50,900\n"
            "cb,c,b,500,1,50,900\n");
  dir.write("trips.csv",
            "id,origin,destination,depart\n"
            "t1,a,c,07:00\nt2,a,c,07:20\nt3,c,a,07:40\nt4,a,e,07:50\nt5,a,c,08:10\n");
  return dir.write("scenario.toml",
                   "[network]\nsource = \"csv\"\nnodes = \"nodes.csv\"\nlinks = \"links.csv\"\n"
                   "[demand]\nsource = \"trips\"\nfile = \"trips.csv\"\n"
                   "[simulation]\nstart = \"06:00\"\nend = \"09:00\"\n" +
                       assignment_table);
}

struct CliResult {
  int exit_code = -1;
  std::string output;
};

CliResult run_cli(const std::string& arguments, const TempDir& dir) {
  const std::string log = dir.file("cli.log");
  const std::string command =
      std::string(ARTERIA_CLI_PATH) + " assign " + arguments + " > " + log + " 2>&1";
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, arteria::testing::read_text(log)};
}

}  // namespace

TEST_CASE("Trips in the demand period become hourly OD flows", "[assignment][scenario]") {
  TempDir dir;
  const std::string path =
      write_toy(dir, "[assignment]\ndemand_period = [\"07:00\", \"07:30\"]\nb = 0.5\npower = 2\n");
  const ScenarioSpec spec = read_scenario_spec(path);
  const Scenario scenario = build_scenario(spec);
  const AssignmentProblem problem = scenario_assignment_problem(spec, scenario);
  REQUIRE(problem.od.size() == 1);           // t1 and t2 depart in [07:00, 07:30)
  CHECK(problem.od[0].flow == Approx(4.0));  // two trips in half an hour
  CHECK(problem.files[problem.od[0].where.file] == dir.file("trips.csv"));
  CHECK(problem.od[0].where.line == 2);
  CHECK(problem.links[0].free_flow_time == Approx(36.0));  // 500 m at 50 km/h
  CHECK(problem.links[0].capacity == Approx(900.0));
  CHECK(problem.links[0].b == 0.5);
  CHECK(problem.links[0].power == 2.0);
}

TEST_CASE("Without a demand period the simulated period counts", "[assignment][scenario]") {
  TempDir dir;
  const std::string path = write_toy(dir, "");
  const ScenarioSpec spec = read_scenario_spec(path);
  const AssignmentProblem problem = scenario_assignment_problem(spec, build_scenario(spec));
  REQUIRE(problem.od.size() == 3);  // a-c (3 trips), c-a, a-e over three hours
  CHECK(problem.od[0].flow == Approx(1.0));
  CHECK(problem.links[0].b == 0.15);
  CHECK(problem.links[0].power == 4.0);
  CHECK(unreachable_od_pairs(problem) == std::vector<std::size_t>{2});
}

TEST_CASE("Unknown and bad [assignment] keys name the file, line and key",
          "[assignment][scenario]") {
  TempDir dir;
  const auto error_of = [&](const std::string& table) {
    return arteria::testing::input_error_of([&] { read_scenario_spec(write_toy(dir, table)); });
  };
  const InputError unknown = error_of("[assignment]\ngap = 1e-8\nalgoritm = \"frank_wolfe\"\n");
  CHECK(unknown.file() == dir.file("scenario.toml"));
  CHECK(unknown.line() == 13);
  CHECK_THAT(unknown.field(), Catch::Contains("algoritm"));
  const InputError negative = error_of("[assignment]\nb = -1\n");
  CHECK(negative.line() == 12);
  CHECK_THAT(negative.field(), Catch::Contains("b"));
  const InputError period = error_of("[assignment]\ndemand_period = [\"08:00\", \"07:00\"]\n");
  CHECK_THAT(period.message(), Catch::Contains("not after the start"));
}

TEST_CASE("arteria assign refuses unreachable pairs unless they are allowed", "[assignment][cli]") {
  TempDir dir;
  const CliResult refused =
      run_cli(write_toy(dir, "[assignment]\ngap = 1e-9\n") + " --out " + dir.file("a.h5"), dir);
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.output, Catch::Contains("1 OD pairs with demand have no path") &&
                                 Catch::Contains("a -> e") && Catch::Contains("trips.csv line 5") &&
                                 Catch::Contains("allow_unreachable"));
  const CliResult allowed = run_cli(
      write_toy(dir, "[assignment]\nallow_unreachable = true\n") + " --out " + dir.file("a.h5"),
      dir);
  CHECK(allowed.exit_code == 0);
  CHECK_THAT(allowed.output, Catch::Contains("warning: 1 OD pairs"));
}

TEST_CASE("arteria assign solves Sioux Falls into HDF5 and CSV", "[assignment][cli]") {
  TempDir dir;
  const std::string scenario =
      std::string(ARTERIA_SOURCE_DIR) + "/scenarios/siouxfalls/scenario.toml";
  const CliResult result = run_cli(scenario + " --gap 1e-10 --threads 2 --no-progress --out " +
                                       dir.file("sf.h5") + " --csv " + dir.file("sf.csv"),
                                   dir);
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  const h5::File file = h5::open_file_read_only(dir.file("sf.h5"));
  const h5::Group group = h5::open_group(file.get(), "assignment");
  double gap = 1.0, objective = 0.0;
  std::string algorithm, stop;
  h5::read_attribute(group.get(), "relative_gap", gap);
  h5::read_attribute(group.get(), "objective", objective);
  h5::read_attribute(group.get(), "algorithm", algorithm);
  h5::read_attribute(group.get(), "stop_reason", stop);
  CHECK(gap <= 1e-10);
  CHECK(objective / 60.0 == Approx(4231335.287).epsilon(1e-7));  // minutes x veh/h in TNTP
  CHECK(algorithm == "algorithm_b");
  CHECK(stop == "converged");
  CHECK(h5::path_exists(file.get(), "/network/links/from"));
  std::istringstream csv(arteria::testing::read_text(dir.file("sf.csv")));
  std::string line;
  std::getline(csv, line);
  CHECK(line == "id,from,to,flow,cost_s,capacity,v/c");
  int rows = 0;
  while (std::getline(csv, line)) ++rows;
  CHECK(rows == 76);
}
