// Running a scenario to a result file from Python (what `arteria run` does), and the scenario
// and network additions the Python package builds on. The additions live in their own files
// (bind_save.cpp, bind_signal_plans.cpp) and are registered from here, so module.cpp needs one
// init_<area> line for the whole results/what-if area.
#include <pybind11/stl.h>

#include <optional>

#include "base/progress.hpp"
#include "base/sealed_file.hpp"
#include "base/text.hpp"
#include "bindings.hpp"
#include "handles.hpp"
#include "output/sealed_outputs.hpp"
#include "run/checkpoints.hpp"
#include "run/run_scenario.hpp"

namespace py = pybind11;

namespace arteria::python {

void init_save(py::module_& m);          // bind_save.cpp
void init_signal_plans(py::module_& m);  // bind_signal_plans.cpp

namespace {

template <class Record>
py::dict record_dict(const Record& record) {
  py::dict d;
  for_each_field(record, [&](const char* name, const auto& value) { d[name] = value; });
  return d;
}

// The same code path as the CLI (run_scenario), so a Python-driven run writes the same file
// and costs the same; the GIL is released for the whole run.
py::dict run_to_file(const ScenarioHandle& scenario, const std::string& out, int threads,
                     bool progress, const std::string& checkpoint_every,
                     const std::string& checkpoint_dir, std::size_t checkpoint_keep,
                     const std::string& resume, bool until_clear, const std::string& clear_cap) {
  check_threads(threads);
  RunOptions options;
  options.output_path = out;
  options.threads = threads;
  options.progress = progress && ProgressBar::stderr_is_terminal();
  options.resume_path = resume;
  options.until_clear = until_clear || !clear_cap.empty();
  if (!clear_cap.empty()) {
    const std::optional<double> cap_s = parse_time_of_day(clear_cap);
    if (!cap_s) {
      throw py::value_error("clear_cap: '" + clear_cap +
                            "' is not a time (seconds, \"HH:MM\" or \"HH:MM:SS\")");
    }
    options.clear_cap_s = *cap_s;
  }
  if (!checkpoint_every.empty()) {
    const std::optional<double> every_s = parse_checkpoint_interval(checkpoint_every);
    if (!every_s) {
      throw py::value_error("checkpoint_every: '" + checkpoint_every +
                            "' is not a positive interval (seconds, or e.g. \"1h\", \"30m\", "
                            "\"90s\", \"01:30\")");
    }
    options.checkpoints = {*every_s, checkpoint_dir, checkpoint_keep};
  }
  RunResult result;
  {
    py::gil_scoped_release release;
    result = run_scenario(scenario.scenario, options);
  }
  py::dict d;
  d["output_path"] = result.output_path;
  d["threads"] = result.threads;
  d["kpis"] = record_dict(result.kpis);
  d["perf"] = record_dict(result.perf);
  d["checkpoints"] = result.checkpoints;
  d["resumed_from_s"] = result.resumed_from_s;
  return d;
}

}  // namespace

void init_results(py::module_& m) {
  m.def("run_to_file", &run_to_file, py::arg("scenario"), py::arg("out") = "",
        py::arg("threads") = 0, py::arg("progress") = false, py::arg("checkpoint_every") = "",
        py::arg("checkpoint_dir") = "", py::arg("checkpoint_keep") = 0, py::arg("resume") = "",
        py::arg("until_clear") = false, py::arg("clear_cap") = "",
        "Run a scenario start to end and write its HDF5 result as `arteria run` does; "
        "returns {'output_path', 'threads', 'kpis', 'perf', 'checkpoints', 'resumed_from_s'}. "
        "Use arteria.run() instead.");
  // h5py, like the engine, must only open files whose seal holds: libhdf5 can crash on a
  // damaged file, and in Python that takes the interpreter with it.
  m.attr("RUN_FILE_MAGIC") = run_file_magic;
  m.attr("ASSIGNMENT_FILE_MAGIC") = assignment_file_magic;
  m.def("check_file_seal", &check_file_seal, py::arg("path"), py::arg("magics"), py::arg("what"),
        "Raise InputError unless the file at `path` is sealed with one of `magics` and its bytes "
        "are as written; returns its magic line.");
  m.def("seal_file", &seal_file, py::arg("path"), py::arg("magic"),
        "Seal an HDF5 file made with a 512-byte user block (h5py: userblock_size=512) as Arteria "
        "seals its own, e.g. RUN_FILE_MAGIC: for tests that build run files by hand.");
  init_save(m);
  init_signal_plans(m);
}

}  // namespace arteria::python
