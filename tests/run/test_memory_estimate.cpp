// The memory model's arithmetic on a toy scenario small enough to count by hand, the way its
// phases add up, and the memory sizes --max-memory accepts.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "run/memory_estimate.hpp"
#include "run/run_scenario.hpp"
#include "scenario/scenario_file.hpp"
#include "toy_files.hpp"

using namespace arteria;
using arteria::testing::TempDir;

namespace {

const MemoryPart& part(const MemoryEstimate& estimate, const std::string& name) {
  for (const MemoryPart& p : estimate.parts) {
    if (p.name == name) return p;
  }
  FAIL("no part " << name);
  throw std::logic_error("unreachable");
}

// o -> a -> d, two links of 1 km, 40 trips o -> d with short ids.
std::string write_toy(TempDir& dir, bool trips_table) {
  dir.write("nodes.csv", "id,x_m,y_m\no,0,0\na,1000,0\nd,2000,0\n");
  dir.write("links.csv",
            "id,from,to,length_m,lanes,free_speed_mps,capacity_vph\n"
            "oa,o,a,1000,1,15,1800\nad,a,d,1000,1,15,1800\n");
  std::string trips = "id,origin,destination,depart\n";
  for (int t = 0; t < 40; ++t) trips += "t" + std::to_string(t) + ",o,d,25200\n";
  dir.write("trips.csv", trips);
  return dir.write("toy.toml",
                   std::string("[network]\nsource = \"csv\"\nnodes = \"nodes.csv\"\n"
                               "links = \"links.csv\"\n\n[demand]\nsource = \"trips\"\n"
                               "file = \"trips.csv\"\n\n[simulation]\nstart = \"07:00\"\n"
                               "end = \"08:00\"\nstep_s = 1.0\n\n[output]\nfile = \"toy.h5\"\n") +
                       (trips_table ? "" : "trips = false\n"));
}

}  // namespace

TEST_CASE("the memory model counts a toy scenario part by part") {
  TempDir dir;
  const Scenario scenario = load_scenario(write_toy(dir, true));
  const MemoryEstimate estimate = estimate_memory(scenario, {1000, 1});

  // The process part is the baseline given plus one worker thread's megabyte.
  CHECK(part(estimate, "process").bytes == 1000 + (1u << 20));
  // Every trip's shortest path is the two links; the sample sees all of them (one origin).
  CHECK(estimate.mean_route_links == 2.0);
  // Routes: (trips + 1) offsets and 2 links per trip, 4 bytes each.
  CHECK(part(estimate, "routes").bytes == 41 * 4 + 80 * 4);
  // Demand: 40 trips x (two ends, departure, pcu, source ref, given-route offset = 32 bytes)
  // and their ids, short enough to live inside the std::string (32 bytes each).
  CHECK(part(estimate, "demand").bytes == 40 * 32 + 40 * 32);
  // Vehicles: status, the motion record (32 bytes), three times, free-flow time, reroutes and
  // the departure list entry, its sort and its time: 79 bytes each.
  CHECK(part(estimate, "state: vehicles").bytes == 40 * 79);
  // 1 km at 15 km/h waves takes 240 s: 242 wave slots rounded up to 256, per link.
  CHECK(part(estimate, "state: links").counts.find("512 wave slots") != std::string::npos);

  SECTION("the peak is the whole-run parts and the larger phase") {
    std::uint64_t phase[3] = {0, 0, 0};
    for (const MemoryPart& p : estimate.parts) phase[static_cast<int>(p.phase)] += p.bytes;
    const std::uint64_t routing = phase[1];
    const std::uint64_t simulation = phase[2];
    REQUIRE(routing > 0);
    REQUIRE(simulation > 0);
    CHECK(estimate.total_bytes() == phase[0] + std::max(routing, simulation));
  }
  SECTION("without the trips table there is no part for it") {
    TempDir other;
    const Scenario lean = load_scenario(write_toy(other, false));
    const MemoryEstimate smaller = estimate_memory(lean, {1000, 1});
    for (const MemoryPart& p : smaller.parts) CHECK(p.name != "output: trips table");
    CHECK(smaller.total_bytes() < estimate.total_bytes());
  }
}

TEST_CASE("a run whose estimate exceeds --max-memory is refused before it writes anything") {
  TempDir dir;
  auto scenario = std::make_shared<Scenario>(load_scenario(write_toy(dir, true)));
  RunOptions options;
  options.output_path = dir.file("toy.h5");
  options.max_memory_bytes = 1 << 20;
  CHECK_THROWS_AS(run_scenario(scenario, options), InputError);
  CHECK_FALSE(std::filesystem::exists(options.output_path));
}

TEST_CASE("memory sizes take binary K, M, G, T suffixes") {
  CHECK(parse_memory_size("123456") == 123456);
  CHECK(parse_memory_size("100K") == 100 * 1024);
  CHECK(parse_memory_size("800M") == 800ull << 20);
  CHECK(parse_memory_size("800MB") == 800ull << 20);
  CHECK(parse_memory_size("2G") == 2ull << 30);
  CHECK(parse_memory_size("1.5GiB") == 3ull << 29);
  CHECK(parse_memory_size("1t") == 1ull << 40);
  CHECK_THROWS_AS(parse_memory_size("lots"), std::invalid_argument);
  CHECK_THROWS_AS(parse_memory_size("2X"), std::invalid_argument);
  CHECK_THROWS_AS(parse_memory_size("-1G"), std::invalid_argument);
  CHECK(format_bytes(3ull << 29) == "1.5 GiB");
  CHECK(format_bytes(820ull << 20) == "820 MiB");
}
