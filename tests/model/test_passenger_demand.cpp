// Tests of passenger demand: the passengers CSV with each form of origin and destination, the OD
// matrix generator, the random generator, and bad input naming the file, line and field.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "base/projection.hpp"
#include "formats/gtfs/gtfs.hpp"
#include "formats/gtfs/gtfs_timetable.hpp"
#include "model/passenger_demand.hpp"
#include "model/timetable.hpp"
#include "toy_files.hpp"

using namespace arteria;
using arteria::testing::input_error_of;
using arteria::testing::TempDir;

namespace {

// Four stops near Cairns; "depot" has no call. Only what the passenger code reads is filled:
// stops, the projection origin and the calls' stops and pickup/drop-off flags.
// Calls: central 3 (one of them drop-off only), esplanade 1, airport 2.
Timetable toy_timetable() {
  Timetable tt;
  tt.source = "toy_feed";
  tt.origin_lat_deg = -16.92;
  tt.origin_lon_deg = 145.77;
  const std::vector<std::string> ids = {"central", "esplanade", "airport", "depot"};
  const std::vector<double> lat = {-16.925, -16.918, -16.88, -16.95};
  const std::vector<double> lon = {145.775, 145.779, 145.75, 145.76};
  for (std::size_t s = 0; s < ids.size(); ++s) {
    tt.stop_id.push_back(ids[s]);
    tt.stop_name.push_back(ids[s]);
    tt.stop_lat_deg.push_back(lat[s]);
    tt.stop_lon_deg.push_back(lon[s]);
    double x = 0.0, y = 0.0;
    EquirectangularFrame{tt.origin_lat_deg, tt.origin_lon_deg}.to_metres(lat[s], lon[s], x, y);
    tt.stop_x_m.push_back(x);
    tt.stop_y_m.push_back(y);
  }
  tt.call_stop = {0, 1, 2, 2, 0, 0};
  tt.call_pickup = {1, 1, 1, 0, 1, 0};
  tt.call_dropoff = {0, 1, 1, 1, 1, 1};
  return tt;
}

const Timetable& cairns_timetable() {
  static const Timetable timetable = [] {
    const GtfsFeed feed = read_gtfs(std::string(ARTERIA_DATA_DIR) + "/gtfs/cairns/cairns_gtfs.zip");
    return build_timetable(feed, select_service_day(feed));
  }();
  return timetable;
}

std::vector<Index> calls_per_stop(const Timetable& tt, const std::vector<std::uint8_t>& flag) {
  std::vector<Index> calls(tt.stop_id.size(), 0);
  for (std::size_t c = 0; c < tt.call_stop.size(); ++c) calls[tt.call_stop[c]] += flag[c];
  return calls;
}

}  // namespace

TEST_CASE("a passengers CSV takes a stop, a lat/lon or an x/y for each end", "[passengers]") {
  const Timetable tt = toy_timetable();
  TempDir dir;
  const std::string path =
      dir.write("passengers.csv",
                "id,depart,origin_stop,origin_lat,origin_lon,origin_x,origin_y,destination_stop,"
                "destination_x,destination_y\n"
                "a,07:00:00,central,,,,,esplanade,,\n"
                "# a comment line\n"
                "b,25:30:00,,-16.918,145.779,,,,120.5,-40\n"
                "c,3600,,,,10,20,airport,,\n");
  PassengerDemand demand;
  read_passengers_csv(path, tt, demand);
  REQUIRE(demand.count() == 3);
  REQUIRE(demand.files == std::vector<std::string>{path});
  CHECK(demand.id == std::vector<std::string>{"a", "b", "c"});
  CHECK(demand.depart_s == std::vector<double>{25200.0, 91800.0, 3600.0});

  CHECK(demand.origin_stop[0] == 0);
  CHECK(demand.origin_x_m[0] == tt.stop_x_m[0]);
  CHECK(demand.origin_y_m[0] == tt.stop_y_m[0]);
  CHECK(demand.destination_stop[0] == 1);
  CHECK(demand.destination_y_m[0] == tt.stop_y_m[1]);

  // The lat/lon of "esplanade": the same point as the stop, but not the stop.
  CHECK(demand.origin_stop[1] == invalid_index);
  CHECK(demand.origin_x_m[1] == Approx(tt.stop_x_m[1]).margin(1e-6));
  CHECK(demand.origin_y_m[1] == Approx(tt.stop_y_m[1]).margin(1e-6));
  CHECK(demand.destination_stop[1] == invalid_index);
  CHECK(demand.destination_x_m[1] == 120.5);
  CHECK(demand.destination_y_m[1] == -40.0);

  CHECK(demand.origin_stop[2] == invalid_index);
  CHECK(demand.origin_x_m[2] == 10.0);
  CHECK(demand.origin_y_m[2] == 20.0);
  CHECK(demand.destination_stop[2] == 2);

  CHECK(demand.where[0].line == 2);
  CHECK(demand.where[1].line == 4);  // the comment line counts
  CHECK(demand.where[2].line == 5);
  for (const SourceRef& where : demand.where) CHECK(where.file == 0);
}

TEST_CASE("a passenger's lat/lon lands on the stop it names in the Cairns feed", "[passengers]") {
  const Timetable& tt = cairns_timetable();
  REQUIRE(tt.stop_count() > 100);
  std::string text = "id,depart,origin_lat,origin_lon,destination_stop\n";
  std::vector<Index> stops;
  for (Index s = 0; s < tt.stop_count(); s += tt.stop_count() / 20) {
    if (std::isnan(tt.stop_lat_deg[s])) continue;
    const Index other = (s + 1) % tt.stop_count();
    char row[200];
    std::snprintf(row, sizeof row, "p%u,08:00,%.9f,%.9f,%s\n", s, tt.stop_lat_deg[s],
                  tt.stop_lon_deg[s], tt.stop_id[other].c_str());
    text += row;
    stops.push_back(s);
  }
  TempDir dir;
  PassengerDemand demand;
  read_passengers_csv(dir.write("p.csv", text), tt, demand);
  REQUIRE(demand.count() == static_cast<Index>(stops.size()));
  for (Index p = 0; p < demand.count(); ++p) {
    // Nine decimals of a degree are 0.1 mm.
    CHECK(demand.origin_x_m[p] == Approx(tt.stop_x_m[stops[p]]).margin(1e-3));
    CHECK(demand.origin_y_m[p] == Approx(tt.stop_y_m[stops[p]]).margin(1e-3));
    CHECK(demand.destination_stop[p] == (stops[p] + 1) % tt.stop_count());
  }
}

TEST_CASE("bad passenger and OD input names the file, line and field", "[passengers]") {
  struct Case {
    const char* what;
    bool od;
    std::string text;
    std::size_t line;
    std::string field;
    std::string message;  // a part of the message
  };
  const std::string header = "id,depart,origin_stop,origin_lat,origin_lon,destination_stop\n";
  const std::string good = "ok,07:00,central,,,airport\n";
  const std::string od_header = "origin_stop,destination_stop,count,start,end\n";
  const std::vector<Case> cases = {
      {"misspelt column", false, "id,depart,orgin_stop,destination_stop\n", 1, "orgin_stop",
       "did you mean 'origin_stop'"},
      {"missing depart column", false, "id,origin_stop,destination_stop\n", 1, "depart", "missing"},
      {"lat without lon column", false, "id,depart,origin_lat,destination_stop\n", 1, "origin_lon",
       "'origin_lat' needs 'origin_lon'"},
      {"no destination column", false, "id,depart,origin_stop\n", 1, "destination_stop",
       "no destination columns"},
      {"both origin forms", false, header + good + "b,07:00,central,-16.9,145.7,airport\n", 3,
       "origin_lat", "origin given twice"},
      {"no origin", false, header + "a,07:00,,,,airport\n", 2, "origin_stop", "no origin given"},
      {"unknown stop", false, header + good + "b,07:00,esplanad,,,airport\n", 3, "origin_stop",
       "unknown stop 'esplanad': no such stop_id in toy_feed; did you mean 'esplanade'?"},
      {"unknown destination stop", false, header + "a,07:00,central,,,airprt\n", 2,
       "destination_stop", "'airprt'"},
      {"half a position", false, header + "a,07:00,,-16.9,,airport\n", 2, "origin_lon",
       "a position needs both"},
      {"latitude out of range", false, header + "a,07:00,,95.5,145.7,airport\n", 2, "origin_lat",
       "[-90, 90]"},
      {"longitude out of range", false, header + "a,07:00,,-16.9,190,airport\n", 2, "origin_lon",
       "[-180, 180]"},
      {"bad number", false, "id,depart,origin_x,origin_y,destination_stop\na,07:00,12a,3,airport\n",
       2, "origin_x", "'12a' is not a number"},
      {"bad time", false, header + "a,07:75:00,central,,,airport\n", 2, "depart", "is not a time"},
      {"duplicate id", false,
       header + good + "b,07:00,central,,,airport\nok,08:00,airport,,,central\n", 4, "id",
       "duplicate passenger id 'ok' (first at "},
      {"same stop", false, header + "a,07:00,airport,,,airport\n", 2, "destination_stop",
       "same stop"},
      {"empty file", false, "", 1, "", "empty"},
      {"header only", false, header, 0, "", "no passengers"},
      {"OD misspelt column", true, "origin_stop,destination_stop,cout,start,end\n", 1, "cout",
       "did you mean 'count'"},
      {"OD negative count", true, od_header + "central,airport,-2,07:00,08:00\n", 2, "count",
       "must not be negative"},
      {"OD count not a number", true, od_header + "central,airport,many,07:00,08:00\n", 2, "count",
       "not a number"},
      {"OD window backwards", true, od_header + "central,airport,2,08:00,07:00\n", 2, "end",
       "must be after start"},
      {"OD unknown stop", true,
       od_header + "central,airport,2,07:00,08:00\ncentral,aiport,1,7:00,8:00\n", 3,
       "destination_stop", "did you mean 'airport'"},
      {"OD same stop", true, od_header + "central,central,2,07:00,08:00\n", 2, "destination_stop",
       "same stop"},
      {"OD header only", true, od_header, 0, "", "no OD rows"},
  };
  const Timetable tt = toy_timetable();
  TempDir dir;
  for (const Case& c : cases) {
    INFO(c.what);
    const std::string path = dir.write("input.csv", c.text);
    PassengerDemand demand;
    add_passenger(demand, "before", 0.0, stop_end(tt, 0), stop_end(tt, 1), SourceRef{});
    demand.files.push_back("earlier.csv");
    const InputError error = input_error_of([&] {
      if (c.od) {
        generate_passengers_from_od(path, tt, 1, demand);
      } else {
        read_passengers_csv(path, tt, demand);
      }
    });
    CHECK(error.file() == path);
    CHECK(error.line() == c.line);
    CHECK(error.field() == c.field);
    CHECK_THAT(error.message(), Catch::Contains(c.message));
    // A failed read leaves the demand as it was.
    CHECK(demand.count() == 1);
    CHECK(demand.files.size() == 1);
  }
}

TEST_CASE("a passenger id already read from another file is a duplicate", "[passengers]") {
  const Timetable tt = toy_timetable();
  TempDir dir;
  const std::string first = dir.write("a.csv",
                                      "id,depart,origin_stop,destination_stop\n"
                                      "x,07:00,central,airport\n");
  const std::string second = dir.write("b.csv",
                                       "id,depart,origin_stop,destination_stop\n"
                                       "y,07:00,central,airport\n"
                                       "x,07:00,central,airport\n");
  PassengerDemand demand;
  read_passengers_csv(first, tt, demand);
  const InputError error = input_error_of([&] { read_passengers_csv(second, tt, demand); });
  CHECK(error.line() == 3);
  CHECK(error.field() == "id");
  CHECK_THAT(error.message(), Catch::Contains(first + ":2"));
}

TEST_CASE("OD rows give their exact integer counts inside their windows", "[passengers]") {
  const Timetable tt = toy_timetable();
  TempDir dir;
  const std::string path = dir.write("od.csv",
                                     "origin_stop,destination_stop,count,start,end\n"
                                     "central,esplanade,5,08:00,09:00\n"
                                     "esplanade,airport,0,08:00,09:00\n"
                                     "airport,central,3,07:00:00,07:00:30\n"
                                     "central,central,0,07:00,08:00\n");
  PassengerDemand demand;
  generate_passengers_from_od(path, tt, 42, demand);
  REQUIRE(demand.count() == 8);
  CHECK(demand.id[0] == "od2#0");
  CHECK(demand.id[4] == "od2#4");
  CHECK(demand.id[5] == "od4#0");
  for (Index p = 0; p < demand.count(); ++p) {
    const bool first_row = p < 5;
    CHECK(demand.origin_stop[p] == (first_row ? 0u : 2u));
    CHECK(demand.destination_stop[p] == (first_row ? 1u : 0u));
    CHECK(demand.where[p].line == (first_row ? 2u : 4u));
    const double start_s = first_row ? 8 * 3600.0 : 7 * 3600.0;
    const double end_s = first_row ? 9 * 3600.0 : 7 * 3600.0 + 30.0;
    CHECK(demand.depart_s[p] >= start_s);
    CHECK(demand.depart_s[p] < end_s);
  }
  // Not all at one time: the window is sampled.
  CHECK(demand.depart_s[0] != demand.depart_s[1]);

  PassengerDemand again;
  generate_passengers_from_od(path, tt, 42, again);
  CHECK(again.depart_s == demand.depart_s);
  PassengerDemand other_seed;
  generate_passengers_from_od(path, tt, 43, other_seed);
  CHECK(other_seed.depart_s != demand.depart_s);
}

TEST_CASE("fractional OD counts add their fraction on average", "[passengers]") {
  const Timetable tt = toy_timetable();
  // 400 rows of 2.25 passengers: 900 expected, each row 2 or 3. The extra passengers are a
  // binomial(400, 0.25) draw: standard deviation sqrt(400 * 0.25 * 0.75) = 8.7.
  std::string text = "origin_stop,destination_stop,count,start,end\n";
  for (int row = 0; row < 400; ++row) text += "esplanade,airport,2.25,06:00,06:10\n";
  TempDir dir;
  const std::string path = dir.write("od.csv", text);
  PassengerDemand demand;
  generate_passengers_from_od(path, tt, 7, demand);
  CHECK(demand.count() >= 900 - 45);
  CHECK(demand.count() <= 900 + 45);
  std::map<std::uint32_t, int> per_row;
  for (Index p = 0; p < demand.count(); ++p) {
    ++per_row[demand.where[p].line];
    CHECK(demand.depart_s[p] >= 6 * 3600.0);
    CHECK(demand.depart_s[p] < 6 * 3600.0 + 600.0);
  }
  CHECK(per_row.size() == 400);
  for (const auto& [line, count] : per_row) CHECK((count == 2 || count == 3));
}

TEST_CASE("random passengers are deterministic and run between distinct served stops",
          "[passengers]") {
  const Timetable& tt = cairns_timetable();
  const Index count = 100000;
  PassengerDemand demand;
  const auto started = std::chrono::steady_clock::now();
  generate_random_passengers(count, 6 * 3600.0, 9 * 3600.0, tt, 11, demand);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  WARN("100000 random passengers in " << took.count() << " s");
  CHECK(took.count() < 0.5);  // aim: well under 0.1 s; the margin is for loaded CI machines
  REQUIRE(demand.count() == count);
  CHECK(demand.id[0] == "p0");
  CHECK(demand.id[count - 1] == "p99999");

  const std::vector<Index> boardings = calls_per_stop(tt, tt.call_pickup);
  const std::vector<Index> alightings = calls_per_stop(tt, tt.call_dropoff);
  Index violations = 0;
  for (Index p = 0; p < count; ++p) {
    const Index o = demand.origin_stop[p];
    const Index d = demand.destination_stop[p];
    const bool ok = o != d && boardings[o] > 0 && alightings[d] > 0 &&
                    demand.depart_s[p] >= 6 * 3600.0 && demand.depart_s[p] < 9 * 3600.0 &&
                    demand.origin_x_m[p] == tt.stop_x_m[o];
    violations += ok ? 0 : 1;
  }
  CHECK(violations == 0);

  PassengerDemand same;
  generate_random_passengers(count, 6 * 3600.0, 9 * 3600.0, tt, 11, same);
  CHECK(same.origin_stop == demand.origin_stop);
  CHECK(same.destination_stop == demand.destination_stop);
  CHECK(same.depart_s == demand.depart_s);

  PassengerDemand other;
  generate_random_passengers(count, 6 * 3600.0, 9 * 3600.0, tt, 12, other);
  CHECK(other.origin_stop != demand.origin_stop);
  CHECK(other.depart_s != demand.depart_s);
}

TEST_CASE("random passengers choose stops in proportion to their calls", "[passengers]") {
  // Boarding calls: central 2, esplanade 1, airport 1; alighting: central 2, esplanade 1,
  // airport 2; depot none.
  const Timetable tt = toy_timetable();
  const Index count = 40000;
  PassengerDemand demand;
  generate_random_passengers(count, 0.0, 3600.0, tt, 3, demand);
  std::vector<double> origins(4, 0.0);
  for (Index p = 0; p < count; ++p) {
    REQUIRE(demand.origin_stop[p] != demand.destination_stop[p]);
    origins[demand.origin_stop[p]] += 1.0 / count;
  }
  CHECK(origins[0] == Approx(0.5).margin(0.02));
  CHECK(origins[1] == Approx(0.25).margin(0.02));
  CHECK(origins[2] == Approx(0.25).margin(0.02));
  CHECK(origins[3] == 0.0);
  // From central the destination is esplanade or airport in proportion 1 : 2.
  double to_airport = 0.0, from_central = 0.0;
  for (Index p = 0; p < count; ++p) {
    if (demand.origin_stop[p] != 0) continue;
    from_central += 1.0;
    to_airport += demand.destination_stop[p] == 2 ? 1.0 : 0.0;
    CHECK(demand.destination_stop[p] != 3);
  }
  CHECK(to_airport / from_central == Approx(2.0 / 3.0).margin(0.02));
}

TEST_CASE("random passengers need two stops to alight at", "[passengers]") {
  Timetable tt = toy_timetable();
  tt.call_dropoff = {0, 0, 1, 1, 0, 0};  // only the airport
  PassengerDemand demand;
  const InputError error =
      input_error_of([&] { generate_random_passengers(10, 0.0, 60.0, tt, 1, demand); });
  CHECK(error.file() == "toy_feed");
  CHECK(demand.count() == 0);
  CHECK_THROWS_AS(generate_random_passengers(10, 60.0, 60.0, toy_timetable(), 1, demand),
                  std::invalid_argument);
}
