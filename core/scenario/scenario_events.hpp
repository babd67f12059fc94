// The [[events]] array of a scenario file: what-if interventions with their time, action and
// target. Reading gives their descriptions (EventSpec, scenario_spec.hpp); building resolves
// them against the compiled network.
#pragma once

#include <string>
#include <vector>

#include "model/event.hpp"
#include "model/network.hpp"
#include "scenario/scenario_spec.hpp"
#include "scenario/toml_reader.hpp"

namespace arteria {

// Reads root["events"] (absent: no events) with every check that needs no network. Each event's
// SourceRef has file 0, the scenario file, and the line of its table. Road works go to
// `road_works` (scenario_road_works.hpp), the other actions are returned.
std::vector<EventSpec> read_scenario_events(TomlTable& root,
                                            std::vector<RoadWorksSpec>& road_works);

// The events with their links, nodes and plans found in `network`: an InputError naming the
// file (`files` indexes SourceRef::file), line and field ("events[2].link") of an unknown one.
// Speeds become m/s. Times are checked against the period later, by finalize_scenario.
std::vector<Event> resolve_scenario_events(const std::vector<EventSpec>& events,
                                           const Network& network,
                                           const std::vector<std::string>& files);

}  // namespace arteria
