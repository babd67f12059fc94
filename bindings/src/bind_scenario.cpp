// arteria.Scenario: load a scenario file or the default city, read and change its parameters,
// network controls, events and demand before simulating.
#include <pybind11/stl.h>

#include <algorithm>
#include <array>
#include <optional>
#include <thread>

#include "base/did_you_mean.hpp"
#include "base/install_paths.hpp"
#include "bindings.hpp"
#include "handles.hpp"
#include "model/road_works.hpp"
#include "run/memory_estimate.hpp"
#include "run/result_inputs.hpp"
#include "scenario/build_scenario.hpp"
#include "scenario/scenario_file.hpp"

namespace py = pybind11;

namespace arteria::python {
namespace {

EventKind event_kind(const std::string& action) {
  for (EventKind kind :
       {EventKind::close_link, EventKind::reopen_link, EventKind::set_link_capacity,
        EventKind::set_link_speed, EventKind::close_lanes, EventKind::limit_speed,
        EventKind::set_signal_plan}) {
    if (action == event_kind_name(kind)) return kind;
  }
  throw py::value_error("unknown event action '" + action +
                        "' (close_link, reopen_link, set_link_capacity, set_link_speed, "
                        "close_lanes, limit_speed, set_signal_plan; scale demand with "
                        "Scenario.scale_demand, road works with Scenario.add_road_works)");
}

// The scenario file's road_works action (model/road_works.hpp), with its checks.
void add_road_works(ScenarioHandle& h, double from_s, double to_s,
                    const std::vector<std::string>& links,
                    const std::vector<std::array<double, 2>>& polygon, double lanes_closed,
                    double speed_kmh) {
  const Scenario& read = h.read();
  const Network& net = read.network;
  RoadWorks works;
  works.from_s = from_s;
  works.to_s = to_s;
  works.lanes_closed = lanes_closed;
  works.speed_limit_mps = speed_kmh / 3.6;
  if (const std::string error =
          road_works_window_error(from_s, to_s, read.sim.start_s, read.sim.end_s);
      !error.empty()) {
    throw py::value_error(error);
  }
  if (links.empty() == polygon.empty()) {
    throw py::value_error("road works need their zone: either links or polygon, not both");
  }
  if (!polygon.empty()) {
    if (polygon.size() < 3) throw py::value_error("a polygon needs at least 3 points");
    works.links = links_inside_polygon(net, polygon);
    if (works.links.empty()) throw py::value_error("the polygon holds no road link");
  }
  for (const std::string& link : links) works.links.push_back(require_link(net, link));
  std::sort(works.links.begin(), works.links.end());
  works.links.erase(std::unique(works.links.begin(), works.links.end()), works.links.end());
  if (lanes_closed == 0.0 && speed_kmh == 0.0) {
    throw py::value_error("road works need lanes_closed, speed_kmh or both");
  }
  if (lanes_closed != 0.0) {
    std::string error = event_value_error(EventKind::close_lanes, lanes_closed);
    for (std::size_t i = 0; error.empty() && i < works.links.size(); ++i) {
      error = lanes_closed_error(lanes_closed, net.link_lanes[works.links[i]]);
      if (!error.empty()) error = "link '" + net.link_external_id[works.links[i]] + "': " + error;
    }
    if (!error.empty()) throw py::value_error(error);
  }
  if (speed_kmh != 0.0) {
    const std::string error = event_value_error(EventKind::limit_speed, speed_kmh);
    if (!error.empty()) throw py::value_error(error);
  }
  if (const std::string error = road_works_overlap_error(works, read.events, net); !error.empty()) {
    throw py::value_error(error);
  }
  const std::vector<Event> events = road_works_events(works, read.sim.start_s, read.sim.end_s);
  Scenario& s = h.edit();
  s.events.insert(s.events.end(), events.begin(), events.end());
  std::stable_sort(s.events.begin(), s.events.end(), event_applies_before);
}

// The checks of the scenario file's [[events]] (model/event.hpp), with Python's exceptions:
// ValueError for a wrong argument or value, KeyError for an unknown link, node or plan.
void add_event(ScenarioHandle& h, double time_s, const std::string& action, const std::string& link,
               const std::string& node, const std::string& plan, std::optional<double> value) {
  const Scenario& read = h.read();
  Event event;
  event.time_s = time_s;
  event.kind = event_kind(action);
  const std::pair<const char*, bool> given[] = {{"link", !link.empty()},
                                                {"node", !node.empty()},
                                                {"plan", !plan.empty()},
                                                {"value", value.has_value()}};
  for (const auto& [key, is_given] : given) {
    if (is_given != event_takes(event.kind, key)) {
      throw py::value_error(std::string(key) +
                            (is_given ? " is not an argument of" : " is required for") +
                            " action = \"" + action + "\"");
    }
  }
  if (event.kind == EventKind::set_signal_plan) {
    event.target = require_node(read.network, node);
    std::string error;
    event.plan = find_event_plan(read.network.signal_plans, event.target, node, plan, error);
    if (event.plan == invalid_index) throw py::key_error(error);
  } else {
    event.target = require_link(read.network, link);
  }
  if (value) {
    if (const std::string error = event_value_error(event.kind, *value); !error.empty()) {
      throw py::value_error(error);
    }
    // Given in km/h, as in the scenario file.
    const bool speed =
        event.kind == EventKind::set_link_speed || event.kind == EventKind::limit_speed;
    event.value = speed ? *value / 3.6 : *value;
  }
  if (event.kind == EventKind::close_lanes) {
    const std::string error =
        lanes_closed_error(event.value, read.network.link_lanes[event.target]);
    if (!error.empty()) throw py::value_error(error);
  }
  if (const std::string error = event_time_error(time_s, read.sim.start_s, read.sim.end_s);
      !error.empty()) {
    throw py::value_error(error);
  }
  Scenario& s = h.edit();
  s.events.push_back(event);
  std::stable_sort(s.events.begin(), s.events.end(), event_applies_before);
}

}  // namespace

ScenarioHandle ScenarioHandle::load(const std::string& path,
                                    const std::vector<std::string>& overrides) {
  auto spec = std::make_shared<ScenarioSpec>(read_scenario_spec(path, overrides));
  auto scenario = std::make_shared<Scenario>(build_scenario(*spec));
  load_result_inputs(*scenario);  // [routing] costs_from, [assignment] start_routes, as the CLI
  return ScenarioHandle{std::move(scenario), spec};
}

namespace {

using ScenarioClass = py::class_<ScenarioHandle>;

// Loading, and the parameters a script reads or sets.
void init_scenario_loading(ScenarioClass& c) {
  c.def_static(
       "load",
       [](const std::string& path, const std::vector<std::string>& overrides) {
         return ScenarioHandle::load(path, overrides);
       },
       py::arg("path"), py::arg("overrides") = std::vector<std::string>{},
       // Reading and building touch no Python object: studies load variants in parallel.
       py::call_guard<py::gil_scoped_release>(),
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
      .def_property_readonly(
          "assigns_dynamically",
          [](const ScenarioHandle& h) { return h.read().dynamic_assignment.enabled; },
          "Whether the scenario's routes come from a dynamic assignment ([assignment] kind)")
      .def_property_readonly("event_count",
                             [](const ScenarioHandle& h) { return h.read().events.size(); });
}

// Link attributes edited before a run (events change them during one).
void init_scenario_network_edits(ScenarioClass& c) {
  c.def(
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
          py::arg("link"), py::arg("lanes"));
}

// Demand and what-if events.
void init_scenario_demand_and_events(ScenarioClass& c) {
  c.def("add_event", &add_event, py::arg("time_s"), py::arg("action"), py::arg("link") = "",
        py::arg("node") = "", py::arg("plan") = "", py::arg("value") = py::none(),
        "Add a what-if event: close_link and reopen_link take a link, set_link_capacity (veh/h), "
        "set_link_speed (km/h), close_lanes (lanes closed, 0 reopens) and limit_speed (km/h, 0 "
        "lifts) a link and a value, set_signal_plan a node and a plan; the scenario file's "
        "checks apply")
      .def("add_road_works", &add_road_works, py::arg("from_s"), py::arg("to_s"),
           py::arg("links") = std::vector<std::string>{},
           py::arg("polygon") = std::vector<std::array<double, 2>>{}, py::arg("lanes_closed") = 0.0,
           py::arg("speed_kmh") = 0.0,
           "Add road works, as the scenario file's action = \"road_works\": from from_s to to_s "
           "(seconds on the run's clock), on links (ids) or the links inside polygon ([x, y] "
           "points in the network's coordinates, [lon, lat] for an imported city), closing "
           "lanes_closed lanes and limiting the speed to speed_kmh (each 0: not)")
      .def(
          "scale_demand",
          [](ScenarioHandle& h, double factor, std::optional<double> from_s) {
            const double from = from_s.value_or(h.read().sim.start_s);
            const std::string error = demand_scale_error(h.read().demand, from, factor);
            if (!error.empty()) throw py::value_error(error);
            Scenario& s = h.edit();
            scale_demand(s.demand, from, factor, s.sim.seed);
            return s.demand.trip_count();
          },
          py::arg("factor"), py::arg("from_s") = py::none(),
          "Scale the trips departing from from_s (default: start) by factor; returns the trip "
          "count")
      .def(
          "add_trip",
          [](ScenarioHandle& h, const std::string& origin, const std::string& destination,
             double depart_s, std::optional<float> pcu, const std::string& vehicle_class) {
            const VehicleClasses& classes = h.read().demand.classes;
            const Index class_index = classes.find(vehicle_class);
            if (class_index == classes.count()) {
              throw py::value_error("unknown vehicle class '" + vehicle_class + "'" +
                                    did_you_mean(vehicle_class, classes.name));
            }
            Scenario& s = h.edit();
            if (depart_s < s.sim.start_s || depart_s >= s.sim.end_s) {
              throw py::value_error("departure is outside the simulated period");
            }
            DemandBuilder builder(s.network, s.demand);
            const Index trip =
                builder.add_trip("", origin, destination, depart_s,
                                 pcu.value_or(s.demand.classes.pcu[class_index]), {});
            builder.set_class(trip, static_cast<ClassIndex>(class_index));
            return trip;
          },
          py::arg("origin"), py::arg("destination"), py::arg("depart_s"),
          py::arg("pcu") = py::none(), py::arg("vehicle_class") = "car",
          "Add a road trip of a vehicle class (default car); pcu defaults to the class's");
}

}  // namespace

void init_scenario(py::module_& m) {
  ScenarioClass c(m, "Scenario", "A scenario: network, demand, events and parameters");
  init_scenario_loading(c);
  init_scenario_network_edits(c);
  init_scenario_demand_and_events(c);
  c.def(
      "memory_estimate",
      [](const ScenarioHandle& h, int threads) {
        const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
        const MemoryEstimate estimate = estimate_memory(
            h.read(), process_baseline(threads > 0 ? std::min(threads, cores) : cores));
        py::dict parts;
        const char* phases[] = {"whole_run", "routing", "simulation"};
        for (const MemoryPart& part : estimate.parts) {
          py::dict entry;
          entry["bytes"] = part.bytes;
          entry["phase"] = phases[static_cast<int>(part.phase)];
          entry["counts"] = part.counts;
          parts[part.name.c_str()] = entry;
        }
        py::dict result;
        result["total_bytes"] = estimate.total_bytes();
        result["mean_route_links"] = estimate.mean_route_links;
        result["parts"] = parts;
        return result;
      },
      py::arg("threads") = 0,
      "The memory a run of this scenario is expected to need at its peak, in bytes, with its "
      "parts (as `arteria info SCENARIO.toml` prints them); threads = 0: every core. The "
      "process part is this Python process's own resident program and libraries");
  c.def("__repr__", [](const ScenarioHandle& h) {
    return "<arteria.Scenario '" + h.read().name +
           "': " + std::to_string(h.read().network.link_count) + " links, " +
           std::to_string(h.read().demand.trip_count()) + " trips>";
  });
}

}  // namespace arteria::python
