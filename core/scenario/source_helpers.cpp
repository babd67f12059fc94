// Helpers shared by the source readers: lists of input paths, departure profiles, seeds and OD
// expansions.

#include <cstdio>
#include <filesystem>
#include <limits>

#include "base/csv.hpp"
#include "base/text.hpp"
#include "scenario/source_readers.hpp"

namespace arteria {

std::vector<std::string> read_input_paths(TomlTable& table, std::string_view key) {
  const toml::node* node = table.find(key);
  if (!node) return {};
  if (node->is_string()) return {*table.input_path(key)};
  const toml::array* list = node->as_array();
  if (!list) table.fail(key, "expected a file name or an array of file names");
  const TomlDocument& document = table.document();
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const toml::node& entry = *list->get(i);
    const std::string field = table.key_path(key) + "[" + std::to_string(i) + "]";
    const auto* text = entry.as_string();
    if (!text) table.fail_node(entry, field, "expected a file name (a string)");
    if (text->get().empty()) table.fail_node(entry, field, "the path is empty");
    std::string problem;
    const auto expanded = expand_data_variable(text->get(), problem);
    if (!expanded) table.fail_node(entry, field, problem);
    // As TomlTable::input_path: relative to the scenario's folder when written in the file,
    // to the working directory when given with --set.
    std::filesystem::path path(*expanded);
    const auto folder = document.folder_of(entry.source());
    if (!path.is_absolute() && folder && !folder->empty())
      path = std::filesystem::path(*folder) / path;
    const std::string resolved = path.lexically_normal().string();
    std::error_code error;
    if (!std::filesystem::is_regular_file(resolved, error)) {
      table.fail_node(entry, field, "file '" + resolved + "' does not exist");
    }
    table.document().inputs.push_back(resolved);
    paths.push_back(resolved);
  }
  if (paths.empty()) table.fail(key, "lists no files");
  return paths;
}

// profile = [["07:00", 1.0], ["08:00", 2.0], ["09:00", 0.0]]
DepartureProfile read_departure_profile(TomlTable& table, const SimulationParams& sim) {
  const toml::array* entries = table.array("profile");
  if (!entries) table.fail("profile", "is required: [[time, weight], ...]");
  const std::string field = table.key_path("profile");
  DepartureProfile profile;
  for (const toml::node& entry : *entries) {
    const toml::array* pair = entry.as_array();
    const auto time = pair && pair->size() == 2 ? toml_time_seconds(*pair->get(0)) : std::nullopt;
    const auto weight = pair && pair->size() == 2 ? pair->get(1)->value<double>() : std::nullopt;
    if (!time || !weight || !pair->get(1)->is_number()) {
      table.fail_node(entry, field, "each entry is [time, weight], e.g. [\"07:00\", 1.0]");
    }
    profile.time_s.push_back(*time);
    profile.weight.push_back(*weight);
  }
  if (const auto problem = find_profile_problem(profile)) {
    if (problem->entry < entries->size()) {
      table.fail_node(*entries->get(problem->entry), field, problem->message);
    }
    table.fail("profile", problem->message);
  }
  if (profile.time_s.front() < sim.start_s || profile.time_s.back() > sim.end_s) {
    table.fail("profile", "reaches outside the simulated period " +
                              format_time_of_day(sim.start_s) + " - " +
                              format_time_of_day(sim.end_s));
  }
  return profile;
}

std::uint64_t read_demand_seed(TomlTable& table, const SimulationParams& sim) {
  return static_cast<std::uint64_t>(table.integer_in("seed", static_cast<std::int64_t>(sim.seed), 0,
                                                     std::numeric_limits<std::int64_t>::max()));
}

ClassIndex read_trip_class(TomlTable& table, const VehicleClasses& classes, ClassIndex fallback) {
  if (!table.has("class")) return fallback;
  const std::string name = table.choice("class", classes.name, "");
  return static_cast<ClassIndex>(classes.find(name));
}

OdExpansion read_od_expansion(TomlTable& table, const SimulationParams& sim,
                              const VehicleClasses& classes) {
  OdExpansion expansion;
  expansion.profile = read_departure_profile(table, sim);
  expansion.seed = read_demand_seed(table, sim);
  expansion.vehicle_class = read_trip_class(table, classes, car_class);
  return expansion;
}

std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

void fail_no_trips_expanded(const TomlTable& table, const std::string& path,
                            const DemandScale& scale) {
  table.fail("file",
             "'" + path + "' expands to no trips (scale " + number_text(scale.most()) + ")");
}

}  // namespace arteria
