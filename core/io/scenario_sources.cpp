// Dispatch of [network] and [demand] to the reader of each source kind. To add a kind, write a
// reader with the signature of the others and add a row to network_sources or demand_sources.

#include "io/scenario_sources.hpp"

#include <limits>
#include <string>
#include <vector>

#include "demand/od_matrix.hpp"
#include "demand/trips_csv.hpp"
#include "network/csv_network.hpp"
#include "util/csv.hpp"

namespace arteria {
namespace {

// ---- network sources ----

Network read_csv_source(TomlTable& table, SourceContext&) {
  CsvNetworkFiles files;
  files.nodes = table.require_input_path("nodes");
  files.links = table.require_input_path("links");
  files.turns = table.input_path("turns").value_or("");
  files.signals = table.input_path("signals").value_or("");
  table.finish(" for source = \"csv\"");
  return compile_network(read_csv_network(files));
}

Network read_grid_source(TomlTable& table, SourceContext& context) {
  GridCityParams params;
  if (auto grid = table.table("grid")) {
    params = read_grid_city_params(*grid);
    grid->finish();
  }
  table.finish(" for source = \"grid\"");
  context.grid = params;
  return compile_network(make_grid_city(params));
}

struct NetworkSource {
  const char* name;
  Network (*read)(TomlTable& table, SourceContext& context);
};

const NetworkSource network_sources[] = {
    {"csv", read_csv_source},
    {"grid", read_grid_source},
};

// ---- demand sources ----

void read_trips_source(TomlTable& table, const Network& network, SourceContext&,
                       DemandBuilder& builder) {
  const std::string path = table.require_input_path("file");
  table.finish(" for source = \"trips\"");
  if (read_trips_csv(path, network, builder) == 0) {
    table.fail("file", "'" + path + "' holds no trips");
  }
}

// profile = [["07:00", 1.0], ["08:00", 2.0], ["09:00", 0.0]]
DepartureProfile read_profile(TomlTable& table, const SimulationParams& sim) {
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

void read_od_source(TomlTable& table, const Network& network, SourceContext& context,
                    DemandBuilder& builder) {
  const std::string path = table.require_input_path("file");
  OdExpansion expansion;
  expansion.profile = read_profile(table, context.sim);
  expansion.scale = table.non_negative("scale", 1.0);
  // Departure times follow the run's seed unless the demand pins its own.
  expansion.seed = static_cast<std::uint64_t>(
      table.integer_in("seed", static_cast<std::int64_t>(context.sim.seed), 0,
                       std::numeric_limits<std::int64_t>::max()));
  table.finish(" for source = \"od\"");
  const OdMatrix matrix = read_od_csv(path, builder);
  if (expand_od_matrix(matrix, expansion, network, builder) == 0) {
    table.fail("file", "'" + path + "' expands to no trips (scale " +
                           std::to_string(expansion.scale) + ")");
  }
}

void read_generated_source(TomlTable& table, const Network& network, SourceContext& context,
                           DemandBuilder& builder) {
  if (!context.grid) {
    table.fail("source", "generated demand needs a generated network: [network] source = \"grid\"");
  }
  const GridDemandParams params = read_grid_demand_params(table);
  table.finish(" for source = \"generated\"");
  generate_grid_demand(network, *context.grid, params, builder);
}

struct DemandSource {
  const char* name;
  void (*read)(TomlTable& table, const Network& network, SourceContext& context,
               DemandBuilder& builder);
};

const DemandSource demand_sources[] = {
    {"trips", read_trips_source},
    {"od", read_od_source},
    {"generated", read_generated_source},
};

template <typename Source, std::size_t N>
const Source& pick_source(TomlTable& table, const Source (&sources)[N]) {
  std::vector<std::string> names;
  for (const Source& source : sources) names.emplace_back(source.name);
  if (!table.has("source")) {
    table.fail("source", "is required; one of the sources the engine reads must be named");
  }
  const std::string name = table.choice("source", names, "");
  for (const Source& source : sources) {
    if (name == source.name) return source;
  }
  table.fail("source", "unknown source");  // unreachable: choice() checked the name
}

}  // namespace

Network load_network_source(TomlTable network, SourceContext& context) {
  return pick_source(network, network_sources).read(network, context);
}

void load_demand_source(TomlTable demand_table, const Network& network, SourceContext& context,
                        Demand& demand) {
  DemandBuilder builder(network, demand);
  pick_source(demand_table, demand_sources).read(demand_table, network, context, builder);
}

}  // namespace arteria
