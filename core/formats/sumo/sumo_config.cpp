// Reads a .sumocfg: which network, route and additional files a SUMO scenario loads, and its
// time window. Also holds the capacity rule shared by the SUMO network reader.
#include <filesystem>

#include "formats/sumo/sumo_reader.hpp"
#include "formats/sumo/sumo_xml.hpp"

namespace arteria {

std::vector<std::string> SumoScenarioFiles::demand_files() const {
  std::vector<std::string> files = additional_files;
  files.insert(files.end(), route_files.begin(), route_files.end());
  return files;
}

SumoScenarioFiles read_sumocfg(const std::string& path) {
  const sumo_xml::XmlFile xml(path);
  const std::filesystem::path directory = std::filesystem::path(path).parent_path();
  const auto resolve = [&](const std::string& name) {
    const std::filesystem::path file(name);
    return (file.is_absolute() ? file : directory / file).lexically_normal().string();
  };
  SumoScenarioFiles files;
  files.config_file = path;
  // Options sit one level down, in sections (<input>, <time>, ...); SUMO ignores the section.
  for (const pugi::xml_node section : xml.root().children()) {
    for (const pugi::xml_node option : section.children()) {
      const std::string name = option.name();
      if (name == "net-file") {
        files.net_file = resolve(xml.text(option, "value"));
      } else if (name == "route-files" || name == "additional-files") {
        auto& list = name == "route-files" ? files.route_files : files.additional_files;
        for (const std::string& file : sumo_xml::split_list(xml.text(option, "value"), true)) {
          list.push_back(resolve(file));
        }
      } else if (name == "begin") {
        files.begin_s = xml.time(option, "value");
      } else if (name == "end") {
        files.end_s = xml.time(option, "value");
      }
    }
  }
  if (files.net_file.empty()) {
    throw InputError(path, 0, "net-file", "the configuration names no network file");
  }
  return files;
}

double sumo_lane_capacity_vph(double speed_mps) {
  const double speed_kmh = speed_mps * 3.6;
  if (speed_kmh >= 70.0) return 2000.0;
  if (speed_kmh >= 45.0) return 1800.0;
  if (speed_kmh >= 25.0) return 1500.0;
  return 1200.0;
}

}  // namespace arteria
