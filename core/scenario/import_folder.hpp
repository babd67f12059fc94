// The scenario folder `arteria import` writes: the network as native CSV tables, the demand as
// trips.csv (with routes when the source gave them) and a scenario.toml that `arteria run` takes.
#pragma once

#include <string>

#include "formats/native/csv_network.hpp"
#include "model/scenario.hpp"

namespace arteria {

// Writes trips.csv: id,origin,destination,depart,pcu,route. Departures and pcu are written so
// they read back bit for bit; route is the given route's link ids, empty when none was given.
void write_trips_csv(const Network& network, const Demand& demand, const std::string& path);

// A TOML basic string holding `text`, quotes and backslashes escaped.
std::string toml_quote(const std::string& text);

struct ScenarioFolder {
  std::string scenario_file;  // dir/scenario.toml
  std::string trips_file;
  CsvNetworkFiles network;
};

// Writes the network tables, trips.csv and scenario.toml into `dir` (created if missing).
// `comment` heads the file (each line prefixed with "# "); `shared_tables` is TOML text with
// the [simulation] and [output] tables, copied verbatim from the scenario the import loaded so
// that the imported folder runs exactly as the original sources do.
ScenarioFolder write_scenario_folder(const Scenario& scenario, const std::string& dir,
                                     const std::string& comment, const std::string& shared_tables);

}  // namespace arteria
