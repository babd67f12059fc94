// Reads the parts of SUMO additional files that shape the network: traffic-light programs that
// replace the net's own, and bus stops kept for the transit importer. Other elements are ignored.
#include <unordered_set>

#include "formats/sumo/sumo_reader.hpp"
#include "formats/sumo/sumo_signals.hpp"
#include "formats/sumo/sumo_xml.hpp"

namespace arteria {
namespace {

// SUMO lane ids are "<edge>_<index>".
std::string edge_of_lane(const std::string& lane) {
  const std::size_t underscore = lane.rfind('_');
  return underscore == std::string::npos ? std::string() : lane.substr(0, underscore);
}

void read_stop(const sumo_xml::XmlFile& xml, pugi::xml_node node, std::uint32_t file,
               const std::unordered_set<std::string>& links, SumoBusData& bus) {
  SumoBusStop stop;
  stop.id = xml.text(node, "id");
  stop.name = node.attribute("name").value();
  stop.lane = xml.text(node, "lane");
  stop.edge = edge_of_lane(stop.lane);
  if (links.count(stop.edge) == 0) {
    xml.fail(node, "lane", "lane '" + stop.lane + "' is not on a link of the network");
  }
  stop.start_pos_m = xml.number_or(node, "startPos", 0.0);
  // SUMO's default end is the lane's end; -1 keeps "not given" for the transit importer.
  stop.end_pos_m = xml.number_or(node, "endPos", -1.0);
  stop.lines = sumo_xml::split_list(node.attribute("lines").value());
  stop.where = {file, static_cast<std::uint32_t>(xml.line(node))};
  bus.stops.push_back(std::move(stop));
}

}  // namespace

void read_sumo_additionals(const std::vector<std::string>& files, SumoNetwork& network,
                           SumoBusData* bus) {
  std::unordered_set<std::string> links;
  for (const LinkSpec& link : network.spec.links) links.insert(link.id);
  for (const std::string& path : files) {
    const sumo_xml::XmlFile xml(path);
    const std::uint32_t file = network.spec.add_file(path);
    const std::uint32_t bus_file =
        bus ? (bus->files.push_back(path), static_cast<std::uint32_t>(bus->files.size() - 1)) : 0;
    for (const pugi::xml_node node : xml.root().children()) {
      const std::string name = node.name();
      if (name == "tlLogic") {
        sumo_signals::add_program(xml, node, file, true, network);
      } else if (bus && (name == "busStop" || name == "trainStop")) {
        read_stop(xml, node, bus_file, links, *bus);
      }
    }
  }
  sumo_signals::install_plans(network);
}

}  // namespace arteria
