// Emergency vehicles in a scenario file: [emergency] (pass_speed_kmh, clearance_s,
// incidents_per_hour), [[emergency_stations]] (id, node or x and y) and [[incidents]] (id,
// time, node or x and y). Reading checks the tables; building finds the nodes and draws the
// random incidents (model/emergency.hpp).
#pragma once

#include <string>
#include <vector>

#include "model/emergency.hpp"
#include "model/network.hpp"
#include "model/scenario.hpp"
#include "scenario/scenario_spec.hpp"
#include "scenario/toml_reader.hpp"

namespace arteria {

EmergencySpec read_emergency(TomlTable& root);

// An InputError names the file, line and field ("incidents[2].node") of an unknown node, an
// incident outside the period [start, end), a station id given twice, and incidents without
// any station.
EmergencyPlan resolve_emergency(const EmergencySpec& spec, const Network& network,
                                const SimulationParams& sim, const std::vector<std::string>& files);

}  // namespace arteria
