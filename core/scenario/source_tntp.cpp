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

void read_units(TomlTable& table, TntpNetworkOptions& options) {
  const toml::node* node = table.find("units");
  if (!node) return;
  if (node->is_string()) {
    table.choice("units", {"auto"}, "auto");  // "auto": as decided per network, see the header
    return;
  }
  if (!node->is_table()) {
    table.fail("units", "expected \"auto\" or a table {length_m, time_s, capacity_in_b}");
  }
  TomlTable units = *table.table("units");
  options.use_default_units = false;
  options.units.metres_per_length_unit = units.positive("length_m", 1000.0);
  options.units.seconds_per_time_unit = units.positive("time_s", 60.0);
  options.units.capacity_in_b = units.boolean("capacity_in_b").value_or(false);
  units.finish();
}

std::string whole_text(double value) {
  return count_text(static_cast<std::size_t>(std::llround(std::max(value, 0.0))));
}

std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
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
  options.lane_capacity_vph = table.positive("lane_capacity_vph", options.lane_capacity_vph);
  options.uncongested_capacity_vph =
      table.positive("uncongested_capacity_vph", options.uncongested_capacity_vph);
  table.finish(" for source = \"tntp\"");

  auto tntp = std::make_shared<TntpNetwork>(read_tntp_network(net_path, options));
  NetworkSpec spec = tntp->spec;
  return {std::move(spec),
          [tntp = tntp](const Network& network) {
            import_note("TNTP network " + tntp->name + ": " + count_text(network.node_count) +
                        " nodes (" + count_text(tntp->first_thru_node - 1) + " zone centroids), " +
                        count_text(network.link_count) + " links; " +
                        number_text(tntp->units.metres_per_length_unit) + " m per length unit, " +
                        number_text(tntp->units.seconds_per_time_unit) + " s per time unit");
          },
          tntp};
}

void read_tntp_demand_source(TomlTable& table, const Network& network, SourceContext& context,
                             Demand& demand) {
  const std::string path = table.require_input_path("file");
  const OdExpansion expansion = read_od_expansion(table, context.sim);
  table.finish(" for source = \"tntp\"");

  const TntpOdTable od = read_tntp_trips(path);
  const TntpExpansionStats stats = expand_tntp_trips(od, network, demand, expansion);
  if (stats.trips_added == 0) {
    fail_no_trips_expanded(table, path, expansion.scale);
  }
  import_note("TNTP demand: " + count_text(od.pair_count()) + " OD pairs, " +
              whole_text(od.total()) + " trips in the table, scaled by " +
              number_text(expansion.scale) + " to " + count_text(stats.trips_added) +
              " vehicle trips");
  if (stats.intrazonal_flow_skipped > 0.0) {
    import_warning("TNTP demand: " + whole_text(stats.intrazonal_flow_skipped) +
                   " trips from a zone to itself left out (they have no route)");
  }
}

}  // namespace arteria
