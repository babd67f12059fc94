// How passengers plan journeys on the timetable: walking speed and reach, transfer penalty.
// Part of the scenario (TransitParams); the journey planner (routing/journey_planner.hpp) obeys it.
#pragma once

namespace arteria {

struct PlannerParams {
  double walk_speed_mps = 1.33;
  double walk_detour = 1.3;            // walking distance / straight-line distance
  double max_access_walk_m = 800.0;    // origin to first stop, last stop to destination
  double max_transfer_walk_m = 400.0;  // between stops at a transfer
  double transfer_penalty_s = 120.0;   // added before boarding any vehicle but the first
};

}  // namespace arteria
