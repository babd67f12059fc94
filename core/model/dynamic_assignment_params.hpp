// [assignment] kind = "dynamic": the scenario's routes come from a dynamic traffic assignment
// on the meso model before the run (run/dynamic_assignment.hpp; method and reasons in
// docs/ARCHITECTURE.md, "Dynamic assignment").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/ids.hpp"

namespace arteria {

// How a share of the travellers with a better route take it after an iteration (the step is
// 1 / (iteration + 2), route_switching.hpp). MSA is the default: on the default city it reaches
// a 1 % gap in 3 iterations where the gap-based rule overshoots (docs/ARCHITECTURE.md).
enum class SwitchRule : std::uint8_t {
  msa = 0,  // method of successive averages: every trip with a better route, with probability step
  // Switch with probability step × (own excess time) / (mean excess of those with one): the same
  // expected share as MSA, given to the trips that lose most on their current route.
  gap = 1,
};

inline const char* switch_rule_name(SwitchRule rule) {
  return rule == SwitchRule::msa ? "msa" : "gap";
}

struct DynamicAssignmentParams {
  bool enabled = false;  // kind = "dynamic"
  Index max_iterations = 20;
  double target_gap = 0.01;  // stop at or below this relative gap
  SwitchRule switching = SwitchRule::msa;
  // Trips are routed on the experienced costs averaged over bins this long (a multiple of the
  // output bin, rounded): each bin is one CCH customization (docs/ARCHITECTURE.md).
  double route_bin_s = 900.0;
  // Per road trip: 1 when its route came with the demand (the assignment leaves it alone). Filled
  // when the build gave the others routes of a static equilibrium as a warm start, so that they
  // can no longer be told apart by Demand::has_given_route; empty: that function tells.
  std::vector<std::uint8_t> trip_route_fixed;
  // [assignment] start_routes: a dynamic assignment file whose final routes the choosing trips
  // start from, matched by trip id (a study's variants start from the base's equilibrium). The
  // scenario stage keeps the path; the run stage reads the file (run/result_inputs.hpp).
  std::string start_routes_from;
};

}  // namespace arteria
