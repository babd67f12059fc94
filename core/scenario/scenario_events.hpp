// The [[events]] array of a scenario file: what-if interventions with their time, action and
// target, resolved against the compiled network.
#pragma once

#include <vector>

#include "model/event.hpp"
#include "model/network.hpp"
#include "scenario/toml_reader.hpp"

namespace arteria {

// Reads root["events"] (absent: no events). Each event's SourceRef has file 0, the scenario
// file, and the line of its table. Times are checked against the period later, by
// finalize_scenario.
std::vector<Event> read_scenario_events(TomlTable& root, const Network& network);

}  // namespace arteria
