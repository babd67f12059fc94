// A run's link times read back as a LinkCostSeries: per bin, by link id, with the rule for bins
// nobody left a link in; a run on another network is refused, naming the file and the link.
#include <catch2/catch.hpp>

#include <hdf5.h>
#include <cmath>
#include <filesystem>
#include <numeric>
#include <string>

#include "base/sealed_file.hpp"
#include "output/link_cost_reader.hpp"
#include "output/run_reader.hpp"
#include "output/run_writer.hpp"
#include "output/sealed_outputs.hpp"
#include "toy_files.hpp"

using namespace arteria;
using arteria::testing::input_error_of;
using arteria::testing::TempDir;

namespace {

const float nan = std::nanf("");

// ab: 300 m at 10 m/s, bc: 600 m at 20 m/s; both 30 s at free flow. `extra` adds cd.
Network two_links(bool reversed, bool extra = false) {
  NetworkSpec spec;
  spec.nodes = {{"a", 0, 0, false, {}}, {"b", 300, 0, false, {}}, {"c", 900, 0, false, {}}};
  LinkSpec ab{"ab", "a", "b", 300.0, 1.0, 10.0, 1800.0, road_modes, {}, {}};
  LinkSpec bc{"bc", "b", "c", 600.0, 1.0, 20.0, 1800.0, road_modes, {}, {}};
  spec.links = reversed ? std::vector<LinkSpec>{bc, ab} : std::vector<LinkSpec>{ab, bc};
  if (extra) {
    spec.nodes.push_back({"d", 900, 300, false, {}});
    spec.links.push_back({"cd", "c", "d", 300.0, 1.0, 10.0, 1800.0, road_modes, {}, {}});
  }
  return compile_network(spec);
}

LinkBin bin(double time_s, std::vector<float> speed, std::vector<float> queue) {
  LinkBin b;
  b.resize(2);
  b.time_s = time_s;
  b.mean_speed_mps = std::move(speed);
  b.queue_veh = std::move(queue);
  return b;
}

// Three bins of 300 s from 08:00 on two_links(false).
void write_run(const std::string& path) {
  const Network net = two_links(false);
  RunMeta meta;
  meta.scenario_name = "two links";
  meta.start_s = 28800.0;
  meta.end_s = 29700.0;
  meta.bin_s = 300.0;
  RunWriter writer(path, meta, net);
  writer.append_link_bin(bin(28800.0, {5.0f, nan}, {0.0f, 0.0f}));
  writer.append_link_bin(bin(29100.0, {20.0f, nan}, {0.0f, 2.0f}));
  writer.append_link_bin(bin(29400.0, {nan, nan}, {0.0f, 1.0f}));
  writer.finish({}, {});
}

}  // namespace

TEST_CASE("a run's link times come back per bin, by link id, with estimates where none left") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  write_run(path);
  const Network net = two_links(true);  // the same links, listed the other way round
  const Index ab = net.find_link("ab");
  const Index bc = net.find_link("bc");
  const LinkCostSeries costs = read_link_cost_series(path, net);
  REQUIRE(costs.bin_count() == 3);
  CHECK(costs.link_count == 2);
  CHECK(costs.start_s == 28800.0);
  CHECK(costs.bin_s == 300.0);
  CHECK(costs.bin_at(29150.0) == 1);
  // ab: 300 m at 5 m/s; then faster than free flow, kept at free flow; then nobody on it.
  CHECK(costs.bin(0)[ab] == Approx(60.0));
  CHECK(costs.bin(1)[ab] == Approx(30.0));
  CHECK(costs.bin(2)[ab] == Approx(30.0));
  // bc: empty (free flow); then queued with nobody leaving: the bin's length more than before,
  // and again.
  CHECK(costs.bin(0)[bc] == Approx(30.0));
  CHECK(costs.bin(1)[bc] == Approx(330.0));
  CHECK(costs.bin(2)[bc] == Approx(630.0));
}

TEST_CASE("link times of a run on another network are refused, naming the file and the link") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  write_run(path);
  const InputError extra =
      input_error_of([&] { read_link_cost_series(path, two_links(false, true)); });
  CHECK(extra.file() == path);
  CHECK(extra.field() == "/network/links/id");
  CHECK(std::string(extra.what()).find("scenario's link 'cd' is not in the run") !=
        std::string::npos);

  NetworkSpec one;
  one.nodes = {{"a", 0, 0, false, {}}, {"b", 300, 0, false, {}}};
  one.links = {{"ab", "a", "b", 300.0, 1.0, 10.0, 1800.0, road_modes, {}, {}}};
  const InputError fewer =
      input_error_of([&] { read_link_cost_series(path, compile_network(one)); });
  CHECK(std::string(fewer.what()).find("run's link 'bc' is not in the scenario") !=
        std::string::npos);

  const InputError none =
      input_error_of([&] { read_link_cost_series(dir.write("not.h5", "text"), two_links(false)); });
  CHECK(none.file() == dir.file("not.h5"));
}

// Found by fuzzing (tests/fuzz/fuzz_run_summary, fuzz_link_costs): HDF5's own failures on a
// damaged file came out as std::runtime_error, so `arteria info` exited 1, not 2 for bad input,
// and some damaged files crashed HDF5 itself. Now the seal refuses them before HDF5 opens them.
TEST_CASE("a truncated run file is an InputError naming it, for info and for costs_from") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  write_run(path);
  std::filesystem::resize_file(path, 4096);
  const InputError summary = input_error_of([&] { read_run_summary(path); });
  CHECK(summary.file() == path);
  CHECK(summary.field() == "length");
  CHECK(std::string(summary.what()).find("truncated") != std::string::npos);
  const InputError costs = input_error_of([&] { read_link_cost_series(path, two_links(false)); });
  CHECK(costs.file() == path);
}

// One length per link is read without a bound check against the ids: a shorter column must be
// refused before it is indexed.
TEST_CASE("a run whose link lengths do not match its link ids is refused") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  write_run(path);
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  REQUIRE(file >= 0);
  REQUIRE(H5Ldelete(file, "/network/links/length_m", H5P_DEFAULT) >= 0);
  const hsize_t one = 1;
  const float length = 300.0f;
  const hid_t space = H5Screate_simple(1, &one, nullptr);
  const hid_t column = H5Dcreate2(file, "/network/links/length_m", H5T_NATIVE_FLOAT, space,
                                  H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  REQUIRE(H5Dwrite(column, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, &length) >= 0);
  H5Dclose(column);
  H5Sclose(space);
  H5Fclose(file);
  // Changed after Arteria wrote it: refused as such...
  const InputError changed = input_error_of([&] { read_link_cost_series(path, two_links(false)); });
  CHECK((changed.field() == "length" || changed.field() == "sha256"));
  // ...and sealed again, as a buggy writer would, the column itself is refused.
  seal_file(path, run_file_magic);
  const InputError error = input_error_of([&] { read_link_cost_series(path, two_links(false)); });
  CHECK(error.file() == path);
  CHECK(error.field() == "/network/links/length_m");
}
