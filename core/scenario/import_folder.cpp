// Writing of imported scenario folders; see import_folder.hpp.

#include "scenario/import_folder.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "base/csv_write.hpp"

namespace arteria {
namespace {

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) throw std::runtime_error(path + ": writing the file failed");
}

std::string relative_name(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

}  // namespace

std::string toml_quote(const std::string& text) {
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

void write_trips_csv(const Network& network, const Demand& demand, const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::runtime_error(path + ": cannot open the file for writing");
  out << "id,origin,destination,depart,pcu,route\n";
  std::string route;
  for (Index trip = 0; trip < demand.trip_count(); ++trip) {
    route.clear();
    for (Index i = demand.trip_first_given_link[trip]; i < demand.trip_first_given_link[trip + 1];
         ++i) {
      if (!route.empty()) route += ' ';
      route += network.link_external_id[demand.given_route_links[i]];
    }
    out << csv_field(demand.trip_external_id[trip]) << ','
        << csv_field(network.node_external_id[demand.trip_origin[trip]]) << ','
        << csv_field(network.node_external_id[demand.trip_destination[trip]]) << ','
        << format_double(demand.trip_depart_s[trip]) << ',' << format_float(demand.trip_pcu[trip])
        << ',' << csv_field(route) << '\n';
  }
  out.close();
  if (!out) throw std::runtime_error(path + ": writing the file failed");
}

ScenarioFolder write_scenario_folder(const Scenario& scenario, const std::string& dir,
                                     const std::string& comment, const std::string& shared_tables) {
  ScenarioFolder folder;
  folder.network = write_csv_network(scenario.network, dir);
  folder.trips_file = (std::filesystem::path(dir) / "trips.csv").string();
  write_trips_csv(scenario.network, scenario.demand, folder.trips_file);

  std::ostringstream toml;
  std::istringstream lines(comment);
  for (std::string line; std::getline(lines, line);) toml << "# " << line << '\n';
  toml << "\n[scenario]\nname = " << toml_quote(scenario.name) << "\n\n";
  toml << "[network]\nsource = \"csv\"\nnodes = " << toml_quote(relative_name(folder.network.nodes))
       << "\nlinks = " << toml_quote(relative_name(folder.network.links)) << '\n';
  if (!folder.network.turns.empty()) {
    toml << "turns = " << toml_quote(relative_name(folder.network.turns)) << '\n';
  }
  if (!folder.network.signals.empty()) {
    toml << "signals = " << toml_quote(relative_name(folder.network.signals)) << '\n';
  }
  toml << "\n[demand]\nsource = \"trips\"\nfile = \"trips.csv\"\n\n" << shared_tables;
  folder.scenario_file = (std::filesystem::path(dir) / "scenario.toml").string();
  write_file(folder.scenario_file, toml.str());
  return folder;
}

}  // namespace arteria
