// Timetable edits keep a route's two directions apart (GTFS direction_id) and find routes by
// their public names: a headway change on one line must not remove the trips back.
#include <catch2/catch.hpp>

#include "model/timetable_edits.hpp"
#include "toy_gtfs.hpp"
#include "toy_timetable.hpp"

using namespace arteria;
using arteria::testing::hms;

namespace {

// Route R ("121" to the public) runs A-B-C (direction 0) at 07:00, 07:20, 07:40 and C-B-A
// (direction 1) at 07:10, 07:30, 07:50.
Timetable two_way_timetable() {
  Timetable tt = testing::hand_timetable({{"A", 0, 0}, {"B", 1000, 0}, {"C", 2000, 0}});
  tt.route_name[0] = "121";
  for (int k = 0; k < 3; ++k) {
    const std::int32_t out = hms(7, 20 * k), back = hms(7, 20 * k + 10);
    add_timetable_trip(tt, "out" + std::to_string(k), 0, {0, 1, 2}, {out, out + 200, out + 400},
                       {out, out + 200, out + 400}, 0);
    add_timetable_trip(tt, "back" + std::to_string(k), 0, {2, 1, 0}, {back, back + 200, back + 400},
                       {back, back + 200, back + 400}, 1);
  }
  return tt;
}

// Trips per direction, and the first stop of each direction's trips.
std::size_t trips_in(const Timetable& tt, int direction, Index first_stop) {
  std::size_t count = 0;
  for (Index t = 0; t < tt.trip_count(); ++t) {
    if (tt.trip_direction[t] != direction) continue;
    CHECK(tt.call_stop[tt.calls_begin(t)] == first_stop);  // each keeps its own pattern
    ++count;
  }
  return count;
}

TripWindow all_day(const std::string& route, std::optional<int> direction = std::nullopt) {
  return {route, 0.0, 1e9, direction};
}

}  // namespace

TEST_CASE("set_headway keeps both directions, each on its own pattern", "[timetable-edits]") {
  Timetable tt = two_way_timetable();
  const std::vector<TripCountChange> changes = set_headway(tt, all_day("R"), 300.0);
  // 07:00 to 07:40 every 5 min: 9 trips out; 07:10 to 07:50: 9 back.
  CHECK(trips_in(tt, 0, 0) == 9);
  CHECK(trips_in(tt, 1, 2) == 9);
  REQUIRE(changes.size() == 2);
  CHECK(changes[0].direction == 0);
  CHECK(changes[0].before == 3);
  CHECK(changes[0].after == 9);
  CHECK(changes[1].direction == 1);
  CHECK(changes[1].after == 9);
  CHECK(trips_removed(changes) == 0);
  CHECK(tt.trip_id.back() == "R@headway/1#8");
}

TEST_CASE("set_headway with a direction leaves the other as it was", "[timetable-edits]") {
  Timetable tt = two_way_timetable();
  const std::vector<TripCountChange> changes = set_headway(tt, all_day("R", 1), 3600.0);
  CHECK(trips_in(tt, 0, 0) == 3);
  CHECK(trips_in(tt, 1, 2) == 1);  // 07:10 only: the next would leave after the last, 07:50
  REQUIRE(changes.size() == 1);
  CHECK(trips_removed(changes) == 2);
  CHECK(describe_trip_count_change(changes[0]) ==
        "set_headway route 121 (R) direction 1: 3 -> 1 trips");
  try {
    set_headway(tt, all_day("R", 2), 600.0);
    FAIL("direction 2 accepted");
  } catch (const TimetableEditError& error) {
    CHECK(error.field() == "direction");
  }
}

TEST_CASE("cancel_trips per direction says what it removed", "[timetable-edits]") {
  Timetable tt = two_way_timetable();
  const std::vector<TripCountChange> changes = cancel_trips(tt, all_day("121", 0));
  CHECK(trips_removed(changes) == 3);
  CHECK(trips_in(tt, 1, 2) == 3);
  CHECK(tt.trip_count() == 3);
}

TEST_CASE("routes are found by public name, with candidates and suggestions on errors",
          "[timetable-edits]") {
  Timetable tt = two_way_timetable();
  CHECK(resolve_route(tt, "R") == 0);
  CHECK(resolve_route(tt, "121") == 0);
  try {
    resolve_route(tt, "112");
    FAIL("an unknown route accepted");
  } catch (const TimetableEditError& error) {
    CHECK(error.field() == "route");
    CHECK_THAT(error.what(), Catch::Matchers::Contains("did you mean '121'"));
  }
  // A second route with the same public name: the name alone is ambiguous.
  tt.route_by_id.emplace("121-424", 1);
  tt.route_id.push_back("121-424");
  tt.route_name.push_back("121");
  tt.route_mode.push_back(tt.route_mode[0]);
  tt.route_vehicle_type.push_back(tt.route_vehicle_type[0]);
  try {
    resolve_route(tt, "121");
    FAIL("an ambiguous public name accepted");
  } catch (const TimetableEditError& error) {
    CHECK_THAT(error.what(), Catch::Matchers::Contains("public name of 2 routes (R, 121-424)"));
  }
  CHECK(resolve_route(tt, "121-424") == 1);
}
