// Checkpoints: a run resumed from any of its checkpoints, at another thread count, writes the
// same file as the run that never stopped; checkpoints of another run, and damaged ones, are
// refused with an InputError naming the file and field.
//
// The toy: buses with passengers in the traffic of a 6 x 6 grid, and a closure and reopening
// that re-route cars, so a checkpoint holds vehicles on links and at stops, riders and waiting
// passengers, re-routed routes, events applied and still to come, and a bin half done.
#include <tbb/global_control.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "output/checkpoint_file.hpp"
#include "output/h5_compare.hpp"
#include "run/run_scenario.hpp"
#include "scenario/scenario_file.hpp"
#include "toy_gtfs.hpp"

using namespace arteria;
using namespace arteria::testing;
namespace fs = std::filesystem;

namespace {

// Route B among cars and passengers, with a closure at 07:05 lifted at 08:05.
std::string buses_in_traffic(const TempDir& dir) {
  return write_buses_in_grid_traffic(
      dir,
      "\n[[events]]\ntime = \"07:05\"\naction = \"close_link\"\nlink = \"2_3>3_3\"\n\n"
      "[[events]]\ntime = \"07:05\"\naction = \"close_link\"\nlink = \"3_3>2_3\"\n\n"
      "[[events]]\ntime = \"08:05\"\naction = \"reopen_link\"\nlink = \"2_3>3_3\"\n\n"
      "[[events]]\ntime = \"08:05\"\naction = \"reopen_link\"\nlink = \"3_3>2_3\"\n");
}

RunOptions options_for(const fs::path& out, int threads) {
  RunOptions options;
  options.output_path = out.string();
  options.threads = threads;
  return options;
}

std::string differences(const std::vector<std::string>& lines) {
  std::string text;
  for (std::size_t i = 0; i < lines.size() && i < 10; ++i) text += lines[i] + "\n";
  return text;
}

// The checkpoints `every_s` apart of a 1-thread run of the toy, and the toy's plain output.
struct Reference {
  TempDir dir;
  std::shared_ptr<const Scenario> scenario;
  std::string plain;
  RunResult checkpointed;
};

void make_reference(Reference& ref, double every_s) {
  ref.scenario = std::make_shared<const Scenario>(load_scenario(buses_in_traffic(ref.dir)));
  ref.plain = ref.dir.file("plain.h5");
  run_scenario(ref.scenario, options_for(ref.plain, 1));
  RunOptions options = options_for(ref.dir.file("checkpointed.h5"), 1);
  options.checkpoints.every_s = every_s;
  options.checkpoints.dir = ref.dir.file("checkpoints");
  ref.checkpointed = run_scenario(ref.scenario, options);
}

}  // namespace

TEST_CASE("A run resumed from any of its checkpoints, at 1 or 2 threads, writes the same file",
          "[checkpoint]") {
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 2);
  Reference ref;
  // 1,000 s: checkpoints fall inside output bins (300 s) and between the events' times.
  make_reference(ref, 1000.0);
  // Writing checkpoints changes nothing in the run.
  CHECK(compare_h5_files(ref.plain, ref.checkpointed.output_path).empty());
  // 06:40:00 (the first multiple of 1,000 s after 06:30) to the end of the traffic.
  REQUIRE(ref.checkpointed.checkpoints.size() >= 7);
  CHECK(fs::path(ref.checkpointed.checkpoints[0]).filename() == "toy_transit-064000.ckpt.h5");

  // The checkpoint at 07:13:20 has it all in progress: cars and buses on the network, riders,
  // re-routed cars, two events applied and two to come, a bin half done.
  const Checkpoint middle = read_checkpoint(ref.checkpointed.checkpoints[2]);
  CHECK(middle.state.time_s == hms(7, 13) + 20);
  CHECK(middle.state.next_event == 2);
  CHECK(middle.state.reroutes > 0);
  CHECK(middle.state.bin.steps > 0);
  CHECK(middle.bins.size() == (hms(7, 10) - hms(6, 30)) / 300);
  std::size_t riding = 0, en_route = 0;
  for (const PassengerPhase phase : middle.state.transit.pax_phase) {
    riding += phase == PassengerPhase::riding;
  }
  for (const VehicleStatus status : middle.state.vehicles.status) {
    en_route += status == VehicleStatus::en_route;
  }
  CHECK(riding > 0);
  CHECK(en_route > 0);
  // Passengers wait at stops at some checkpoint (not necessarily that one).
  std::size_t waiting = 0;
  for (const std::string& path : ref.checkpointed.checkpoints) {
    for (const auto& stop : read_checkpoint(path).state.transit.stop_waiting) {
      waiting += stop.size();
    }
  }
  CHECK(waiting > 0);
  CHECK_FALSE(middle.state.transit.running.empty());

  for (const std::string& checkpoint : ref.checkpointed.checkpoints) {
    for (const int threads : {1, 2}) {
      INFO(checkpoint << " at " << threads << " threads");
      RunOptions options = options_for(ref.dir.file("resumed.h5"), threads);
      options.resume_path = checkpoint;
      const RunResult resumed = run_scenario(ref.scenario, options);
      CHECK(resumed.resumed_from_s > 0.0);
      const auto diff = compare_h5_files(ref.plain, resumed.output_path);
      INFO(differences(diff));
      CHECK(diff.empty());
    }
  }
}

TEST_CASE("A resumed run that checkpoints again writes the same checkpoints", "[checkpoint]") {
  Reference ref;
  make_reference(ref, 1800.0);
  const std::vector<std::string>& first = ref.checkpointed.checkpoints;
  REQUIRE(first.size() >= 3);
  RunOptions options = options_for(ref.dir.file("resumed.h5"), 2);
  options.resume_path = first[0];
  options.checkpoints.every_s = 1800.0;
  options.checkpoints.dir = ref.dir.file("again");
  options.checkpoints.keep = 1;  // the older ones of this run go
  const RunResult resumed = run_scenario(ref.scenario, options);
  REQUIRE(resumed.checkpoints.size() == first.size() - 1);
  CHECK(fs::path(resumed.checkpoints[0]).filename() == fs::path(first[1]).filename());
  // A checkpoint's state is its state: the one written after resuming holds the same columns.
  const auto diff = compare_h5_files(first.back(), resumed.checkpoints.back(), {}, {});
  INFO(differences(diff));
  CHECK(diff.empty());
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(ref.dir.file("again"))) {
    left.push_back(entry.path().string());
  }
  CHECK(left == std::vector<std::string>{resumed.checkpoints.back()});
}

TEST_CASE("A checkpoint of another scenario, seed or overrides is refused, naming what differs",
          "[checkpoint]") {
  Reference ref;
  make_reference(ref, 3600.0);
  REQUIRE(!ref.checkpointed.checkpoints.empty());
  const std::string checkpoint = ref.checkpointed.checkpoints[0];
  const auto resume_with = [&](const std::vector<std::string>& overrides) {
    const auto other =
        std::make_shared<const Scenario>(load_scenario(ref.dir.file("scenario.toml"), overrides));
    RunOptions options = options_for(ref.dir.file("other.h5"), 1);
    options.resume_path = checkpoint;
    return input_error_of([&] { run_scenario(other, options); });
  };
  const InputError seed = resume_with({"simulation.seed=9"});
  CHECK(seed.file() == checkpoint);
  CHECK(seed.field() == "scenario_sha256");
  CHECK_THAT(seed.message(), Catch::Contains("seed: checkpoint '1', this run '9'"));
  CHECK_THAT(seed.message(), Catch::Contains("overrides: checkpoint '', this run "
                                             "'simulation.seed=9'"));
  const InputError end = resume_with({"simulation.end=10:00"});
  CHECK_THAT(end.message(), Catch::Contains("simulation.end=10:00"));
  CHECK_FALSE(fs::exists(ref.dir.file("other.h5")));
}

TEST_CASE("A damaged checkpoint is an InputError naming the file, never a crash", "[checkpoint]") {
  Reference ref;
  make_reference(ref, 3600.0);
  REQUIRE(!ref.checkpointed.checkpoints.empty());
  const std::string good = ref.checkpointed.checkpoints[0];
  const auto bytes = [&] {
    std::ifstream in(good, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  const auto damaged = [&](const std::string& name, const std::string& content) {
    const std::string path = ref.dir.file(name);
    std::ofstream(path, std::ios::binary) << content;
    return input_error_of([&] { read_checkpoint(path); });
  };
  SECTION("truncated") {
    for (const double share : {0.0, 0.1, 0.5, 0.9, 0.999}) {
      const std::size_t length =
          static_cast<std::size_t>(share * static_cast<double>(bytes.size()));
      const InputError error = damaged("truncated.ckpt.h5", bytes.substr(0, length));
      INFO(error.what());
      CHECK(error.file() == ref.dir.file("truncated.ckpt.h5"));
    }
  }
  SECTION("bytes changed") {
    // Every 64th of the file in turn: headers, tables and column data alike. A change HDF5
    // never reads (free space, padding) may leave the file readable, with its checksum intact.
    for (std::size_t k = 1; k < 64; ++k) {
      std::string changed = bytes;
      changed[k * bytes.size() / 64] ^= 0x5a;
      const std::string path = ref.dir.file("changed.ckpt.h5");
      std::ofstream(path, std::ios::binary) << changed;
      INFO("byte " << k * bytes.size() / 64);
      try {
        read_checkpoint(path);
      } catch (const InputError& error) {
        CHECK(error.file() == path);
      }
    }
  }
  SECTION("a column's value changed, the file still valid HDF5") {
    // Flip a byte of the step counter column (8 bytes holding the step): valid HDF5 still, but
    // not the bytes sealed in.
    const Checkpoint read = read_checkpoint(good);
    const std::uint64_t step = read.state.step;
    const std::string needle(reinterpret_cast<const char*>(&step), sizeof step);
    const std::size_t at = bytes.find(needle);
    REQUIRE(at != std::string::npos);
    std::string changed = bytes;
    changed[at] ^= 0x01;
    const InputError error = damaged("flipped.ckpt.h5", changed);
    CHECK(error.field() == "sha256");
  }
  SECTION("not a checkpoint") {
    const InputError text = damaged("text.ckpt.h5", "not HDF5 at all\n");
    CHECK_THAT(text.message(), Catch::Contains("not a checkpoint"));
    const InputError run_file = input_error_of([&] { read_checkpoint(ref.plain); });
    CHECK_THAT(run_file.message(), Catch::Contains("not a checkpoint"));
    const InputError missing = input_error_of([&] { read_checkpoint(ref.dir.file("none.h5")); });
    CHECK_THAT(missing.message(), Catch::Contains("does it exist"));
  }
}

TEST_CASE("Checkpoint names: the scenario name made file-safe and the simulated time",
          "[checkpoint]") {
  CHECK(checkpoint_path("out", "default city", hms(8, 0)) == "out/default_city-080000.ckpt.h5");
  CHECK(checkpoint_path("d", "a/b:c", hms(29, 30) + 5) == "d/a_b_c-293005.ckpt.h5");
  CHECK(checkpoint_path(".", "", 59.0) == "./scenario-000059.ckpt.h5");
}

TEST_CASE("A run with vehicle classes resumes to the same file, per-class outflow included",
          "[checkpoint]") {
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 2);
  TempDir dir;
  Scenario scenario = load_scenario(buses_in_traffic(dir));
  Demand& demand = scenario.demand;
  for (Index t = 0; t < demand.road_trip_count(); ++t) {
    const ClassIndex c = static_cast<ClassIndex>(t % 3 == 0 ? truck_class : car_class);
    demand.trip_class[t] = c;
    demand.trip_pcu[t] = demand.classes.pcu[c];
  }
  const auto classes = std::make_shared<const Scenario>(std::move(scenario));
  const std::string plain = dir.file("plain.h5");
  run_scenario(classes, options_for(plain, 1));
  RunOptions options = options_for(dir.file("checkpointed.h5"), 1);
  options.checkpoints.every_s = 1000.0;
  options.checkpoints.dir = dir.file("checkpoints");
  const RunResult checkpointed = run_scenario(classes, options);
  REQUIRE(checkpointed.checkpoints.size() >= 3);
  const Checkpoint middle = read_checkpoint(checkpointed.checkpoints[2]);
  REQUIRE_FALSE(middle.bins.empty());
  CHECK(middle.bins[0].class_outflow.size() == classes->demand.classes.count());
  RunOptions resume = options_for(dir.file("resumed.h5"), 2);
  resume.resume_path = checkpointed.checkpoints[2];
  const RunResult resumed = run_scenario(classes, resume);
  const auto diff = compare_h5_files(plain, resumed.output_path);
  INFO(differences(diff));
  CHECK(diff.empty());
}
