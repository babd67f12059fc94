// GTFS route types as transit modes: the one table both the simulation (build_timetable) and the
// `arteria import gtfs` summary use, so the summary names the mode a route will run as.
#pragma once

#include <cstdint>

#include "model/timetable.hpp"

namespace arteria {

// GTFS route_type, basic (0-12, routes.txt) or extended (Google's "Extended GTFS Route Types",
// 100-1702), to the mode the engine runs it as; TransitMode::other for types it has no mode for
// (air, taxi, miscellaneous, unknown codes).
TransitMode transit_mode_from_gtfs(std::int32_t route_type);

// The name of that mode ("bus", "cable", "other", ...), as transit_mode_name gives it.
const char* gtfs_mode_name(std::int32_t route_type);

}  // namespace arteria
