// Running a toy scenario to its end and counting what arrived, for the simulation tests.
#pragma once

#include <memory>

#include "model/scenario.hpp"
#include "sim/simulation.hpp"

namespace arteria::testing {

// Finalizes `scenario` and steps it to the end on `threads` threads.
Simulation run(const std::shared_ptr<Scenario>& scenario, int threads = 2);

// Vehicles that arrived at their destination inside [from_s, to_s).
double arrivals_between(const Simulation& sim, double from_s, double to_s);

}  // namespace arteria::testing
