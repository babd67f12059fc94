// SUMO sources: [network] source = "sumo" (a .sumocfg, or a .net.xml with additional files) and
// [demand] source = "sumo" (route files, or those the .sumocfg names), routes kept as given.

#include <algorithm>
#include <cstdio>

#include "base/import_log.hpp"
#include "routing/route_link_pairs.hpp"
#include "scenario/source_readers.hpp"

namespace arteria {
namespace {

std::string seconds_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

// Gives each trip between two edges (no route in the file) its free-flow route from its first
// to its last edge, as SUMO routes such trips on insertion, and marks it as one an assignment
// may re-route between those edges. Returns how many have none.
std::size_t route_edge_trips(const Network& network, const SumoDemandReport& report,
                             Demand& demand) {
  if (report.trip_ends.empty()) return 0;
  std::vector<LinkPair> pairs;
  pairs.reserve(report.trip_ends.size());
  std::vector<Index> pair_of(demand.trip_count(), invalid_index);
  demand.trip_route_between_links.assign(demand.trip_count(), 0);
  for (const SumoTripEnds& ends : report.trip_ends) {
    pair_of[ends.trip] = static_cast<Index>(pairs.size());
    pairs.push_back({ends.first_link, ends.last_link});
  }
  LinkPairReport routing;
  const LinkPairRoutes routed = route_link_pairs(network, mode_car, pairs, routing);
  std::vector<Index> first{0};
  std::vector<Index> links;
  first.reserve(demand.trip_count() + 1);
  links.reserve(demand.given_route_links.size() + routed.links.size());
  for (Index trip = 0; trip < demand.trip_count(); ++trip) {
    const bool between_edges = pair_of[trip] != invalid_index;
    const auto& from = between_edges ? routed.links : demand.given_route_links;
    const auto& from_first = between_edges ? routed.pair_first_link : demand.trip_first_given_link;
    const Index i = between_edges ? pair_of[trip] : trip;
    links.insert(links.end(), from.begin() + from_first[i], from.begin() + from_first[i + 1]);
    demand.trip_route_between_links[trip] = between_edges && from_first[i + 1] > from_first[i];
    first.push_back(static_cast<Index>(links.size()));
  }
  demand.trip_first_given_link = std::move(first);
  demand.given_route_links = std::move(links);
  return routing.unroutable;
}

}  // namespace

SourceNetwork read_sumo_network_source(TomlTable& table, SourceContext& context) {
  SumoScenarioFiles files;
  std::string config;
  if (table.has("config")) {
    for (const char* key : {"net", "additional"}) {
      if (table.has(key)) {
        table.fail(key, "give either config (a .sumocfg) or net and additional, not both");
      }
    }
    config = table.require_input_path("config");
  } else {
    files.net_file = table.require_input_path("net");
    files.additional_files = read_input_paths(table, "additional");
  }
  // Before links had lane groups, "approach" made a phase green for every movement of an
  // in-link when it was green for any; with one queue per lane group SUMO's programs run as
  // given, and "approach" would make every approach with a permanent right turn green all cycle.
  if (table.has("signals") &&
      table.choice("signals", {"approach", "movement"}, "movement") == "approach") {
    table.fail("signals",
               "signals = \"approach\" was removed: links now keep one queue per lane group, so "
               "SUMO's signal programs run movement by movement as given; delete the line");
  }
  table.finish(" for source = \"sumo\"");
  if (!config.empty()) {
    files = read_sumocfg(config);
    // The files the configuration names are inputs of the scenario as well.
    auto& inputs = table.document().inputs;
    inputs.push_back(files.net_file);
    for (const std::string& file : files.demand_files()) inputs.push_back(file);
    context.sumo = files;
  }
  SumoNetwork sumo = read_sumo_network(files.net_file);
  SumoBusData bus;
  read_sumo_additionals(files.additional_files, sumo, &bus);
  const std::size_t bus_stops = bus.stops.size();
  return {
      std::move(sumo.spec), [r = sumo.report, bus_stops](const Network& network) {
        import_note("SUMO network: " + count_text(r.edges) + " edges (" +
                    count_text(r.internal_edges) + " internal edges dropped), " +
                    count_text(r.junctions) + " junctions, " + count_text(r.connections) +
                    " connections, " + count_text(r.signal_programs) + " signal programs");
        import_note("  imported: " + count_text(network.node_count) + " nodes, " +
                    count_text(network.link_count) + " links, " + count_text(network.turn_count) +
                    " turns, " + count_text(network.group_count) + " lane groups, " +
                    count_text(network.signalised_node_count()) + " signalised nodes");
        import_warning_count("SUMO network: ", r.edges_without_vehicle_lanes,
                             " edges without a lane for a modelled mode (footpaths, ...) dropped");
        import_warning_count("SUMO network: ", r.connections_dropped,
                             " connections to or from dropped edges left out");
        import_warning_count("SUMO network: ", r.non_static_programs,
                             " actuated (non-static) signal programs run as fixed-time with their "
                             "given durations");
        if (bus_stops > 0) {
          import_note("SUMO additionals: " + count_text(bus_stops) +
                      " bus stops read (kept for transit, not simulated yet)");
        }
      }};
}

void read_sumo_demand_source(TomlTable& table, const Network& network, SourceContext& context,
                             Demand& demand) {
  SumoRouteOptions options;
  options.seed = read_demand_seed(table, context.sim);
  // SUMO loads only departures in [begin, end); the simulated period bounds them as well.
  options.begin_s = context.sim.start_s;
  options.end_s = context.sim.end_s;
  std::vector<std::string> files;
  if (table.has("files")) {
    files = read_input_paths(table, "files");
  } else if (context.sumo) {
    files = context.sumo->demand_files();
    options.begin_s = std::max(options.begin_s, context.sumo->begin_s);
    if (context.sumo->end_s) options.end_s = std::min(options.end_s, *context.sumo->end_s);
  } else {
    table.fail("files", "is required unless [network] reads a .sumocfg (config = ...)");
  }
  table.finish(" for source = \"sumo\"");

  DemandBuilder builder(network, demand);
  SumoBusData bus;
  const SumoDemandReport report = read_sumo_routes(files, network, builder, options, &bus);
  const std::size_t unrouted = route_edge_trips(network, report, demand);
  if (demand.trip_count() == 0) {
    table.fail(table.has("files") ? "files" : "source",
               "the SUMO demand holds no vehicle departing in " + seconds_text(options.begin_s) +
                   " - " + seconds_text(options.end_s) + " s");
  }
  import_note("SUMO demand: " + count_text(report.vehicles) + " vehicles with routes, " +
              count_text(report.trips) + " trips between edges (routed here, free flow), " +
              count_text(report.flows) + " flows making " + count_text(report.flow_vehicles) +
              " vehicles; " + count_text(demand.trip_count()) + " vehicle trips in all");
  if (!bus.vehicles.empty()) {
    import_note("  " + count_text(bus.vehicles.size()) +
                " of them are transit vehicles; they run as ordinary vehicles (stops and dwell "
                "times are not simulated yet)");
  }
  import_warning_count("SUMO demand: ", report.skipped_outside_window,
                       " vehicles departing outside " + seconds_text(options.begin_s) + " - " +
                           seconds_text(options.end_s) + " s left out, as SUMO does");
  import_warning_count("SUMO demand: ", report.skipped_persons,
                       " persons and containers left out (not modelled yet)");
  import_warning_count("SUMO demand: ", unrouted,
                       " trips have no path from their first to their last edge; routed "
                       "between their end nodes at run time");
}

}  // namespace arteria
