// Transit in the simulation against cases worked out by hand: toy GTFS feeds loaded through
// load_scenario (toy_gtfs.hpp), vehicles on guideways keeping their timetable, the dwell model
// and timepoints, capacity and denied boardings, re-planning and stranding, blocks, timetable
// changes, determinism across thread counts and the Cairns feed's punctuality.
//
// Common toy geometry: stops S1..S5 on one east-west line 1000 m apart (further than a walk of
// max_access_walk_m, so a passenger given a stop only ever uses that stop). The engine steps in
// whole seconds: a dwell that ends at 6.5 s lets the vehicle go at the step of 7 s.
#include <tbb/global_control.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "output/h5_compare.hpp"
#include "run/run_scenario.hpp"
#include "scenario/scenario_file.hpp"
#include "sim/simulation.hpp"
#include "toy_gtfs.hpp"

using namespace arteria;
using namespace arteria::testing;
namespace fs = std::filesystem;

namespace {

const std::string cairns = std::string(ARTERIA_SOURCE_DIR) + "/scenarios/cairns";

ToyFeed line_feed() {
  ToyFeed feed;
  for (int i = 0; i < 5; ++i) feed.stop_at("S" + std::to_string(i + 1), 1000.0 * (i - 2), 0.0);
  feed.route("R");
  return feed;
}

struct Outcome {
  std::shared_ptr<const Scenario> scenario;
  Kpis kpis;
  TransitRecords records;
};

Outcome simulate(const std::string& path, const std::vector<std::string>& overrides = {},
                 int threads = 2) {
  Outcome out;
  out.scenario = std::make_shared<const Scenario>(load_scenario(path, overrides));
  Simulation sim(out.scenario, threads);
  while (!sim.done()) sim.step();
  out.kpis = sim.kpis();
  out.records = sim.transit_records();
  return out;
}

Outcome simulate(const ToyFeed& feed, const ToyScenarioOptions& options) {
  TempDir dir;
  return simulate(write_toy_scenario(dir, feed, options));
}

Index trip_row(const TransitRecords& r, const std::string& id) {
  const auto it = std::find(r.trips.id.begin(), r.trips.id.end(), id);
  REQUIRE(it != r.trips.id.end());
  return static_cast<Index>(it - r.trips.id.begin());
}

// Row of the `sequence`-th call of trip `id` in the call records.
std::size_t call_row(const TransitRecords& r, const std::string& id, std::uint32_t sequence) {
  const Index trip = trip_row(r, id);
  for (std::size_t i = 0; i < r.calls.trip.size(); ++i) {
    if (r.calls.trip[i] == trip && r.calls.sequence[i] == sequence) return i;
  }
  FAIL("no call " << sequence << " of trip " << id);
  return 0;
}

std::size_t pax_row(const TransitRecords& r, const std::string& id) {
  const auto it = std::find(r.passengers.id.begin(), r.passengers.id.end(), id);
  REQUIRE(it != r.passengers.id.end());
  return static_cast<std::size_t>(it - r.passengers.id.begin());
}

void check_conservation(const Kpis& k) {
  CHECK(k.passengers == k.passengers_arrived + k.passengers_en_route + k.passengers_stranded +
                            k.passengers_not_departed);
  CHECK(k.vehicles_inserted == k.vehicles_arrived + k.vehicles_en_route + k.vehicles_stuck);
}

std::vector<ToyPassenger> crowd(const std::string& prefix, int count, std::int32_t first_s,
                                std::int32_t spacing_s, const std::string& from,
                                const std::string& to) {
  std::vector<ToyPassenger> list;
  for (int i = 0; i < count; ++i) {
    list.push_back({prefix + std::to_string(i), first_s + i * spacing_s, from, to});
  }
  return list;
}

const std::string set_capacity_r =
    "[[transit.changes]]\nkind = \"set_capacity\"\nroute = \"R\"\nstanding = 0\nseated = ";

}  // namespace

TEST_CASE("Without passengers every call keeps its timetable exactly", "[transit-sim]") {
  ToyFeed feed = line_feed();
  // Four stops, 120 s apart with 20 s dwells at the timepoints between; three trips.
  for (int k = 0; k < 3; ++k) {
    const std::int32_t t0 = hms(8, 15 * k);
    feed.trip("t" + std::to_string(k), "R", {"S1", "S2", "S3", "S4"},
              {t0, t0 + 120, t0 + 260, t0 + 400}, 20);
  }
  const Outcome out = simulate(feed, {});
  const Kpis& k = out.kpis;
  CHECK(k.transit_trips == 3);
  CHECK(k.transit_trips_completed == 3);
  CHECK(k.transit_calls_reached == 9);
  CHECK(k.transit_on_time_share == 1.0);
  CHECK(k.transit_mean_deviation_s == 0.0);
  CHECK(k.transit_p95_abs_deviation_s == 0.0);
  CHECK(k.vehicles_inserted == 3);
  CHECK(k.vehicles_arrived == 3);
  CHECK(k.vehicles_en_route == 0);
  check_conservation(k);
  const TransitRecords& r = out.records;
  REQUIRE(r.calls.trip.size() == 12);
  for (std::size_t i = 0; i < r.calls.trip.size(); ++i) {
    INFO("call row " << i);
    if (r.calls.sequence[i] == 0) {
      // The vehicle turns up terminal_lead_s (60 s) early and leaves on time.
      CHECK(r.calls.arrival_s[i] == r.calls.scheduled_arrival_s[i] - 60.0);
    } else {
      CHECK(r.calls.arrival_s[i] == r.calls.scheduled_arrival_s[i]);
    }
    CHECK(r.calls.departure_s[i] == r.calls.scheduled_departure_s[i]);
    CHECK(r.calls.boardings[i] == 0);
    CHECK(r.calls.load[i] == 0);
  }
  for (Index t = 0; t < 3; ++t) {
    CHECK(r.trips.status[t] == static_cast<std::uint8_t>(TransitTripStatus::completed));
    CHECK(r.trips.distance_m[t] == Approx(3000.0).epsilon(1e-6));
  }
}

TEST_CASE("Dwell: boarding at a non-timepoint delays the vehicle until a timepoint's slack",
          "[transit-sim]") {
  ToyFeed feed = line_feed();
  // S2 and S3 are not timepoints; S4 is, with 30 s of slack.
  ToyTrip& trip = feed.trip("t", "R", {"S1", "S2", "S3", "S4", "S5"},
                            {hms(8, 0), hms(8, 2), hms(8, 4), hms(8, 6), hms(8, 8, 30)});
  trip.calls[1].timepoint = 0;
  trip.calls[2].timepoint = 0;
  trip.calls[3].timepoint = 1;
  trip.calls[3].departure_s = hms(8, 6, 30);
  ToyScenarioOptions options;
  options.passengers = {{"p", hms(7, 55), "S2", "S4"}};

  SECTION("without recovery the delay runs on to the timepoint") {
    options.transit_keys = "recovery_share = 0.0\n";
    const Outcome out = simulate(feed, options);
    const TransitRecords& r = out.records;
    // One boarding: 4 s + 2.5 s = 6.5 s, so the doors close at the step of 08:02:07.
    CHECK(r.calls.arrival_s[call_row(r, "t", 1)] == hms(8, 2));
    CHECK(r.calls.departure_s[call_row(r, "t", 1)] == hms(8, 2, 7));
    CHECK(r.calls.boardings[call_row(r, "t", 1)] == 1);
    CHECK(r.calls.load[call_row(r, "t", 1)] == 1);
    // 120 s to S3, a non-timepoint where nobody gets on or off: it goes at once, 7 s late.
    CHECK(r.calls.arrival_s[call_row(r, "t", 2)] == hms(8, 4, 7));
    CHECK(r.calls.departure_s[call_row(r, "t", 2)] == hms(8, 4, 7));
    // S4: 7 s late, 5.5 s of alighting, then held for the scheduled 08:06:30.
    CHECK(r.calls.arrival_s[call_row(r, "t", 3)] == hms(8, 6, 7));
    CHECK(r.calls.alightings[call_row(r, "t", 3)] == 1);
    CHECK(r.calls.departure_s[call_row(r, "t", 3)] == hms(8, 6, 30));
    CHECK(r.calls.arrival_s[call_row(r, "t", 4)] == hms(8, 8, 30));
    const std::size_t p = pax_row(r, "p");
    CHECK(r.passengers.status[p] == static_cast<std::uint8_t>(PassengerStatus::arrived));
    CHECK(r.passengers.wait_s[p] == 420.0f);
    CHECK(r.passengers.in_vehicle_s[p] == 247.0f);
    CHECK(r.passengers.rides[p] == 1);
    CHECK(r.passengers.denied[p] == 0);
    CHECK(out.kpis.boardings == 1);
    check_conservation(out.kpis);
  }
  SECTION("a 10 % recovery margin makes the 7 s up on the next link") {
    const Outcome out = simulate(feed, options);
    const TransitRecords& r = out.records;
    CHECK(r.calls.departure_s[call_row(r, "t", 1)] == hms(8, 2, 7));
    // 113 s left to the timetable; the fastest allowed is 108 s.
    CHECK(r.calls.arrival_s[call_row(r, "t", 2)] == hms(8, 4));
    CHECK(r.calls.arrival_s[call_row(r, "t", 3)] == hms(8, 6));
    CHECK(r.calls.departure_s[call_row(r, "t", 3)] == hms(8, 6, 30));
  }
}

// A regression test: the egress walk to a destination stop lasts 0 s and used to end one step
// after alighting (arrive_s + 1 s, walk_s 1 s).
TEST_CASE("A passenger whose destination is a stop arrives when they alight", "[transit-sim]") {
  ToyFeed feed = line_feed();
  feed.trip("t", "R", {"S1", "S2", "S3"}, {hms(8, 0), hms(8, 2), hms(8, 4)});
  ToyScenarioOptions options;
  options.passengers = {{"p", hms(7, 50), "S1", "S3"}};
  const Outcome out = simulate(feed, options);
  const TransitRecords& r = out.records;
  const std::size_t p = pax_row(r, "p");
  REQUIRE(r.passengers.status[p] == static_cast<std::uint8_t>(PassengerStatus::arrived));
  CHECK(r.calls.alightings[call_row(r, "t", 2)] == 1);
  // Alighting at 08:04:00 at the destination stop itself: a walk of 0 s.
  CHECK(r.passengers.arrive_s[p] == hms(8, 4));
  CHECK(r.passengers.walk_s[p] == 0.0f);
  CHECK(r.passengers.wait_s[p] + r.passengers.walk_s[p] + r.passengers.in_vehicle_s[p] ==
        Approx(r.passengers.arrive_s[p] - r.passengers.depart_s[p]));
}

TEST_CASE("Capacity C: the first vehicle takes C, the k denied take the next", "[transit-sim]") {
  constexpr int capacity = 5, extra = 3;
  ToyFeed feed = line_feed();
  feed.trip("t1", "R", {"S1", "S2", "S3"}, {hms(8, 0), hms(8, 2), hms(8, 4)});
  feed.trip("t2", "R", {"S1", "S2", "S3"}, {hms(8, 10), hms(8, 12), hms(8, 14)});
  ToyScenarioOptions options;
  options.changes = set_capacity_r + std::to_string(capacity) + "\n";
  // p0..p7 join S1 10 s apart from 07:50, in that order, all for S3.
  options.passengers = crowd("p", capacity + extra, hms(7, 50), 10, "S1", "S3");
  const Outcome out = simulate(feed, options);
  const TransitRecords& r = out.records;
  CHECK(r.trips.capacity[trip_row(r, "t1")] == capacity);
  const std::size_t first = call_row(r, "t1", 0), second = call_row(r, "t2", 0);
  CHECK(r.calls.boardings[first] == capacity);
  CHECK(r.calls.denied[first] == extra);
  CHECK(r.calls.load[first] == capacity);
  CHECK(r.calls.boardings[second] == extra);
  CHECK(r.calls.denied[second] == 0);
  CHECK(r.calls.alightings[call_row(r, "t1", 2)] == capacity);
  CHECK(r.calls.alightings[call_row(r, "t2", 2)] == extra);
  // Boarding C passengers takes 4 + 2.5 C = 16.5 s inside the 60 s lead: both leave on time.
  CHECK(r.calls.departure_s[first] == hms(8, 0));
  CHECK(r.calls.departure_s[second] == hms(8, 10));
  for (int i = 0; i < capacity + extra; ++i) {
    const std::size_t p = pax_row(r, "p" + std::to_string(i));
    INFO("p" << i);
    const bool left_behind = i >= capacity;
    CHECK(r.passengers.status[p] == static_cast<std::uint8_t>(PassengerStatus::arrived));
    CHECK(r.passengers.denied[p] == (left_behind ? 1 : 0));
    CHECK(r.passengers.rides[p] == 1);
    CHECK(r.passengers.replans[p] == 0);
    // The vehicles are at S1 from 07:59 and 08:09 (terminal lead) and reach S3 at 08:04, 08:14.
    const double boarded = left_behind ? hms(8, 9) : hms(7, 59);
    CHECK(r.passengers.wait_s[p] == static_cast<float>(boarded - r.passengers.depart_s[p]));
    CHECK(r.passengers.in_vehicle_s[p] == 300.0f);
  }
  // One by hand: p6 sets off at 07:51:00, is refused at 07:59:00, boards t2 at 08:09:00.
  const std::size_t p6 = pax_row(r, "p6");
  CHECK(r.passengers.depart_s[p6] == hms(7, 51));
  CHECK(r.passengers.wait_s[p6] == 1080.0f);
  const Kpis& k = out.kpis;
  CHECK(k.passengers_arrived == capacity + extra);
  CHECK(k.boardings == capacity + extra);
  CHECK(k.denied_boardings == extra);
  CHECK(k.max_load_factor == 1.0);
  check_conservation(k);
}

TEST_CASE("Denied with no later vehicle of the route: plan again or be stranded", "[transit-sim]") {
  ToyFeed feed = line_feed();
  feed.trip("r1", "R", {"S1", "S2", "S3"}, {hms(8, 0), hms(8, 2), hms(8, 4)});
  ToyScenarioOptions options;
  options.changes = set_capacity_r + "2\n";
  options.passengers = crowd("p", 3, hms(7, 50), 10, "S1", "S3");
  // Nothing runs from S3 to S1: no journey from the start.
  options.passengers.push_back({"back", hms(7, 50), "S3", "S1"});

  SECTION("no other route: stranded for want of service") {
    TempDir dir;
    const std::string path = write_toy_scenario(dir, feed, options);
    // Conservation while passengers are on the move and some have not set off.
    {
      auto scenario = std::make_shared<const Scenario>(load_scenario(path));
      Simulation sim(scenario, 2);
      sim.run_until(hms(7, 50, 15));
      const Kpis k = sim.kpis();
      CHECK(k.passengers == 4);
      CHECK(k.passengers_en_route == 2);
      CHECK(k.passengers_stranded == 1);
      CHECK(k.passengers_not_departed == 1);
      check_conservation(k);
    }
    const Outcome out = simulate(path);
    const TransitRecords& r = out.records;
    const std::size_t p2 = pax_row(r, "p2");
    CHECK(r.passengers.status[p2] == static_cast<std::uint8_t>(PassengerStatus::stranded));
    CHECK(r.passengers.reason[p2] == static_cast<std::uint8_t>(StrandedReason::no_service));
    CHECK(r.passengers.denied[p2] == 1);
    CHECK(r.passengers.replans[p2] >= 1);
    // Refused at 07:59:00 with nothing left to plan: stranded then, after one re-plan.
    CHECK(r.passengers.replans[p2] == 1);
    CHECK(r.passengers.wait_s[p2] == static_cast<float>(hms(7, 59) - hms(7, 50, 20)));
    CHECK(r.passengers.rides[p2] == 0);
    const std::size_t back = pax_row(r, "back");
    CHECK(r.passengers.status[back] == static_cast<std::uint8_t>(PassengerStatus::stranded));
    CHECK(r.passengers.reason[back] == static_cast<std::uint8_t>(StrandedReason::no_journey));
    CHECK(r.passengers.replans[back] == 0);
    const Kpis& k = out.kpis;
    CHECK(k.passengers == 4);
    CHECK(k.passengers_arrived == 2);
    CHECK(k.passengers_stranded == 2);
    check_conservation(k);
  }
}

// A regression test: re-planning after the denial used to offer the very trip that refused
// the passenger (still at the stop, leaving later): they waited for it in vain, let q1 go by,
// timed out after max_wait_s and ended stranded.
TEST_CASE("Denied with no later vehicle of the route: another route takes the one left behind",
          "[transit-sim]") {
  ToyFeed feed = line_feed();
  feed.trip("r1", "R", {"S1", "S2", "S3"}, {hms(8, 0), hms(8, 2), hms(8, 4)});
  feed.route("Q");
  feed.trip("q1", "Q", {"S1", "S2", "S3"}, {hms(8, 10), hms(8, 12), hms(8, 14)});
  ToyScenarioOptions options;
  options.changes = set_capacity_r + "2\n";
  options.passengers = crowd("p", 3, hms(7, 50), 10, "S1", "S3");
  const Outcome out = simulate(feed, options);
  const TransitRecords& r = out.records;
  CHECK(r.calls.denied[call_row(r, "r1", 0)] == 1);
  const std::size_t p2 = pax_row(r, "p2");
  CHECK(r.passengers.denied[p2] == 1);
  CHECK(r.passengers.replans[p2] == 1);
  CHECK(r.passengers.status[p2] == static_cast<std::uint8_t>(PassengerStatus::arrived));
  CHECK(r.passengers.rides[p2] == 1);
  CHECK(r.calls.boardings[call_row(r, "q1", 0)] == 1);
  // Refused at 07:59 by r1, boards q1 when it turns up at 08:09 and reaches S3 at 08:14.
  CHECK(r.passengers.wait_s[p2] == static_cast<float>(hms(8, 9) - hms(7, 50, 20)));
  CHECK(r.passengers.in_vehicle_s[p2] == 300.0f);
  check_conservation(out.kpis);
}

// Guideway links are first in, first out, so each route has its own between two stops: a trip
// scheduled faster is never held behind another route's slower one (f: 120 s from S1 to S2,
// behind s: 300 s). Shared links cost Cairns 0.8 % of its calls (one route 120 s, another
// 360 s between two stops, every trip of the first 180 s late).
TEST_CASE("Guideway trips keep their own running times when a slower one is ahead",
          "[transit-sim]") {
  ToyFeed feed = line_feed();
  feed.route("F");
  feed.trip("s", "R", {"S1", "S2"}, {hms(8, 0), hms(8, 5)});
  feed.trip("f", "F", {"S1", "S2"}, {hms(8, 1), hms(8, 3)});
  const Outcome out = simulate(feed, {});
  const TransitRecords& r = out.records;
  CHECK(r.calls.arrival_s[call_row(r, "s", 1)] == hms(8, 5));
  CHECK(r.calls.departure_s[call_row(r, "f", 0)] == hms(8, 1));
  CHECK(r.calls.arrival_s[call_row(r, "f", 1)] == hms(8, 3));
  CHECK(out.kpis.transit_on_time_share == 1.0);
}

TEST_CASE("A late trip makes the next trip of its block start late", "[transit-sim]") {
  ToyFeed feed = line_feed();
  ToyTrip& out_trip = feed.trip("a", "R", {"S1", "S2", "S3"}, {hms(8, 0), hms(8, 2), hms(8, 4)});
  out_trip.calls[1].timepoint = 0;
  feed.trip("b", "R", {"S3", "S2", "S1"}, {hms(8, 5), hms(8, 7), hms(8, 9)});
  ToyScenarioOptions options;
  // 40 boardings at S2: 4 + 2.5 x 40 = 104 s.
  options.passengers = crowd("p", 40, hms(7, 55), 0, "S2", "S3");

  SECTION("same block: b waits for a") {
    feed.trips[0].block = feed.trips[1].block = "block1";
    const Outcome out = simulate(feed, options);
    const TransitRecords& r = out.records;
    CHECK(r.calls.departure_s[call_row(r, "a", 1)] == hms(8, 3, 44));
    // 16 s left to the timetable, but no faster than 0.9 x 120 s = 108 s.
    CHECK(r.calls.arrival_s[call_row(r, "a", 2)] == hms(8, 5, 32));
    // 40 alightings: 4 + 1.5 x 40 = 64 s; the trip ends at 08:06:36.
    CHECK(r.calls.departure_s[call_row(r, "a", 2)] == hms(8, 6, 36));
    // b (due at 08:05) starts at the next step and leaves at once.
    CHECK(r.calls.arrival_s[call_row(r, "b", 0)] == hms(8, 6, 37));
    CHECK(r.calls.departure_s[call_row(r, "b", 0)] == hms(8, 6, 37));
    CHECK(r.calls.departure_s[call_row(r, "b", 0)] > r.calls.arrival_s[call_row(r, "a", 2)]);
    // 23 s left to S2's 08:07: 108 s; S2 is a timepoint but b is late, so it goes on at once.
    CHECK(r.calls.arrival_s[call_row(r, "b", 1)] == hms(8, 8, 25));
    CHECK(out.kpis.transit_trips_completed == 2);
    CHECK(out.kpis.passengers_arrived == 40);
  }
  SECTION("no block: b leaves on time") {
    const Outcome out = simulate(feed, options);
    const TransitRecords& r = out.records;
    CHECK(r.calls.departure_s[call_row(r, "a", 2)] == hms(8, 6, 36));
    CHECK(r.calls.arrival_s[call_row(r, "b", 0)] == hms(8, 4));
    CHECK(r.calls.departure_s[call_row(r, "b", 0)] == hms(8, 5));
  }
}

TEST_CASE("Timetable changes: cancel, set_headway, add_line", "[transit-sim]") {
  ToyFeed feed = line_feed();
  for (int k = 0; k < 3; ++k) {
    const std::int32_t t0 = hms(8, 20 * k);
    feed.trip("r" + std::to_string(k), "R", {"S1", "S2", "S3"}, {t0, t0 + 120, t0 + 240});
  }
  ToyScenarioOptions options;

  SECTION("as it comes") {
    const Outcome out = simulate(feed, options);
    CHECK(out.kpis.transit_trips == 3);
    CHECK(out.kpis.transit_trips_completed == 3);
  }
  SECTION("cancel_trips removes the trips starting in the window") {
    options.changes =
        "[[transit.changes]]\nkind = \"cancel_trips\"\nroute = \"R\"\nfrom = \"08:10\"\n"
        "to = \"08:30\"\n";
    const Outcome out = simulate(feed, options);
    CHECK(out.kpis.transit_trips == 2);
    CHECK(out.kpis.transit_trips_completed == 2);
    CHECK(out.records.trips.id == std::vector<std::string>{"r0", "r2"});
  }
  SECTION("set_headway spaces copies of the window's first trip evenly") {
    options.changes =
        "[[transit.changes]]\nkind = \"set_headway\"\nroute = \"R\"\nheadway_s = 600\n"
        "from = \"08:00\"\nto = \"09:00\"\n";
    const Outcome out = simulate(feed, options);
    // 08:00 to the window's last trip (08:40) every 10 min: 5 trips, each run in full.
    CHECK(out.kpis.transit_trips == 5);
    CHECK(out.kpis.transit_trips_completed == 5);
    const TransitRecords& r = out.records;
    for (int k = 0; k < 5; ++k) {
      const std::string id = "R@headway#" + std::to_string(k);
      INFO(id);
      CHECK(r.calls.departure_s[call_row(r, id, 0)] == hms(8, 10 * k));
      CHECK(r.calls.arrival_s[call_row(r, id, 2)] == hms(8, 10 * k + 4));
    }
  }
  SECTION("add_line runs a new route that carries a passenger") {
    options.changes =
        "[[transit.changes]]\nkind = \"add_line\"\nroute = \"X\"\nstops = [\"S3\", \"S1\"]\n"
        "speed_kmh = 20.0\nheadway_s = 600\nfirst = \"08:00\"\nlast = \"08:30\"\n";
    options.passengers = {{"west", hms(8, 5), "S3", "S1"}};
    const Outcome out = simulate(feed, options);
    CHECK(out.kpis.transit_trips == 3 + 4);
    CHECK(out.kpis.transit_trips_completed == 7);
    const TransitRecords& r = out.records;
    // 2000 m x 1.3 at 20 km/h: 468 s. The 08:10 departure takes the passenger.
    CHECK(r.calls.scheduled_arrival_s[call_row(r, "X#1", 1)] == hms(8, 17, 48));
    CHECK(r.calls.boardings[call_row(r, "X#1", 0)] == 1);
    CHECK(r.calls.arrival_s[call_row(r, "X#1", 1)] == hms(8, 17, 48));
    const std::size_t p = pax_row(r, "west");
    CHECK(r.passengers.status[p] == static_cast<std::uint8_t>(PassengerStatus::arrived));
    CHECK(r.passengers.wait_s[p] == 240.0f);
    CHECK(r.passengers.in_vehicle_s[p] == 528.0f);
    CHECK(r.trips.route_id[trip_row(r, "X#1")] == "X");
  }
}

namespace {

// Runs `scenario` with each thread count into `dir`; returns the files.
std::vector<std::string> run_with_threads(const std::shared_ptr<const Scenario>& scenario,
                                          const fs::path& dir, const std::vector<int>& counts) {
  std::vector<std::string> files;
  for (const int threads : counts) {
    RunOptions options;
    options.threads = threads;
    options.output_path = (dir / ("run_" + std::to_string(threads) + ".h5")).string();
    const RunResult result = run_scenario(scenario, options);
    CHECK(result.threads == threads);
    check_conservation(result.kpis);
    files.push_back(options.output_path);
  }
  return files;
}

std::string differences(const std::vector<std::string>& lines) {
  std::string text;
  for (std::size_t i = 0; i < lines.size() && i < 10; ++i) text += lines[i] + "\n";
  return text;
}

}  // namespace

TEST_CASE("Cairns with passengers writes bit-identical output at 1, 2 and 4 threads",
          "[transit-sim]") {
  // As the default city's determinism test: lift oneTBB's core cap so 4 threads really run.
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 4);
  const auto scenario =
      std::make_shared<const Scenario>(load_scenario(cairns, {"passengers.count=5000"}));
  REQUIRE(scenario->transit.passengers.count() == 5000);
  TempDir dir;
  const std::vector<std::string> files = run_with_threads(scenario, dir.path, {1, 2, 4});
  const auto one_two = compare_h5_files(files[0], files[1]);
  const auto one_four = compare_h5_files(files[0], files[2]);
  INFO(differences(one_two) << differences(one_four));
  CHECK(one_two.empty());
  CHECK(one_four.empty());
  // The judge sees a difference when there is one: /meta threads differs.
  CHECK_FALSE(compare_h5_files(files[0], files[1], {"/perf"}, {}).empty());
}

TEST_CASE("Buses in grid traffic with passengers: bit-identical at 1, 2 and 4 threads",
          "[transit-sim]") {
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 4);
  TempDir dir;
  const auto scenario =
      std::make_shared<const Scenario>(load_scenario(write_buses_in_grid_traffic(dir)));
  const Timetable& tt = scenario->transit.timetable;
  const Index e2 = tt.find_stop("E2");
  CHECK(tt.stop_x_m[e2] == Approx(500.0).margin(1e-3));
  CHECK(tt.stop_y_m[e2] == Approx(190.0).margin(1e-3));
  const TransitPlacement& placed = scenario->transit.placement;
  for (Index t = 0; t < tt.trip_count(); ++t) REQUIRE(placed.trip_placed[t] == 1);
  // Every call is served on the road, 10 m from its stop.
  for (Index c = 0; c < tt.call_count(); ++c) {
    CHECK(placed.call_in_traffic[c] == 1);
    CHECK(placed.call_snap_m[c] == Approx(10.0).margin(1e-3));
  }
  CHECK(scenario->demand.trip_count() == 3000 + tt.trip_count());
  const std::vector<std::string> files = run_with_threads(scenario, dir.path, {1, 2, 4});
  const auto one_two = compare_h5_files(files[0], files[1]);
  const auto one_four = compare_h5_files(files[0], files[2]);
  INFO(differences(one_two) << differences(one_four));
  CHECK(one_two.empty());
  CHECK(one_four.empty());
  // Buses ran in traffic and carried people.
  const Outcome out = simulate(dir.file("scenario.toml"));
  CHECK(out.kpis.transit_trips_completed == tt.trip_count());
  CHECK(out.kpis.passengers_arrived > 0);
  CHECK(out.kpis.boardings > 0);
  CHECK(out.kpis.vehicles_arrived == scenario->demand.trip_count());
  WARN("grid buses: on-time share " << out.kpis.transit_on_time_share << ", mean deviation "
                                    << out.kpis.transit_mean_deviation_s << " s, "
                                    << out.kpis.passengers_arrived << " of " << out.kpis.passengers
                                    << " passengers arrived");
}

TEST_CASE("Cairns without passengers runs to its timetable", "[transit-sim]") {
  const Outcome out = simulate(cairns, {"passengers.count=0"});
  const Kpis& k = out.kpis;
  REQUIRE(k.transit_trips > 0);
  CHECK(k.transit_trips_completed == k.transit_trips);
  const TransitRecords& r = out.records;
  std::vector<double> deviation;
  for (std::size_t i = 0; i < r.calls.trip.size(); ++i) {
    if (r.calls.sequence[i] == 0) continue;
    deviation.push_back(r.calls.arrival_s[i] - r.calls.scheduled_arrival_s[i]);
  }
  REQUIRE(!deviation.empty());
  const std::size_t within = static_cast<std::size_t>(std::count_if(
      deviation.begin(), deviation.end(), [](double d) { return std::abs(d) <= 60.0; }));
  std::sort(deviation.begin(), deviation.end());
  auto at = [&](double share) {
    return deviation[static_cast<std::size_t>(share * static_cast<double>(deviation.size() - 1))];
  };
  char line[256];
  std::snprintf(line, sizeof line,
                "Cairns arrival - scheduled over %zu calls: min %.0f p1 %.0f p5 %.0f p50 %.0f "
                "p95 %.0f p99 %.0f max %.0f s; within 60 s %.4f",
                deviation.size(), deviation.front(), at(0.01), at(0.05), at(0.5), at(0.95),
                at(0.99), deviation.back(),
                static_cast<double>(within) / static_cast<double>(deviation.size()));
  WARN(line);
  // Late calls come from FIFO guideway links shared by routes with different running times
  // (see the [bug] test above); a few 1 s delays from steps scheduled to take 0 s.
  CHECK(static_cast<double>(within) >= 0.99 * static_cast<double>(deviation.size()));
  CHECK(k.transit_on_time_share >= 0.99);
}

namespace {

// A 6 x 6 grid of 200 m blocks with 20 generated car trips and one bus line (two trips east
// along row 1, no passengers): a transit scenario with roads, small enough to run in a moment.
// Stops placed as in the test above.
Scenario grid_with_buses(const TempDir& dir) {
  ToyFeed feed;
  feed.stop_at("anchor_sw", -5000.0, -5000.0);
  feed.stop_at("anchor_ne", 5000.0, 5000.0);
  std::vector<std::string> east;
  for (int i = 0; i < 3; ++i) {
    east.push_back("E" + std::to_string(i));
    feed.stop_at(east.back(), 100.0 + 200.0 * i, 190.0);
  }
  feed.route("B");
  feed.trip("east0", "B", east, {hms(7, 0), hms(7, 2), hms(7, 4)}, 10);
  feed.trip("east1", "B", east, {hms(7, 30), hms(7, 32), hms(7, 34)}, 10);
  ToyScenarioOptions options;
  options.start_s = hms(6, 30);
  options.end_s = hms(9, 0);
  options.extra =
      "[network]\nsource = \"grid\"\n\n[network.grid]\ncolumns = 6\nrows = 6\nblock_m = 200.0\n"
      "river = false\n\n[demand]\nsource = \"generated\"\ntrips = 20\nstart_s = \"07:00\"\n"
      "peak_s = \"07:15\"\nend_s = \"07:30\"\nseed = 3\n";
  return load_scenario(write_toy_scenario(dir, feed, options));
}

}  // namespace

TEST_CASE("A car trip added to a scenario with buses is a car that departs and arrives",
          "[transit-sim]") {
  TempDir dir;
  auto scenario = std::make_shared<Scenario>(grid_with_buses(dir));
  Demand& demand = scenario->demand;
  REQUIRE(demand.transit_first == 20);
  REQUIRE(demand.trip_count() == 22);
  DemandBuilder builder(scenario->network, demand);
  const Index car = builder.add_trip("added", "0_0", "5_5", hms(7, 10), 1.0f, {});
  // The car joins the road trips; the two buses follow it, their rows and routes unchanged.
  CHECK(car == 20);
  CHECK(demand.trip_count() == 23);
  CHECK(demand.transit_first == 21);
  CHECK_FALSE(demand.is_transit(car));
  CHECK(demand.trip_external_id[car] == "added");
  CHECK_FALSE(demand.has_given_route(car));
  CHECK(demand.trip_external_id[21] == "east0");
  CHECK(demand.trip_external_id[22] == "east1");
  CHECK(demand.has_given_route(21));
  CHECK(demand.has_given_route(22));
  Simulation sim(scenario, 2);
  while (!sim.done()) sim.step();
  CHECK(sim.state().vehicles.status[car] == VehicleStatus::arrived);
  // 0_0 to 5_5 is ten 200 m blocks.
  CHECK(sim.state().vehicles.motion[car].distance_m == Approx(2000.0f));
  const Kpis k = sim.kpis();
  CHECK(k.vehicles_arrived == 23);
  CHECK(k.vehicles_waiting == 0);
  CHECK(k.transit_trips_completed == 2);
}

TEST_CASE("Scaling the demand of a scenario with buses scales the cars and keeps the buses",
          "[transit-sim]") {
  TempDir dir;
  auto scenario = std::make_shared<Scenario>(grid_with_buses(dir));
  Demand& demand = scenario->demand;
  REQUIRE(demand.transit_first == 20);
  const std::vector<Index> bus_route(
      demand.given_route_links.begin() + demand.trip_first_given_link[20],
      demand.given_route_links.end());
  scale_demand(demand, scenario->sim.start_s, 2.0, scenario->sim.seed);
  // Factor 2 is exactly two copies of each car; the buses are not copied.
  CHECK(demand.trip_count() == 42);
  REQUIRE(demand.transit_first == 40);
  CHECK(demand.trip_external_id[40] == "east0");
  CHECK(demand.trip_external_id[41] == "east1");
  for (Index car = 0; car < 40; ++car) CHECK_FALSE(demand.has_given_route(car));
  CHECK(std::vector<Index>(demand.given_route_links.begin() + demand.trip_first_given_link[40],
                           demand.given_route_links.end()) == bus_route);
  scale_demand(demand, scenario->sim.start_s, 1.0, scenario->sim.seed);
  CHECK(demand.trip_count() == 42);
  CHECK(demand.transit_first == 40);
  Simulation sim(scenario, 2);
  while (!sim.done()) sim.step();
  const Kpis k = sim.kpis();
  CHECK(k.vehicles_arrived == 42);
  CHECK(k.transit_trips_completed == 2);
}
