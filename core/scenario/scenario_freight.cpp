#include "scenario/scenario_freight.hpp"

#include <cmath>
#include <cstdio>
#include <set>
#include <string>

#include "base/import_log.hpp"
#include "base/text.hpp"
#include "base/value_ranges.hpp"
#include "model/freight.hpp"
#include "model/node_weights.hpp"
#include "scenario/source_readers.hpp"

namespace arteria {
namespace {

constexpr double hour_s = 3600.0;

// gates = [{node = "1234", trucks_in = 300, trucks_out = 280}, ...]
void read_gates(TomlTable& table, const Network& network, FreightSource& source) {
  const toml::array* gates = table.array("gates");
  if (!gates || gates->empty()) {
    table.fail("gates", "is required: [{node = \"id\", trucks_in = 300, trucks_out = 280}, ...]");
  }
  if (gates->size() > max_freight_gates) {
    table.fail("gates", "more than " + std::to_string(max_freight_gates) + " gates");
  }
  for (std::size_t i = 0; i < gates->size(); ++i) {
    const toml::node& node = *gates->get(i);
    const std::string field = table.key_path("gates") + "[" + std::to_string(i) + "]";
    if (!node.is_table()) {
      table.fail_node(node, field,
                      "a gate is a table: {node = \"id\", trucks_in = ..., trucks_out = ...}");
    }
    TomlTable gate(*node.as_table(), field, table.document());
    const std::string id = gate.require_string("node");
    const Index index = network.find_node(id);
    if (index == invalid_index) gate.fail("node", "unknown node '" + id + "'");
    source.gate_id.push_back(id);
    source.gate_node.push_back(index);
    source.gate_trucks_in.push_back(gate.number_in("trucks_in", 0.0, valid::trucks_per_day));
    source.gate_trucks_out.push_back(gate.number_in("trucks_out", 0.0, valid::trucks_per_day));
    gate.finish();
  }
}

// profile = [24 shares], hour 0 first; absent: flat.
void read_hourly_profile(TomlTable& table, FreightSource& source) {
  source.hourly_share.fill(1.0);
  const toml::array* shares = table.array("profile");
  if (!shares) return;
  if (shares->size() != hours_per_day) {
    table.fail("profile", "has " + std::to_string(shares->size()) +
                              " entries; give 24 hourly shares, 00:00-01:00 first");
  }
  double total = 0.0;
  for (int h = 0; h < hours_per_day; ++h) {
    const toml::node& entry = *shares->get(static_cast<std::size_t>(h));
    const auto value = entry.value<double>();
    if (!entry.is_number() || !value || !std::isfinite(*value) || *value < 0.0) {
      table.fail_node(entry, table.key_path("profile") + "[" + std::to_string(h) + "]",
                      "a share is a number, 0 or more");
    }
    source.hourly_share[h] = *value;
    total += *value;
  }
  if (!(total > 0.0)) table.fail("profile", "every share is 0: no truck could pass the gates");
}

// A daily window of whole hours, ["06:00", "22:00"] or past midnight ["22:00", "30:00"]: the
// hours of the day it holds. Absent: every hour.
std::array<bool, hours_per_day> read_daily_hours(TomlTable& table, const char* key) {
  std::array<bool, hours_per_day> hours{};
  if (!table.has(key)) {
    hours.fill(true);
    return hours;
  }
  const toml::array* pair = table.array(key);
  const auto from = pair && pair->size() == 2 ? toml_time_seconds(*pair->get(0)) : std::nullopt;
  const auto to = pair && pair->size() == 2 ? toml_time_seconds(*pair->get(1)) : std::nullopt;
  if (!from || !to) {
    table.fail(key, "is a window of two times, e.g. [\"22:00\", \"30:00\"] (06:00 the next day)");
  }
  if (!(*to > *from)) {
    table.fail(key, "ends at " + format_time_of_day(*to) + ", not after its start " +
                        format_time_of_day(*from) +
                        "; a window past midnight is written with hours past 24");
  }
  if (*to - *from > 24.0 * hour_s) table.fail(key, "is longer than a day");
  if (std::fmod(*from, hour_s) != 0.0 || std::fmod(*to, hour_s) != 0.0) {
    table.fail(key, "must start and end on the hour, as the hourly profile does");
  }
  for (double t = *from; t < *to; t += hour_s) {
    hours[static_cast<std::size_t>(std::fmod(t / hour_s, hours_per_day))] = true;
  }
  return hours;
}

// The city ends: every node trucks can leave and reach, weighted by the capacity of its links
// (city = "capacity", the default) or evenly ("uniform"), or the listed nodes evenly
// (city_nodes = ["id", ...]: logistics zones, say); never a gate.
void read_city(TomlTable& table, const Network& network, const Demand& demand,
               FreightSource& source) {
  const ModeMask modes = demand.classes.mode[source.vehicle_class];
  if (const toml::array* nodes = table.array("city_nodes")) {
    if (table.has("city")) table.fail("city", "give either city or city_nodes, not both");
    source.city_weight.assign(network.node_count, 0.0);
    for (std::size_t i = 0; i < nodes->size(); ++i) {
      const toml::node& entry = *nodes->get(i);
      const std::string field = table.key_path("city_nodes") + "[" + std::to_string(i) + "]";
      const auto* id = entry.as_string();
      if (!id) table.fail_node(entry, field, "expected a node id (a string)");
      const Index node = network.find_node(id->get());
      if (node == invalid_index) table.fail_node(entry, field, "unknown node '" + id->get() + "'");
      source.city_weight[node] = 1.0;
    }
  } else {
    const bool by_capacity =
        table.choice("city", {"capacity", "uniform"}, "capacity") == "capacity";
    source.city_weight = node_weights(network, modes, by_capacity);
  }
  for (const Index gate : source.gate_node) source.city_weight[gate] = 0.0;
  double total = 0.0;
  for (const double w : source.city_weight) total += w;
  if (!(total > 0.0)) {
    table.fail(table.has("city_nodes") ? "city_nodes" : "gates",
               "leaves no city node for the trucks to go to or come from");
  }
}

FreightSource read_freight(TomlTable& table, std::size_t index, const Network& network,
                           const SimulationParams& sim, const Demand& demand) {
  FreightSource source;
  source.source_index = static_cast<std::uint32_t>(index);
  source.name = table.string("name").value_or("freight" + std::to_string(index + 1));
  if (source.name.empty()) table.fail("name", "must not be empty");
  source.vehicle_class = read_trip_class(table, demand.classes, truck_class);
  read_gates(table, network, source);
  read_hourly_profile(table, source);
  const std::array<bool, hours_per_day> open = read_daily_hours(table, "open");
  // The night-hours policy: trucks pass only in the hold window (and the gates' hours).
  const std::array<bool, hours_per_day> hold = read_daily_hours(table, "hold");
  bool any_open = false;
  for (int h = 0; h < hours_per_day; ++h) {
    source.open[h] = open[h] && hold[h];
    any_open = any_open || source.open[h];
  }
  if (!any_open) table.fail("hold", "and the gates' open hours have no hour in common");
  read_city(table, network, demand, source);
  source.seed = read_demand_seed(table, sim);
  return source;
}

}  // namespace

void load_freight_sources(TomlTable& root, const Network& network, const SimulationParams& sim,
                          const DemandScale& events, Demand& demand) {
  const toml::array* array = root.array("freight");
  if (!array) return;
  std::set<std::string> names;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& node = *array->get(i);
    const std::string path = "freight[" + std::to_string(i) + "]";
    if (!node.is_table()) {
      root.fail_node(node, path, "a freight source is a table: [[freight]] with gates = [...]");
    }
    TomlTable table(*node.as_table(), path, root.document());
    const FreightSource source = read_freight(table, i, network, sim, demand);
    if (!names.insert(source.name).second) {
      table.fail("name", "another [[freight]] table is named '" + source.name + "'");
    }
    DemandScale scale = events;
    scale.steps.insert(scale.steps.begin(),
                       {-INFINITY, table.number_in("scale", 1.0, valid::demand_factor)});
    table.finish();
    DemandBuilder builder(network, demand);
    const std::size_t trips = expand_freight(source, scale, sim.start_s, sim.end_s, builder);
    double daily = 0.0;
    for (std::size_t g = 0; g < source.gate_node.size(); ++g) {
      daily += source.gate_trucks_in[g] + source.gate_trucks_out[g];
    }
    import_note("freight " + source.name + ": " + count_text(source.gate_node.size()) + " gates, " +
                number_text(daily) + " " + demand.classes.name[source.vehicle_class] +
                " trips a day, " + count_text(trips) + " within the simulated period");
  }
}

}  // namespace arteria
