// Study files: a base scenario and the variants to run and compare against it, read with the
// scenario files' strict TOML reader (unknown keys are errors naming the file, line and key).
// `arteria study` and Python's arteria.Study run them (bindings/arteria/study.py).
//
//   [study]
//   name = "default city what-ifs"       # optional; default: the file's name
//   description = "..."                  # optional
//   base = "../default_city.toml"        # relative names are taken from the study's folder
//   variants = ["closure.toml", "demand_plus_15.toml"]
//   threads = 0                          # optional: cores for the whole study (0: every core)
//   schedule = "auto"                    # or "side_by_side", "one_by_one"
#pragma once

#include <string>
#include <vector>

namespace arteria {

// How a study spreads its runs over the cores: one run at a time on every thread, or several
// runs at once on one thread each; "auto" picks by the measurement in docs/BENCHMARKS.md.
enum class StudySchedule { automatic, side_by_side, one_by_one };

struct StudySpec {
  std::string file;  // the study file
  std::string name;
  std::string description;
  std::string base;                   // the base scenario file, resolved
  std::vector<std::string> variants;  // the variants' scenario files, resolved, in file order
  int threads = 0;
  StudySchedule schedule = StudySchedule::automatic;
};

// Reads a study file. Missing files, an empty or repeated variant list and unknown keys are
// InputErrors naming the file, line and key; the scenarios themselves are read when run.
StudySpec read_study_file(const std::string& path);

const char* study_schedule_name(StudySchedule schedule);

}  // namespace arteria
