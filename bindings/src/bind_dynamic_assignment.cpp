// arteria.assign_dynamic: a dynamic assignment on the simulation, as `arteria assign --dynamic`
// runs it (run/dynamic_assignment.hpp). The Python wrapper (arteria/dynamic_assignment.py) turns
// the arrays into DataFrames.
#include <pybind11/stl.h>

#include <optional>

#include "bindings.hpp"
#include "handles.hpp"
#include "output/dynamic_assignment_writer.hpp"
#include "run/dynamic_assignment.hpp"

namespace py = pybind11;

namespace arteria::python {
namespace {

struct DynamicAssignmentHandle {
  std::shared_ptr<const Scenario> scenario;
  DynamicAssignmentRecord record;
};

DynamicAssignmentHandle assign_dynamic(const ScenarioHandle& handle,
                                       std::optional<long long> max_iterations,
                                       std::optional<double> target_gap,
                                       std::optional<std::string> switching,
                                       std::optional<int> threads) {
  Scenario scenario = handle.read();
  DynamicAssignmentParams& params = scenario.dynamic_assignment;
  if (max_iterations) {
    if (*max_iterations < 1 || *max_iterations > 10000) {
      throw py::value_error("max_iterations must be 1 to 10000");
    }
    params.max_iterations = static_cast<Index>(*max_iterations);
  }
  if (target_gap) {
    if (!(*target_gap > 0.0 && *target_gap <= 1.0)) {
      throw py::value_error("target_gap must be above 0 and at most 1");
    }
    params.target_gap = *target_gap;
  }
  if (switching) {
    if (*switching != "msa" && *switching != "gap") {
      throw py::value_error("switching must be msa or gap, got '" + *switching + "'");
    }
    params.switching = *switching == "gap" ? SwitchRule::gap : SwitchRule::msa;
  }
  if (threads && (*threads < 0 || *threads > max_threads)) {
    throw py::value_error("threads must be 0 (every core) to " + std::to_string(max_threads));
  }
  DynamicAssignmentOptions options;
  options.threads = threads.value_or(scenario.sim.threads);
  DynamicAssignmentHandle out;
  {
    py::gil_scoped_release release;
    out.record = arteria::assign_dynamic(scenario, options);
  }
  out.scenario = handle.scenario;
  return out;
}

// Gives the scenario's choosing trips their final routes of `dynamic`, as routes of their own;
// returns how many got one. Only for the scenario the assignment was solved on (the same
// network and trips), edited since or not: a closure added afterwards is the case it is for.
Index use_dynamic_routes(ScenarioHandle& scenario, const DynamicAssignmentHandle& dynamic) {
  const Scenario& now = scenario.read();
  if (now.network.link_external_id != dynamic.scenario->network.link_external_id ||
      now.demand.road_trip_count() != dynamic.record.trip_route.size()) {
    throw py::value_error(
        "the dynamic assignment is of another network or demand than this "
        "scenario's");
  }
  Index given = 0;
  for (const Index route : dynamic.record.trip_route) given += route != invalid_index;
  std::shared_ptr<Scenario> routed = with_dynamic_routes(now, dynamic.record);
  scenario.edit() = std::move(*routed);
  return given;
}

py::dict iterations(const DynamicAssignmentHandle& h) {
  std::vector<double> gap, travel_time, switched, wall;
  std::vector<std::uint64_t> unfinished;
  for (const DynamicIteration& it : h.record.iterations) {
    gap.push_back(it.relative_gap);
    travel_time.push_back(it.mean_travel_time_s);
    switched.push_back(it.switched_share);
    unfinished.push_back(it.unfinished_trips);
    wall.push_back(it.wall_s);
  }
  py::dict d;
  d["relative_gap"] = gap;
  d["mean_travel_time_s"] = travel_time;
  d["switched_share"] = switched;
  d["unfinished_trips"] = unfinished;
  d["wall_s"] = wall;
  return d;
}

void save(const DynamicAssignmentHandle& h, const std::string& path) {
  AssignmentFileInfo info;
  info.scenario = h.scenario->name;
  info.scenario_sha256 = h.scenario->sha256;
  info.arteria_version = ARTERIA_VERSION;
  write_dynamic_assignment_file(path, h.scenario->network, h.record, info);
}

}  // namespace

void init_dynamic_assignment(py::module_& m) {
  py::class_<DynamicAssignmentHandle>(m, "DynamicAssignmentHandle",
                                      "A dynamic assignment (use arteria.assign_dynamic)")
      .def_property_readonly("iterations", &iterations)
      .def_property_readonly("converged",
                             [](const DynamicAssignmentHandle& h) { return h.record.converged; })
      .def_property_readonly(
          "switching",
          [](const DynamicAssignmentHandle& h) { return switch_rule_name(h.record.switching); })
      .def_property_readonly(
          "route_first_link",
          [](const DynamicAssignmentHandle& h) { return h.record.route_first_link; })
      .def_property_readonly("route_links",
                             [](const DynamicAssignmentHandle& h) { return h.record.route_links; })
      .def_property_readonly("route_trips",
                             [](const DynamicAssignmentHandle& h) { return h.record.route_trips; })
      .def_property_readonly("trip_route",
                             [](const DynamicAssignmentHandle& h) { return h.record.trip_route; })
      .def_property_readonly(
          "link_ids",
          [](const DynamicAssignmentHandle& h) { return h.scenario->network.link_external_id; })
      .def_property_readonly("trip_ids",
                             [](const DynamicAssignmentHandle& h) {
                               const Demand& d = h.scenario->demand;
                               return std::vector<std::string>(
                                   d.trip_external_id.begin(),
                                   d.trip_external_id.begin() + d.road_trip_count());
                             })
      .def("save", &save, py::arg("path"),
           "Writes the /assignment HDF5 file `arteria assign --dynamic` writes");
  m.def("use_dynamic_routes", &use_dynamic_routes, py::arg("scenario"), py::arg("dynamic"),
        "Gives the scenario's choosing trips the assignment's final routes; use "
        "Scenario.use_routes()");
  m.def("assign_dynamic", &assign_dynamic, py::arg("scenario"),
        py::arg("max_iterations") = py::none(), py::arg("target_gap") = py::none(),
        py::arg("switching") = py::none(), py::arg("threads") = py::none(),
        "Dynamic assignment of the scenario on the simulation; use arteria.assign_dynamic()");
}

}  // namespace arteria::python
