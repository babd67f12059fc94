// TransportationNetworks (TNTP) sources: [network] source = "tntp" and [demand] source = "tntp".
// Units and the simulated form of BPR links follow formats/tntp/tntp_reader.hpp.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "base/import_log.hpp"
#include "formats/tntp/tntp_reader.hpp"
#include "scenario/source_readers.hpp"

namespace arteria {
namespace {

// The _node.tntp file read_tntp_network finds beside the net file, so it is hashed too.
void record_implicit_node_file(TomlTable& table, const std::string& net_path) {
  const std::string suffix = "_net.tntp";
  if (net_path.size() <= suffix.size() ||
      net_path.compare(net_path.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return;
  }
  const std::string node_path = net_path.substr(0, net_path.size() - suffix.size()) + "_node.tntp";
  std::error_code error;
  if (std::filesystem::is_regular_file(node_path, error)) {
    table.document().inputs.push_back(node_path);
  }
}

// length_unit, time_unit (absent: the file's header, the known networks, then km and min; see
// formats/tntp/tntp_units.hpp) and capacity_in_b.
void read_units(TomlTable& table, TntpNetworkOptions& options) {
  options.length_unit = table.choice("length_unit", tntp_length_units(), "");
  options.time_unit = table.choice("time_unit", tntp_time_units(), "");
  options.capacity_in_b = table.boolean("capacity_in_b");
}

// Warnings about the units: header statements we could not read, units nothing stated, and
// speeds that look wrong. Made while the link table is at hand; told after the counts.
std::vector<std::string> unit_warnings(const TntpNetwork& tntp) {
  const TntpUnits& units = tntp.units;
  std::vector<std::string> warnings;
  for (const std::string& problem : tntp.unit_problems) {
    warnings.push_back("TNTP network " + tntp.name + ": " + problem);
  }
  for (const TntpUnit* unit : {&units.length, &units.time}) {
    if (unit->origin != TntpUnitOrigin::default_unit || units.abstract) continue;
    const bool length = unit == &units.length;
    warnings.push_back(
        "TNTP network " + tntp.name + ": nothing states its " + (length ? "length" : "time") +
        " unit, read as " + unit->name + " (the default); if its README says otherwise, set " +
        (length ? "length_unit" : "time_unit") +
        " in [network] (arteria import: " + (length ? "--length-unit" : "--time-unit") + ")");
  }
  const std::string speeds = tntp_speed_warning(tntp, check_tntp_speeds(tntp));
  if (!speeds.empty()) warnings.push_back(speeds);
  return warnings;
}

std::string whole_text(double value) {
  return count_text(static_cast<std::size_t>(std::llround(std::max(value, 0.0))));
}

}  // namespace

SourceNetwork read_tntp_network_source(TomlTable& table, SourceContext&) {
  const std::string net_path = table.require_input_path("net");
  TntpNetworkOptions options;
  if (const auto nodes = table.input_path("nodes")) {
    options.node_path = *nodes;
  } else {
    record_implicit_node_file(table, net_path);
  }
  read_units(table, options);
  options.lane_capacity_vph =
      table.number_in("lane_capacity_vph", options.lane_capacity_vph, valid::lane_capacity_vph);
  options.uncongested_capacity_vph = table.number_in(
      "uncongested_capacity_vph", options.uncongested_capacity_vph, valid::capacity_vph);
  table.finish(" for source = \"tntp\"");

  auto tntp = std::make_shared<TntpNetwork>(read_tntp_network(net_path, options));
  const std::string name = tntp->name;
  const Index centroids = tntp->first_thru_node - 1;
  const std::string units = tntp_units_text(tntp->units);
  std::vector<std::string> warnings = unit_warnings(*tntp);
  return {tntp->spec,
          [=](const Network& network) {
            import_note("TNTP network " + name + ": " + count_text(network.node_count) +
                        " nodes (" + count_text(centroids) + " zone centroids), " +
                        count_text(network.link_count) + " links; " + units);
            for (const std::string& warning : warnings) import_warning(warning);
          },
          tntp};
}

void read_tntp_demand_source(TomlTable& table, const Network& network, SourceContext& context,
                             Demand& demand) {
  const std::string path = table.require_input_path("file");
  const OdExpansion expansion = read_od_expansion(table, context.sim, demand.classes);
  table.finish(" for source = \"tntp\"");

  const TntpOdTable od = read_tntp_trips(path);
  const TntpExpansionStats stats = expand_tntp_trips(od, network, demand, expansion, context.scale);
  if (stats.trips_added == 0) {
    fail_no_trips_expanded(table, path, context.scale);
  }
  import_note("TNTP demand: " + count_text(od.pair_count()) + " OD pairs, " +
              whole_text(od.total()) + " trips in the table, scaled by " +
              number_text(context.scale.at(-INFINITY)) + " to " + count_text(stats.trips_added) +
              " vehicle trips");
  if (stats.intrazonal_flow_skipped > 0.0) {
    import_warning("TNTP demand: " + whole_text(stats.intrazonal_flow_skipped) +
                   " trips from a zone to itself left out (they have no route)");
  }
}

}  // namespace arteria
