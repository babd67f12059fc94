// Accessibility from a place: the walk to every stop within reach is added, the best of the
// stops wins, and the result is the same on one thread and on many. Numbers worked out by hand.
#include <tbb/task_arena.h>

#include <catch2/catch.hpp>
#include <cmath>

#include "model/timetable.hpp"
#include "routing/place_accessibility.hpp"
#include "toy_timetable.hpp"

using namespace arteria;

namespace {

// Two bays of an interchange, A (0, 0) and A2 (0, 200), and a line from each: A 08:00 -> B
// (3000, 0) 08:10, and A2 08:02 -> C (0, 3000) 08:20. E far away without service.
Timetable interchange() {
  Timetable tt = testing::hand_timetable(
      {{"A", 0, 0}, {"A2", 0, 200}, {"B", 3000, 0}, {"C", 0, 3000}, {"E", 9000, 9000}});
  add_timetable_trip(tt, "T0", 0, {0, 2}, {28800, 29400}, {28800, 29400});
  add_timetable_trip(tt, "T1", 0, {1, 3}, {28920, 30000}, {28920, 30000});
  return tt;
}

// One departure at 07:55 from (0, 100), halfway between the bays.
PlaceAccessibilityParams between_the_bays(double walk_m) {
  PlaceAccessibilityParams params;
  params.x_m = 0.0;
  params.y_m = 100.0;
  params.walk_m = walk_m;
  params.from_s = 7 * 3600 + 55 * 60;
  params.to_s = params.from_s + 1;
  params.step_s = 60;
  params.budget_s = 3600;
  return params;
}

}  // namespace

TEST_CASE("accessibility from a place starts at every stop within walking distance",
          "[accessibility]") {
  const Timetable tt = interchange();
  const JourneyPlanner planner(tt, PlannerParams{});
  const PlaceAccessibility result = compute_place_accessibility(planner, between_the_bays(600));
  // 100 m straight x 1.3 detour at 1.33 m/s to each bay.
  const double walk_s = 100.0 * 1.3 / 1.33;
  REQUIRE(result.start.size() == 2);
  CHECK(result.start[0].walk_s == Approx(walk_s));
  CHECK(result.departures == 1);
  CHECK(result.travel_time_median_s[0] == Approx(walk_s));
  CHECK(result.travel_time_median_s[2] == Approx(15 * 60));  // B at 08:10, from 07:55
  CHECK(result.travel_time_median_s[3] == Approx(25 * 60));  // C at 08:20
  CHECK(result.first_arrival_s[3] == Approx(8 * 3600 + 20 * 60));
  CHECK(std::isinf(result.travel_time_median_s[4]));
  CHECK(result.reached() == 4);
  // A walk too short for either bay (100 m x 1.3 > 120 m) is an error, not an empty map.
  CHECK_THROWS_AS(compute_place_accessibility(planner, between_the_bays(120)),
                  std::invalid_argument);
}

TEST_CASE("accessibility from a place: a short budget, and the median over departures",
          "[accessibility]") {
  const Timetable tt = interchange();
  const JourneyPlanner planner(tt, PlannerParams{});
  PlaceAccessibilityParams params = between_the_bays(600);
  params.budget_s = 20 * 60;  // C (25 min) is out of reach
  CHECK(std::isinf(compute_place_accessibility(planner, params).travel_time_median_s[3]));
  // Departures 07:55, 07:56, ..., 08:04 with a 97.7 s walk: bay A by 08:00 only from 07:58
  // or earlier (4 of 10: B unreached); bay A2 by 08:02 from 08:00 or earlier (6 of 10), C at
  // 08:20: 25, 24, ..., 20 min and four unreached; sorted, the 5th and 6th are 24 and 25 min.
  params = between_the_bays(600);
  params.to_s = 8 * 3600 + 5 * 60;
  const PlaceAccessibility many = compute_place_accessibility(planner, params);
  CHECK(many.departures == 10);
  CHECK(std::isinf(many.travel_time_median_s[2]));
  CHECK(many.travel_time_median_s[3] == Approx(24.5 * 60));
  tbb::task_arena one(1);
  one.execute([&] {
    const PlaceAccessibility serial = compute_place_accessibility(planner, params);
    CHECK(serial.travel_time_median_s == many.travel_time_median_s);
    CHECK(serial.first_arrival_s == many.first_arrival_s);
  });
}
