// Emergency stations and incidents on arteria.Scenario (scenario files: [[emergency_stations]],
// [[incidents]], [emergency]; model/emergency.hpp).
#include <pybind11/stl.h>

#include <optional>

#include "base/value_ranges.hpp"
#include "bindings.hpp"
#include "handles.hpp"

namespace py = pybind11;

namespace arteria::python {
namespace {

void add_station(ScenarioHandle& h, const std::string& id, const std::string& node) {
  const Index n = require_node(h.read().network, node);
  for (const EmergencyStation& station : h.read().emergency.stations) {
    if (station.id == id) throw py::value_error("station '" + id + "' is given twice");
  }
  if (id.empty()) throw py::value_error("a station's id must not be empty");
  h.edit().emergency.stations.push_back({id, n});
}

void add_incident(ScenarioHandle& h, double time_s, const std::string& node,
                  const std::string& id) {
  const Scenario& read = h.read();
  const Index n = require_node(read.network, node);
  if (time_s < read.sim.start_s || time_s >= read.sim.end_s) {
    throw py::value_error("an incident's time must be within the simulated period");
  }
  std::vector<Incident>& incidents = h.edit().emergency.incidents;
  incidents.push_back(
      {id.empty() ? "incident#" + std::to_string(incidents.size()) : id, time_s, n});
  sort_incidents(incidents);
}

void set_emergency(ScenarioHandle& h, std::optional<double> pass_speed_kmh,
                   std::optional<double> clearance_s) {
  if (pass_speed_kmh && !valid::free_speed_kmh.contains(*pass_speed_kmh)) {
    throw py::value_error("pass_speed_kmh must be within 1 to 400 km/h");
  }
  if (clearance_s && !valid::clearance_s.contains(*clearance_s)) {
    throw py::value_error("clearance_s must be within 0 to 120 s");
  }
  EmergencyParams& params = h.edit().emergency.params;
  if (pass_speed_kmh) params.pass_speed_kmh = *pass_speed_kmh;
  if (clearance_s) params.clearance_s = *clearance_s;
}

py::list stations(const ScenarioHandle& h) {
  py::list out;
  for (const EmergencyStation& station : h.read().emergency.stations) {
    out.append(py::make_tuple(station.id, h.read().network.node_external_id[station.node]));
  }
  return out;
}

}  // namespace

void init_emergency(py::module_& m) {
  auto scenario = py::reinterpret_borrow<py::class_<ScenarioHandle>>(m.attr("Scenario"));
  scenario
      .def("add_emergency_station", &add_station, py::arg("id"), py::arg("node"),
           "An emergency station at a node ([[emergency_stations]])")
      .def("add_incident", &add_incident, py::arg("time_s"), py::arg("node"), py::arg("id") = "",
           "An incident at a node at a time of the period ([[incidents]]); the nearest station "
           "by travel time at that moment sends a vehicle")
      .def("set_emergency", &set_emergency, py::arg("pass_speed_kmh") = py::none(),
           py::arg("clearance_s") = py::none(),
           "How emergency vehicles pass traffic ([emergency]): speed past queues, signal "
           "clearance time")
      .def_property_readonly("emergency_stations", &stations,
                             "The stations as (id, node id) pairs");
}

}  // namespace arteria::python
