// Accessibility per stop on a hand-built line: counts worked out by hand from the timetable, and
// the same result on one thread and on many.
#include <tbb/task_arena.h>

#include <catch2/catch.hpp>
#include <string>

#include "model/timetable.hpp"
#include "routing/accessibility.hpp"
#include "routing/journey_planner.hpp"
#include "toy_timetable.hpp"

using namespace arteria;

namespace {

// A (0 m), B (1000 m), C (2000 m) on a line, D 100 m north of C (130 m walk, 97.7 s), E far away
// without service. One trip: A 08:00 → B 08:05 → C 08:10 (D by walking at 08:11:37.7).
Timetable line_timetable() {
  Timetable tt = testing::hand_timetable(
      {{"A", 0, 0}, {"B", 1000, 0}, {"C", 2000, 0}, {"D", 2000, 100}, {"E", 9000, 9000}});
  add_timetable_trip(tt, "T0", 0, {0, 1, 2}, {28800, 29100, 29400}, {28800, 29100, 29400});
  return tt;
}

// Departures 07:55, 07:56, ..., 08:04 (ten).
AccessibilityParams window(double minutes) {
  AccessibilityParams params;
  params.from_s = 7 * 3600 + 55 * 60;
  params.to_s = 8 * 3600 + 5 * 60;
  params.step_s = 60;
  params.budget_s = minutes * 60;
  return params;
}

}  // namespace

TEST_CASE("accessibility: stops reached within 30 minutes", "[accessibility]") {
  const Timetable tt = line_timetable();
  const JourneyPlanner planner(tt, PlannerParams{});
  const AccessibilityResult result = compute_accessibility(planner, window(30));
  CHECK(result.departures == 10);
  // From A: departures up to 08:00 catch T0 and reach A, B, C and (walking) D: 4; the four
  // later ones only A itself: 1. Sorted 1,1,1,1,4,4,4,4,4,4: median 4, mean 28 / 10.
  CHECK(result.reachable_median[0] == 4);
  CHECK(result.reachable_mean[0] == Approx(2.8));
  // From B every departure catches T0 at 08:05: B, C and D.
  CHECK(result.reachable_median[1] == 3);
  CHECK(result.reachable_mean[1] == 3);
  // Nothing leaves C; D and E have no boardable service: only themselves.
  for (Index s : {2u, 3u, 4u}) {
    CHECK(result.reachable_median[s] == 1);
    CHECK(result.reachable_mean[s] == 1);
  }
  CHECK(result.opportunities_median.empty());
}

TEST_CASE("accessibility: a 12 minute budget and the median of an even count", "[accessibility]") {
  const Timetable tt = line_timetable();
  const JourneyPlanner planner(tt, PlannerParams{});
  const AccessibilityResult result = compute_accessibility(planner, window(12));
  // From A: 07:55-07:57 reach B (08:05) but not C (08:10): 2 each; 07:58 and 07:59 reach C
  // (08:10 is exactly 12 min after 07:58) but not D (08:11:37.7): 3; 08:00 reaches D: 4;
  // 08:01-08:04 only A: 1. Sorted 1,1,1,1,2,2,2,3,3,4: median 2, mean 20 / 10.
  CHECK(result.reachable_median[0] == 2);
  CHECK(result.reachable_mean[0] == Approx(2.0));
  // From B (T0 at 08:05): 07:55-07:57 nothing more (C at 08:10 is over 12 min), 07:58 and
  // 07:59 C, 08:00-08:04 C and D. Sorted 1,1,1,2,2,3,3,3,3,3: median 2.5, mean 22 / 10.
  CHECK(result.reachable_median[1] == 2.5);
  CHECK(result.reachable_mean[1] == Approx(2.2));
}

TEST_CASE("accessibility: weighted opportunities", "[accessibility]") {
  const Timetable tt = line_timetable();
  const JourneyPlanner planner(tt, PlannerParams{});
  const std::vector<double> weight = {1, 10, 100, 1000, 5};
  const AccessibilityResult result = compute_accessibility(planner, window(30), weight);
  CHECK(result.opportunities_median[0] == 1111);
  CHECK(result.opportunities_mean[0] == Approx((6 * 1111 + 4 * 1) / 10.0));
  CHECK(result.opportunities_median[1] == 1110);
  CHECK(result.opportunities_median[4] == 5);
  CHECK_THROWS(compute_accessibility(planner, window(30), {1.0, 2.0}));
  AccessibilityParams empty = window(30);
  empty.to_s = empty.from_s;
  CHECK_THROWS(compute_accessibility(planner, empty));
}

TEST_CASE("accessibility: the result does not depend on the thread count", "[accessibility]") {
  const Timetable tt = line_timetable();
  const JourneyPlanner planner(tt, PlannerParams{});
  const std::vector<double> weight = {1, 10, 100, 1000, 5};
  AccessibilityResult one;
  tbb::task_arena single(1);
  single.execute([&] { one = compute_accessibility(planner, window(30), weight); });
  const AccessibilityResult many = compute_accessibility(planner, window(30), weight);
  CHECK(one.reachable_median == many.reachable_median);
  CHECK(one.reachable_mean == many.reachable_mean);
  CHECK(one.opportunities_median == many.opportunities_median);
  CHECK(one.opportunities_mean == many.opportunities_mean);
}
