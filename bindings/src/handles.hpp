// What the Python objects hold. A ScenarioHandle shares its Scenario with the simulations made
// from it and copies it before the first edit after that (copy on write), so editing a scenario
// never changes a simulation that is already running.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>
#include <string>

#include "model/scenario.hpp"

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

// A link or node by its external id; KeyError when there is none, as a dict lookup would raise.
inline Index require_link(const Network& net, const std::string& id) {
  const Index link = net.find_link(id);
  if (link == invalid_index) throw pybind11::key_error("no link '" + id + "' in the network");
  return link;
}
inline Index require_node(const Network& net, const std::string& id) {
  const Index node = net.find_node(id);
  if (node == invalid_index) throw pybind11::key_error("no node '" + id + "' in the network");
  return node;
}

// A thread count as simulation.threads takes it: 0 (every core) to max_threads; ValueError else.
inline void check_threads(int threads) {
  if (threads < 0 || threads > max_threads) {
    throw pybind11::value_error("threads must be 0 (every core) to " + std::to_string(max_threads) +
                                ", got " + std::to_string(threads));
  }
}

}  // namespace arteria::python
