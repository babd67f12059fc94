// Dispatch of [network] and [demand] to the reader of each source kind. To add a kind, write a
// reader with the signature of the others and add a row to network_sources or demand_sources.

#include "scenario/scenario_sources.hpp"

#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/text.hpp"
#include "base/value_ranges.hpp"
#include "formats/native/csv_network.hpp"
#include "formats/native/trips_csv.hpp"
#include "model/od_matrix.hpp"
#include "scenario/source_readers.hpp"

namespace arteria {
namespace {

// ---- network sources ----

SourceNetwork read_csv_source(TomlTable& table, SourceContext&) {
  CsvNetworkFiles files;
  files.nodes = table.require_input_path("nodes");
  files.links = table.require_input_path("links");
  files.turns = table.input_path("turns").value_or("");
  files.signals = table.input_path("signals").value_or("");
  table.finish(" for source = \"csv\"");
  return {read_csv_network(files), {}, {}};
}

// [network.grid] corner_lat_deg and corner_lon_deg put the grid's south-west corner (node 0_0)
// at a place on Earth, so that geographic inputs (a GTFS feed's stops) land on its streets: the
// network's frame is then the transverse Mercator about that corner, whose metres east and
// north are the grid's x and y.
std::optional<MapProjection> read_grid_place(TomlTable& grid) {
  const auto lat = grid.number("corner_lat_deg");
  const auto lon = grid.number("corner_lon_deg");
  if (!lat && !lon) return std::nullopt;
  if (!lat || !lon) {
    grid.fail(lat ? "corner_lon_deg" : "corner_lat_deg",
              "is required with " + std::string(lat ? "corner_lat_deg" : "corner_lon_deg"));
  }
  if (!(*lat >= -80.0 && *lat <= 80.0)) grid.fail("corner_lat_deg", "must be within -80 and 80");
  if (!(*lon >= -180.0 && *lon <= 180.0)) {
    grid.fail("corner_lon_deg", "must be within -180 and 180");
  }
  return MapProjection{MapProjection::Kind::transverse_mercator, *lon, *lat};
}

SourceNetwork read_grid_source(TomlTable& table, SourceContext& context) {
  GridCityParams params;
  std::optional<MapProjection> place;
  if (auto grid = table.table("grid")) {
    params = read_grid_city_params(*grid);
    place = read_grid_place(*grid);
    grid->finish();
  }
  table.finish(" for source = \"grid\"");
  context.grid = params;
  NetworkSpec spec = make_grid_city(params);
  if (place) spec.projection = *place;
  return {std::move(spec), {}, {}};
}

struct NetworkSource {
  const char* name;
  SourceNetwork (*read)(TomlTable& table, SourceContext& context);
};

const NetworkSource network_sources[] = {
    {"csv", read_csv_source},           {"grid", read_grid_source},
    {"tntp", read_tntp_network_source}, {"sumo", read_sumo_network_source},
    {"osm", read_osm_network_source},
};

// ---- demand sources ----

void read_trips_source(TomlTable& table, const Network& network, SourceContext&, Demand& demand) {
  const std::string path = table.require_input_path("file");
  table.finish(" for source = \"trips\"");
  DemandBuilder builder(network, demand);
  if (read_trips_csv(path, network, builder) == 0) {
    table.fail("file", "'" + path + "' holds no trips");
  }
}

void read_od_source(TomlTable& table, const Network& network, SourceContext& context,
                    Demand& demand) {
  const std::string path = table.require_input_path("file");
  const OdExpansion expansion = read_od_expansion(table, context.sim, demand.classes);
  table.finish(" for source = \"od\"");
  DemandBuilder builder(network, demand);
  const OdMatrix matrix = read_od_csv(path, builder);
  if (expand_od_matrix(matrix, expansion, context.scale, network, builder) == 0) {
    fail_no_trips_expanded(table, path, context.scale);
  }
}

void read_generated_source(TomlTable& table, const Network& network, SourceContext& context,
                           Demand& demand) {
  if (!context.grid) {
    table.fail("source", "generated demand needs a generated network: [network] source = \"grid\"");
  }
  const GridDemandParams params = read_grid_demand_params(table);
  // Departures fall in [start_s, end_s), rounded down to whole seconds: a window reaching out of
  // the simulated period is the user's key to fix, not a trip to blame.
  if (std::floor(params.start_s) < context.sim.start_s) {
    table.fail("start_s", "generated departures from " + format_time_of_day(params.start_s) +
                              " start before the simulated period (simulation.start = " +
                              format_time_of_day(context.sim.start_s) + ")");
  }
  if (params.end_s > context.sim.end_s) {
    table.fail("end_s", "generated departures until " + format_time_of_day(params.end_s) +
                            " go past the simulated period (simulation.end = " +
                            format_time_of_day(context.sim.end_s) + ")");
  }
  table.finish(" for source = \"generated\"");
  DemandBuilder builder(network, demand);
  generate_grid_demand(network, *context.grid, params, context.scale, builder);
}

// How a source meets "+x % demand" (model/demand_scale.hpp).
enum class SourceScaling {
  listed,     // a list of trips: load_demand_source repeats or drops trips after reading
  generator,  // draws its own extra trips from its streams, or fewer of them (od and tntp: a
              // stream per cell of the table)
};

struct DemandSource {
  const char* name;
  void (*read)(TomlTable& table, const Network& network, SourceContext& context, Demand& demand);
  SourceScaling scaling;
};

const DemandSource demand_sources[] = {
    {"trips", read_trips_source, SourceScaling::listed},
    {"od", read_od_source, SourceScaling::generator},
    {"generated", read_generated_source, SourceScaling::generator},
    {"tntp", read_tntp_demand_source, SourceScaling::generator},
    {"sumo", read_sumo_demand_source, SourceScaling::listed},
    {"random", read_random_demand_source, SourceScaling::generator},
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

SourceNetwork load_network_source(TomlTable network, SourceContext& context) {
  return pick_source(network, network_sources).read(network, context);
}

void load_demand_source(TomlTable demand_table, const Network& network, SourceContext& context,
                        Demand& demand) {
  const DemandSource& source = pick_source(demand_table, demand_sources);
  // From the beginning, before any event's step: the same trips as an event at the start. For
  // od and tntp it is also the table's unit (a peak hour's share of a daily table): one factor.
  const double scale = demand_table.number_in("scale", 1.0, valid::demand_factor);
  context.scale.steps.insert(context.scale.steps.begin(), {-INFINITY, scale});
  source.read(demand_table, network, context, demand);
  if (source.scaling == SourceScaling::listed && !context.scale.identity()) {
    const std::string error = demand_scale_error(demand, -INFINITY, context.scale.most());
    if (!error.empty()) demand_table.fail("scale", error);
    scale_listed_trips(demand, context.scale, context.sim.seed);
  }
}

}  // namespace arteria
