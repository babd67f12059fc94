// Reads a SUMO .net.xml into a NetworkSpec: normal edges become links, junctions nodes, lane
// connections turns, and traffic-light programs per-junction signal plans (sumo_signals.cpp).
#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

#include "base/csv.hpp"
#include "base/text.hpp"
#include "formats/sumo/sumo_reader.hpp"
#include "formats/sumo/sumo_signals.hpp"
#include "formats/sumo/sumo_xml.hpp"

namespace arteria {
namespace {

using sumo_xml::XmlFile;

constexpr ModeMask all_modes = mode_car | mode_bus | mode_truck | mode_bike | mode_rail;

// SUMO vehicle classes that decide whether a lane is open to a mode Arteria models. Special
// classes (emergency, vip, delivery, ...) do not: a lane only they may use is closed to traffic.
ModeMask mode_of_class(const std::string& sumo_class) {
  if (sumo_class == "passenger") return mode_car;
  if (sumo_class == "bus" || sumo_class == "coach") return mode_bus;
  if (sumo_class == "truck" || sumo_class == "trailer") return mode_truck;
  if (sumo_class == "bicycle") return mode_bike;
  if (sumo_class == "tram" || sumo_class.rfind("rail", 0) == 0) return mode_rail;
  return 0;
}

ModeMask lane_modes(pugi::xml_node lane) {
  const auto classes = [](const char* list) {
    ModeMask modes = 0;
    for (const std::string& name : sumo_xml::split_list(list)) {
      modes |= name == "all" ? all_modes : mode_of_class(name);
    }
    return modes;
  };
  if (const pugi::xml_attribute allow = lane.attribute("allow")) return classes(allow.value());
  if (const pugi::xml_attribute disallow = lane.attribute("disallow")) {
    return static_cast<ModeMask>(all_modes & ~classes(disallow.value()));
  }
  return all_modes;
}

std::vector<std::pair<double, double>> parse_shape(const XmlFile& xml, pugi::xml_node node) {
  std::vector<std::pair<double, double>> points;
  for (const std::string& point : sumo_xml::split_list(node.attribute("shape").value())) {
    const std::size_t comma = point.find(',');
    const auto x = parse_number(point.substr(0, comma));
    // A third coordinate (elevation) may follow; it is not used.
    const std::size_t second = comma == std::string::npos ? comma : point.find(',', comma + 1);
    const auto y = comma == std::string::npos
                       ? std::nullopt
                       : parse_number(point.substr(comma + 1, second - comma - 1));
    if (!x || !y) xml.fail(node, "shape", "'" + point + "' is not an x,y point");
    points.emplace_back(*x, *y);
  }
  return points;
}

enum class EdgeKind : std::uint8_t { kept, internal, no_vehicle_lanes };

// The counted lane (as a bit of `counted`) nearest to lane index `lane`: a connection from a
// lane the link does not count (a bus lane beside car lanes) queues in the lane next to it.
std::uint64_t nearest_counted_lane(std::uint64_t counted, std::size_t lane) {
  std::uint64_t best = 0;
  std::size_t best_distance = SIZE_MAX;
  for (std::size_t i = 0; i < 64; ++i) {
    if ((counted >> i & 1) == 0) continue;
    const std::size_t distance = i > lane ? i - lane : lane - i;
    if (distance < best_distance) {
      best = std::uint64_t{1} << i;
      best_distance = distance;
    }
  }
  return best;
}

struct EdgeInfo {
  EdgeKind kind;
  std::string to_junction;
  std::uint64_t counted_lanes = 0;  // bit i: lane index i is one of the link's lanes
};

class NetReader {
 public:
  NetReader(const std::string& path, SumoNetwork& out) : xml_(path), out_(out) {
    out_.spec.files.push_back(path);
    out_.spec.turn_rule = TurnRule::explicit_only;
  }

  void read() {
    if (std::string(xml_.root().name()) != "net") {
      xml_.fail(xml_.root(), "", "expected a SUMO network (<net>) as the root element");
    }
    read_edges();
    read_junctions();
    read_connections();
    for (const pugi::xml_node logic : xml_.root().children("tlLogic")) {
      sumo_signals::add_program(xml_, logic, 0, false, out_);
    }
    sumo_signals::install_plans(out_);
  }

 private:
  SourceRef where(pugi::xml_node node) const {
    return {0, static_cast<std::uint32_t>(xml_.line(node))};
  }

  void read_edges() {
    for (const pugi::xml_node edge : xml_.root().children("edge")) {
      const std::string id = xml_.text(edge, "id");
      const std::string function = edge.attribute("function").value();
      if (!function.empty() && function != "normal" && function != "connector") {
        ++out_.report.internal_edges;
        remember(edge, id, {EdgeKind::internal, {}});
        continue;
      }
      ++out_.report.edges;
      LinkSpec link;
      link.id = id;
      link.from = xml_.text(edge, "from");
      link.to = xml_.text(edge, "to");
      link.where = where(edge);
      const std::uint64_t counted_lanes = read_lanes(edge, link);
      if (counted_lanes == 0) {
        ++out_.report.edges_without_vehicle_lanes;
        remember(edge, id, {EdgeKind::no_vehicle_lanes, link.to});
        continue;
      }
      if (edge.attribute("shape")) link.geometry = parse_shape(xml_, edge);
      remember(edge, id, {EdgeKind::kept, link.to, counted_lanes});
      out_.spec.links.push_back(std::move(link));
    }
  }

  void remember(pugi::xml_node edge, const std::string& id, EdgeInfo info) {
    if (!edges_.emplace(id, std::move(info)).second) {
      xml_.fail(edge, "id", "duplicate edge id '" + id + "'");
    }
  }

  // Lanes counted are those open to cars when the edge has one, else those open to any modelled
  // mode (busways, cycle tracks, rail); sidewalks never count. Returns the counted lanes by
  // index (bit i: the lane with index i, counted from the right; lanes past the 64th count
  // but are not told apart); 0: no lane counts.
  std::uint64_t read_lanes(pugi::xml_node edge, LinkSpec& link) const {
    ModeMask modes = 0;
    for (const pugi::xml_node lane : edge.children("lane")) modes |= lane_modes(lane);
    if (modes == 0) return 0;
    const ModeMask counted = (modes & mode_car) ? ModeMask{mode_car} : modes;
    int lanes = 0;
    std::uint64_t counted_lanes = 0;
    double length_sum = 0.0, speed = 0.0;
    for (const pugi::xml_node lane : edge.children("lane")) {
      const double lane_speed = xml_.number(lane, "speed");
      const double lane_length = xml_.number(lane, "length");
      if (!(lane_speed > 0.0)) xml_.fail(lane, "speed", "lane speed must be positive");
      if (!(lane_length > 0.0)) xml_.fail(lane, "length", "lane length must be positive");
      if ((lane_modes(lane) & counted) == 0) continue;
      const std::size_t index = lane.attribute("index") ? xml_.index(lane, "index") : 0;
      if (index < 64) counted_lanes |= std::uint64_t{1} << index;
      ++lanes;
      speed = std::max(speed, lane_speed);
      length_sum += lane_length;
    }
    link.lanes = lanes;
    link.length_m = length_sum / lanes;
    link.free_speed_mps = speed;
    link.capacity_vph = sumo_lane_capacity_vph(speed) * lanes;
    link.modes = modes;
    // A link of lanes all past the 64th still has lanes (told apart or not).
    return counted_lanes != 0 ? counted_lanes : std::uint64_t{1} << 63;
  }

  void read_junctions() {
    std::unordered_set<std::string> used;
    for (const LinkSpec& link : out_.spec.links) {
      used.insert(link.from);
      used.insert(link.to);
    }
    std::unordered_set<std::string> seen;
    for (const pugi::xml_node junction : xml_.root().children("junction")) {
      if (std::string(junction.attribute("type").value()) == "internal") continue;
      ++out_.report.junctions;
      NodeSpec node;
      node.id = xml_.text(junction, "id");
      node.x_m = xml_.number(junction, "x");
      node.y_m = xml_.number(junction, "y");
      node.where = where(junction);
      if (!seen.insert(node.id).second) {
        xml_.fail(junction, "id", "duplicate junction id '" + node.id + "'");
      }
      if (used.count(node.id) == 0) {
        ++out_.report.unused_junctions;
        continue;
      }
      out_.spec.nodes.push_back(std::move(node));
    }
    for (const LinkSpec& link : out_.spec.links) {
      for (const auto& [field, id] : {std::pair{"from", &link.from}, std::pair{"to", &link.to}}) {
        if (seen.count(*id) == 0) {
          throw InputError(xml_.path(), link.where.line, field,
                           "edge '" + link.id + "' refers to junction '" + *id +
                               "', which the network does not define");
        }
      }
    }
  }

  const EdgeInfo& edge_of(pugi::xml_node connection, const char* field) const {
    const std::string id = xml_.text(connection, field);
    const auto it = edges_.find(id);
    if (it == edges_.end()) xml_.fail(connection, field, "unknown edge '" + id + "'");
    return it->second;
  }

  // Each pair of kept edges with a connection is a turn; the counted lanes its connections
  // leave from are the turn's lanes (TurnSpec::from_lanes), which form the lane groups.
  void read_connections() {
    std::unordered_map<std::string, std::size_t> turns;
    for (const pugi::xml_node connection : xml_.root().children("connection")) {
      const EdgeInfo& from = edge_of(connection, "from");
      const EdgeInfo& to = edge_of(connection, "to");
      const std::string from_id = connection.attribute("from").value();
      const std::string to_id = connection.attribute("to").value();
      const bool kept = from.kind == EdgeKind::kept && to.kind == EdgeKind::kept;
      if (const pugi::xml_attribute tl = connection.attribute("tl")) {
        const std::size_t index = xml_.index(connection, "linkIndex");
        std::size_t& count = out_.signal_link_count[tl.value()];
        count = std::max(count, index + 1);
        auto& links = out_.signal_links[tl.value()];
        if (links.size() <= index) links.resize(index + 1);
        if (kept) links[index] = {from_id, to_id, from.to_junction};
      }
      if (!kept) {
        ++out_.report.connections_dropped;
        continue;
      }
      ++out_.report.connections;
      const auto [turn, added] = turns.emplace(from_id + '\n' + to_id, out_.spec.turns.size());
      if (added) out_.spec.turns.push_back({from_id, to_id, where(connection)});
      if (connection.attribute("fromLane")) {
        out_.spec.turns[turn->second].from_lanes |=
            nearest_counted_lane(from.counted_lanes, xml_.index(connection, "fromLane"));
      }
    }
  }

  XmlFile xml_;
  SumoNetwork& out_;
  std::unordered_map<std::string, EdgeInfo> edges_;
};

}  // namespace

SumoNetwork read_sumo_network(const std::string& net_file) {
  SumoNetwork network;
  NetReader(net_file, network).read();
  return network;
}

}  // namespace arteria
