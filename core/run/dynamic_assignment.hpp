// Dynamic traffic assignment on the meso model: simulate, take each link's experienced travel
// time per output bin, route every choosing trip on them (each on the bin of its departure), keep
// the routes each trip has found, and let a share of the trips whose current route is slower
// than their best one switch (route_switching.hpp); simulate again, until the relative gap
// reaches the target or the iteration limit. Everything stays in memory between iterations.
// The routes and the record are the same at any thread count. Method, equations and reasons:
// docs/ARCHITECTURE.md, "Dynamic assignment".
#pragma once

#include <functional>
#include <memory>

#include "model/scenario.hpp"
#include "output/dynamic_assignment_writer.hpp"

namespace arteria {

struct DynamicAssignmentOptions {
  int threads = 0;  // 0: every core
  // Called after each iteration with its 0-based number (the progress line).
  std::function<void(Index iteration, const DynamicIteration&)> on_iteration;
};

// Uses scenario.dynamic_assignment's iteration limit, target gap and switching rule (enabled or
// not). Choosing trips: the road trips without a route of their own from the demand (a static
// equilibrium's warm-start routes are where they start, not fixed).
DynamicAssignmentRecord assign_dynamic(const Scenario& scenario,
                                       const DynamicAssignmentOptions& options);

// A copy of the scenario whose choosing trips follow their final routes as routes of their own
// (so a run, and its file's /meta@routes, use them).
std::shared_ptr<Scenario> with_dynamic_routes(const Scenario& scenario,
                                              const DynamicAssignmentRecord& record);

}  // namespace arteria
