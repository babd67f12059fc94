// One meaning of "+x % demand" (model/demand_scale.hpp): [demand] scale, a scale_demand event
// and, for generated demand, more trips give the same trips, and the scaled demand holds the
// base's trips (a subset of them when scaling down).
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <tuple>

#include "model/demand_scale.hpp"
#include "scenario/scenario_file.hpp"
#include "toy_files.hpp"

namespace {

using arteria::testing::TempDir;
using Trip = std::tuple<std::string, arteria::Index, arteria::Index, double>;

std::vector<Trip> trips_of(const arteria::Demand& demand) {
  std::vector<Trip> trips;
  for (arteria::Index t = 0; t < demand.trip_count(); ++t) {
    trips.emplace_back(demand.trip_external_id[t], demand.trip_origin[t],
                       demand.trip_destination[t], demand.trip_depart_s[t]);
  }
  return trips;
}

bool contains(const std::vector<Trip>& all, const std::vector<Trip>& part) {
  const std::set<Trip> have(all.begin(), all.end());
  for (const Trip& trip : part) {
    if (!have.count(trip)) return false;
  }
  return true;
}

// A small generated city; `demand` and `events` are TOML added to its tables.
std::vector<Trip> generated(const TempDir& folder, const std::string& demand,
                            const std::string& events = "") {
  const std::string path =
      folder.write("city.toml",
                   "[network]\nsource = \"grid\"\n[network.grid]\ncolumns = 6\nrows = 6\n"
                   "[demand]\nsource = \"generated\"\nstart_s = \"06:00\"\npeak_s = \"07:00\"\n"
                   "end_s = \"08:00\"\n" +
                       demand + "\n[simulation]\nstart = \"06:00\"\nend = \"09:00\"\n" + events);
  return trips_of(arteria::load_scenario(path).demand);
}

std::string scale_event(const std::string& time, double factor) {
  return "[[events]]\ntime = \"" + time +
         "\"\naction = \"scale_demand\"\nvalue = " + std::to_string(factor) + "\n";
}

}  // namespace

TEST_CASE("scaled counts grow with the factor and average it") {
  CHECK(arteria::scaled_count(1.0, 0.999) == 1);
  CHECK(arteria::scaled_count(1.2, 0.1) == 2);
  CHECK(arteria::scaled_count(1.2, 0.3) == 1);
  CHECK(arteria::scaled_count(0.8, 0.9) == 0);
  CHECK(arteria::scaled_count(0.0, 0.0) == 0);
  double sum = 0.0;
  for (int i = 0; i < 1000; ++i)
    sum += static_cast<double>(arteria::scaled_count(2.3, (i + 0.5) / 1000.0));
  CHECK(sum == Approx(2300.0));
}

TEST_CASE("generated demand: scale 1.2, the event at the start and 1.2 x trips agree") {
  TempDir folder;
  const std::vector<Trip> base = generated(folder, "trips = 1000");
  const std::vector<Trip> more = generated(folder, "trips = 1200");
  const std::vector<Trip> by_key = generated(folder, "trips = 1000\nscale = 1.2");
  const std::vector<Trip> by_event = generated(folder, "trips = 1000", scale_event("06:00", 1.2));
  REQUIRE(more.size() == 1200);
  CHECK(by_key == more);
  CHECK(by_event == more);
  CHECK(contains(more, base));
  // Down: a subset, the same as fewer trips.
  const std::vector<Trip> less = generated(folder, "trips = 1000\nscale = 0.8");
  CHECK(less == generated(folder, "trips = 800"));
  CHECK(contains(base, less));
}

TEST_CASE("generated demand: an event from 07:00 adds trips departing from then on only") {
  TempDir folder;
  const std::vector<Trip> base = generated(folder, "trips = 1000");
  const std::vector<Trip> later = generated(folder, "trips = 1000", scale_event("07:00", 1.5));
  CHECK(contains(later, base));
  std::size_t base_late = 0, added = 0;
  for (const Trip& trip : base) base_late += std::get<3>(trip) >= 7 * 3600.0 ? 1 : 0;
  const std::set<Trip> had(base.begin(), base.end());
  for (const Trip& trip : later) {
    if (had.count(trip)) continue;
    ++added;
    CHECK(std::get<3>(trip) >= 7 * 3600.0);
  }
  // Half as many again of the late trips, within sampling noise.
  const auto late = static_cast<double>(base_late);
  CHECK(static_cast<double>(added) == Approx(0.5 * late).margin(0.15 * late));
}

TEST_CASE("a list of trips: the key and the event agree and keep the base's trips") {
  TempDir folder;
  folder.write("nodes.csv", "id,x_m,y_m\na,0,0\nb,500,0\n");
  folder.write("links.csv",
               "id,from,to,length_m,lanes,free_speed_mps,capacity_vph\n"
               "ab,a,b,500,1,13.9,900\nba,b,a,500,1,13.9,900\n");
  std::string csv = "id,origin,destination,depart\n";
  for (int i = 0; i < 500; ++i)
    csv += "t" + std::to_string(i) + ",a,b," + std::to_string(21600 + i) + "\n";
  folder.write("trips.csv", csv);
  auto load = [&](const std::string& demand, const std::string& events) {
    const std::string path =
        folder.write("s.toml",
                     "[network]\nsource = \"csv\"\nnodes = \"nodes.csv\"\nlinks = \"links.csv\"\n"
                     "[demand]\nsource = \"trips\"\nfile = \"trips.csv\"\n" +
                         demand + "\n[simulation]\nstart = \"06:00\"\nend = \"09:00\"\n" + events);
    return trips_of(arteria::load_scenario(path).demand);
  };
  const std::vector<Trip> base = load("", "");
  const std::vector<Trip> by_key = load("scale = 1.2", "");
  CHECK(by_key == load("", scale_event("06:00", 1.2)));
  CHECK(contains(by_key, base));
  CHECK(by_key.size() == Approx(600).margin(40));
  const std::vector<Trip> down = load("scale = 0.5", "");
  CHECK(contains(base, down));
  CHECK(down.size() == Approx(250).margin(40));
}
