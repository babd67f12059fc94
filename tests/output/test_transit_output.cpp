// The /transit and /passengers groups of a run file: every table written by
// RunWriter::write_transit read back with the HDF5 C API, the derived schedule deviation, the
// checks on the calling thread, and no trace of transit in runs that have none.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "model/network.hpp"
#include "output/hdf5_handle.hpp"
#include "output/run_writer.hpp"
#include "sim/transit_records.hpp"
#include "toy_files.hpp"

using namespace arteria;
using arteria::testing::TempDir;

namespace {

const double unset = std::nan("");  // not reached, not left, not arrived

Network two_link_network() {
  NetworkSpec spec;
  spec.nodes = {{"A", 0.0, 0.0, false, {}}, {"B", 500.0, 0.0, false, {}}};
  spec.links = {{"ab", "A", "B", 500.0, 1.0, 10.0, 1800.0, road_modes, {}, {}},
                {"ba", "B", "A", 500.0, 1.0, 10.0, 1800.0, road_modes, {}, {}}};
  return compile_network(spec);
}

RunMeta small_meta() {
  RunMeta meta;
  meta.engine_version = "0.1.0";
  meta.scenario_name = "transit";
  meta.scenario_sha256 = std::string(64, 'b');
  meta.threads = 1;
  meta.step_s = 1.0;
  meta.start_s = 28800.0;
  meta.end_s = 29400.0;
  meta.bin_s = 300.0;
  return meta;
}

// Three stops, two 300 s bins; trip L1-a calls at all three stops, L2-a reaches only its first.
TransitRecords small_transit() {
  TransitRecords r;
  r.stops.id = {"s1", "s2", "s3"};
  r.stops.name = {"Station", "Market", "Caf\xC3\xA9"};
  r.stops.lat_deg = {52.0, 52.01, 52.02};
  r.stops.lon_deg = {4.0, 4.01, 4.02};
  r.stops.bin_s = 300.0;
  r.stops.time_s = {28800.0, 29100.0};
  r.stops.boardings = {2, 0, 1, 4, 3, 0};
  r.stops.alightings = {0, 1, 0, 0, 2, 5};
  r.trips.id = {"L1-a", "L2-a"};
  r.trips.route_id = {"L1", "L2"};
  r.trips.route_name = {"Line 1", "Line 2"};
  r.trips.mode = {"bus", "tram"};
  r.trips.vehicle_type = {"standard_bus", "tram"};
  r.trips.capacity = {80, 200};
  r.trips.vehicle = {7, 8};
  r.trips.status = {static_cast<std::uint8_t>(TransitTripStatus::completed),
                    static_cast<std::uint8_t>(TransitTripStatus::en_route)};
  r.trips.boardings = {9, 1};
  r.trips.max_load = {6.0f, 1.0f};
  r.trips.distance_m = {1200.0f, 300.0f};
  r.calls.trip = {0, 0, 0, 1, 1};
  r.calls.stop = {0, 1, 2, 1, 2};
  r.calls.sequence = {0, 1, 2, 0, 1};
  r.calls.scheduled_arrival_s = {28800.0, 29000.0, 29200.0, 29100.0, 29300.0};
  r.calls.scheduled_departure_s = {28820.0, 29020.0, 29200.0, 29120.0, 29300.0};
  r.calls.arrival_s = {28800.0, 29045.0, 29190.0, 29130.0, unset};
  r.calls.departure_s = {28825.0, 29060.0, unset, 29150.0, unset};
  r.calls.boardings = {6, 3, 0, 1, 0};
  r.calls.alightings = {0, 3, 6, 0, 0};
  r.calls.denied = {0, 2, 0, 0, 0};
  r.calls.load = {6, 6, 0, 1, 0};
  r.passengers.id = {"p1", "p2", "p3"};
  r.passengers.depart_s = {28700.0, 28900.0, 29350.0};
  r.passengers.arrive_s = {29200.0, unset, unset};
  r.passengers.walk_s = {120.0f, 60.0f, 0.0f};
  r.passengers.wait_s = {30.0f, 900.0f, 0.0f};
  r.passengers.in_vehicle_s = {350.0f, 0.0f, 0.0f};
  r.passengers.rides = {2, 0, 0};
  r.passengers.transfers = {1, 0, 0};
  r.passengers.denied = {0, 2, 0};
  r.passengers.replans = {0, 1, 0};
  r.passengers.status = {static_cast<std::uint8_t>(PassengerStatus::arrived),
                         static_cast<std::uint8_t>(PassengerStatus::stranded),
                         static_cast<std::uint8_t>(PassengerStatus::en_route)};
  r.passengers.reason = {static_cast<std::uint8_t>(StrandedReason::none),
                         static_cast<std::uint8_t>(StrandedReason::no_service),
                         static_cast<std::uint8_t>(StrandedReason::none)};
  return r;
}

void write_run(const std::string& path, const Network& net, TransitRecords* transit) {
  RunWriter writer(path, small_meta(), net);
  LinkBin bin;
  bin.resize(net.link_count);
  writer.append_link_bin(std::move(bin));
  if (transit != nullptr) writer.write_transit(std::move(*transit));
  writer.finish(Kpis{}, RunPerf{});
}

template <class T>
std::vector<T> read_column(hid_t file, const std::string& path, hid_t memory_type) {
  const h5::Dataset dataset(
      h5::check_id(H5Dopen2(file, path.c_str(), H5P_DEFAULT), "H5Dopen2", path));
  hsize_t elements = 1;
  for (const hsize_t d : h5::dataset_dims(dataset.get())) elements *= d;
  std::vector<T> values(elements);
  h5::check_status(
      H5Dread(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), "H5Dread",
      path);
  return values;
}

std::vector<std::string> read_strings(hid_t file, const std::string& path) {
  const h5::Datatype type = h5::utf8_string_type();
  const std::vector<char*> raw = read_column<char*>(file, path, type.get());
  std::vector<std::string> values(raw.begin(), raw.end());
  for (char* text : raw) H5free_memory(text);
  return values;
}

std::vector<std::string> string_list_attribute(hid_t file, const std::string& object,
                                               const char* name) {
  const h5::Object handle(
      h5::check_id(H5Oopen(file, object.c_str(), H5P_DEFAULT), "H5Oopen", object));
  const h5::Attribute attribute(
      h5::check_id(H5Aopen(handle.get(), name, H5P_DEFAULT), "H5Aopen", object));
  const h5::Dataspace space(h5::check_id(H5Aget_space(attribute.get()), "H5Aget_space", object));
  std::vector<char*> raw(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get())));
  const h5::Datatype type = h5::utf8_string_type();
  h5::check_status(H5Aread(attribute.get(), type.get(), raw.data()), "H5Aread", object);
  std::vector<std::string> values(raw.begin(), raw.end());
  for (char* text : raw) H5free_memory(text);
  return values;
}

template <class T>
T attribute(hid_t file, const std::string& object, const char* name) {
  const h5::Object handle(
      h5::check_id(H5Oopen(file, object.c_str(), H5P_DEFAULT), "H5Oopen", object));
  T value{};
  h5::read_attribute(handle.get(), name, value);
  return value;
}

std::vector<hsize_t> dims_of(hid_t file, const std::string& path) {
  const h5::Dataset dataset(
      h5::check_id(H5Dopen2(file, path.c_str(), H5P_DEFAULT), "H5Dopen2", path));
  return h5::dataset_dims(dataset.get());
}

}  // namespace

TEST_CASE("Enum names are the enumerators' own names", "[transit-output]") {
  CHECK(std::string(transit_trip_status_name(TransitTripStatus::not_started)) == "not_started");
  CHECK(std::string(transit_trip_status_name(TransitTripStatus::unplaced)) == "unplaced");
  CHECK(std::string(passenger_status_name(PassengerStatus::not_departed)) == "not_departed");
  CHECK(std::string(stranded_reason_name(StrandedReason::no_journey)) == "no_journey");
}

TEST_CASE("write_transit writes stops with per-bin counts, trips, calls and passengers",
          "[transit-output]") {
  const TempDir dir;
  const Network net = two_link_network();
  const std::string path = dir.file("transit.h5");
  TransitRecords records = small_transit();
  write_run(path, net, &records);

  const h5::File file = h5::open_file_read_only(path);
  const hid_t f = file.get();
  SECTION("stops and their [bin, stop] boardings and alightings") {
    CHECK(read_strings(f, "/transit/stops/id") == std::vector<std::string>{"s1", "s2", "s3"});
    CHECK(read_strings(f, "/transit/stops/name")[2] == "Caf\xC3\xA9");
    CHECK(read_column<double>(f, "/transit/stops/lat_deg", H5T_NATIVE_DOUBLE)[1] == 52.01);
    CHECK(read_column<double>(f, "/transit/stops/lon_deg", H5T_NATIVE_DOUBLE)[2] == 4.02);
    CHECK(attribute<std::string>(f, "/transit/stops/lat_deg", "units") == "deg");
    CHECK(read_column<double>(f, "/transit/stops/time_s", H5T_NATIVE_DOUBLE) ==
          std::vector<double>{28800.0, 29100.0});
    CHECK(attribute<double>(f, "/transit/stops/time_s", "bin_s") == 300.0);
    CHECK(attribute<double>(f, "/transit/stops", "bin_s") == 300.0);
    CHECK(dims_of(f, "/transit/stops/boardings") == std::vector<hsize_t>{2, 3});
    CHECK(read_column<std::uint32_t>(f, "/transit/stops/boardings", H5T_NATIVE_UINT32) ==
          std::vector<std::uint32_t>{2, 0, 1, 4, 3, 0});
    CHECK(read_column<std::uint32_t>(f, "/transit/stops/alightings", H5T_NATIVE_UINT32) ==
          std::vector<std::uint32_t>{0, 1, 0, 0, 2, 5});
    CHECK(attribute<std::string>(f, "/transit/stops/alightings", "units") == "pax");
  }
  SECTION("trips, with status codes and their names") {
    CHECK(read_strings(f, "/transit/trips/id") == std::vector<std::string>{"L1-a", "L2-a"});
    CHECK(read_strings(f, "/transit/trips/route_id") == std::vector<std::string>{"L1", "L2"});
    CHECK(read_strings(f, "/transit/trips/route_name")[1] == "Line 2");
    CHECK(read_strings(f, "/transit/trips/mode") == std::vector<std::string>{"bus", "tram"});
    CHECK(read_strings(f, "/transit/trips/vehicle_type")[0] == "standard_bus");
    CHECK(read_column<int>(f, "/transit/trips/capacity", H5T_NATIVE_INT) ==
          std::vector<int>{80, 200});
    CHECK(read_column<std::uint32_t>(f, "/transit/trips/vehicle", H5T_NATIVE_UINT32) ==
          std::vector<std::uint32_t>{7, 8});
    CHECK(read_column<std::uint8_t>(f, "/transit/trips/status", H5T_NATIVE_UINT8) ==
          std::vector<std::uint8_t>{0, 1});
    const std::vector<std::string> names = {"completed", "en_route", "not_started", "unplaced"};
    CHECK(string_list_attribute(f, "/transit/trips/status", "status_names") == names);
    CHECK(string_list_attribute(f, "/transit/trips", "status_names") == names);
    CHECK(read_column<std::uint32_t>(f, "/transit/trips/boardings", H5T_NATIVE_UINT32) ==
          std::vector<std::uint32_t>{9, 1});
    CHECK(read_column<float>(f, "/transit/trips/max_load", H5T_NATIVE_FLOAT) ==
          std::vector<float>{6.0f, 1.0f});
    CHECK(read_column<float>(f, "/transit/trips/distance_m", H5T_NATIVE_FLOAT)[0] == 1200.0f);
  }
  SECTION("calls, with the schedule deviation derived from arrival and timetable") {
    CHECK(read_column<std::uint32_t>(f, "/transit/calls/trip", H5T_NATIVE_UINT32) ==
          std::vector<std::uint32_t>{0, 0, 0, 1, 1});
    CHECK(attribute<std::string>(f, "/transit/calls/trip", "index_of") == "/transit/trips");
    CHECK(read_column<std::uint32_t>(f, "/transit/calls/stop", H5T_NATIVE_UINT32) ==
          std::vector<std::uint32_t>{0, 1, 2, 1, 2});
    CHECK(attribute<std::string>(f, "/transit/calls/stop", "index_of") == "/transit/stops");
    CHECK(read_column<std::uint32_t>(f, "/transit/calls/sequence", H5T_NATIVE_UINT32) ==
          std::vector<std::uint32_t>{0, 1, 2, 0, 1});
    CHECK(read_column<double>(f, "/transit/calls/scheduled_departure_s", H5T_NATIVE_DOUBLE)[1] ==
          29020.0);
    const auto departure = read_column<double>(f, "/transit/calls/departure_s", H5T_NATIVE_DOUBLE);
    CHECK(departure[3] == 29150.0);
    CHECK(std::isnan(departure[2]));
    // 29045 - 29000 = 45 late, 29190 - 29200 = 10 early, 29130 - 29100 = 30 late.
    const auto deviation = read_column<double>(f, "/transit/calls/deviation_s", H5T_NATIVE_DOUBLE);
    REQUIRE(deviation.size() == 5);
    CHECK(deviation[0] == 0.0);
    CHECK(deviation[1] == 45.0);
    CHECK(deviation[2] == -10.0);
    CHECK(deviation[3] == 30.0);
    CHECK(std::isnan(deviation[4]));  // never reached
    CHECK(attribute<std::string>(f, "/transit/calls/deviation_s", "units") == "s");
    CHECK(read_column<std::uint32_t>(f, "/transit/calls/boardings", H5T_NATIVE_UINT32) ==
          std::vector<std::uint32_t>{6, 3, 0, 1, 0});
    CHECK(read_column<std::uint32_t>(f, "/transit/calls/alightings", H5T_NATIVE_UINT32) ==
          std::vector<std::uint32_t>{0, 3, 6, 0, 0});
    CHECK(read_column<std::uint32_t>(f, "/transit/calls/denied", H5T_NATIVE_UINT32)[1] == 2);
    CHECK(read_column<std::uint32_t>(f, "/transit/calls/load", H5T_NATIVE_UINT32) ==
          std::vector<std::uint32_t>{6, 6, 0, 1, 0});
  }
  SECTION("passengers, with status and stranded reason codes and their names") {
    CHECK(read_strings(f, "/passengers/id") == std::vector<std::string>{"p1", "p2", "p3"});
    CHECK(read_column<double>(f, "/passengers/depart_s", H5T_NATIVE_DOUBLE)[2] == 29350.0);
    const auto arrive = read_column<double>(f, "/passengers/arrive_s", H5T_NATIVE_DOUBLE);
    CHECK(arrive[0] == 29200.0);
    CHECK(std::isnan(arrive[1]));
    CHECK(read_column<float>(f, "/passengers/walk_s", H5T_NATIVE_FLOAT)[0] == 120.0f);
    CHECK(read_column<float>(f, "/passengers/wait_s", H5T_NATIVE_FLOAT)[1] == 900.0f);
    CHECK(read_column<float>(f, "/passengers/in_vehicle_s", H5T_NATIVE_FLOAT)[0] == 350.0f);
    CHECK(read_column<std::uint16_t>(f, "/passengers/rides", H5T_NATIVE_UINT16)[0] == 2);
    CHECK(read_column<std::uint16_t>(f, "/passengers/transfers", H5T_NATIVE_UINT16)[0] == 1);
    CHECK(read_column<std::uint16_t>(f, "/passengers/denied", H5T_NATIVE_UINT16)[1] == 2);
    CHECK(read_column<std::uint16_t>(f, "/passengers/replans", H5T_NATIVE_UINT16)[1] == 1);
    CHECK(read_column<std::uint8_t>(f, "/passengers/status", H5T_NATIVE_UINT8) ==
          std::vector<std::uint8_t>{0, 2, 1});
    CHECK(read_column<std::uint8_t>(f, "/passengers/reason", H5T_NATIVE_UINT8) ==
          std::vector<std::uint8_t>{0, 2, 0});
    CHECK(string_list_attribute(f, "/passengers/status", "status_names") ==
          std::vector<std::string>{"arrived", "en_route", "stranded", "not_departed"});
    CHECK(string_list_attribute(f, "/passengers/reason", "reason_names") ==
          std::vector<std::string>{"none", "no_journey", "no_service"});
  }
}

TEST_CASE("A run without write_transit has no transit or passenger group", "[transit-output]") {
  const TempDir dir;
  const Network net = two_link_network();
  write_run(dir.file("plain.h5"), net, nullptr);
  const h5::File file = h5::open_file_read_only(dir.file("plain.h5"));
  CHECK(h5::path_exists(file.get(), "/trips"));
  CHECK_FALSE(h5::path_exists(file.get(), "/transit"));
  CHECK_FALSE(h5::path_exists(file.get(), "/passengers"));
}

TEST_CASE("The same transit records give the same file bytes", "[transit-output]") {
  const TempDir dir;
  const Network net = two_link_network();
  for (const char* name : {"first.h5", "second.h5"}) {
    TransitRecords records = small_transit();
    write_run(dir.file(name), net, &records);
  }
  auto bytes = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  const std::string first = bytes(dir.file("first.h5"));
  CHECK(first.size() > 0);
  CHECK(first == bytes(dir.file("second.h5")));
}

TEST_CASE("write_transit rejects uneven tables on the caller's thread and a second call",
          "[transit-output]") {
  const TempDir dir;
  const Network net = two_link_network();
  RunWriter writer(dir.file("bad.h5"), small_meta(), net);
  TransitRecords short_loads = small_transit();
  short_loads.calls.load.pop_back();
  CHECK_THROWS_AS(writer.write_transit(std::move(short_loads)), std::invalid_argument);
  TransitRecords missing_bin = small_transit();
  missing_bin.stops.boardings.resize(3);
  CHECK_THROWS_AS(writer.write_transit(std::move(missing_bin)), std::invalid_argument);
  TransitRecords bad_stop = small_transit();
  bad_stop.calls.stop[4] = 3;
  CHECK_THROWS_AS(writer.write_transit(std::move(bad_stop)), std::invalid_argument);
  // A rejected table leaves the writer usable.
  writer.write_transit(small_transit());
  CHECK_THROWS_AS(writer.write_transit(small_transit()), std::logic_error);
  writer.finish(Kpis{}, RunPerf{});
  const h5::File file = h5::open_file_read_only(dir.file("bad.h5"));
  CHECK(dims_of(file.get(), "/transit/calls/load") == std::vector<hsize_t>{5});
}
