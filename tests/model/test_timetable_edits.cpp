// The timetable edits of model/timetable_edits.hpp on a hand-built timetable, with the numbers
// worked out by hand, and the same edits given as [[transit.changes]] in a scenario file.
#include <catch2/catch.hpp>

#include "model/timetable_edits.hpp"
#include "output/h5_compare.hpp"
#include "run/run_scenario.hpp"
#include "scenario/build_scenario.hpp"
#include "scenario/scenario_file.hpp"
#include "toy_gtfs.hpp"
#include "toy_timetable.hpp"

using namespace arteria;
using arteria::testing::hms;

namespace {

// Stops A (0, 0), B (1000, 0), C (1000, 750); route R runs A-B-C at 07:00, 07:15, 07:30 and
// 07:45 (B at +180 s, leaving +200 s; C at +400 s). Trip t3 follows t0 in a block.
Timetable line_timetable() {
  Timetable tt = testing::hand_timetable({{"A", 0, 0}, {"B", 1000, 0}, {"C", 1000, 750}});
  for (int k = 0; k < 4; ++k) {
    const std::int32_t t = hms(7, 15 * k);
    add_timetable_trip(tt, "t" + std::to_string(k), 0, {0, 1, 2}, {t, t + 180, t + 400},
                       {t, t + 200, t + 400});
  }
  tt.trip_previous_in_block[3] = 0;
  return tt;
}

std::int32_t departure(const Timetable& tt, Index trip, Index call) {
  return tt.call_departure_s[tt.calls_begin(trip) + call];
}
std::int32_t arrival(const Timetable& tt, Index trip, Index call) {
  return tt.call_arrival_s[tt.calls_begin(trip) + call];
}

// Runs `edit` and checks it fails on `field` with a message containing `text`.
template <typename Edit>
void require_edit_error(Edit edit, const std::string& field, const std::string& text) {
  try {
    edit();
    FAIL("no error; expected one about '" + field + "'");
  } catch (const TimetableEditError& error) {
    CHECK(error.field() == field);
    CHECK_THAT(error.what(), Catch::Matchers::Contains(text));
  }
}

}  // namespace

TEST_CASE("add_line: trips every headway at the line's speed and dwell", "[timetable-edits]") {
  Timetable tt = line_timetable();
  NewLine line;
  line.route = "N";
  line.name = "new";
  line.stops = {"C", "B", "A"};
  line.speed_kmh = 18.0;  // 5 m/s
  line.dwell_s = 30.0;
  line.headway_s = 900.0;
  line.first_s = hms(8, 0);
  line.last_s = hms(8, 30);
  add_line(tt, line);

  REQUIRE(tt.route_count() == 2);
  CHECK(tt.route_id[1] == "N");
  CHECK(tt.route_name[1] == "new");
  CHECK(tt.vehicle_types[tt.route_vehicle_type[1]].capacity() == 70);  // the default bus
  // 08:00, 08:15, 08:30 (last inclusive), after the four trips of R.
  REQUIRE(tt.trip_count() == 4 + 3);
  CHECK(tt.trip_id[4] == "N#0");
  CHECK(tt.trip_id[6] == "N#2");
  CHECK(tt.find_route("N") == 1);
  // C-B 750 m x 1.3 / 5 m/s = 195 s, 30 s dwell, B-A 1000 m x 1.3 / 5 m/s = 260 s.
  CHECK(departure(tt, 5, 0) == hms(8, 15));
  CHECK(arrival(tt, 5, 1) == hms(8, 15) + 195);
  CHECK(departure(tt, 5, 1) == hms(8, 15) + 225);
  CHECK(arrival(tt, 5, 2) == hms(8, 15) + 485);
  CHECK(tt.trip_route[5] == 1);
  CHECK(tt.trip_previous_in_block[3] == 0);  // the existing trips are untouched
}

TEST_CASE("add_line refuses unknown stops, a taken route id and a reversed period",
          "[timetable-edits]") {
  Timetable tt = line_timetable();
  NewLine line;
  line.route = "N";
  line.stops = {"A", "Z9"};
  require_edit_error([&] { add_line(tt, line); }, "stops", "no stop 'Z9' in the feed");
  line.stops = {"A"};
  require_edit_error([&] { add_line(tt, line); }, "stops", "needs two stop ids or more");
  line.stops = {"A", "C"};
  line.route = "R";
  require_edit_error([&] { add_line(tt, line); }, "route", "route 'R' exists already");
  line.route = "N";
  line.last_s = hms(5, 0);
  require_edit_error([&] { add_line(tt, line); }, "last", "is before 'first'");
  line.last_s = hms(9, 0);
  line.headway_s = 0.0;
  require_edit_error([&] { add_line(tt, line); }, "headway_s", "must be positive");
  CHECK(tt.route_count() == 1);  // a refused edit changes nothing
  CHECK(tt.trip_count() == 4);
}

TEST_CASE("set_headway: copies of the window's first trip, evenly spaced", "[timetable-edits]") {
  Timetable tt = line_timetable();
  set_headway(tt, {"R", hms(7, 0), hms(7, 40), {}}, 600.0);
  // The window holds 07:00, 07:15, 07:30; copies run from 07:00 to 07:30 every 10 min (4),
  // after the trip outside the window (07:45).
  REQUIRE(tt.trip_count() == 1 + 4);
  CHECK(tt.trip_id[0] == "t3");
  CHECK(tt.trip_previous_in_block[0] == invalid_index);  // its predecessor was replaced
  CHECK(tt.trip_id[3] == "R@headway#2");
  CHECK(departure(tt, 3, 0) == hms(7, 20));
  CHECK(departure(tt, 3, 1) == hms(7, 20) + 200);
  CHECK(arrival(tt, 3, 2) == hms(7, 26, 40));
  CHECK(departure(tt, 4, 0) == hms(7, 30));

  require_edit_error(
      [&] {
        set_headway(tt, {"R", hms(9, 0), hms(10, 0), {}}, 600.0);
      },
      "route", "has no trips in the window");
  require_edit_error(
      [&] {
        set_headway(tt, {"R", 0.0, 1e9, {}}, -5.0);
      },
      "headway_s", "must be positive");
  require_edit_error(
      [&] {
        set_headway(tt, {"Q", 0.0, 1e9, {}}, 600.0);
      },
      "route", "no route 'Q' in the feed (by route id or public name)");
}

TEST_CASE("cancel_trips removes the window's trips and their block links", "[timetable-edits]") {
  Timetable tt = line_timetable();
  CHECK(trips_removed(cancel_trips(tt, {"R", hms(7, 10), hms(7, 35), {}})) == 2);
  REQUIRE(tt.trip_count() == 2);
  CHECK(tt.trip_id == std::vector<std::string>{"t0", "t3"});
  CHECK(tt.trip_previous_in_block[1] == 0);  // t3 still follows t0, at its new index
  CHECK(tt.call_count() == 6);
  CHECK(departure(tt, 1, 0) == hms(7, 45));
  CHECK(trips_removed(cancel_trips(tt, {"R", hms(9, 0), hms(10, 0), {}})) ==
        0);  // an empty window: nothing
  require_edit_error(
      [&] {
        cancel_trips(tt, {"Q", 0.0, 1e9, {}});
      },
      "route", "no route 'Q' in the feed (by route id or public name)");

  // Cancelling t0 leaves t3 with no predecessor.
  Timetable again = line_timetable();
  cancel_trips(again, {"R", hms(7, 0), hms(7, 1), {}});
  CHECK(again.trip_id[2] == "t3");
  CHECK(again.trip_previous_in_block[2] == invalid_index);
}

TEST_CASE("set_capacity gives the window's trips a new vehicle type", "[timetable-edits]") {
  Timetable tt = line_timetable();
  set_capacity(tt, {"R", hms(7, 30), 1e9, {}}, 10, std::nullopt);
  REQUIRE(tt.vehicle_types.size() == 2);
  CHECK(tt.vehicle_types[1].name == "bus@R");
  CHECK(tt.vehicle_types[1].seated == 10);
  CHECK(tt.vehicle_types[1].standing == 30);  // kept from the bus
  CHECK(tt.trip_vehicle_type == std::vector<Index>{0, 0, 1, 1});
  // A second change builds on the type the window's trips run now.
  set_capacity(tt, {"R", hms(7, 30), 1e9, {}}, std::nullopt, 5);
  CHECK(tt.vehicle_types[2].seated == 10);
  CHECK(tt.vehicle_types[2].standing == 5);
  CHECK(tt.trip_vehicle_type == std::vector<Index>{0, 0, 2, 2});
  require_edit_error(
      [&] {
        set_capacity(tt, {"R", 0.0, 1e9, {}}, -1, std::nullopt);
      },
      "seated", "must not be negative");
  require_edit_error([&] { set_capacity(tt, {"Q", 0.0, 1e9, {}}, 1, 1); }, "route", "no route 'Q'");
}

TEST_CASE("apply_timetable_change runs the edit its kind names", "[timetable-edits]") {
  Timetable direct = line_timetable();
  Timetable listed = line_timetable();
  cancel_trips(direct, {"R", hms(7, 10), hms(7, 20), {}});
  set_capacity(direct, {"R", 0.0, 1e9, {}}, 5, 5);
  apply_timetable_change(listed, CancelChange{{"R", hms(7, 10), hms(7, 20), {}}});
  apply_timetable_change(listed, CapacityChange{{"R", 0.0, 1e9, {}}, 5, 5});
  CHECK(listed.trip_id == direct.trip_id);
  CHECK(listed.trip_vehicle_type == direct.trip_vehicle_type);
  CHECK(listed.vehicle_types.size() == direct.vehicle_types.size());
}

TEST_CASE("[[transit.changes]] build the scenario the edit functions build", "[timetable-edits]") {
  testing::ToyFeed feed;
  feed.stop_at("S1", 0, 0);
  feed.stop_at("S2", 1000, 0);
  feed.stop_at("S3", 2000, 0);
  feed.route("R");
  for (int k = 0; k < 3; ++k) {
    const std::int32_t t0 = hms(8, 20 * k);
    feed.trip("r" + std::to_string(k), "R", {"S1", "S2", "S3"}, {t0, t0 + 120, t0 + 240});
  }
  testing::TempDir plain_dir, changed_dir;
  testing::ToyScenarioOptions options;
  options.passengers = {{"west", hms(8, 5), "S3", "S1"}, {"east", hms(8, 1), "S1", "S3"}};
  const std::string plain = testing::write_toy_scenario(plain_dir, feed, options);
  options.changes =
      "[[transit.changes]]\nkind = \"add_line\"\nroute = \"X\"\nstops = [\"S3\", \"S1\"]\n"
      "speed_kmh = 25\nheadway_s = 600\nfirst = \"08:00\"\nlast = \"08:30\"\n"
      "[[transit.changes]]\nkind = \"cancel_trips\"\nroute = \"R\"\nfrom = \"08:10\"\n"
      "to = \"08:30\"\n"
      "[[transit.changes]]\nkind = \"set_capacity\"\nroute = \"X\"\nseated = 12\n";
  const std::string changed = testing::write_toy_scenario(changed_dir, feed, options);

  auto from_file = std::make_shared<Scenario>(load_scenario(changed));
  ScenarioSpec spec = read_scenario_spec(plain);
  NewLine line;
  line.route = "X";
  line.stops = {"S3", "S1"};
  line.speed_kmh = 25.0;
  line.first_s = hms(8, 0);
  line.last_s = hms(8, 30);
  add_line(spec.transit.timetable, line);
  cancel_trips(spec.transit.timetable, {"R", hms(8, 10), hms(8, 30), {}});
  set_capacity(spec.transit.timetable, {"X", 0.0, 1e9, {}}, 12, std::nullopt);
  auto edited = std::make_shared<Scenario>(build_scenario(spec));

  const Timetable& tt = from_file->transit.timetable;
  CHECK(tt.trip_id == edited->transit.timetable.trip_id);
  CHECK(tt.call_arrival_s == edited->transit.timetable.call_arrival_s);
  CHECK(edited->transit.timetable.vehicle_types.back().seated == 12);
  CHECK(from_file->network.link_count == edited->network.link_count);
  // Run both: the files agree in everything but the fingerprint (the texts differ) and timing.
  RunOptions run;
  run.threads = 2;
  run.output_path = changed_dir.file("run.h5");
  run_scenario(from_file, run);
  run.output_path = plain_dir.file("run.h5");
  run_scenario(edited, run);
  const std::vector<std::string> differences =
      compare_h5_files(changed_dir.file("run.h5"), plain_dir.file("run.h5"), {"/perf"},
                       {"scenario_sha256", "threads"});
  for (const std::string& difference : differences) UNSCOPED_INFO(difference);
  CHECK(differences.empty());
}
