// [assignment] in scenario files, and the static assignment problem of a built scenario: its
// node graph with BPR costs (TNTP's own table for source = "tntp", else length / free speed,
// capacity and the table's b and power) and its demand as hourly OD flows.
#pragma once

#include <string>
#include <utility>

#include "assignment/static_assignment.hpp"
#include "model/scenario.hpp"
#include "scenario/scenario_spec.hpp"
#include "scenario/toml_reader.hpp"

namespace arteria {

// Reads the [assignment] table (null: the file has none, defaults apply); `root` is the file's
// top level (the [demand] table is looked at for its source and file). Unknown keys are errors
// naming the file, line and key.
AssignmentSpec read_assignment_table(TomlTable* table, TomlTable& root);

// The demand period [start, end): demand_period, or the simulated period when it is not given.
// Counted trips depart in it; network events at or before its start apply to the assignment.
std::pair<double, double> assignment_demand_period(const AssignmentSpec& spec,
                                                   const Scenario& scenario);

// The problem `arteria assign` solves for a built scenario, in seconds and vehicles per hour.
// OD pairs keep their source (the trips file and line) for messages. The network is as the
// scenario's events leave it at the start of the demand period (assignment_events.hpp).
AssignmentProblem scenario_assignment_problem(const ScenarioSpec& spec, const Scenario& scenario);

// "N OD pairs with demand have no path, e.g. 3 -> 7 (12.5 veh/h, trips.tntp line 40), ..."; empty
// when every pair was reached. Node ids are the network's.
std::string unreachable_summary(const AssignmentProblem& problem,
                                const std::vector<std::size_t>& unreachable,
                                const Network& network);

}  // namespace arteria
