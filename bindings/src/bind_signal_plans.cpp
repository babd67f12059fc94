// Signal plans from Python, for control studies: the movements (turns) of the network, the
// phases of a node's plans, and new plans added to a scenario before simulating. A controller
// adds one plan per phase that holds that phase green (and an all-red plan), then switches
// between them with Simulation.set_signal_plan; no change to the engine is needed, because a
// state copies the scenario's plan table and set_signal_plan is one integer write.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cmath>

#include "bindings.hpp"
#include "handles.hpp"
#include "views.hpp"

namespace py = pybind11;

namespace arteria::python {
namespace {

// Every movement out of the links entering `node`, in in-link order.
std::vector<Index> node_turns(const Network& net, Index node) {
  std::vector<Index> turns;
  for (Index i = net.node_first_in[node]; i < net.node_first_in[node + 1]; ++i) {
    const Index link = net.in_links[i];
    for (Index t = net.link_first_turn[link]; t < net.link_first_turn[link + 1]; ++t) {
      turns.push_back(t);
    }
  }
  return turns;
}

Index plan_of(const Network& net, Index node, const std::optional<std::string>& name) {
  if (!name) {
    if (net.node_initial_plan[node] == invalid_index) {
      throw py::value_error("node '" + net.node_external_id[node] + "' is not signalised");
    }
    return net.node_initial_plan[node];
  }
  const Index plan = net.signal_plans.find(node, *name);
  if (plan == invalid_index) {
    throw py::key_error("node '" + net.node_external_id[node] + "' has no plan '" + *name + "'");
  }
  return plan;
}

// The table keeps green windows per movement, not phases: sample the cycle every 0.1 s from
// phase 0 and start a new phase wherever the set of green movements changes. Good to 0.1 s,
// which is all a controller needs to know which movements go together.
py::list recover_phases(const Network& net, Index node, Index plan) {
  const std::vector<Index> turns = node_turns(net, node);
  const double cycle = net.signal_plans.cycle_s(plan);
  const double offset = net.signal_plans.offset_s(plan);
  const double slot = 0.1;
  const auto slots = std::max<long>(1, std::lround(cycle / slot));
  std::vector<std::pair<long, std::vector<Index>>> phases;  // (slots, green turns)
  for (long k = 0; k < slots; ++k) {
    const double t = offset + (static_cast<double>(k) + 0.5) * cycle / static_cast<double>(slots);
    std::vector<Index> green;
    for (Index turn : turns) {
      if (net.signal_plans.is_green(plan, turn, t)) green.push_back(turn);
    }
    if (phases.empty() || phases.back().second != green) {
      phases.emplace_back(0, std::move(green));
    }
    ++phases.back().first;
  }
  py::list result;
  for (const auto& [count, green] : phases) {
    py::dict phase;
    phase["duration_s"] = static_cast<double>(count) * cycle / static_cast<double>(slots);
    phase["turns"] = py::array_t<Index>(static_cast<py::ssize_t>(green.size()), green.data());
    result.append(phase);
  }
  return result;
}

void add_plan(ScenarioHandle& h, const std::string& node_id, const std::string& name,
              const std::vector<std::pair<double, std::vector<Index>>>& phases, double offset_s) {
  if (phases.empty()) throw py::value_error("a plan needs at least one phase");
  const Network& net = h.read().network;
  const Index node = require_node(net, node_id);
  if (net.signal_plans.find(node, name) != invalid_index) {
    throw py::value_error("node '" + node_id + "' already has a plan '" + name + "'");
  }
  std::vector<GreenWindow> windows;
  double start = 0.0;
  for (const auto& [duration, turns] : phases) {
    if (!(duration > 0.0) || !std::isfinite(duration)) {
      throw py::value_error("phase durations must be positive");
    }
    for (Index turn : turns) {
      if (turn >= net.turn_count || net.link_to_node[net.turn_from_link[turn]] != node) {
        throw py::value_error("turn " + std::to_string(turn) + " is not a movement at node '" +
                              node_id + "'");
      }
      windows.push_back({turn, static_cast<float>(start), static_cast<float>(start + duration)});
    }
    start += duration;
  }
  if (!(offset_s >= 0.0) || !std::isfinite(offset_s)) {
    throw py::value_error("offset_s must be a non-negative number of seconds");
  }
  h.edit().network.signal_plans.add(name, node, start, offset_s, std::move(windows));
}

}  // namespace

void init_signal_plans(py::module_& m) {
  auto network = py::reinterpret_borrow<py::class_<NetworkHandle>>(m.attr("Network"));
  network
      .def_property_readonly(
          "turn_from_link",
          [](py::object self) {
            return readonly_view(self.cast<const NetworkHandle&>().net().turn_from_link, self);
          },
          "in-link of each movement (turn)")
      .def_property_readonly(
          "turn_to_link",
          [](py::object self) {
            return readonly_view(self.cast<const NetworkHandle&>().net().turn_to_link, self);
          },
          "out-link of each movement (turn)")
      .def_property_readonly(
          "signalised_nodes",
          [](const NetworkHandle& h) {
            std::vector<Index> nodes;
            const Network& net = h.net();
            for (Index n = 0; n < net.node_count; ++n) {
              if (net.node_initial_plan[n] != invalid_index) nodes.push_back(n);
            }
            return py::array_t<Index>(static_cast<py::ssize_t>(nodes.size()), nodes.data());
          },
          "indices of the nodes that start with a signal plan")
      .def(
          "turn_index",
          [](const NetworkHandle& h, const std::string& from, const std::string& to) {
            const Network& net = h.net();
            const Index a = require_link(net, from);
            const Index b = require_link(net, to);
            const Index turn = net.find_turn(a, b);
            if (turn == invalid_index) throw py::key_error("no movement " + from + " > " + to);
            return turn;
          },
          py::arg("from_link"), py::arg("to_link"),
          "Index of the movement from one link into another")
      .def(
          "signal_plans",
          [](const NetworkHandle& h, const std::string& node_id) {
            const Network& net = h.net();
            const Index node = require_node(net, node_id);
            std::vector<std::string> names;
            for (Index p = 0; p < net.signal_plans.size(); ++p) {
              if (net.signal_plans.node(p) == node) names.push_back(net.signal_plans.id(p));
            }
            return names;
          },
          py::arg("node"), "Names of the plans a node can run (set_signal_plan takes them)")
      .def(
          "signal_phases",
          [](const NetworkHandle& h, const std::string& node_id, std::optional<std::string> plan) {
            const Network& net = h.net();
            const Index node = require_node(net, node_id);
            return recover_phases(net, node, plan_of(net, node, plan));
          },
          py::arg("node"), py::arg("plan") = py::none(),
          "Phases of a node's plan (default: the one it starts with) from phase 0: a list of "
          "{'duration_s', 'turns'} with the movements green in each (empty: all red)");

  auto scenario = py::reinterpret_borrow<py::class_<ScenarioHandle>>(m.attr("Scenario"));
  scenario.def("add_signal_plan", &add_plan, py::arg("node"), py::arg("plan"), py::arg("phases"),
               py::arg("offset_s") = 0.0,
               "Add a fixed-time plan to a node without making it current: phases are "
               "(duration_s, [turn indices green]) pairs, phase 0 starting at offset_s. Switch "
               "to it with an event or Simulation.set_signal_plan.");
}

}  // namespace arteria::python
