#include "output/assignment_reader.hpp"

#include <filesystem>

#include "base/error.hpp"
#include "base/sealed_file.hpp"
#include "output/hdf5_handle.hpp"
#include "output/sealed_outputs.hpp"

namespace arteria {
namespace {

std::string read_string(hid_t object, const char* name) {
  std::string value;
  h5::read_attribute(object, name, value);
  return value;
}

AssignmentSummary read_summary(const std::string& path) {
  const h5::QuietErrors quiet;
  check_file_seal(path, {assignment_file_magic}, "assignment file");
  const h5::File file = h5::open_file_read_only(path);
  if (!h5::path_exists(file.get(), "/assignment")) {
    throw InputError(path, 0, "/assignment", "not an Arteria assignment file");
  }
  const h5::Group group = h5::open_group(file.get(), "/assignment");
  AssignmentSummary s;
  // Files from before dynamic assignment have no kind: they are static.
  s.kind = h5::has_attribute(group.get(), "kind") ? read_string(group.get(), "kind") : "static";
  const bool dynamic = s.kind == "dynamic";
  s.scenario = read_string(group.get(), "scenario");
  s.scenario_sha256 = read_string(group.get(), "scenario_sha256");
  s.method = read_string(group.get(), dynamic ? "switching" : "algorithm");
  s.stop_reason = read_string(group.get(), "stop_reason");
  h5::read_attribute(group.get(), "relative_gap", s.relative_gap);
  h5::read_attribute(group.get(), "target_relative_gap", s.target_relative_gap);
  h5::read_attribute(group.get(), "iterations", s.iterations);
  s.link_count = h5::read_strings(file.get(), "/network/links/id").size();
  s.route_count = h5::read_doubles(file.get(), "/assignment/routes/first_link").size() - 1;
  s.gap = h5::read_doubles(file.get(), "/assignment/iterations/relative_gap");
  if (dynamic) {
    s.warm_start = read_string(group.get(), "warm_start");
    h5::read_attribute(group.get(), "choosing_trips", s.choosing_trips);
    s.mean_travel_time_s =
        h5::read_doubles(file.get(), "/assignment/iterations/mean_travel_time_s");
    s.switched_share = h5::read_doubles(file.get(), "/assignment/iterations/switched_share");
    s.wall_s = h5::read_doubles(file.get(), "/assignment/perf/wall_s");
  } else {
    s.wall_s = h5::read_doubles(file.get(), "/assignment/perf/elapsed_s");
  }
  return s;
}

}  // namespace

bool is_assignment_file(const std::string& path) {
  if (!std::filesystem::exists(path)) throw InputError(path, 0, "", "no such file");
  return check_file_seal(path, {run_file_magic, assignment_file_magic}, "run or assignment file") ==
         assignment_file_magic;
}

AssignmentSummary read_assignment_summary(const std::string& path) {
  return h5::read_user_file(path, [&] { return read_summary(path); });
}

}  // namespace arteria
