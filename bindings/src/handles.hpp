// What the Python objects hold. A ScenarioHandle shares its Scenario with the simulations made
// from it and copies it before the first edit after that (copy on write), so editing a scenario
// never changes a simulation that is already running.
#pragma once

#include <memory>

#include "sim/scenario.hpp"

namespace arteria::python {

struct ScenarioHandle {
  std::shared_ptr<Scenario> scenario;

  const Scenario& read() const { return *scenario; }
  Scenario& edit() {
    if (scenario.use_count() > 1) scenario = std::make_shared<Scenario>(*scenario);
    return *scenario;
  }
};

struct NetworkHandle {
  std::shared_ptr<const Scenario> scenario;
  const Network& net() const { return scenario->network; }
};

}  // namespace arteria::python
