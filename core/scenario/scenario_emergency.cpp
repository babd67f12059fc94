#include "scenario/scenario_emergency.hpp"

#include <algorithm>
#include <unordered_set>

#include "base/error.hpp"
#include "base/text.hpp"
#include "base/value_ranges.hpp"

namespace arteria {
namespace {

EmergencyPlaceSpec read_place(TomlTable& table, const char* what) {
  EmergencyPlaceSpec place;
  const bool by_node = table.has("node");
  const bool by_xy = table.has("x") || table.has("y");
  if (by_node == by_xy) {
    table.fail(by_node ? "x" : "node", std::string("a ") + what +
                                           " is at a node (node = \"id\") or at x and y (the "
                                           "nearest node), not both");
  }
  if (by_node) {
    place.node = table.require_string("node");
    place.line = table.line("node");
  } else {
    place.x = table.number_in("x", 0.0, valid::coordinate_m);
    place.y = table.number_in("y", 0.0, valid::coordinate_m);
    if (!table.has("x") || !table.has("y"))
      table.fail(table.has("x") ? "y" : "x", "needs both x and y");
    place.line = table.line("x");
  }
  return place;
}

// Calls `read(table, path)` for each table of the array root[key].
template <class Read>
void for_each_table(TomlTable& root, const char* key, const char* example, Read read) {
  const toml::array* array = root.array(key);
  if (!array) return;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& node = *array->get(i);
    const std::string path = std::string(key) + "[" + std::to_string(i) + "]";
    if (!node.is_table()) root.fail_node(node, path, std::string("is a table: ") + example);
    TomlTable table(*node.as_table(), path, root.document());
    const SourceRef where{root.document().file_index(node.source()),
                          static_cast<std::uint32_t>(node.source().begin.line)};
    read(table, path, where, i);
  }
}

[[noreturn]] void fail(const EmergencyPlaceSpec& place, std::uint32_t line, const char* key,
                       const std::vector<std::string>& files, const std::string& message) {
  const std::string file = line > 0 ? files.at(place.where.file) : "--set";
  throw InputError(file, line, place.field + "." + key, message);
}

Index resolve_place(const EmergencyPlaceSpec& place, const Network& network,
                    const std::vector<std::string>& files) {
  if (place.node.empty()) return nearest_node(network, place.x, place.y);
  const Index node = network.find_node(place.node);
  if (node == invalid_index)
    fail(place, place.line, "node", files, "unknown node '" + place.node + "'");
  return node;
}

}  // namespace

EmergencySpec read_emergency(TomlTable& root) {
  EmergencySpec spec;
  if (auto table = root.table("emergency")) {
    spec.params.pass_speed_kmh =
        table->number_in("pass_speed_kmh", spec.params.pass_speed_kmh, valid::free_speed_kmh);
    spec.params.clearance_s =
        table->number_in("clearance_s", spec.params.clearance_s, valid::clearance_s);
    spec.params.incidents_per_hour =
        table->number_in("incidents_per_hour", 0.0, valid::incidents_per_hour);
    spec.incidents_per_hour_line = table->line("incidents_per_hour");
    table->finish();
  }
  for_each_table(root, "emergency_stations", "[[emergency_stations]] with id = and node = ",
                 [&](TomlTable& table, const std::string& path, SourceRef where, std::size_t) {
                   EmergencyStationSpec station;
                   station.id = table.require_string("id");
                   if (station.id.empty()) table.fail("id", "must not be empty");
                   station.place = read_place(table, "station");
                   station.place.where = where;
                   station.place.field = path;
                   table.finish();
                   spec.stations.push_back(std::move(station));
                 });
  for_each_table(root, "incidents", "[[incidents]] with time = and node = ",
                 [&](TomlTable& table, const std::string& path, SourceRef where, std::size_t i) {
                   IncidentSpec incident;
                   incident.id = table.has("id") ? table.require_string("id")
                                                 : "incident#" + std::to_string(i);
                   if (!table.has("time")) table.fail("time", "is required: time = \"08:15\"");
                   incident.time_s = *table.time("time");
                   incident.place = read_place(table, "incident");
                   incident.place.where = where;
                   incident.place.field = path;
                   table.finish();
                   spec.incidents.push_back(std::move(incident));
                 });
  return spec;
}

EmergencyPlan resolve_emergency(const EmergencySpec& spec, const Network& network,
                                const SimulationParams& sim,
                                const std::vector<std::string>& files) {
  EmergencyPlan plan;
  plan.params = spec.params;
  std::unordered_set<std::string> ids;
  for (const EmergencyStationSpec& station : spec.stations) {
    if (!ids.insert(station.id).second) {
      throw InputError(files.at(station.place.where.file), station.place.where.line,
                       station.place.field + ".id", "station '" + station.id + "' is given twice");
    }
    plan.stations.push_back({station.id, resolve_place(station.place, network, files)});
  }
  const bool incidents = !spec.incidents.empty() || spec.params.incidents_per_hour > 0.0;
  if (incidents && plan.stations.empty()) {
    const bool listed = !spec.incidents.empty();
    const std::uint32_t line =
        listed ? spec.incidents[0].place.where.line : spec.incidents_per_hour_line;
    const std::string file = listed ? files.at(spec.incidents[0].place.where.file) : files.at(0);
    throw InputError(file, line,
                     listed ? spec.incidents[0].place.field : "emergency.incidents_per_hour",
                     "incidents need at least one [[emergency_stations]] to send a vehicle from");
  }
  for (const IncidentSpec& incident : spec.incidents) {
    if (incident.time_s < sim.start_s || incident.time_s >= sim.end_s) {
      throw InputError(files.at(incident.place.where.file), incident.place.where.line,
                       incident.place.field + ".time",
                       "incident '" + incident.id + "' at " + format_time_of_day(incident.time_s) +
                           " is outside the simulated period " + format_time_of_day(sim.start_s) +
                           " to " + format_time_of_day(sim.end_s));
    }
    plan.incidents.push_back(
        {incident.id, incident.time_s, resolve_place(incident.place, network, files)});
  }
  const std::vector<Incident> drawn =
      draw_incidents(network, spec.params.incidents_per_hour, sim.seed, sim.start_s, sim.end_s);
  plan.incidents.insert(plan.incidents.end(), drawn.begin(), drawn.end());
  sort_incidents(plan.incidents);
  return plan;
}

}  // namespace arteria
