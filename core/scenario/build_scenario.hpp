// Building a scenario from its description, in named stages:
//   guideways + compile   the road network (if any) plus transit's guideway links, compiled
//   placement             transit trips placed on the network (with the detour passes)
//   demand                road demand resolved against the network
//   events                the timeline, resolved against the network
//   fingerprint           Scenario::sha256 over the text, overrides and every input read
//   finalize              finalize_scenario: checks of the whole, events sorted, demand scaled
//   transit vehicles      one vehicle per placed trip appended to the demand; transit indexed
//   equilibrium routes    [assignment] routes = "equilibrium": road trips get routes of the
//                         static equilibrium of the scenario's demand (equilibrium_routes.hpp)
// Errors are InputErrors naming the record at fault, as reading does.
#pragma once

#include "model/scenario.hpp"
#include "scenario/scenario_spec.hpp"

namespace arteria {

Scenario build_scenario(const ScenarioSpec& spec);

}  // namespace arteria
