// arteria.assign (static user equilibrium of a scenario's demand, as `arteria assign` solves it)
// and Scenario.use_routes (trips start on an equilibrium's routes). The Python wrapper
// (arteria/assignment.py) turns the arrays into DataFrames.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <limits>
#include <optional>

#include "assignment/assigned_routes.hpp"
#include "bindings.hpp"
#include "handles.hpp"
#include "output/assignment_writer.hpp"
#include "scenario/scenario_assignment.hpp"
#include "views.hpp"

namespace py = pybind11;

namespace arteria::python {
namespace {

struct AssignmentHandle {
  std::shared_ptr<const Scenario> scenario;
  AssignmentProblem problem;
  AssignmentResult result;
  AssignmentOptions options;
  // Departures whose trips the OD flows stand for (every trip for a TNTP table).
  double covered_from_s = 0.0;
  double covered_to_s = 0.0;

  std::vector<double> seconds(const std::vector<double>& costs) const {
    std::vector<double> out(costs);
    for (double& value : out) value *= problem.seconds_per_cost_unit;
    return out;
  }
};

AssignmentHandle assign(ScenarioHandle& scenario, const std::string& algorithm, double gap,
                        long long max_iterations, std::optional<double> time_limit_s,
                        std::optional<int> threads, std::optional<bool> allow_unreachable) {
  if (!scenario.spec) throw py::value_error("the scenario has no description to assign from");
  const AssignmentSpec& params = scenario.spec->assignment;
  AssignmentHandle handle;
  handle.scenario = scenario.scenario;
  handle.options = params.options;
  if (!parse_assignment_algorithm(algorithm, handle.options.algorithm)) {
    throw py::value_error(
        "algorithm must be algorithm_b, frank_wolfe or biconjugate_frank_wolfe, "
        "got '" +
        algorithm + "'");
  }
  if (!(gap > 0.0)) throw py::value_error("gap must be positive");
  if (max_iterations < 1 || max_iterations > 100000000) {
    throw py::value_error("max_iterations must be 1 to 100000000");
  }
  if (time_limit_s && !(*time_limit_s > 0.0))
    throw py::value_error("time_limit_s must be positive");
  handle.options.target_relative_gap = gap;
  handle.options.max_iterations = static_cast<Index>(max_iterations);
  handle.options.time_limit_s = time_limit_s.value_or(std::numeric_limits<double>::infinity());
  handle.options.threads = threads.value_or(handle.scenario->sim.threads);
  check_threads(handle.options.threads);
  const Scenario& model = *handle.scenario;
  handle.problem = scenario_assignment_problem(*scenario.spec, model);
  constexpr double forever = std::numeric_limits<double>::infinity();
  std::tie(handle.covered_from_s, handle.covered_to_s) =
      params.tntp_trips.empty() ? assignment_demand_period(params, model)
                                : std::pair<double, double>{-forever, forever};
  {
    py::gil_scoped_release release;
    handle.result = solve_assignment(handle.problem, handle.options);
  }
  const std::string summary =
      unreachable_summary(handle.problem, handle.result.unreachable_od, model.network);
  if (!summary.empty() && !allow_unreachable.value_or(params.allow_unreachable)) {
    throw InputError(scenario.spec->source_path, params.line, "assignment.allow_unreachable",
                     summary + "; pass allow_unreachable=True to assign the rest");
  }
  return handle;
}

// Gives the scenario's trips routes of `assignment`; returns how many got one.
Index use_routes(ScenarioHandle& scenario, const AssignmentHandle& assignment) {
  const Network& network = scenario.read().network;
  if (network.link_external_id != assignment.scenario->network.link_external_id) {
    throw py::value_error("the assignment is of another network than this scenario's");
  }
  if (scenario.read().routes.equilibrium) {
    throw py::value_error("the scenario's trips have equilibrium routes already");
  }
  Scenario& s = scenario.edit();
  const std::vector<Index> trip_od = trip_od_entries(
      s.demand, assignment.problem, assignment.covered_from_s, assignment.covered_to_s);
  const AssignedRoutesReport report =
      give_assigned_routes(s.network, trip_od, assignment.result, s.sim.seed, s.demand);
  s.routes = {true, report.equilibrium_trips, report.unassigned_trips,
              assignment.result.relative_gap};
  return report.equilibrium_trips;
}

py::list od_paths(const AssignmentHandle& h, const std::string& origin,
                  const std::string& destination) {
  const Network& network = h.scenario->network;
  const Index from = require_node(network, origin);
  const Index to = require_node(network, destination);
  py::list routes;
  for (std::size_t i = 0; i < h.problem.od.size(); ++i) {
    if (h.problem.od[i].origin != from || h.problem.od[i].destination != to) continue;
    for (const AssignmentPath& path : h.result.od_paths[i]) {
      std::vector<std::string> links;
      for (const Index link : path.links) links.push_back(network.link_external_id[link]);
      routes.append(py::make_tuple(links, path.flow));
    }
  }
  return routes;
}

py::array link_capacity(const AssignmentHandle& h) {
  std::vector<double> capacity;
  for (const BprFunction& f : h.problem.links) capacity.push_back(f.capacity);
  return py::array(py::cast(capacity));
}

py::array link_closed(const AssignmentHandle& h) {
  std::vector<std::uint8_t> closed(h.problem.link_count(), 0);
  if (!h.problem.link_closed.empty()) closed = h.problem.link_closed;
  return py::array(py::cast(closed));
}

// The per-iteration figures as columns, objectives in veh*s/h.
py::dict history(const AssignmentHandle& h) {
  std::vector<Index> iteration;
  std::vector<double> gap, objective, elapsed;
  for (const AssignmentIteration& it : h.result.history) {
    iteration.push_back(it.iteration);
    gap.push_back(it.relative_gap);
    objective.push_back(it.objective * h.problem.seconds_per_cost_unit);
    elapsed.push_back(it.elapsed_s);
  }
  py::dict d;
  d["iteration"] = iteration;
  d["relative_gap"] = gap;
  d["objective"] = objective;
  d["elapsed_s"] = elapsed;
  return d;
}

// The OD pairs with demand but no path, as (origin, destination) node ids.
std::vector<std::pair<std::string, std::string>> unreachable(const AssignmentHandle& h) {
  const Network& net = h.scenario->network;
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const std::size_t i : h.result.unreachable_od) {
    pairs.emplace_back(net.node_external_id[h.problem.od[i].origin],
                       net.node_external_id[h.problem.od[i].destination]);
  }
  return pairs;
}

void save(const AssignmentHandle& h, const std::string& path) {
  AssignmentFileInfo info;
  info.scenario = h.scenario->name;
  info.scenario_sha256 = h.scenario->sha256;
  info.arteria_version = ARTERIA_VERSION;
  write_assignment_file(path, h.scenario->network, h.problem, h.result, h.options, info);
}

}  // namespace

void init_assignment(py::module_& m) {
  py::class_<AssignmentHandle>(m, "AssignmentHandle",
                               "A solved static assignment (use arteria.assign)")
      .def_property_readonly("network",
                             [](const AssignmentHandle& h) { return NetworkHandle{h.scenario}; })
      .def_property_readonly("scenario_name",
                             [](const AssignmentHandle& h) { return h.scenario->name; })
      .def_property_readonly("link_flow",
                             [](py::object self) {
                               return readonly_view(
                                   self.cast<const AssignmentHandle&>().result.link_flow, self);
                             })
      .def_property_readonly("link_cost_s",
                             [](const AssignmentHandle& h) {
                               return py::array(py::cast(h.seconds(h.result.link_cost)));
                             })
      .def_property_readonly("link_capacity", &link_capacity)
      .def_property_readonly("link_closed", &link_closed)
      .def_property_readonly("history", &history)
      .def_property_readonly("objective",
                             [](const AssignmentHandle& h) {
                               return h.result.objective * h.problem.seconds_per_cost_unit;
                             })
      .def_property_readonly("relative_gap",
                             [](const AssignmentHandle& h) { return h.result.relative_gap; })
      .def_property_readonly("iterations",
                             [](const AssignmentHandle& h) { return h.result.iterations; })
      .def_property_readonly(
          "stop_reason",
          [](const AssignmentHandle& h) { return assignment_stop_name(h.result.stop); })
      .def_property_readonly(
          "algorithm",
          [](const AssignmentHandle& h) { return assignment_algorithm_name(h.options.algorithm); })
      .def_property_readonly("unreachable", &unreachable)
      .def("od_paths", &od_paths, py::arg("origin"), py::arg("destination"),
           "Routes of the OD pair (node ids) as [(link ids, flow veh/h)]")
      .def("save", &save, py::arg("path"),
           "Writes the /assignment HDF5 file `arteria assign` writes");

  m.def("assign", &assign, py::arg("scenario"), py::arg("algorithm") = "algorithm_b",
        py::arg("gap") = 1e-6, py::arg("max_iterations") = 1000,
        py::arg("time_limit_s") = py::none(), py::arg("threads") = py::none(),
        py::arg("allow_unreachable") = py::none(),
        "Static user equilibrium of the scenario's demand; use arteria.assign()");
  m.def("use_routes", &use_routes, py::arg("scenario"), py::arg("assignment"),
        "Gives the scenario's trips routes of the assignment; use Scenario.use_routes()");
}

}  // namespace arteria::python
