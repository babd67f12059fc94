// arteria.Scenario: load a scenario file or the default city, read and change its parameters,
// network controls, events and demand before simulating.
#include <pybind11/stl.h>

#include <optional>

#include "base/install_paths.hpp"
#include "bindings.hpp"
#include "handles.hpp"
#include "scenario/build_scenario.hpp"
#include "scenario/scenario_file.hpp"

namespace py = pybind11;

namespace arteria::python {
namespace {

EventKind event_kind(const std::string& action) {
  for (EventKind kind :
       {EventKind::close_link, EventKind::reopen_link, EventKind::set_link_capacity,
        EventKind::set_link_speed, EventKind::set_signal_plan}) {
    if (action == event_kind_name(kind)) return kind;
  }
  throw py::value_error("unknown event action '" + action +
                        "' (close_link, reopen_link, set_link_capacity, set_link_speed, "
                        "set_signal_plan; scale demand with Scenario.scale_demand)");
}

void add_event(ScenarioHandle& h, double time_s, const std::string& action, const std::string& link,
               const std::string& node, const std::string& plan, double value) {
  Scenario& s = h.edit();
  Event event;
  event.time_s = time_s;
  event.kind = event_kind(action);
  event.value = value;
  // The checks of the scenario file's [[events]] (speed in km/h as given).
  if (const std::string error = event_value_error(event.kind, value); !error.empty()) {
    throw py::value_error(error);
  }
  if (event.kind == EventKind::set_signal_plan) {
    event.target = require_node(s.network, node);
    event.plan = s.network.signal_plans.find(event.target, plan);
    if (event.plan == invalid_index)
      throw py::key_error("node '" + node + "' has no plan '" + plan + "'");
  } else {
    event.target = require_link(s.network, link);
    if (event.kind == EventKind::set_link_speed) event.value = value / 3.6;  // given in km/h
  }
  if (time_s < s.sim.start_s || time_s > s.sim.end_s) {
    throw py::value_error("event time is outside the simulated period");
  }
  s.events.push_back(event);
  std::stable_sort(s.events.begin(), s.events.end(),
                   [](const Event& a, const Event& b) { return a.time_s < b.time_s; });
}

}  // namespace

ScenarioHandle ScenarioHandle::load(const std::string& path,
                                    const std::vector<std::string>& overrides) {
  auto spec = std::make_shared<ScenarioSpec>(read_scenario_spec(path, overrides));
  return ScenarioHandle{std::make_shared<Scenario>(build_scenario(*spec)), spec};
}

void init_scenario(py::module_& m) {
  py::class_<ScenarioHandle>(m, "Scenario", "A scenario: network, demand, events and parameters")
      .def_static(
          "load",
          [](const std::string& path, const std::vector<std::string>& overrides) {
            return ScenarioHandle::load(path, overrides);
          },
          py::arg("path"), py::arg("overrides") = std::vector<std::string>{},
          "Load a scenario file; overrides are 'key=value' strings as with `arteria run --set`")
      .def_static(
          "default",
          [](const std::vector<std::string>& overrides) {
            return ScenarioHandle::load(default_scenario_path(), overrides);
          },
          py::arg("overrides") = std::vector<std::string>{}, "The built-in default city")
      .def_property_readonly("name", [](const ScenarioHandle& h) { return h.read().name; })
      .def_property_readonly("sha256", [](const ScenarioHandle& h) { return h.read().sha256; })
      .def_property_readonly("network",
                             [](const ScenarioHandle& h) { return NetworkHandle{h.scenario}; })
      .def_property_readonly("trip_count",
                             [](const ScenarioHandle& h) { return h.read().demand.trip_count(); })
      .def_property_readonly("start_s",
                             [](const ScenarioHandle& h) { return h.read().sim.start_s; })
      .def_property(
          "end_s", [](const ScenarioHandle& h) { return h.read().sim.end_s; },
          [](ScenarioHandle& h, double end_s) {
            if (!(end_s > h.read().sim.start_s)) throw py::value_error("end must be after start");
            h.edit_params().sim.end_s = end_s;
          })
      .def_property_readonly("step_s", [](const ScenarioHandle& h) { return h.read().sim.step_s; })
      .def_property(
          "seed", [](const ScenarioHandle& h) { return h.read().sim.seed; },
          [](ScenarioHandle& h, std::uint64_t seed) { h.edit_params().sim.seed = seed; })
      .def_property(
          "output_file", [](const ScenarioHandle& h) { return h.read().output.file; },
          [](ScenarioHandle& h, std::string file) {
            h.edit_params().output.file = std::move(file);
          })
      .def_property_readonly("event_count",
                             [](const ScenarioHandle& h) { return h.read().events.size(); })
      .def(
          "set_link_capacity",
          [](ScenarioHandle& h, const std::string& link, double vph) {
            if (!(vph > 0.0)) throw py::value_error("capacity must be positive");
            Scenario& s = h.edit();
            s.network.link_capacity_vph[require_link(s.network, link)] = static_cast<float>(vph);
          },
          py::arg("link"), py::arg("capacity_vph"))
      .def(
          "set_link_speed",
          [](ScenarioHandle& h, const std::string& link, double kmh) {
            if (!(kmh > 0.0)) throw py::value_error("speed must be positive");
            Scenario& s = h.edit();
            s.network.link_free_speed_mps[require_link(s.network, link)] =
                static_cast<float>(kmh / 3.6);
          },
          py::arg("link"), py::arg("free_speed_kmh"))
      .def(
          "set_link_lanes",
          [](ScenarioHandle& h, const std::string& link, double lanes) {
            if (!(lanes > 0.0)) throw py::value_error("lanes must be positive");
            Scenario& s = h.edit();
            s.network.link_lanes[require_link(s.network, link)] = static_cast<float>(lanes);
          },
          py::arg("link"), py::arg("lanes"))
      .def("add_event", &add_event, py::arg("time_s"), py::arg("action"), py::arg("link") = "",
           py::arg("node") = "", py::arg("plan") = "", py::arg("value") = 0.0,
           "Add a what-if event (set_link_speed takes km/h)")
      .def(
          "scale_demand",
          [](ScenarioHandle& h, double factor, std::optional<double> from_s) {
            const double from = from_s.value_or(h.read().sim.start_s);
            const std::string error = demand_scale_error(h.read().demand, from, factor);
            if (!error.empty()) throw py::value_error(error);
            Scenario& s = h.edit();
            scale_demand(s.demand, from, factor, s.sim.seed, s.demand.trip_count());
            return s.demand.trip_count();
          },
          py::arg("factor"), py::arg("from_s") = py::none(),
          "Scale the trips departing from from_s (default: start) by factor; returns the trip "
          "count")
      .def(
          "add_trip",
          [](ScenarioHandle& h, const std::string& origin, const std::string& destination,
             double depart_s, float pcu) {
            Scenario& s = h.edit();
            if (depart_s < s.sim.start_s || depart_s >= s.sim.end_s) {
              throw py::value_error("departure is outside the simulated period");
            }
            DemandBuilder builder(s.network, s.demand);
            return builder.add_trip("", origin, destination, depart_s, pcu, {});
          },
          py::arg("origin"), py::arg("destination"), py::arg("depart_s"), py::arg("pcu") = 1.0f)
      .def("__repr__", [](const ScenarioHandle& h) {
        return "<arteria.Scenario '" + h.read().name +
               "': " + std::to_string(h.read().network.link_count) + " links, " +
               std::to_string(h.read().demand.trip_count()) + " trips>";
      });
}

}  // namespace arteria::python
