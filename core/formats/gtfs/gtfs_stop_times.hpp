// Reading stop_times.txt into the feed: grouping by trip in stop_sequence order, filling blank
// (non-timepoint) times by distance along the trip, and checking that times never go backwards.
#pragma once

#include <string>

#include "formats/gtfs/gtfs.hpp"
#include "formats/gtfs/gtfs_table.hpp"

namespace arteria {

// Needs the feed's stops and trips already read; `trips_file` names trips.txt in messages about
// a trip with fewer than two stop times.
void read_gtfs_stop_times(const GtfsTable& table, const std::string& trips_file, GtfsFeed& feed);

}  // namespace arteria
