// The compiled signal plans: where a time falls in a plan's cycle, whether a movement is green
// there, and how long its red has left (which lets the node phase pass a waiting head by).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "model/signal_plans.hpp"

using namespace arteria;

namespace {

// A 90 s cycle offset by 10 s. Turn 3 is green for 0-20 s and 50-60 s of the cycle, turn 4
// never, turn 5 only in a window starting past the cycle's end (never either).
SignalPlanTable one_plan() {
  SignalPlanTable plans;
  plans.add("p", 0, 90.0, 10.0, {{3, 50.0f, 60.0f}, {5, 95.0f, 99.0f}, {3, 0.0f, 20.0f}});
  return plans;
}

}  // namespace

TEST_CASE("a movement's red has left the time to its next green window, by hand") {
  const SignalPlanTable plans = one_plan();
  const double never = std::numeric_limits<double>::infinity();
  // Times 10 s after the cycle position: 30 s is position 20 (green ends there), 70 s is 60.
  CHECK(plans.red_left_s(0, 3, plans.cycle_position_s(0, 30.0)) == 30.0);  // to 50 s
  CHECK(plans.red_left_s(0, 3, plans.cycle_position_s(0, 70.0)) == 30.0);  // to 0 s of the next
  CHECK(plans.red_left_s(0, 3, plans.cycle_position_s(0, 85.0)) == 15.0);
  CHECK(plans.red_left_s(0, 3, plans.cycle_position_s(0, 10.0)) == 0.0);  // green
  CHECK(plans.red_left_s(0, 3, plans.cycle_position_s(0, 65.0)) == 0.0);
  CHECK(plans.red_left_s(0, 3, plans.cycle_position_s(0, 5.0)) == 5.0);  // position 85
  CHECK(plans.red_left_s(0, 4, 0.0) == never);
  CHECK(plans.red_left_s(0, 5, 0.0) == never);
}

TEST_CASE("a movement is red for as long as its red has left, and green after, at every time") {
  const SignalPlanTable plans = one_plan();
  for (double t = 0.0; t < 400.0; t += 0.25) {
    const double left = plans.red_left_s(0, 3, plans.cycle_position_s(0, t));
    CAPTURE(t, left);
    CHECK((left == 0.0) == plans.is_green(0, 3, t));
    if (left > 0.0) {
      CHECK(plans.is_green(0, 3, t + left));
      CHECK_FALSE(plans.is_green(0, 3, t + left - 0.25));
    }
  }
}
