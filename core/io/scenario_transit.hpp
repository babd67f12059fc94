// The [transit] and [passengers] tables of a scenario file: a GTFS feed for one service day,
// what-if changes to its timetable ([[transit.changes]]), behaviour parameters, and where the
// passengers come from. See docs/USER_GUIDE.md "Transit and passengers".
#pragma once

#include "io/toml_reader.hpp"
#include "transit/transit_scenario.hpp"

namespace arteria {

// Reads [transit]: the feed, the service day, parameters and timetable changes. Unknown keys
// are errors.
void read_transit_table(TomlTable table, TransitScenario& transit);

// Reads [passengers] (source = "csv" | "od" | "random") against the timetable.
void read_passengers_table(TomlTable table, const TransitScenario& transit, std::uint64_t seed,
                           PassengerDemand& passengers);

}  // namespace arteria
