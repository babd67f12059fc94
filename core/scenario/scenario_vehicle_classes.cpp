#include "scenario/scenario_vehicle_classes.hpp"

#include <string>

#include "base/value_ranges.hpp"

namespace arteria {
namespace {

// The modes a class may take: the link permissions importers set (OSM hgv=no, SUMO disallow).
const std::vector<std::string> mode_names = {"car", "truck", "bus"};
constexpr ModeMask mode_bits[] = {mode_car, mode_truck, mode_bus};

std::vector<std::string> emission_names() {
  std::vector<std::string> names;
  for (std::size_t c = 0; c < emission_class_count; ++c) {
    names.emplace_back(emission_class_name(static_cast<EmissionClass>(c)));
  }
  names.emplace_back("none");
  return names;
}

VehicleClassSpec read_class(TomlTable& table) {
  VehicleClassSpec spec;
  spec.name = table.require_string("name");
  if (spec.name.empty()) table.fail("name", "must not be empty");
  if (table.has("pcu")) spec.pcu = table.number_in("pcu", 1.0, valid::pcu);
  if (table.has("length_m")) {
    spec.length_m = table.number_in("length_m", 0.0, valid::vehicle_length_m);
  }
  if (table.has("max_speed_kmh")) {
    spec.max_speed_kmh = table.number_in("max_speed_kmh", 0.0, valid::free_speed_kmh);
  }
  if (table.has("mode")) {
    const std::string mode = table.choice("mode", mode_names, "car");
    for (std::size_t m = 0; m < mode_names.size(); ++m) {
      if (mode == mode_names[m]) spec.mode = mode_bits[m];
    }
  }
  if (table.has("emission")) {
    const std::string emission = table.choice("emission", emission_names(), "none");
    EmissionClass found{};
    spec.emission = find_emission_class(emission, found) ? std::optional(found) : std::nullopt;
  }
  if (const toml::array* links = table.array("banned_links")) {
    spec.banned_links_line = table.line("banned_links");
    for (std::size_t i = 0; i < links->size(); ++i) {
      const toml::node& node = *links->get(i);
      if (!node.is_string()) {
        table.fail_node(node, table.key_path("banned_links") + "[" + std::to_string(i) + "]",
                        "a banned link is a link id (a string)");
      }
      spec.banned_links.push_back(node.as_string()->get());
    }
  }
  table.finish();
  return spec;
}

}  // namespace

std::vector<VehicleClassSpec> read_vehicle_classes(TomlTable& root) {
  std::vector<VehicleClassSpec> specs;
  const toml::array* array = root.array("vehicle_classes");
  if (!array) return specs;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& node = *array->get(i);
    const std::string path = "vehicle_classes[" + std::to_string(i) + "]";
    if (!node.is_table()) {
      root.fail_node(node, path, "a vehicle class is a table: [[vehicle_classes]] with name = ...");
    }
    TomlTable table(*node.as_table(), path, root.document());
    VehicleClassSpec spec = read_class(table);
    spec.where = {root.document().file_index(node.source()),
                  static_cast<std::uint32_t>(node.source().begin.line)};
    spec.field = path;
    specs.push_back(std::move(spec));
  }
  return specs;
}

}  // namespace arteria
