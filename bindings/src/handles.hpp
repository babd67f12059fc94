// What the Python objects hold. A ScenarioHandle shares its Scenario with the simulations made
// from it and copies it before the first edit after that (copy on write), so editing a scenario
// never changes a simulation that is already running. It also keeps the ScenarioSpec it was
// built from: a timetable edit changes the spec's timetable and builds the scenario again
// (bind_transit_edits.cpp).
#pragma once

#include <pybind11/pybind11.h>

#include <memory>
#include <string>
#include <vector>

#include "model/scenario.hpp"
#include "scenario/scenario_spec.hpp"

namespace arteria::python {

struct ScenarioHandle {
  std::shared_ptr<Scenario> scenario;
  std::shared_ptr<const ScenarioSpec> spec;  // what `scenario` was built from
  // Set by edits of the built model (links, events, trips, signal plans), which a rebuild from
  // the spec would lose; parameters (seed, end, output file) are carried over instead.
  bool model_edited = false;

  // Reads the file and builds it.
  static ScenarioHandle load(const std::string& path, const std::vector<std::string>& overrides);

  const Scenario& read() const { return *scenario; }
  // An edit of the built model.
  Scenario& edit() {
    model_edited = true;
    return edit_params();
  }
  // An edit of parameters only (a rebuild keeps them).
  Scenario& edit_params() {
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
