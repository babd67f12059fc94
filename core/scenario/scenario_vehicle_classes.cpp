#include "scenario/scenario_vehicle_classes.hpp"

#include <string>

#include "base/text.hpp"
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

// A list of strings (link ids, road classes) under `key`; `what` says what an entry is.
std::vector<std::string> read_strings(TomlTable& table, std::string_view key, const char* what) {
  std::vector<std::string> strings;
  const toml::array* list = table.array(key);
  if (!list) return strings;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const toml::node& node = *list->get(i);
    if (!node.is_string()) {
      table.fail_node(node, table.key_path(key) + "[" + std::to_string(i) + "]",
                      std::string("expected ") + what + " (a string)");
    }
    strings.push_back(node.as_string()->get());
  }
  return strings;
}

// bans = [{road_classes = ["residential"], from = "07:00", to = "19:00"}, {links = [...]}]
ClassBanSpec read_ban(TomlTable& ban) {
  ClassBanSpec spec;
  spec.links = read_strings(ban, "links", "a link id");
  spec.road_classes = read_strings(ban, "road_classes", "a road class");
  if (spec.links.empty() && spec.road_classes.empty()) {
    ban.fail("links", "a ban needs links = [\"id\", ...], road_classes = [\"name\", ...] or both");
  }
  const bool from = ban.has("from"), to = ban.has("to");
  if (from != to) {
    ban.fail(from ? "to" : "from", "a ban's window needs both from and to (neither: always)");
  }
  if (from) {
    spec.from_s = *ban.time("from");
    spec.to_s = *ban.time("to");
    if (!(*spec.to_s > *spec.from_s)) {
      ban.fail("to", "must come after from (" + format_time_of_day(*spec.from_s) +
                         "); a window past midnight is written with hours past 24, to = \"30:00\"");
    }
  }
  ban.finish();
  return spec;
}

std::vector<ClassBanSpec> read_bans(TomlTable& table) {
  std::vector<ClassBanSpec> bans;
  const toml::array* list = table.array("bans");
  if (!list) return bans;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const toml::node& node = *list->get(i);
    const std::string name = "bans[" + std::to_string(i) + "]";
    if (!node.is_table()) {
      table.fail_node(node, table.key_path(name),
                      "a ban is a table: {road_classes = [...], from = \"07:00\", to = \"19:00\"}");
    }
    TomlTable ban_table(*node.as_table(), table.key_path(name), table.document());
    ClassBanSpec ban = read_ban(ban_table);
    ban.line = static_cast<std::uint32_t>(node.source().begin.line);
    ban.field = name;
    bans.push_back(std::move(ban));
  }
  return bans;
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
  if (table.has("banned_links")) {
    spec.banned_links_line = table.line("banned_links");
    spec.banned_links = read_strings(table, "banned_links", "a link id");
  }
  spec.bans = read_bans(table);
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
