// A GTFS feed's service day as the engine's Timetable (route types as modes: gtfs_route_types).
#pragma once

#include <cstdint>

#include "formats/gtfs/gtfs.hpp"
#include "formats/gtfs/gtfs_route_types.hpp"
#include "model/timetable.hpp"

namespace arteria {

// Compiles the trips active on `day`: every call gets both times (GTFS blank times were already
// interpolated by the reader), frequencies are expanded, trips with fewer than two calls are
// dropped, and each route gets the default vehicle type of its mode.
Timetable build_timetable(const GtfsFeed& feed, const GtfsServiceDay& day);

}  // namespace arteria
