// Reads TNTP _net, _node and _flow files into a NetworkSpec, its BPR table and reference flows,
// turning the network's units into SI as tntp_units.hpp decides them.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <numbers>
#include <utility>

#include "base/csv.hpp"
#include "base/error.hpp"
#include "base/text.hpp"
#include "base/value_ranges.hpp"
#include "formats/tntp/tntp_reader.hpp"
#include "formats/tntp/tntp_text.hpp"

namespace arteria {
namespace {

constexpr const char* net_columns[] = {"init_node",      "term_node", "capacity", "length",
                                       "free_flow_time", "b",         "power",    "speed",
                                       "toll",           "link_type"};
constexpr std::size_t net_column_count = std::size(net_columns);
constexpr double bpr_b = 0.15;  // the classic BPR coefficient (Bureau of Public Roads, 1964)

// "SiouxFalls" for ".../SiouxFalls_net.tntp".
std::string network_name(const std::string& net_path) {
  std::string stem = std::filesystem::path(net_path).filename().string();
  const std::size_t suffix = stem.rfind("_net");
  return suffix == std::string::npos ? stem : stem.substr(0, suffix);
}

double field_number(const TntpText& text, std::uint32_t line, std::string_view field,
                    std::string_view value) {
  const auto number = parse_number(value);
  if (!number) {
    throw InputError(text.path(), line, std::string(field),
                     "'" + std::string(value) + "' is not a number");
  }
  return *number;
}

// A node number in [1, node_count]; anything else is an unknown node.
Index node_number(const TntpText& text, std::uint32_t line, std::string_view field,
                  std::string_view value, Index node_count) {
  const double number = field_number(text, line, field, value);
  if (number != std::floor(number) || number < 1.0 || number > node_count) {
    throw InputError(text.path(), line, std::string(field),
                     "unknown node '" + std::string(value) + "': the network has nodes 1.." +
                         std::to_string(node_count));
  }
  return static_cast<Index>(number);
}

Index metadata_count(const TntpText& text, std::string_view tag, double min) {
  const double value = text.metadata_number(tag);
  if (value != std::floor(value) || value < min || value > 1e9) {
    throw InputError(text.path(), 0, std::string(tag),
                     "must be a whole number of at least " + std::to_string(static_cast<int>(min)));
  }
  return static_cast<Index>(value);
}

void read_nodes(const std::string& path, TntpNetwork& net) {
  TntpText text(path);
  const std::uint32_t file = net.spec.add_file(path);
  const Index node_count = static_cast<Index>(net.spec.nodes.size());
  std::vector<std::string_view> fields;
  std::string_view line_text;
  std::uint32_t line = 0;
  std::vector<std::string> names{"node", "x", "y"};
  std::vector<Index> seen;
  std::vector<std::pair<double, double>> xy;
  bool first = true;
  while (text.next(line_text, line)) {
    split_tntp_fields(line_text, fields);
    if (first && !fields.empty() && !parse_number(fields[0])) {  // the column header
      for (std::size_t i = 0; i < 3 && i < fields.size(); ++i) names[i] = std::string(fields[i]);
      first = false;
      continue;
    }
    first = false;
    if (fields.size() < 3) {
      throw InputError(path, line, names[fields.size()],
                       "has " + std::to_string(fields.size()) + " fields; expected node, x, y");
    }
    const Index node = node_number(text, line, names[0], fields[0], node_count);
    const double x = field_number(text, line, names[1], fields[1]);
    const double y = field_number(text, line, names[2], fields[2]);
    seen.push_back(node);
    xy.emplace_back(x, y);
    net.spec.nodes[node - 1].where = {file, line};
  }
  // Longitude/latitude (as Sioux Falls has) is projected to metres, equirectangular about the
  // centre of the nodes' box; other coordinates are taken as metres already.
  bool degrees = !xy.empty();
  double x_min = 1e300, x_max = -1e300, y_min = 1e300, y_max = -1e300;
  for (const auto& [x, y] : xy) {
    degrees = degrees && std::abs(x) <= 180.0 && std::abs(y) <= 90.0;
    x_min = std::min(x_min, x);
    x_max = std::max(x_max, x);
    y_min = std::min(y_min, y);
    y_max = std::max(y_max, y);
  }
  const double lat0 = 0.5 * (y_min + y_max);
  const double lon0 = 0.5 * (x_min + x_max);
  const double m_per_deg = 6371008.8 * std::numbers::pi / 180.0;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    NodeSpec& node = net.spec.nodes[seen[i] - 1];
    if (degrees) {
      node.x_m = (xy[i].first - lon0) * m_per_deg * std::cos(lat0 * std::numbers::pi / 180.0);
      node.y_m = (xy[i].second - lat0) * m_per_deg;
    } else {
      node.x_m = xy[i].first;
      node.y_m = xy[i].second;
    }
  }
}

// Simulated capacity (veh/h) of a link: the file's, or recovered from b (see TntpUnits).
double simulated_capacity(const BprLink& link, const TntpUnits& units,
                          const TntpNetworkOptions& options) {
  if (link.b <= 0.0 || link.power <= 0.0) return options.uncongested_capacity_vph;
  if (units.capacity_in_b) return std::pow(bpr_b / link.b, 1.0 / link.power);
  return link.capacity;
}

void require(bool ok, const std::string& path, std::uint32_t line, const char* field,
             const char* message) {
  if (!ok) throw InputError(path, line, field, message);
}

// Nodes 1..node_count; below FIRST THRU NODE nodes are zone centroids: trips start and end
// there, routes never pass.
void add_numbered_nodes(TntpNetwork& net, Index node_count, std::uint32_t file) {
  net.spec.nodes.resize(node_count);
  for (Index n = 0; n < node_count; ++n) {
    net.spec.nodes[n].id = std::to_string(n + 1);
    net.spec.nodes[n].centroid = n + 1 < net.first_thru_node;
    net.spec.nodes[n].where = {file, 0};
  }
}

struct NetRow {
  Index from = 0, to = 0;
  BprLink bpr;
};

// One link row of the _net file, checked as it is in the file's units.
NetRow parse_net_row(const TntpText& text, const std::string& net_path, std::uint32_t line,
                     const std::vector<std::string_view>& fields, Index node_count) {
  if (fields.size() < net_column_count) {
    throw InputError(net_path, line, net_columns[fields.size()],
                     "has " + std::to_string(fields.size()) + " fields but a link has " +
                         std::to_string(net_column_count) + " (" + net_columns[0] + " .. " +
                         net_columns[net_column_count - 1] + ")");
  }
  double value[net_column_count];
  for (std::size_t c = 0; c < net_column_count; ++c) {
    value[c] = field_number(text, line, net_columns[c], fields[c]);
  }
  const Index from = node_number(text, line, "init_node", fields[0], node_count);
  const Index to = node_number(text, line, "term_node", fields[1], node_count);
  // Checked before the conversion to int, which is undefined for a value out of its range.
  require(value[9] == std::floor(value[9]) && std::abs(value[9]) <= 1e9, net_path, line,
          "link_type", "must be a whole number (of at most 9 digits)");
  BprLink bpr{
      value[4], value[2], value[5], value[6], value[8], value[3], static_cast<int>(value[9])};
  require(bpr.capacity >= 0.0, net_path, line, "capacity", "must not be negative");
  require(bpr.capacity > 0.0 || bpr.b == 0.0, net_path, line, "capacity",
          "must be positive when b is not 0");
  require(bpr.length >= 0.0, net_path, line, "length", "must not be negative");
  require(bpr.free_flow_time >= 0.0, net_path, line, "free_flow_time", "must not be negative");
  check_range(net_path, line, "b", valid::bpr_b, bpr.b);
  check_range(net_path, line, "power", valid::bpr_power, bpr.power);
  return {from, to, bpr};
}

// The simulated link of a row, in SI units.
LinkSpec simulated_link(const NetRow& row, std::size_t number, const TntpUnits& u,
                        const TntpNetworkOptions& options, const std::string& net_path,
                        std::uint32_t file, std::uint32_t line) {
  LinkSpec link;
  link.id = std::to_string(number);
  link.from = std::to_string(row.from);
  link.to = std::to_string(row.to);
  // A zero length (some networks' connectors) still needs room for a vehicle or two.
  link.length_m = std::max(row.bpr.length * u.metres_per_length_unit(), 10.0);
  const double fft_s = row.bpr.free_flow_time * u.seconds_per_time_unit();
  // Not below the valid speeds: a long free-flow time on a short link implies a crawl.
  link.free_speed_mps = fft_s > 0.0
                            ? std::max(std::min(link.length_m / fft_s, options.max_free_speed_mps),
                                       valid::free_speed_mps.min)
                            : options.max_free_speed_mps;
  link.capacity_vph = simulated_capacity(row.bpr, u, options);
  require(link.capacity_vph > 0.0 && std::isfinite(link.capacity_vph), net_path, line, "capacity",
          "gives no positive simulated capacity");
  link.lanes = std::clamp(std::round(link.capacity_vph / options.lane_capacity_vph),
                          valid::lanes.min, valid::lanes.max);
  link.where = {file, line};
  return link;
}

// The _node file: the one given, or "<name>_node.tntp" beside the _net file when that exists.
std::string node_file(const std::string& net_path, const std::string& name,
                      const TntpNetworkOptions& options) {
  std::string node_path = options.node_path;
  if (node_path.empty()) {
    const auto beside = std::filesystem::path(net_path).parent_path() / (name + "_node.tntp");
    if (std::filesystem::exists(beside)) node_path = beside.string();
  }
  return node_path;
}

// An option naming a unit we do not know is an error naming the option and the allowed names.
void check_unit_option(const std::string& net_path, const char* option, const std::string& unit,
                       const std::vector<std::string>& allowed) {
  if (unit.empty() || std::find(allowed.begin(), allowed.end(), unit) != allowed.end()) return;
  std::string names;
  for (const std::string& name : allowed) names += (names.empty() ? "" : ", ") + name;
  throw InputError(net_path, 0, option, "'" + unit + "' is not one of " + names);
}

// The units of the _net file: options, then what its header says (<ORIGINAL HEADER> and the
// '~' lines before the first link), then the known networks, then the default.
TntpUnits network_units(const TntpText& text, const std::string& name,
                        const TntpNetworkOptions& options, std::vector<std::string>& problems) {
  check_unit_option(text.path(), "length_unit", options.length_unit, tntp_length_units());
  check_unit_option(text.path(), "time_unit", options.time_unit, tntp_time_units());
  TntpStatedUnits stated;
  if (const auto header = text.metadata("<ORIGINAL HEADER>")) {
    read_tntp_header_units(*header, "<ORIGINAL HEADER>", stated);
  }
  for (const auto& [line, comment] : text.header_comments()) {
    read_tntp_header_units(comment, "line " + std::to_string(line), stated);
  }
  problems = std::move(stated.problems);
  TntpUnits units = resolve_tntp_units(name, options.length_unit, options.time_unit, stated);
  units.capacity_in_b = options.capacity_in_b.value_or(units.capacity_in_b);
  return units;
}

}  // namespace

double bpr_travel_time(const BprLink& link, double flow) {
  if (link.b == 0.0 || link.power == 0.0) return link.free_flow_time;
  return link.free_flow_time * (1.0 + link.b * std::pow(flow / link.capacity, link.power));
}

Index TntpNetwork::find_link(Index from, Index to) const {
  const std::string from_id = std::to_string(from);
  const std::string to_id = std::to_string(to);
  for (std::size_t l = 0; l < spec.links.size(); ++l) {
    if (spec.links[l].from == from_id && spec.links[l].to == to_id) return static_cast<Index>(l);
  }
  return invalid_index;
}

TntpNetwork read_tntp_network(const std::string& net_path, const TntpNetworkOptions& options) {
  TntpText text(net_path);
  TntpNetwork net;
  net.name = network_name(net_path);
  net.file = net_path;
  net.units = network_units(text, net.name, options, net.unit_problems);
  net.zone_count = metadata_count(text, "<NUMBER OF ZONES>", 0);
  const Index node_count = metadata_count(text, "<NUMBER OF NODES>", 1);
  net.first_thru_node = metadata_count(text, "<FIRST THRU NODE>", 1);
  if (text.metadata("<TOLL FACTOR>")) net.toll_factor = text.metadata_number("<TOLL FACTOR>");
  if (text.metadata("<DISTANCE FACTOR>")) {
    net.distance_factor = text.metadata_number("<DISTANCE FACTOR>");
  }
  const Index link_count = metadata_count(text, "<NUMBER OF LINKS>", 0);
  const std::uint32_t file = net.spec.add_file(net_path);

  // Nothing is sized from the header's counts before the rows confirm them: a few bytes saying
  // <NUMBER OF LINKS> 999999999 must not ask for gigabytes (found by fuzzing).
  std::vector<std::string_view> fields;
  std::string_view line_text;
  std::uint32_t line = 0;
  while (text.next(line_text, line)) {
    split_tntp_fields(line_text, fields);
    const NetRow row = parse_net_row(text, net_path, line, fields, node_count);
    net.spec.links.push_back(
        simulated_link(row, net.spec.links.size() + 1, net.units, options, net_path, file, line));
    net.bpr.push_back(row.bpr);
  }
  if (net.spec.links.size() != link_count) {
    throw InputError(net_path, 0, "<NUMBER OF LINKS>",
                     "says " + std::to_string(link_count) + " but the file has " +
                         std::to_string(net.spec.links.size()) + " link rows");
  }
  // The nodes are made from the header's count alone (TNTP lists no node rows), so it is held to
  // a bound: the largest networks of the TNTP collection have some 40,000 nodes.
  if (node_count > tntp_max_nodes) {
    throw InputError(net_path, 0, "<NUMBER OF NODES>",
                     "says " + std::to_string(node_count) + ", more than the " +
                         std::to_string(tntp_max_nodes) + " this reader takes");
  }
  add_numbered_nodes(net, node_count, file);
  const std::string node_path = node_file(net_path, net.name, options);
  if (!node_path.empty()) read_nodes(node_path, net);
  return net;
}

TntpFlowTable read_tntp_flows(const std::string& path, const TntpNetwork& network) {
  TntpText text(path);
  const auto link_count = network.spec.links.size();
  const auto node_count = static_cast<Index>(network.spec.nodes.size());
  TntpFlowTable table;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  table.link_volume.assign(link_count, nan);
  table.link_cost.assign(link_count, nan);
  // Links by (from, to), so each row resolves in constant time.
  std::vector<std::vector<std::pair<Index, Index>>> out(node_count + 1);
  for (std::size_t l = 0; l < link_count; ++l) {
    out[std::stoul(network.spec.links[l].from)].emplace_back(
        static_cast<Index>(std::stoul(network.spec.links[l].to)), static_cast<Index>(l));
  }
  static constexpr const char* names[] = {"From", "To", "Volume", "Cost"};
  std::vector<std::string_view> fields;
  std::string_view line_text;
  std::uint32_t line = 0;
  bool first = true;
  while (text.next(line_text, line)) {
    split_tntp_fields(line_text, fields);
    if (std::exchange(first, false) && !fields.empty() && !parse_number(fields[0])) continue;
    if (fields.size() < 4) {
      throw InputError(
          path, line, names[fields.size()],
          "has " + std::to_string(fields.size()) + " fields; expected From To Volume Cost");
    }
    const Index from = node_number(text, line, "From", fields[0], node_count);
    const Index to = node_number(text, line, "To", fields[1], node_count);
    Index link = invalid_index;
    for (const auto& [head, l] : out[from]) {
      if (head == to) link = l;
    }
    if (link == invalid_index) {
      throw InputError(path, line, "To",
                       "the network has no link from node " + std::to_string(from) + " to node " +
                           std::to_string(to));
    }
    if (!std::isnan(table.link_volume[link])) {
      throw InputError(
          path, line, "From",
          "a second row for the link " + std::to_string(from) + " -> " + std::to_string(to));
    }
    table.link_volume[link] = field_number(text, line, "Volume", fields[2]);
    table.link_cost[link] = field_number(text, line, "Cost", fields[3]);
    ++table.rows;
  }
  return table;
}

}  // namespace arteria
