// `arteria info FEED` (a GTFS .zip or folder): the routes by public name, their trips per
// direction and their headways in the periods of a day, as a planner reads a timetable.
#pragma once

#include <string>

namespace arteria::cli {

// A .zip file, or a folder holding stops.txt.
bool is_gtfs_feed(const std::string& path);

// Prints the feed's service day (`date` YYYYMMDD, or the busiest when empty) route by route.
void print_feed_info(const std::string& path, const std::string& date);

}  // namespace arteria::cli
