// Scenario.save and Scenario.copy, added to the class bind_scenario.cpp defines: keeping an
// edited scenario as a folder that `Scenario.load` and `arteria run` read back unchanged.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "handles.hpp"
#include "scenario/scenario_writer.hpp"

namespace py = pybind11;

namespace arteria::python {

void init_save(py::module_& m) {
  auto scenario = py::reinterpret_borrow<py::class_<ScenarioHandle>>(m.attr("Scenario"));
  scenario
      .def(
          "save",
          [](const ScenarioHandle& h, const std::string& path) {
            SavedScenarioFiles files;
            {
              py::gil_scoped_release release;
              files = save_scenario(h.read(), path);
            }
            return files.scenario;
          },
          py::arg("path"),
          "Write the scenario as a folder (scenario.toml + nodes/links/signals/trips.csv) or, "
          "for a path ending in .toml, as that file with the tables beside it. Loading it "
          "gives the same network, demand, events and parameters. Returns the TOML's path.")
      .def(
          "copy", [](const ScenarioHandle& h) { return h; },
          "An independent copy (shared until either is edited)");
}

}  // namespace arteria::python
