// Reading scenario files into a ScenarioSpec; see scenario_file.hpp. The sections are read in
// dependency order: parameters first (sources need the period and seed), then transit (feeds,
// passengers, changes), the network's description and the events. Demand is read against the
// built network, so the spec keeps its table for build_scenario (build_scenario.cpp), which also
// resolves the events' names.

#include "scenario/scenario_file.hpp"

#include "scenario/scenario_assignment.hpp"

#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>

#include "base/csv.hpp"
#include "base/csv_write.hpp"
#include "base/text.hpp"
#include "scenario/build_scenario.hpp"
#include "scenario/scenario_bases.hpp"
#include "scenario/scenario_emergency.hpp"
#include "scenario/scenario_events.hpp"
#include "scenario/scenario_freight.hpp"
#include "scenario/scenario_sources.hpp"
#include "scenario/scenario_transit.hpp"
#include "scenario/scenario_vehicle_classes.hpp"
#include "scenario/toml_reader.hpp"

namespace arteria {
namespace {

[[noreturn]] void fail_override(const std::string& text, const std::string& message) {
  throw InputError("--set", 0, text, message);
}

// Puts one "key=value" into the parsed file, creating tables on the way.
void apply_override(toml::table& root, const std::string& text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos)
    fail_override(text, "expected key=value, e.g. simulation.seed=3");
  const std::string key(trim(std::string_view(text).substr(0, equals)));
  const std::string value(trim(std::string_view(text).substr(equals + 1)));
  std::vector<std::string> parts;
  for (std::size_t begin = 0;;) {
    const std::size_t dot = key.find('.', begin);
    parts.push_back(key.substr(begin, dot - begin));
    if (parts.back().empty()) fail_override(key, "a key is dotted names, e.g. simulation.seed");
    if (dot == std::string::npos) break;
    begin = dot + 1;
  }
  toml::table* table = &root;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    toml::node* child = table->get(parts[i]);
    if (!child) child = &table->insert_or_assign(parts[i], toml::table{}).first->second;
    if (!child->is_table()) {
      fail_override(key, "'" + parts[i] + "' is not a table (it is " + toml_type_name(*child) +
                             "); --set reaches only keys of tables");
    }
    table = child->as_table();
  }
  // A value that is not TOML (x.h5, 6:30) is taken as the string the user meant.
  toml::table parsed;
  try {
    const std::string document = "v = " + value;
    parsed = toml::parse(std::string_view(document), std::string_view("--set"));
  } catch (const toml::parse_error&) {
    table->insert_or_assign(parts.back(), value);
    return;
  }
  parsed.get("v")->visit(
      [&](auto&& node) { table->insert_or_assign(parts.back(), std::move(node)); });
}

void read_simulation(TomlTable& table, SimulationParams& sim) {
  sim.start_s = table.time("start").value_or(sim.start_s);
  sim.end_s = table.time("end").value_or(sim.end_s);
  if (!(sim.end_s > sim.start_s)) {
    table.fail("end", "the end " + format_time_of_day(sim.end_s) + " is not after the start " +
                          format_time_of_day(sim.start_s));
  }
  sim.step_s = table.number_in("step_s", sim.step_s, valid::step_s);
  sim.seed = static_cast<std::uint64_t>(table.integer_in(
      "seed", static_cast<std::int64_t>(sim.seed), 0, std::numeric_limits<std::int64_t>::max()));
  sim.threads = static_cast<int>(table.integer_in("threads", sim.threads, 0, max_threads));
  sim.stuck_time_s = table.number_in("stuck_time_s", sim.stuck_time_s, valid::stuck_time_s);
  const std::string action =
      table.choice("stuck_action", {"push_through", "remove"}, "push_through");
  sim.stuck_action = action == "remove" ? StuckAction::remove : StuckAction::push_through;
  sim.backward_wave_speed_mps =
      table.number_in("backward_wave_speed_kmh", sim.backward_wave_speed_mps * 3.6,
                      valid::wave_speed_kmh) /
      3.6;
  sim.vehicle_length_m =
      table.number_in("vehicle_length_m", sim.vehicle_length_m, valid::vehicle_length_m);
  sim.stop_when_empty = table.boolean("stop_when_empty").value_or(sim.stop_when_empty);
  table.finish();
}

void read_output(TomlTable& table, OutputParams& output, double step_s) {
  output.file = table.output_path("file").value_or(output.file);
  output.bin_s = table.number_in("bin_s", output.bin_s, valid::bin_s);
  if (output.bin_s < step_s) table.fail("bin_s", "must be at least one step (simulation.step_s)");
  output.trips = table.boolean("trips").value_or(output.trips);
  output.routes = table.boolean("routes").value_or(output.routes);
  output.emissions = table.boolean("emissions").value_or(output.emissions);
  if (output.routes && !output.trips) {
    table.fail("routes", "needs the trip table (output.trips = true): routes are its rows'");
  }
  table.finish();
}

// [routing] en_route_period_s and en_route_share. Drivers re-route on the link times of the
// bin just ended, so the period is a whole number of output bins.
void read_en_route(TomlTable& table, double bin_s, EnRouteRerouting& en_route) {
  en_route.period_s = table.number_in("en_route_period_s", 0.0, valid::duration_s);
  const double bins = en_route.period_s / bin_s;
  if (en_route.period_s > 0.0 && (bins < 1.0 - 1e-9 || std::abs(bins - std::round(bins)) > 1e-9)) {
    table.fail("en_route_period_s",
               "must be a whole number of output bins (output.bin_s = " + format_double(bin_s) +
                   " s): drivers re-route on the link times of the bin just ended");
  }
  en_route.share = table.number_in("en_route_share", 1.0, valid::share);
  if (table.has("en_route_share") && en_route.period_s == 0.0) {
    table.fail("en_route_share", "has no effect without en_route_period_s");
  }
}

// The parsed file, kept for the part read against the built network (demand).
struct KeptFile {
  toml::table root;
  std::string file;
  std::string folder;
  std::vector<std::string> bases;  // [scenario] base, nearest first (scenario_bases.hpp)

  TomlDocument document() const { return TomlDocument{file, folder, {}, bases}; }
};

void read_identity(TomlTable& root, const std::string& path, ScenarioSpec& spec) {
  spec.source_path = path;
  spec.name = std::filesystem::path(path).stem().string();
  if (auto table = root.table("scenario")) {
    spec.name = table->string("name").value_or(spec.name);
    table->string("description");
    table->find("base");  // read by scenario_bases.cpp
    table->find("replace");
    table->finish();
  }
  // A variant does not inherit its base's output file: by default it writes <its file's
  // name>.h5 in its own folder, as if it had said so itself.
  if (!root.document().bases.empty()) {
    const std::filesystem::path file(path);
    spec.output.file =
        (file.parent_path() / (file.stem().string() + ".h5")).lexically_normal().string();
  }
  if (auto table = root.table("simulation")) read_simulation(*table, spec.sim);
  if (auto table = root.table("output")) read_output(*table, spec.output, spec.sim.step_s);
  if (auto table = root.table("routing")) {
    // A previous run's file; read by the run stage, which can open HDF5 (the path is hashed
    // into the fingerprint here like any input: other costs, other routes).
    spec.route_costs_from = table->input_path("costs_from").value_or("");
    spec.route_spread_ties = table->boolean("spread_ties").value_or(true);
    spec.route_turn_penalty_s =
        table->number_in("turn_penalty_s", default_turn_penalty_s, valid::turn_penalty_s);
    read_en_route(*table, spec.output.bin_s, spec.en_route);
    table->finish();
  }
}

// [transit], [passengers] and then [[transit.changes]]: passengers are read against the
// unchanged timetable, so that a variant file that only adds changes keeps them.
void read_transit_inputs(TomlTable& root, ScenarioSpec& spec) {
  auto transit_table = root.table("transit");
  if (transit_table) read_transit_table(*transit_table, spec.transit);
  const bool transit = spec.transit.present();
  if (auto table = root.table("passengers")) {
    if (!transit) root.fail("passengers", "passengers need a [transit] table with a GTFS feed");
    read_passengers_table(*table, spec.transit, spec.sim.seed, spec.transit.passengers);
  }
  if (transit)
    apply_transit_changes(*transit_table, spec.transit.timetable, spec.transit.trip_count_changes);
}

// [demand] and [[freight]], read when the network is built: a fresh reading of the kept table each
// time.
NetworkBoundInputs bound_inputs(std::shared_ptr<const KeptFile> kept, const ScenarioSpec& spec,
                                const SourceContext& context, bool demand) {
  NetworkBoundInputs bound;
  if (demand) {
    bound.demand = [kept, sim = spec.sim, grid = context.grid, sumo = context.sumo](
                       const Network& network, const DemandScale& events, Demand& out) {
      TomlDocument document = kept->document();
      TomlTable root(kept->root, "", document);
      SourceContext demand_context{sim, grid};
      demand_context.sumo = sumo;
      demand_context.scale = events;
      if (auto demand_table = root.table("demand")) {
        load_demand_source(*demand_table, network, demand_context, out);
      }
      load_freight_sources(root, network, sim, events, out);
      return document.inputs;
    };
  }
  return bound;
}

}  // namespace

const std::vector<std::string>& scenario_tables() {
  static const std::vector<std::string> tables = {"scenario",
                                                  "network",
                                                  "demand",
                                                  "transit",
                                                  "passengers",
                                                  "simulation",
                                                  "events",
                                                  "routing",
                                                  "output",
                                                  "assignment",
                                                  "vehicle_classes",
                                                  "emergency",
                                                  "emergency_stations",
                                                  "incidents",
                                                  "freight"};
  return tables;
}

ScenarioSpec read_scenario_spec(const std::string& given_path,
                                const std::vector<std::string>& overrides) {
  // A scenario folder (what `arteria import` writes) stands for the scenario.toml inside it.
  std::error_code ignored;
  const std::string path = std::filesystem::is_directory(given_path, ignored)
                               ? (std::filesystem::path(given_path) / "scenario.toml").string()
                               : given_path;
  auto kept = std::make_shared<KeptFile>();
  kept->file = path;
  kept->folder = std::filesystem::path(path).parent_path().string();
  ScenarioSpec spec;
  MergedScenarioFile merged = read_merged_scenario_toml(path);
  kept->root = std::move(merged.root);
  kept->bases = merged.bases;
  spec.text = std::move(merged.text);
  spec.files = {path};
  spec.files.insert(spec.files.end(), merged.bases.begin(), merged.bases.end());
  spec.overrides = overrides;
  for (const std::string& line : overrides) apply_override(kept->root, line);

  TomlDocument document = kept->document();
  TomlTable root(kept->root, "", document);
  // Unknown tables first: a misspelt [simulaton] would otherwise surface as odd later errors.
  for (const std::string& name : scenario_tables()) root.find(name);
  root.finish();

  read_identity(root, path, spec);
  read_transit_inputs(root, spec);
  const bool transit = spec.transit.present();
  SourceContext context{spec.sim, std::nullopt};
  auto network_table = root.table("network");
  if (!network_table && !transit) root.fail("network", "the [network] table is required");
  if (network_table) {
    spec.roads = load_network_source(*network_table, context);
    spec.roads->spec.turn_penalty_s = spec.route_turn_penalty_s;
  }
  const bool demand = root.has("demand") || root.has("freight");
  if (!demand && !transit) root.fail("demand", "the [demand] table is required");
  spec.bound = bound_inputs(kept, spec, context, demand);
  spec.events = read_scenario_events(root, spec.road_works);
  spec.vehicle_classes = read_vehicle_classes(root);
  spec.emergency = read_emergency(root);
  auto assignment_table = root.table("assignment");
  spec.assignment = read_assignment_table(assignment_table ? &*assignment_table : nullptr, root);
  spec.inputs = document.inputs;
  return spec;
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  return build_scenario(read_scenario_spec(path, overrides));
}

}  // namespace arteria
