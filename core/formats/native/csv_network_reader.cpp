// Reader for the native CSV network tables: nodes, links and turns (signals: csv_signals.cpp).
// Each record keeps its file and line so compile_network can name them.

#include "formats/native/csv_network.hpp"

#include <string_view>

#include "base/csv.hpp"
#include "base/text.hpp"

namespace arteria {
namespace {

bool parse_flag(const CsvReader& in, std::string_view column, bool fallback) {
  const auto text = in.optional_text(column);
  if (!text) return fallback;
  if (*text == "1" || *text == "true") return true;
  if (*text == "0" || *text == "false") return false;
  in.fail(column, "'" + *text + "' is not a flag; write 1 or 0");
}

ModeMask parse_modes(const CsvReader& in) {
  const auto text = in.optional_text("modes");
  if (!text) return road_modes;
  static constexpr std::pair<std::string_view, ModeMask> names[] = {{"car", mode_car},
                                                                    {"bus", mode_bus},
                                                                    {"truck", mode_truck},
                                                                    {"bike", mode_bike},
                                                                    {"rail", mode_rail}};
  ModeMask modes = 0;
  std::string_view rest = *text;
  while (!rest.empty()) {
    const std::size_t bar = rest.find('|');
    std::string_view name = rest.substr(0, bar);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    bool known = false;
    for (const auto& [mode_name, bit] : names) {
      if (name == mode_name) {
        modes |= bit;
        known = true;
      }
    }
    if (!known) {
      in.fail("modes", "unknown mode '" + std::string(name) +
                           "'; modes are car, bus, truck, bike and rail, separated by '|'");
    }
    rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
  }
  return modes;
}

// "x y;x y;...": the link's polyline in metres, both ends included.
std::vector<std::pair<double, double>> parse_geometry(const CsvReader& in) {
  std::vector<std::pair<double, double>> points;
  const auto text = in.optional_text("geometry");
  if (!text) return points;
  std::string_view rest = *text;
  while (!rest.empty()) {
    const std::size_t semicolon = rest.find(';');
    std::string_view point = rest.substr(0, semicolon);
    while (!point.empty() && point.front() == ' ') point.remove_prefix(1);
    const std::size_t space = point.find(' ');
    const auto x = parse_number(point.substr(0, space));
    const auto y =
        space == std::string_view::npos ? std::nullopt : parse_number(point.substr(space + 1));
    if (!x || !y) {
      in.fail("geometry", "point '" + std::string(point) +
                              "' is not 'x y' in metres; points are separated by ';'");
    }
    points.emplace_back(*x, *y);
    rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
  }
  if (points.size() < 2) in.fail("geometry", "a polyline needs at least two points");
  return points;
}

void read_nodes(const std::string& path, NetworkSpec& spec) {
  CsvReader in(path, {"id", "x_m", "y_m"}, {"centroid"});
  const std::uint32_t file = spec.add_file(path);
  while (in.next()) {
    NodeSpec node;
    node.id = in.text("id");
    node.x_m = in.in_range("x_m", valid::coordinate_m);
    node.y_m = in.in_range("y_m", valid::coordinate_m);
    node.centroid = parse_flag(in, "centroid", false);
    node.where = {file, static_cast<std::uint32_t>(in.line())};
    spec.nodes.push_back(std::move(node));
  }
}

// Speeds come in km/h (what signs show) or m/s (what the engine uses); each row gives one.
double read_free_speed_mps(const CsvReader& in) {
  const auto kmh =
      in.has_column("free_speed_kmh") ? in.optional_number("free_speed_kmh") : std::nullopt;
  const auto mps =
      in.has_column("free_speed_mps") ? in.optional_number("free_speed_mps") : std::nullopt;
  if (kmh && mps) {
    in.fail("free_speed_kmh", "give the free speed once, in free_speed_kmh or free_speed_mps");
  }
  if (!kmh && !mps) {
    in.fail(in.has_column("free_speed_kmh") ? "free_speed_kmh" : "free_speed_mps",
            "is empty; the link's free speed is required");
  }
  return kmh ? in.in_range("free_speed_kmh", valid::free_speed_kmh) / 3.6
             : in.in_range("free_speed_mps", valid::free_speed_mps);
}

void read_links(const std::string& path, NetworkSpec& spec) {
  CsvReader in(path, {"id", "from", "to", "length_m", "lanes", "capacity_vph"},
               {"free_speed_kmh", "free_speed_mps", "modes", "road_class", "geometry"});
  if (!in.has_column("free_speed_kmh") && !in.has_column("free_speed_mps")) {
    throw InputError(path, 1, "free_speed_kmh",
                     "the header needs a free speed column: free_speed_kmh or free_speed_mps");
  }
  const std::uint32_t file = spec.add_file(path);
  while (in.next()) {
    LinkSpec link;
    link.id = in.text("id");
    link.from = in.text("from");
    link.to = in.text("to");
    link.length_m = in.in_range("length_m", valid::link_length_m);
    link.lanes = in.in_range("lanes", valid::lanes);
    link.free_speed_mps = read_free_speed_mps(in);
    link.capacity_vph = in.in_range("capacity_vph", valid::capacity_vph);
    link.modes = parse_modes(in);
    link.road_class = in.optional_text("road_class").value_or("");
    link.geometry = parse_geometry(in);
    link.where = {file, static_cast<std::uint32_t>(in.line())};
    spec.links.push_back(std::move(link));
  }
}

}  // namespace

namespace {

// The from_lanes field: lane indices (0: rightmost) separated by spaces; empty: not given.
std::uint64_t parse_lanes(const CsvReader& in) {
  const std::string_view text = in.optional_text_view("from_lanes");
  std::uint64_t lanes = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    int lane = 0;
    const std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && lane < 64) {
      lane = lane * 10 + (text[i++] - '0');
    }
    if (i == start || lane >= 64 || (i < text.size() && text[i] != ' ')) {
      in.fail("from_lanes",
              "expected lane indices 0-63 separated by spaces, got '" + std::string(text) + "'");
    }
    lanes |= std::uint64_t{1} << lane;
  }
  return lanes;
}

}  // namespace

void read_csv_turns(const std::string& path, NetworkSpec& spec) {
  CsvReader in(path, {"from_link", "to_link"}, {"allowed", "from_lanes"});
  const std::uint32_t file = spec.add_file(path);
  bool any_allowed = false;
  while (in.next()) {
    TurnSpec turn{in.text("from_link"),
                  in.text("to_link"),
                  {file, static_cast<std::uint32_t>(in.line())},
                  parse_lanes(in)};
    if (parse_flag(in, "allowed", true)) {
      spec.turns.push_back(std::move(turn));
      any_allowed = true;
    } else {
      spec.banned_turns.push_back(std::move(turn));
    }
  }
  if (any_allowed) spec.turn_rule = TurnRule::explicit_only;
}

NetworkSpec read_csv_network(const CsvNetworkFiles& files) {
  NetworkSpec spec;
  read_nodes(files.nodes, spec);
  read_links(files.links, spec);
  if (!files.turns.empty()) read_csv_turns(files.turns, spec);
  if (!files.signals.empty()) read_csv_signals(files.signals, spec);
  return spec;
}

}  // namespace arteria
