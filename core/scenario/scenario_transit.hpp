// The [transit] and [passengers] tables of a scenario file: a GTFS feed for one service day,
// what-if changes to its timetable ([[transit.changes]]), behaviour parameters, and where the
// passengers come from. See docs/USER_GUIDE.md "Transit and passengers".
#pragma once

#include "model/transit_scenario.hpp"
#include "scenario/toml_reader.hpp"

namespace arteria {

// Reads [transit]: the feed(s), the service day and the parameters.
void read_transit_table(TomlTable& table, TransitScenario& transit);

// Applies [[transit.changes]] (what-if edits of the timetable) and rejects unknown keys of
// [transit]. Passengers are read before, from the unchanged timetable, so that a variant keeps
// the baseline's passengers.
void apply_transit_changes(TomlTable table, Timetable& timetable,
                           std::vector<TripCountChange>& trip_count_changes);

// Reads [passengers] (source = "csv" | "od" | "random") against the timetable.
void read_passengers_table(TomlTable table, const TransitScenario& transit, std::uint64_t seed,
                           PassengerDemand& passengers);

}  // namespace arteria
