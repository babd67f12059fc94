// Study files for arteria.Study (bindings/arteria/study.py): read by the scenario stage's
// strict reader, so a bad study file fails as a bad scenario file does.
#include <pybind11/stl.h>

#include "base/install_paths.hpp"
#include "bindings.hpp"
#include "scenario/study_file.hpp"

namespace py = pybind11;

namespace arteria::python {

void init_study(py::module_& m) {
  m.def(
      "read_study_file",
      [](const std::string& path) {
        const StudySpec study = read_study_file(path);
        py::dict out;
        out["file"] = study.file;
        out["name"] = study.name;
        out["description"] = study.description;
        out["base"] = study.base;
        out["variants"] = study.variants;
        out["threads"] = study.threads;
        out["schedule"] = study_schedule_name(study.schedule);
        return out;
      },
      py::arg("path"), "Read a study file: its base, variants and schedule (a dict)");
  // Studies run scenarios side by side as `arteria run` processes: <root>/bin/arteria.
  m.def(
      "install_root", [] { return install_root().string(); },
      "The build folder or install prefix of this module (empty when unknown)");
}

}  // namespace arteria::python
