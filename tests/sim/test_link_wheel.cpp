// The timing wheel of link wake-ups (sim/meso/link_wheel.hpp): each link due at a step comes
// out once, at that step and not before, however far ahead it was asked for; and the step a
// time falls in agrees with the simulation's own clock.
#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <vector>

#include "model/scenario.hpp"
#include "sim/meso/link_wheel.hpp"

using namespace arteria;

namespace {

std::vector<Index> sorted_due(LinkWheel& wheel, std::uint64_t step) {
  std::vector<Index> due;
  wheel.take_due(step, due);
  std::sort(due.begin(), due.end());
  return due;
}

}  // namespace

TEST_CASE("the wheel gives each due link once, at its step, however far ahead") {
  LinkWheel wheel;
  wheel.reset(10, 5);
  // Duplicates, any order, one a whole turn and a half ahead, one never, one in the past.
  const std::vector<LinkWake> wakes{{7, 3}, {6, 1}, {7, 3},          {7, 2}, {2541, 4},
                                    {6, 1}, {5, 0}, {never_step, 9}, {1, 8}};
  wheel.add(wakes);
  CHECK(sorted_due(wheel, 5) == std::vector<Index>{0, 8});  // the past is filed for now
  CHECK(sorted_due(wheel, 6) == std::vector<Index>{1});
  CHECK(sorted_due(wheel, 7) == std::vector<Index>{2, 3});
  for (std::uint64_t step = 8; step < 2541; ++step) {
    INFO("step " << step);
    REQUIRE(sorted_due(wheel, step).empty());  // steps 493 and 1,517 look at link 4 and keep it
  }
  CHECK(sorted_due(wheel, 2541) == std::vector<Index>{4});
}

TEST_CASE("a time's first step agrees with the simulation's clock") {
  SimulationParams sim;
  sim.start_s = 3.3;
  sim.step_s = 0.1;
  const auto time_of = [&](std::uint64_t step) {
    return sim.start_s + static_cast<double>(step) * sim.step_s;
  };
  for (std::uint64_t step = 0; step < 3000; ++step) {
    for (const double time_s : {time_of(step), time_of(step) - 1e-9, time_of(step) + 0.03}) {
      const std::uint64_t first = first_step_at(sim.start_s, sim.step_s, time_s);
      INFO("time " << time_s);
      REQUIRE(time_of(first) >= time_s);
      if (first > 0) REQUIRE(time_of(first - 1) < time_s);
    }
  }
  CHECK(first_step_at(sim.start_s, sim.step_s, 0.0) == 0);  // before the start: the first step
  CHECK(first_step_at(sim.start_s, sim.step_s, std::numeric_limits<double>::infinity()) ==
        never_step);
}
