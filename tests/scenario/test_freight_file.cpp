// Freight and per-class OD tables read from scenario files: the classes and counts their trips
// get, worked out by hand.
#include <catch2/catch.hpp>

#include <string>

#include "scenario/scenario_file.hpp"
#include "toy_files.hpp"

using namespace arteria;
using arteria::testing::TempDir;

namespace {

// A line a - b - c of 500 m links both ways.
std::string write_line_scenario(TempDir& dir, const std::string& demand) {
  dir.write("nodes.csv", "id,x_m,y_m\na,0,0\nb,500,0\nc,1000,0\n");
  dir.write("links.csv",
            "id,from,to,length_m,lanes,free_speed_kmh,capacity_vph,road_class\n"
            "ab,a,b,500,1,50,900,primary\nba,b,a,500,1,50,900,primary\n"
            "bc,b,c,500,1,50,900,residential\ncb,c,b,500,1,50,900,residential\n");
  return dir.write("s.toml",
                   "[network]\nsource = \"csv\"\nnodes = \"nodes.csv\"\nlinks = \"links.csv\"\n\n"
                   "[simulation]\nstart = \"05:00\"\nend = \"09:00\"\n\n" +
                       demand);
}

std::size_t trips_of(const Scenario& scenario, ClassIndex c) {
  return scenario.demand.trips_per_class()[c];
}

}  // namespace

TEST_CASE("an OD table gives its trips the table's class, or each row's") {
  // 4 car trips (the table's class is car by default) and 3 trucks by the row's class; a table
  // of class truck makes every row without one a truck.
  TempDir dir;
  dir.write("od.csv", "origin,destination,trips,class\na,c,4,\nc,a,3,truck\n");
  const std::string od =
      "[demand]\nsource = \"od\"\nfile = \"od.csv\"\n"
      "profile = [[\"07:00\", 1.0], [\"08:00\", 0.0]]\n";
  const Scenario cars = load_scenario(write_line_scenario(dir, od));
  CHECK(trips_of(cars, car_class) == 4);
  CHECK(trips_of(cars, truck_class) == 3);
  const Scenario trucks = load_scenario(write_line_scenario(dir, od + "class = \"truck\"\n"));
  CHECK(trips_of(trucks, truck_class) == 7);
  for (Index t = 0; t < trucks.demand.road_trip_count(); ++t) {
    CHECK(trucks.demand.trip_pcu[t] == 2.5f);
  }
}

TEST_CASE("a freight table beside the demand adds the gates' trucks of the simulated hours") {
  // Gate a, 100 trucks in and 50 out a day, open 06:00-16:00 (10 hours, flat profile): 10 in
  // and 5 out an hour; the run 05:00-09:00 holds hours 6, 7 and 8: 30 + 15 trucks, all to or
  // from c or b. Held to 22:00-06:00 (8 hours with the gates always open): 12.5 in and 6.25 out
  // an hour, and only hour 5 in the run: 12 or 13 in, 6 or 7 out.
  TempDir dir;
  const std::string freight =
      "[[freight]]\nname = \"port\"\ngates = [{node = \"a\", trucks_in = 100, trucks_out = 50}]\n";
  const Scenario day =
      load_scenario(write_line_scenario(dir, freight + "open = [\"06:00\", \"16:00\"]\n"));
  CHECK(trips_of(day, truck_class) == 45);
  CHECK(day.demand.trip_count() == 45);
  const Scenario night =
      load_scenario(write_line_scenario(dir, freight + "hold = [\"22:00\", \"30:00\"]\n"));
  const std::size_t held = trips_of(night, truck_class);
  CHECK(held >= 18);
  CHECK(held <= 20);
  for (Index t = 0; t < night.demand.trip_count(); ++t) {
    CHECK(night.demand.trip_depart_s[t] >= 5 * 3600.0);
    CHECK(night.demand.trip_depart_s[t] < 6 * 3600.0);
  }
}
