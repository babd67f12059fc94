// OpenStreetMap network source: [network] source = "osm". The import rules (classes, lanes,
// speeds, capacities, signals, merging, components) are formats/osm/osm_reader.hpp's.

#include <cstdio>
#include <utility>

#include "base/import_log.hpp"
#include "formats/osm/osm_reader.hpp"
#include "scenario/source_readers.hpp"

namespace arteria {
namespace {

constexpr std::pair<const char*, ModeMask> mode_names[] = {
    {"car", mode_car}, {"bus", mode_bus}, {"truck", mode_truck}};

ModeMask mode_of(TomlTable& table, const toml::node& node, const std::string& field) {
  if (const auto* name = node.as_string()) {
    for (const auto& [text, mode] : mode_names) {
      if (name->get() == text) return mode;
    }
  }
  table.fail_node(node, field, "expected a road mode: \"car\", \"bus\" or \"truck\"");
}

// mode = "car" or mode = ["car", "bus"]: a way is kept when it admits any of them.
ModeMask read_modes(TomlTable& table) {
  const toml::node* node = table.find("mode");
  if (!node) return mode_car;
  if (const toml::array* list = node->as_array()) {
    ModeMask modes = 0;
    for (std::size_t i = 0; i < list->size(); ++i) {
      modes |=
          mode_of(table, *list->get(i), table.key_path("mode") + "[" + std::to_string(i) + "]");
    }
    if (modes == 0) table.fail("mode", "lists no mode");
    return modes;
  }
  return mode_of(table, *node, table.key_path("mode"));
}

}  // namespace

SourceNetwork read_osm_network_source(TomlTable& table, SourceContext&) {
  const std::string path = table.require_input_path("file");
  OsmImportOptions options;
  options.poly_file = table.input_path("poly").value_or("");
  options.modes = read_modes(table);
  options.keep_largest_component =
      table.boolean("keep_largest_component").value_or(options.keep_largest_component);
  options.merge_degree_two_nodes =
      table.boolean("merge_degree_two_nodes").value_or(options.merge_degree_two_nodes);
  options.signal_cycle_s =
      table.number_in("signal_cycle_s", options.signal_cycle_s, valid::signal_cycle_s);
  table.finish(" for source = \"osm\"");

  OsmNetwork osm = read_osm_network(path, options);
  return {std::move(osm.spec), [r = osm.report](const Network& network) {
            import_note("OSM: " + count_text(r.highway_ways) + " highway ways, " +
                        count_text(r.ways_kept) + " drivable for the chosen modes, " +
                        count_text(r.nodes_read) + " of their nodes");
            import_note("  " + count_text(r.links_before_merge) + " links between junctions, " +
                        count_text(r.links_merged_away) +
                        " merged through degree-2 nodes (geometry kept)");
            import_note("  imported: " + count_text(network.node_count) + " nodes, " +
                        count_text(network.link_count) + " links, " +
                        count_text(network.signalised_node_count()) + " signalised nodes (of " +
                        count_text(r.signal_nodes) + " traffic_signals nodes), " +
                        count_text(r.restrictions_applied) + " turn restrictions applied");
            char centre[96];
            std::snprintf(centre, sizeof centre,
                          "  projection: transverse Mercator about %.5f E, %.5f N", r.centre_lon,
                          r.centre_lat);
            import_note(centre);
            if (r.nodes_outside_polygon > 0) {
              import_note("  " + count_text(r.nodes_outside_polygon) +
                          " nodes outside the polygon dropped");
            }
            if (r.components > 1) {
              import_warning("OSM: " + count_text(r.components) +
                             " strongly connected components; kept " + "the largest, dropped " +
                             count_text(r.links_outside_largest_component) + " links and " +
                             count_text(r.nodes_outside_largest_component) + " nodes");
            }
            import_warning_count(
                "OSM: ", r.restrictions_skipped,
                " turn restrictions skipped (via ways, unknown members, outside the network)");
            import_warning_count(
                "OSM: ", r.unparsed_tags,
                " lanes/maxspeed values not understood; the class default was used");
          }};
}

}  // namespace arteria
