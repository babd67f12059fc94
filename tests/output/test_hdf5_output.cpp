// The HDF5 run file: layout and values as written by RunWriter, crash safety (no file left
// behind without finish()), determinism checked by compare_h5_files, and the summary reader.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "base/sealed_file.hpp"
#include "model/emission_factors.hpp"
#include "model/network.hpp"
#include "model/vehicle_classes.hpp"
#include "output/h5_compare.hpp"
#include "output/hdf5_handle.hpp"
#include "output/run_reader.hpp"
#include "output/run_writer.hpp"
#include "output/sealed_outputs.hpp"
#include "toy_files.hpp"

namespace fs = std::filesystem;
using namespace arteria;
using arteria::testing::TempDir;

namespace {

// A -> B -> C, the first link with a bend; C is a centroid.
Network tiny_network() {
  NetworkSpec spec;
  spec.nodes = {
      {"A", 0.0, 0.0, false, {}}, {"B", 300.0, 0.0, false, {}}, {"C", 300.0, 400.0, true, {}}};
  LinkSpec ab{"ab", "A", "B", 320.0, 2.0, 13.9, 3600.0, road_modes, {}, {}};
  ab.geometry = {{0.0, 0.0}, {150.0, 50.0}, {300.0, 0.0}};
  LinkSpec bc{"bc", "B", "C", 400.0, 1.0, 8.3, 1800.0, mode_car, {}, {}};
  spec.links = {ab, bc};
  return compile_network(spec);
}

RunMeta tiny_meta(int threads) {
  RunMeta meta;
  meta.engine_version = "0.1.0";
  meta.scenario_name = "tiny";
  meta.scenario_sha256 = std::string(64, 'a');
  meta.seed = 42;
  meta.threads = threads;
  meta.step_s = 1.0;
  meta.start_s = 28800.0;
  meta.end_s = 29700.0;
  meta.bin_s = 300.0;
  return meta;
}

LinkBin bin_at(double time_s, float scale) {
  LinkBin bin;
  bin.time_s = time_s;
  bin.inflow = {1.0f * scale, 2.0f * scale};
  bin.outflow = {0.5f * scale, 1.5f * scale};
  bin.occupancy = {3.0f, 4.0f};
  bin.mean_speed_mps = {12.5f, std::nanf("")};
  bin.queue_veh = {0.0f, 1.0f};
  return bin;
}

TripRecords three_trips() {
  TripRecords trips;
  trips.vehicle = {0, 1, 2};
  trips.external_id = {"car-0", "car-1", "bus-\xC3\xA9"};  // UTF-8 survives
  trips.origin = {0, 0, 1};
  trips.destination = {2, 2, 2};
  trips.depart_s = {28800.0, 28810.0, 29000.0};
  trips.insert_s = {28800.0, 28811.0, std::nan("")};
  trips.arrive_s = {28900.0, std::nan(""), std::nan("")};
  trips.removed_s = {std::nan(""), std::nan(""), std::nan("")};
  trips.distance_m = {720.0f, 320.0f, 0.0f};
  trips.free_flow_time_s = {71.2f, 71.2f, 48.2f};
  trips.status = {0, 1, 3};
  trips.reroutes = {0, 2, 0};
  trips.vehicle_class = {car_class, truck_class, no_vehicle_class};
  return trips;
}

Kpis tiny_kpis() {
  Kpis kpis;
  kpis.vehicles_inserted = 2;
  kpis.vehicles_arrived = 1;
  kpis.vehicles_en_route = 1;
  kpis.vehicles_waiting = 1;
  kpis.vkt_km = 1.04;
  kpis.mean_travel_time_s = 100.0;
  return kpis;
}

// A complete run: 3 bins, 3 trips, 1 event. `inflow_scale` lets a test change one value.
void write_tiny_run(const std::string& path, const Network& net, int threads = 4,
                    float last_inflow_scale = 1.0f) {
  RunWriter writer(path, tiny_meta(threads), net);
  writer.append_link_bin(bin_at(28800.0, 1.0f));
  writer.append_link_bin(bin_at(29100.0, 2.0f));
  writer.append_link_bin(bin_at(29400.0, last_inflow_scale));
  writer.write_trips(three_trips());
  Event close;
  close.time_s = 29000.0;
  close.kind = EventKind::close_link;
  close.target = 1;
  writer.write_events({close});
  RunPerf perf;
  perf.total_s = threads * 0.1;     // differs between runs, as wall-clock times do
  CHECK(writer.waited_s() >= 0.0);  // a real run stores it in perf.output_s; it varies
  writer.finish(tiny_kpis(), perf);
}

template <class T>
std::vector<T> read_column(hid_t file, const char* path, hid_t memory_type) {
  const h5::Dataset dataset(h5::check_id(H5Dopen2(file, path, H5P_DEFAULT), "H5Dopen2", path));
  hsize_t elements = 1;
  for (const hsize_t d : h5::dataset_dims(dataset.get())) elements *= d;
  std::vector<T> values(elements);
  h5::check_status(
      H5Dread(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), "H5Dread",
      path);
  return values;
}

std::vector<std::string> read_strings(hid_t file, const char* path) {
  const h5::Datatype type = h5::utf8_string_type();
  std::vector<char*> raw = read_column<char*>(file, path, type.get());
  std::vector<std::string> values(raw.begin(), raw.end());
  for (char* s : raw) H5free_memory(s);
  return values;
}

std::vector<hsize_t> dims_of(hid_t file, const char* path) {
  const h5::Dataset dataset(h5::check_id(H5Dopen2(file, path, H5P_DEFAULT), "H5Dopen2", path));
  return h5::dataset_dims(dataset.get());
}

template <class T>
T attribute(hid_t file, const char* object, const char* name) {
  const h5::Object handle(h5::check_id(H5Oopen(file, object, H5P_DEFAULT), "H5Oopen", object));
  T value{};
  h5::read_attribute(handle.get(), name, value);
  return value;
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("RunWriter writes meta, network, link series, trips, events, kpi and perf") {
  const TempDir dir;
  const Network net = tiny_network();
  const std::string path = dir.file("run.h5");
  write_tiny_run(path, net);
  REQUIRE(fs::exists(path));
  REQUIRE_FALSE(fs::exists(path + ".tmp"));

  const h5::QuietErrors quiet;
  const h5::File file = h5::open_file_read_only(path);
  const hid_t f = file.get();

  CHECK(attribute<std::string>(f, "/meta", "scenario_name") == "tiny");
  CHECK(attribute<std::string>(f, "/meta", "scenario_sha256") == std::string(64, 'a'));
  CHECK(attribute<std::uint64_t>(f, "/meta", "seed") == 42);
  CHECK(attribute<int>(f, "/meta", "threads") == 4);
  CHECK(attribute<double>(f, "/meta", "bin_s") == 300.0);
  CHECK(attribute<double>(f, "/meta", "end_s") == 29700.0);

  CHECK(read_strings(f, "/network/nodes/id") == std::vector<std::string>{"A", "B", "C"});
  CHECK(read_column<std::uint8_t>(f, "/network/nodes/centroid", H5T_NATIVE_UINT8) ==
        std::vector<std::uint8_t>{0, 0, 1});
  CHECK(read_strings(f, "/network/links/id") == std::vector<std::string>{"ab", "bc"});
  CHECK(read_column<std::uint32_t>(f, "/network/links/to", H5T_NATIVE_UINT32) ==
        std::vector<std::uint32_t>{1, 2});
  CHECK(read_column<float>(f, "/network/links/capacity_vph", H5T_NATIVE_FLOAT) ==
        std::vector<float>{3600.0f, 1800.0f});
  CHECK(read_column<std::uint8_t>(f, "/network/links/modes", H5T_NATIVE_UINT8) ==
        std::vector<std::uint8_t>{road_modes, mode_car});
  // 3 points for the bent link, 2 (its end nodes) for the straight one.
  CHECK(read_column<std::uint32_t>(f, "/network/links/geometry_offsets", H5T_NATIVE_UINT32) ==
        std::vector<std::uint32_t>{0, 3, 5});
  CHECK(read_column<double>(f, "/network/links/geometry_y_m", H5T_NATIVE_DOUBLE) ==
        std::vector<double>{0.0, 50.0, 0.0, 0.0, 400.0});
  CHECK(attribute<std::string>(f, "/network/links/length_m", "units") == "m");

  CHECK(dims_of(f, "/links/inflow") == std::vector<hsize_t>{3, 2});
  CHECK(read_column<float>(f, "/links/inflow", H5T_NATIVE_FLOAT) ==
        std::vector<float>{1.0f, 2.0f, 2.0f, 4.0f, 1.0f, 2.0f});
  const std::vector<float> speed = read_column<float>(f, "/links/mean_speed_mps", H5T_NATIVE_FLOAT);
  CHECK(speed[0] == 12.5f);
  CHECK(std::isnan(speed[1]));
  CHECK(read_column<double>(f, "/links/time_s", H5T_NATIVE_DOUBLE) ==
        std::vector<double>{28800.0, 29100.0, 29400.0});
  CHECK(attribute<double>(f, "/links", "bin_s") == 300.0);
  CHECK(attribute<std::string>(f, "/links/mean_speed_mps", "units") == "m/s");
  CHECK(attribute<std::string>(f, "/links/queue_veh", "units") == "veh");

  CHECK(read_strings(f, "/trips/id") == std::vector<std::string>{"car-0", "car-1", "bus-\xC3\xA9"});
  CHECK(read_column<std::uint16_t>(f, "/trips/reroutes", H5T_NATIVE_UINT16) ==
        std::vector<std::uint16_t>{0, 2, 0});
  const std::vector<double> arrive = read_column<double>(f, "/trips/arrive_s", H5T_NATIVE_DOUBLE);
  CHECK(arrive[0] == 28900.0);
  CHECK(std::isnan(arrive[2]));
  CHECK(read_column<std::uint8_t>(f, "/trips/status", H5T_NATIVE_UINT8) ==
        std::vector<std::uint8_t>{0, 1, 3});

  CHECK(read_strings(f, "/events/kind") == std::vector<std::string>{"close_link"});
  CHECK(read_strings(f, "/events/target") == std::vector<std::string>{"bc"});

  CHECK(attribute<std::uint64_t>(f, "/kpi", "vehicles_arrived") == 1);
  CHECK(attribute<std::uint64_t>(f, "/kpi", "vehicles_waiting") == 1);
  CHECK(attribute<double>(f, "/kpi", "vkt_km") == 1.04);
  CHECK(attribute<double>(f, "/perf", "total_s") == Approx(0.4));
  CHECK(attribute<std::uint64_t>(f, "/perf", "link_transitions") == 0);
}

TEST_CASE("RunWriter writes each bin's emissions to /emissions and their sums to /kpi") {
  const TempDir dir;
  const Network net = tiny_network();
  const std::string path = dir.file("run.h5");
  RunWriter writer(path, tiny_meta(1), net);
  writer.append_link_bin(bin_at(28800.0, 1.0f));
  writer.append_link_bin(bin_at(29100.0, 2.0f));
  const Kpis written = writer.finish(tiny_kpis(), RunPerf{});

  // Link ab (320 m) had 0.5 and then 1.0 vehicles leave at 12.5 m/s = 45 km/h; link bc's
  // speed is NaN (no mean), so it counts nothing.
  const double factor = emission_factor_g_per_km(EmissionClass::petrol_car, Pollutant::co2, 45.0);
  const h5::QuietErrors quiet;
  const h5::File file = h5::open_file_read_only(path);
  const hid_t f = file.get();
  CHECK(dims_of(f, "/emissions/co2_g") == std::vector<hsize_t>{2, 2});
  const std::vector<float> co2 = read_column<float>(f, "/emissions/co2_g", H5T_NATIVE_FLOAT);
  CHECK(co2[0] == Approx(0.5 * 0.32 * factor).epsilon(1e-6));
  CHECK(co2[1] == 0.0f);
  CHECK(co2[2] == Approx(1.0 * 0.32 * factor).epsilon(1e-6));
  CHECK(co2[3] == 0.0f);
  for (const char* name : {"/emissions/nox_g", "/emissions/pm25_g", "/emissions/fuel_g"}) {
    CHECK(dims_of(f, name) == std::vector<hsize_t>{2, 2});
    CHECK(attribute<std::string>(f, name, "units") == "g");
  }
  CHECK(attribute<std::string>(f, "/emissions", "vehicle_class") == "petrol_car");
  CHECK(attribute<double>(f, "/kpi", "co2_kg") == Approx(1.5 * 0.32 * factor / 1000.0));
  CHECK(written.co2_kg == attribute<double>(f, "/kpi", "co2_kg"));
  CHECK(written.nox_kg == attribute<double>(f, "/kpi", "nox_kg"));
  CHECK(written.nox_kg > 0.0);
  CHECK(written.vehicles_inserted == 2);  // the caller's KPIs are kept

  // Per class (no classes written: the built-ins, everything charged as a car): 1.5 × 0.32
  // vehicle-km of car, none of the others.
  CHECK(read_strings(f, "/emissions/by_class/class") ==
        std::vector<std::string>{"car", "truck", "bus", "emergency", "electric_car"});
  const std::vector<double> vehicle_km =
      read_column<double>(f, "/emissions/by_class/vehicle_km", H5T_NATIVE_DOUBLE);
  CHECK(vehicle_km[car_class] == Approx(1.5 * 0.32));
  CHECK(vehicle_km[truck_class] == 0.0);
  const std::vector<double> class_co2 =
      read_column<double>(f, "/emissions/by_class/co2_kg", H5T_NATIVE_DOUBLE);
  CHECK(class_co2[car_class] == Approx(written.co2_kg).epsilon(1e-6));
  CHECK(class_co2[bus_class] == 0.0);
  CHECK(attribute<std::string>(f, "/emissions/by_class/nox_kg", "units") == "kg");
}

TEST_CASE("A writer without emissions leaves /emissions out and still totals them in /kpi") {
  const TempDir dir;
  const Network net = tiny_network();
  const std::string path = dir.file("run.h5");
  RunWriter writer(path, tiny_meta(1), net, /*emissions=*/false);
  writer.append_link_bin(bin_at(28800.0, 1.0f));
  writer.append_link_bin(bin_at(29100.0, 2.0f));
  const Kpis written = writer.finish(tiny_kpis(), RunPerf{});

  const double factor = emission_factor_g_per_km(EmissionClass::petrol_car, Pollutant::co2, 45.0);
  const h5::QuietErrors quiet;
  const h5::File file = h5::open_file_read_only(path);
  CHECK_FALSE(h5::path_exists(file.get(), "/emissions"));
  CHECK(h5::path_exists(file.get(), "/links/outflow"));
  CHECK(attribute<double>(file.get(), "/kpi", "co2_kg") == Approx(1.5 * 0.32 * factor / 1000.0));
  CHECK(written.co2_kg > 0.0);
}

TEST_CASE("trip status names are stored in TripStatus order") {
  const TempDir dir;
  const Network net = tiny_network();
  write_tiny_run(dir.file("run.h5"), net);
  const h5::QuietErrors quiet;
  const h5::File file = h5::open_file_read_only(dir.file("run.h5"));
  const h5::Dataset status(H5Dopen2(file.get(), "/trips/status", H5P_DEFAULT));
  const h5::Attribute names(H5Aopen(status.get(), "status_names", H5P_DEFAULT));
  const h5::Datatype type = h5::utf8_string_type();
  std::vector<char*> raw(6, nullptr);
  REQUIRE(H5Aread(names.get(), type.get(), raw.data()) >= 0);
  const std::vector<std::string> values(raw.begin(), raw.end());
  for (char* s : raw) H5free_memory(s);
  CHECK(values == std::vector<std::string>{"arrived", "en_route", "stuck", "waiting",
                                           "not_departed", "unroutable"});
}

TEST_CASE("read_run_summary returns meta, kpis and table sizes") {
  const TempDir dir;
  const Network net = tiny_network();
  write_tiny_run(dir.file("run.h5"), net);
  const RunSummary summary = read_run_summary(dir.file("run.h5"));
  CHECK(summary.meta.scenario_name == "tiny");
  CHECK(summary.meta.seed == 42);
  CHECK(summary.meta.step_s == 1.0);
  CHECK(summary.kpis.vehicles_inserted == 2);
  CHECK(summary.kpis.mean_travel_time_s == 100.0);
  CHECK(summary.node_count == 3);
  CHECK(summary.link_count == 2);
  CHECK(summary.bin_count == 3);
  CHECK(summary.trip_count == 3);
  CHECK(summary.event_count == 1);
}

TEST_CASE("a writer destroyed without finish leaves no file under either name") {
  const TempDir dir;
  const Network net = tiny_network();
  const std::string path = dir.file("aborted.h5");
  {
    RunWriter writer(path, tiny_meta(1), net);
    writer.append_link_bin(bin_at(28800.0, 1.0f));
    REQUIRE(fs::exists(path + ".tmp"));
    LinkBin wrong = bin_at(29100.0, 1.0f);
    wrong.inflow.pop_back();
    CHECK_THROWS_AS(writer.append_link_bin(std::move(wrong)), std::invalid_argument);
  }
  CHECK_FALSE(fs::exists(path));
  CHECK_FALSE(fs::exists(path + ".tmp"));
}

TEST_CASE("a finish that cannot rename leaves no temporary file behind") {
  const TempDir dir;
  const Network net = tiny_network();
  // The final name is taken by a non-empty directory, so the rename fails.
  const std::string path = dir.file("taken");
  fs::create_directories(fs::path(path) / "inside");
  {
    RunWriter writer(path, tiny_meta(1), net);
    writer.append_link_bin(bin_at(28800.0, 1.0f));
    CHECK_THROWS(writer.finish(Kpis{}, RunPerf{}));
    // The writer is done after a failed finish too: later calls fail instead of hanging.
    for (int i = 0; i < 6; ++i) {
      CHECK_THROWS_AS(writer.append_link_bin(bin_at(29100.0, 1.0f)), std::logic_error);
    }
  }
  CHECK_FALSE(fs::exists(path + ".tmp"));
  CHECK(fs::is_directory(fs::path(path) / "inside"));
}

TEST_CASE("a finished writer refuses more records") {
  const TempDir dir;
  const Network net = tiny_network();
  RunWriter writer(dir.file("done.h5"), tiny_meta(1), net);
  writer.write_trips(three_trips());
  CHECK_THROWS_AS(writer.write_trips(three_trips()), std::logic_error);
  writer.finish(Kpis{}, RunPerf{});
  CHECK_THROWS_AS(writer.append_link_bin(bin_at(0.0, 1.0f)), std::logic_error);
  CHECK_THROWS_AS(writer.finish(Kpis{}, RunPerf{}), std::logic_error);
  CHECK(fs::exists(dir.file("done.h5")));
}

TEST_CASE("a run without trips or events still has empty /trips and /events tables") {
  const TempDir dir;
  const Network net = tiny_network();
  {
    RunWriter writer(dir.file("empty.h5"), tiny_meta(1), net);
    writer.finish(Kpis{}, RunPerf{});
  }
  const RunSummary summary = read_run_summary(dir.file("empty.h5"));
  CHECK(summary.trip_count == 0);
  CHECK(summary.event_count == 0);
  CHECK(summary.bin_count == 0);
}

TEST_CASE("a writer that cannot create its file says which file") {
  const TempDir dir;
  const Network net = tiny_network();
  const std::string path = dir.file("no/such/dir/run.h5");
  CHECK_THROWS_WITH(RunWriter(path, tiny_meta(1), net), Catch::Contains("no/such/dir/run.h5.tmp"));
}

TEST_CASE("identical runs give identical files, and a changed value is reported") {
  const TempDir dir;
  const Network net = tiny_network();
  write_tiny_run(dir.file("one.h5"), net, 1);
  write_tiny_run(dir.file("eight.h5"), net, 8);
  // Only /perf and meta's thread count differ between these two.
  CHECK(compare_h5_files(dir.file("one.h5"), dir.file("eight.h5")).empty());
  // No timestamps anywhere: the same inputs give the same bytes.
  write_tiny_run(dir.file("one_again.h5"), net, 1);
  const bool same_bytes = file_bytes(dir.file("one.h5")) == file_bytes(dir.file("one_again.h5"));
  CHECK(same_bytes);

  write_tiny_run(dir.file("changed.h5"), net, 1, 1.5f);
  const std::vector<std::string> differences =
      compare_h5_files(dir.file("one.h5"), dir.file("changed.h5"));
  // Inflow and outflow of the last bin, and the emissions that follow the outflow (the series
  // and their /kpi totals), in name order.
  const std::vector<std::string> expected = {"/emissions/by_class/co2_kg",
                                             "/emissions/by_class/fuel_kg",
                                             "/emissions/by_class/nox_kg",
                                             "/emissions/by_class/pm25_kg",
                                             "/emissions/by_class/vehicle_km",
                                             "/emissions/co2_g",
                                             "/emissions/fuel_g",
                                             "/emissions/nox_g",
                                             "/emissions/pm25_g",
                                             "/kpi@co2_kg",
                                             "/kpi@fuel_kg",
                                             "/kpi@nox_kg",
                                             "/kpi@pm25_kg",
                                             "/links/inflow",
                                             "/links/outflow"};
  REQUIRE(differences.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK_THAT(differences[i], Catch::StartsWith(expected[i] + ":"));
  }
  CHECK_THAT(differences[13], Catch::Contains("element 4"));

  // Without the default skips, the thread count and /perf show up.
  const std::vector<std::string> all =
      compare_h5_files(dir.file("one.h5"), dir.file("eight.h5"), {}, {});
  CHECK_FALSE(all.empty());
  CHECK(std::any_of(all.begin(), all.end(), [](const std::string& d) {
    return d.find("/meta@threads") != std::string::npos;
  }));
}

TEST_CASE("read_run_summary rejects files that are not Arteria runs, naming what is missing") {
  const TempDir dir;
  const std::string other = dir.file("other.h5");
  const auto write_other = [&](hsize_t user_block_bytes) {
    const h5::QuietErrors quiet;
    const h5::File file = h5::create_file(other, user_block_bytes);
    h5::create_group(file.get(), "foo");
  };
  // Written by another program: no seal.
  write_other(0);
  CHECK_THROWS_WITH(read_run_summary(other),
                    Catch::Contains("other.h5") && Catch::Contains("without Arteria's seal"));
  // Sealed as a run file but without a run's layout.
  write_other(sealed_header_bytes);
  seal_file(other, run_file_magic);
  CHECK_THROWS_AS(read_run_summary(other), InputError);
  CHECK_THROWS_WITH(read_run_summary(other),
                    Catch::Contains("other.h5") && Catch::Contains("/meta"));
  // Another kind of file Arteria writes.
  seal_file(other, checkpoint_file_magic);
  CHECK_THROWS_WITH(read_run_summary(other), Catch::Contains("not a run file"));

  const std::string text = dir.file("text.h5");
  std::ofstream(text) << "not hdf5\n";
  CHECK_THROWS_WITH(read_run_summary(text),
                    Catch::Contains("text.h5") && Catch::Contains("not a run file"));
  CHECK_THROWS_WITH(read_run_summary(dir.file("absent.h5")), Catch::Contains("no such file"));
}

TEST_CASE("read_run_summary names the layout version of a run file from another Arteria") {
  const TempDir dir;
  const std::string old = dir.file("old.h5");
  {
    const h5::QuietErrors quiet;
    const h5::File file = h5::create_file(old, sealed_header_bytes);
    const h5::Group meta = h5::create_group(file.get(), "meta");
    h5::write_attribute(meta.get(), "format", "arteria.run");
    h5::write_attribute(meta.get(), "format_version", run_format_version - 1);
  }
  seal_file(old, run_file_magic);
  CHECK_THROWS_WITH(read_run_summary(old), Catch::Contains("old.h5") &&
                                               Catch::Contains("/meta@format_version") &&
                                               Catch::Contains("run the scenario again"));
}
