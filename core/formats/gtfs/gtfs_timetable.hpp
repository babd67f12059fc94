// A GTFS feed's service day as the engine's Timetable, and GTFS route types as transit modes.
#pragma once

#include <cstdint>

#include "formats/gtfs/gtfs.hpp"
#include "model/timetable.hpp"

namespace arteria {

// GTFS route_type (basic 0-12 and the extended 100-1799 ranges) to a mode.
TransitMode transit_mode_from_gtfs(std::int32_t route_type);

// Compiles the trips active on `day`: every call gets both times (GTFS blank times were already
// interpolated by the reader), frequencies are expanded, trips with fewer than two calls are
// dropped, and each route gets the default vehicle type of its mode.
Timetable build_timetable(const GtfsFeed& feed, const GtfsServiceDay& day);

}  // namespace arteria
