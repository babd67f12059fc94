#include "toy_runs.hpp"

#include <algorithm>

namespace arteria::testing {

Simulation run(const std::shared_ptr<Scenario>& scenario, int threads) {
  finalize_scenario(*scenario);
  Simulation sim(scenario, threads);
  while (!sim.done()) sim.step();
  return sim;
}

double arrivals_between(const Simulation& sim, double from_s, double to_s) {
  const auto& arrive = sim.state().vehicles.arrive_s;
  return static_cast<double>(std::count_if(arrive.begin(), arrive.end(),
                                           [&](double t) { return t >= from_s && t < to_s; }));
}

}  // namespace arteria::testing
