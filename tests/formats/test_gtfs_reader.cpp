// Tests of the GTFS reader on the real feeds in shared/data/gtfs (README counts, gtfs_kit's Cairns
// trip statistics) and on corrupted copies that must fail naming file, line and field.
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>

#include "base/csv.hpp"
#include "base/error.hpp"
#include "formats/gtfs/gtfs.hpp"
#include "formats/gtfs/gtfs_route_types.hpp"
#include "formats/gtfs/gtfs_source.hpp"
#include "formats/gtfs/gtfs_summary.hpp"
#include "formats/gtfs/gtfs_table.hpp"
#include "formats/gtfs/gtfs_timetable.hpp"

namespace fs = std::filesystem;
using namespace arteria;

namespace {

const std::string gtfs_dir = std::string(ARTERIA_DATA_DIR) + "/gtfs";
const std::string cairns_zip = gtfs_dir + "/cairns/cairns_gtfs.zip";
const std::vector<std::string> feed_paths = {
    cairns_zip, gtfs_dir + "/seattle-area-2017",
    gtfs_dir + "/cobb-county/cobblinc-bus-30-only.gtfs.zip",
    gtfs_dir + "/cobb-county/marta-bus-856-only.gtfs.zip"};
const std::vector<std::string> cairns_tables = {
    "agency.txt",     "stops.txt",    "routes.txt",         "trips.txt",
    "stop_times.txt", "calendar.txt", "calendar_dates.txt", "shapes.txt"};

// A fresh directory under the system temp dir, removed when the test ends.
struct ScratchDir {
  fs::path path;
  explicit ScratchDir(const std::string& name)
      : path(fs::temp_directory_path() /
             ("arteria_gtfs_" + name + "_" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

using Tables = std::map<std::string, std::string>;

Tables cairns_contents() {
  GtfsSource source(cairns_zip);
  Tables tables;
  for (const auto& name : cairns_tables) tables[name] = source.read(name);
  return tables;
}

void write_zip(const fs::path& path, const Tables& tables) {
  int code = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  REQUIRE(zip != nullptr);
  for (const auto& [name, text] : tables) {
    zip_source_t* source = zip_source_buffer(zip, text.data(), text.size(), 0);
    REQUIRE(source != nullptr);
    const zip_int64_t index = zip_file_add(zip, name.c_str(), source, ZIP_FL_OVERWRITE);
    REQUIRE(index >= 0);
    // Stored, not deflated: the real feeds already test decompression, and this keeps it quick.
    REQUIRE(zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0) == 0);
  }
  REQUIRE(zip_close(zip) == 0);
}

void write_folder(const fs::path& dir, const Tables& tables) {
  for (const auto& [name, text] : tables) std::ofstream(dir / name, std::ios::binary) << text;
}

// Replaces field `column` (0-based) of 1-based `line`, keeping a CRLF ending; the tables edited
// here have no quoted commas on the lines touched.
void set_field(std::string& text, std::size_t line, std::size_t column, const std::string& value) {
  std::size_t begin = 0;
  for (std::size_t l = 1; l < line; ++l) begin = text.find('\n', begin) + 1;
  std::size_t end = text.find('\n', begin);
  if (end == std::string::npos) end = text.size();
  if (end > begin && text[end - 1] == '\r') --end;
  std::size_t field_begin = begin;
  for (std::size_t c = 0; c < column; ++c) field_begin = text.find(',', field_begin) + 1;
  std::size_t field_end = text.find(',', field_begin);
  if (field_end == std::string::npos || field_end > end) field_end = end;
  text.replace(field_begin, field_end - field_begin, value);
}

void replace_first(std::string& text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
}

}  // namespace

// Their speed goal (< 2 s each) is bench/import_speed.py's, not a timed check here: the
// sanitizer builds run the same code 5-30 times slower.
TEST_CASE("GTFS feeds load with the counts the data README gives") {
  struct Expected {
    Index routes, stops, trips, stop_times;
  };
  const std::vector<Expected> expected = {
      {22, 416, 1339, 37790}, {14, 259, 3888, 57205}, {2, 187, 317, 19597}, {2, 166, 468, 21576}};
  Index cobb_stops = 0, cobb_trips = 0;
  for (std::size_t f = 0; f < feed_paths.size(); ++f) {
    const GtfsFeed feed = read_gtfs(feed_paths[f]);
    INFO(feed_paths[f]);
    CHECK(feed.route_count() == expected[f].routes);
    CHECK(feed.stop_count() == expected[f].stops);
    CHECK(feed.trip_count() == expected[f].trips);
    CHECK(feed.stop_time_count() == expected[f].stop_times);
    if (f >= 2) {
      cobb_stops += feed.stop_count();
      cobb_trips += feed.trip_count();
    }
  }
  CHECK(cobb_stops == 353);  // README: the two Cobb County feeds together
  CHECK(cobb_trips == 785);
  // Seattle mixes bus (3), streetcar (0) and ferry (4).
  const GtfsFeed seattle = read_gtfs(feed_paths[1]);
  for (const std::int32_t type : {0, 3, 4}) {
    CHECK(std::count(seattle.route_type.begin(), seattle.route_type.end(), type) > 0);
  }
  CHECK(seattle.agency_count() == 3);
}

TEST_CASE("every reference of every feed resolves and the CSR arrays are consistent") {
  for (const auto& path : feed_paths) {
    INFO(path);
    const GtfsFeed feed = read_gtfs(path);
    for (Index t = 0; t < feed.trip_count(); ++t) {
      REQUIRE(feed.trip_route[t] < feed.route_count());
      REQUIRE(feed.trip_service[t] < feed.service_count());
      REQUIRE((feed.trip_shape[t] == invalid_index || feed.trip_shape[t] < feed.shape_count()));
      REQUIRE(feed.trip_first_stop_time[t + 1] - feed.trip_first_stop_time[t] >= 2);
      for (Index k = feed.trip_first_stop_time[t] + 1; k < feed.trip_first_stop_time[t + 1]; ++k) {
        REQUIRE(feed.stop_time_sequence[k] > feed.stop_time_sequence[k - 1]);
      }
    }
    REQUIRE(feed.trip_first_stop_time.back() == feed.stop_time_count());
    for (const Index stop : feed.stop_time_stop) REQUIRE(stop < feed.stop_count());
    for (const Index parent : feed.stop_parent) {
      REQUIRE((parent == invalid_index || parent < feed.stop_count()));
    }
    for (const Index agency : feed.route_agency) REQUIRE(agency < feed.agency_count());
    REQUIRE(feed.shape_first_point.size() == feed.shape_count() + 1u);
    REQUIRE(feed.shape_first_point.back() == feed.shape_point_x_m.size());
    REQUIRE(feed.find_trip(feed.trip_id.back()) == feed.trip_count() - 1);
    // Projected about the centre of the stops' box: the extremes are symmetric about 0.
    const auto [x_min, x_max] = std::minmax_element(feed.stop_x_m.begin(), feed.stop_x_m.end());
    CHECK(*x_min == Approx(-*x_max).margin(1e-6));
  }
}

TEST_CASE("times after midnight stay above 86400 s, blank times are interpolated, monotone") {
  const GtfsFeed feed = read_gtfs(cairns_zip);
  // stop_times.txt line 1980: trip ...4166103 leaves its first stop at 24:40:00.
  const Index trip = feed.find_trip("CNS2014-CNS_MUL-Weekday-00-4166103");
  REQUIRE(trip != invalid_index);
  CHECK(feed.stop_time_departure_s[feed.trip_first_stop_time[trip]] == 24 * 3600 + 40 * 60);
  CHECK(*std::max_element(feed.stop_time_arrival_s.begin(), feed.stop_time_arrival_s.end()) ==
        29 * 3600 + 39 * 60);

  CHECK(std::count(feed.stop_time_interpolated.begin(), feed.stop_time_interpolated.end(), 1) ==
        65);
  for (Index k = 0; k < feed.stop_time_count(); ++k) {
    CHECK(feed.stop_time_timepoint[k] == (feed.stop_time_interpolated[k] ? 0 : 1));
  }
  for (const auto& path : feed_paths) {
    const GtfsFeed f = read_gtfs(path);
    for (Index t = 0; t < f.trip_count(); ++t) {
      for (Index k = f.trip_first_stop_time[t]; k < f.trip_first_stop_time[t + 1]; ++k) {
        REQUIRE(f.stop_time_arrival_s[k] <= f.stop_time_departure_s[k]);
        if (k > f.trip_first_stop_time[t]) {
          REQUIRE(f.stop_time_departure_s[k - 1] <= f.stop_time_arrival_s[k]);
        }
      }
    }
  }
  // Trip ...4165903, sequence 15 is blank between 18:28:00 and 18:32:00: its time divides the
  // gap as the straight-line distances between the three stops do.
  const Index t = feed.find_trip("CNS2014-CNS_MUL-Weekday-00-4165903");
  const Index k = feed.trip_first_stop_time[t] + 14;
  REQUIRE(feed.stop_time_sequence[k] == 15);
  REQUIRE(feed.stop_time_interpolated[k] == 1);
  const auto dist = [&](Index a, Index b) {
    const Index s = feed.stop_time_stop[a], p = feed.stop_time_stop[b];
    return std::hypot(feed.stop_x_m[s] - feed.stop_x_m[p], feed.stop_y_m[s] - feed.stop_y_m[p]);
  };
  const double share = dist(k, k - 1) / (dist(k, k - 1) + dist(k + 1, k));
  CHECK(feed.stop_time_arrival_s[k] == std::lround(18 * 3600 + 28 * 60 + 240 * share));
}

TEST_CASE("Cairns trips agree with gtfs_kit's trip statistics") {
  const GtfsFeed feed = read_gtfs(cairns_zip);
  CsvReader stats(gtfs_dir + "/cairns/cairns_trip_stats.csv",
                  {"trip_id", "route_id", "route_short_name", "route_type", "direction_id",
                   "shape_id", "stop_pattern_name", "num_stops", "start_time", "end_time",
                   "start_stop_id", "end_stop_id", "is_loop", "duration", "distance", "speed"});
  std::size_t rows = 0;
  while (stats.next()) {
    ++rows;
    const Index t = feed.find_trip(stats.text("trip_id"));
    REQUIRE(t != invalid_index);
    const Index first = feed.trip_first_stop_time[t], last = feed.trip_first_stop_time[t + 1] - 1;
    CHECK(last - first + 1 == stats.number("num_stops"));
    CHECK(feed.stop_time_departure_s[first] == stats.time_of_day("start_time"));
    CHECK(feed.stop_time_arrival_s[last] == stats.time_of_day("end_time"));
    CHECK(feed.stop_id[feed.stop_time_stop[first]] == stats.text("start_stop_id"));
    CHECK(feed.route_id[feed.trip_route[t]] == stats.text("route_id"));
  }
  CHECK(rows == feed.trip_count());
}

TEST_CASE("service-day selection follows calendar weekdays and calendar_dates exceptions") {
  const GtfsFeed feed = read_gtfs(cairns_zip);
  const Index weekday = feed.find_service("CNS2014-CNS_MUL-Weekday-00");
  const Index friday = feed.find_service("CNS2014-CNS_MUL-Weekday-00-0000100");
  const Index saturday = feed.find_service("CNS2014-CNS_MUL-Saturday-00");
  const Index sunday = feed.find_service("CNS2014-CNS_MUL-Sunday-00");
  const auto trips_of = [&](Index service) {
    return static_cast<std::size_t>(
        std::count(feed.trip_service.begin(), feed.trip_service.end(), service));
  };
  // Tuesday 10 June 2014: weekday service only.
  GtfsServiceDay day = select_service_day(feed, "20140610");
  CHECK(day.service_active == std::vector<std::uint8_t>{1, 0, 0, 0});
  CHECK(day.trips.size() == trips_of(weekday));
  // Monday 9 June 2014, Queen's Birthday: weekday removed, Sunday timetable added.
  day = select_service_day(feed, "20140609");
  CHECK(day.service_active[weekday] == 0);
  CHECK(day.service_active[sunday] == 1);
  CHECK(day.trips.size() == trips_of(sunday));
  CHECK(select_service_day(feed, "20140607").trips.size() == trips_of(saturday));
  CHECK(select_service_day(feed, "20150105").trips.empty());  // after the feed ends
  // The busiest day is the first Friday: weekday plus Friday-only trips.
  day = select_service_day(feed);
  CHECK(day.date == 20140530);
  CHECK(day.trips.size() == trips_of(weekday) + trips_of(friday));
  for (const auto& path : feed_paths) {
    const GtfsFeed f = read_gtfs(path);
    const GtfsServiceDay busiest = select_service_day(f);
    CHECK(!busiest.trips.empty());
    CHECK(std::is_sorted(busiest.trips.begin(), busiest.trips.end()));
  }
  try {
    select_service_day(feed, "20141332");
    FAIL("a bad date was accepted");
  } catch (const InputError& e) {
    CHECK(e.field() == "date");
  }
}

TEST_CASE("a folder and a zip of the same feed read the same") {
  ScratchDir dir("folder");
  write_folder(dir.path, cairns_contents());
  const GtfsFeed from_zip = read_gtfs(cairns_zip);
  const GtfsFeed from_folder = read_gtfs(dir.path.string());
  CHECK(from_folder.stop_id == from_zip.stop_id);
  CHECK(from_folder.stop_x_m == from_zip.stop_x_m);
  CHECK(from_folder.trip_first_stop_time == from_zip.trip_first_stop_time);
  CHECK(from_folder.stop_time_arrival_s == from_zip.stop_time_arrival_s);
  CHECK(from_folder.shape_point_y_m == from_zip.shape_point_y_m);
}

TEST_CASE("blank times follow shape_dist_traveled, else straight lines, rows may be unordered") {
  ScratchDir dir("interpolate");
  write_folder(
      dir.path,
      {{"agency.txt", "agency_name,agency_url,agency_timezone\nTest,http://x,UTC\n"},
       {"stops.txt", "stop_id,stop_lat,stop_lon\nA,0,0\nB,0,0.003\nC,0,0.01\n"},
       {"routes.txt", "route_id,route_type\nR,3\n"},
       {"trips.txt", "route_id,service_id,trip_id\nR,S,T1\nR,S,T2\n"},
       {"calendar_dates.txt", "service_id,date,exception_type\nS,20240102,1\n"},
       {"stop_times.txt",
        "trip_id,arrival_time,departure_time,stop_id,stop_sequence,shape_dist_traveled,timepoint\n"
        "T1,08:00:00,08:00:00,A,1,,\nT1,,,B,2,,\nT1,08:10:00,08:10:00,C,3,,\n"
        "T2,09:10:00,09:10:00,C,30,1000,1\nT2,,,B,20,500,0\nT2,9:00:00,09:00:00,A,10,0,1\n"}});
  const GtfsFeed feed = read_gtfs(dir.path.string());
  // T1: B is 3/10 of the way along the equator from A to C, so 3 of the 10 minutes.
  CHECK(feed.stop_time_arrival_s[1] == 8 * 3600 + 3 * 60);
  CHECK(feed.stop_time_interpolated == std::vector<std::uint8_t>{0, 1, 0, 0, 1, 0});
  // T2: listed backwards; B is at 500 of 1000 shape units, so halfway in time.
  CHECK(feed.stop_time_sequence == std::vector<std::uint32_t>{1, 2, 3, 10, 20, 30});
  CHECK(feed.stop_time_arrival_s[4] == 9 * 3600 + 5 * 60);
  CHECK(feed.stop_time_line[3] == 7);  // the A row of T2
  const GtfsServiceDay day = select_service_day(feed);
  CHECK(day.date == 20240102);
  CHECK(day.trips == std::vector<Index>{0, 1});
}

TEST_CASE("GTFS tables handle BOM, CRLF, quotes, line breaks in quotes and short records") {
  const GtfsTable t("t.txt",
                    "\xEF\xBB\xBF"
                    "a, b ,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\r\n\r\n 2 ,\"multi\nline\",z\n3\n");
  REQUIRE(t.row_count() == 3);
  CHECK(t.column("a") == 0);
  CHECK(t.column("b") == 1);
  CHECK(t.get(0, 1) == "x,y");
  CHECK(t.get(0, 2) == "say \"hi\"");
  CHECK(t.get(1, 0) == "2");
  CHECK(t.get(1, 1) == "multi\nline");
  CHECK(t.line(1) == 4);
  CHECK(t.line(2) == 6);
  CHECK(t.get(2, 2).empty());
  CHECK(t.get(2, t.column("missing")).empty());
  CHECK(parse_gtfs_time("25:61:00") == -1);
  CHECK(parse_gtfs_time("5:07:09") == 5 * 3600 + 7 * 60 + 9);
  CHECK(parse_gtfs_time("24:40:00") == 88800);
  CHECK(parse_gtfs_time("12:00") == -1);
  CHECK(parse_gtfs_date("20140229") == 0);
  CHECK(parse_gtfs_date("20160229") == 20160229);
}

TEST_CASE("corrupted GTFS input names the file, line and field") {
  struct Case {
    const char* what;
    const char* table;
    std::function<void(std::string&)> corrupt;
    const char* error_table;
    std::size_t line;
    const char* field;
  };
  const std::vector<Case> cases = {
      {"dangling trip_id", "stop_times.txt", [](auto& s) { set_field(s, 101, 0, "NO_TRIP"); },
       "stop_times.txt", 101, "trip_id"},
      {"dangling stop_id", "stop_times.txt", [](auto& s) { set_field(s, 101, 3, "999999"); },
       "stop_times.txt", 101, "stop_id"},
      {"bad time", "stop_times.txt", [](auto& s) { set_field(s, 101, 1, "25:61:00"); },
       "stop_times.txt", 101, "arrival_time"},
      {"time without seconds", "stop_times.txt", [](auto& s) { set_field(s, 101, 2, "7:42"); },
       "stop_times.txt", 101, "departure_time"},
      {"times going backwards", "stop_times.txt",
       [](auto& s) { set_field(s, 3, 1, "05:40:00"), set_field(s, 3, 2, "05:40:00"); },
       "stop_times.txt", 3, "arrival_time"},
      {"first stop without a time", "stop_times.txt",
       [](auto& s) { set_field(s, 2, 1, ""), set_field(s, 2, 2, ""); }, "stop_times.txt", 2,
       "arrival_time"},
      {"duplicate stop_sequence", "stop_times.txt", [](auto& s) { set_field(s, 3, 4, "1"); },
       "stop_times.txt", 3, "stop_sequence"},
      {"missing required column", "stop_times.txt",
       [](auto& s) { replace_first(s, "stop_sequence", "stop_order"); }, "stop_times.txt", 1,
       "stop_sequence"},
      {"dangling route_id", "trips.txt", [](auto& s) { set_field(s, 50, 0, "999-999"); },
       "trips.txt", 50, "route_id"},
      {"dangling service_id", "trips.txt", [](auto& s) { set_field(s, 50, 1, "NO_SERVICE"); },
       "trips.txt", 50, "service_id"},
      {"dangling shape_id", "trips.txt", [](auto& s) { set_field(s, 50, 6, "NO_SHAPE"); },
       "trips.txt", 50, "shape_id"},
      {"unclosed quote", "trips.txt",
       [](auto& s) { replace_first(s, "4165926,\"Palm Cove\"", "4165926,\"Palm Cove"); },
       "trips.txt", 50, "trip_headsign"},
      {"dangling parent_station", "stops.txt", [](auto& s) { set_field(s, 3, 9, "NO_STATION"); },
       "stops.txt", 3, "parent_station"},
      {"duplicate stop_id", "stops.txt", [](auto& s) { set_field(s, 3, 0, "750000"); }, "stops.txt",
       3, "stop_id"},
      {"latitude out of range", "stops.txt", [](auto& s) { set_field(s, 2, 4, "-96.5"); },
       "stops.txt", 2, "stop_lat"},
      {"too many fields", "stops.txt", [](auto& s) { set_field(s, 2, 9, ",extra"); }, "stops.txt",
       2, ""},
      {"route_type not a number", "routes.txt", [](auto& s) { set_field(s, 2, 4, "bus"); },
       "routes.txt", 2, "route_type"},
      {"route_type column renamed", "routes.txt",
       [](auto& s) { replace_first(s, "route_type", "route_kind"); }, "routes.txt", 1,
       "route_type"},
      {"impossible date", "calendar.txt", [](auto& s) { set_field(s, 2, 9, "20141332"); },
       "calendar.txt", 2, "end_date"},
      {"unknown exception_type", "calendar_dates.txt", [](auto& s) { set_field(s, 2, 2, "3"); },
       "calendar_dates.txt", 2, "exception_type"},
      {"missing required file", "stops.txt", nullptr, "stops.txt", 0, ""},
      {"dangling frequency trip", "frequencies.txt",
       [](auto& s) {
         s = "trip_id,start_time,end_time,headway_secs\nNO_TRIP,06:00:00,07:00:00,600\n";
       },
       "frequencies.txt", 2, "trip_id"},
  };
  const Tables original = cairns_contents();
  ScratchDir dir("bad");
  const std::string zip = (dir.path / "cairns_gtfs.zip").string();
  for (const Case& c : cases) {
    INFO(c.what);
    Tables tables = original;
    if (c.corrupt) {
      c.corrupt(tables[c.table]);
    } else {
      tables.erase(c.table);
    }
    write_zip(zip, tables);
    try {
      read_gtfs(zip);
      FAIL("no error");
    } catch (const InputError& e) {
      INFO(e.what());
      CHECK(e.file() == zip + ":" + c.error_table);
      CHECK(e.line() == c.line);
      CHECK(e.field() == c.field);
    }
  }
  // The same in a folder names the file by path; a bad time is an error there too.
  Tables tables = original;
  set_field(tables["stop_times.txt"], 7, 2, "25:61:00");
  write_folder(dir.path, tables);
  try {
    read_gtfs(dir.path.string());
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.file() == (dir.path / "stop_times.txt").string());
    CHECK(e.line() == 7);
    CHECK(e.field() == "departure_time");
  }
}

TEST_CASE("the import summary names each GTFS route type by the mode the simulation runs") {
  // Basic types (routes.txt) and Google's "Extended GTFS Route Types". Air (1100), taxi (1500)
  // and miscellaneous (1700) have no mode the engine can run: other, not ferry.
  // In ascending type order, as the summary lists its types.
  const std::vector<std::pair<std::int32_t, TransitMode>> expected = {
      {-1, TransitMode::other},      {0, TransitMode::tram},         {1, TransitMode::metro},
      {2, TransitMode::rail},        {3, TransitMode::bus},          {4, TransitMode::ferry},
      {5, TransitMode::cable},       {6, TransitMode::cable},        {7, TransitMode::cable},
      {8, TransitMode::other},       {9, TransitMode::other},        {10, TransitMode::other},
      {11, TransitMode::trolleybus}, {12, TransitMode::rail},        {99, TransitMode::other},
      {100, TransitMode::rail},      {109, TransitMode::rail},       {200, TransitMode::bus},
      {300, TransitMode::other},     {401, TransitMode::metro},      {405, TransitMode::metro},
      {500, TransitMode::metro},     {600, TransitMode::metro},      {700, TransitMode::bus},
      {715, TransitMode::bus},       {800, TransitMode::trolleybus}, {900, TransitMode::tram},
      {1000, TransitMode::ferry},    {1100, TransitMode::other},     {1200, TransitMode::ferry},
      {1300, TransitMode::cable},    {1400, TransitMode::cable},     {1500, TransitMode::other},
      {1700, TransitMode::other},    {1702, TransitMode::other},     {2000, TransitMode::other}};
  // One route per type.
  GtfsFeed feed;
  for (const auto& [type, mode] : expected) {
    feed.route_id.push_back("r" + std::to_string(type));
    feed.route_short_name.push_back("");
    feed.route_long_name.push_back("");
    feed.route_agency.push_back(0);
    feed.route_type.push_back(type);
  }
  GtfsServiceDay day;
  day.date = 20240101;
  const GtfsSummary summary = summarize_gtfs(feed, day);
  const Timetable timetable = build_timetable(feed, day);
  REQUIRE(summary.by_type.size() == expected.size());
  REQUIRE(timetable.route_mode.size() == expected.size());
  for (std::size_t r = 0; r < expected.size(); ++r) {
    const auto& [type, mode] = expected[r];
    INFO("route_type " << type);
    CHECK(transit_mode_from_gtfs(type) == mode);
    CHECK(timetable.route_mode[r] == mode);
    CHECK(summary.by_type[r].route_type == type);
    CHECK(summary.by_type[r].mode == transit_mode_name(mode));
  }
}
