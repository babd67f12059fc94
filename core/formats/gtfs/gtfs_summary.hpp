// `arteria import gtfs`: a feed validated (read_gtfs resolves every reference), one service day
// selected and summarised per route type. Transit does not run yet: no scenario.toml is written.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "formats/gtfs/gtfs.hpp"

namespace arteria {

struct GtfsTypeSummary {
  std::int32_t route_type = 0;
  std::string mode;  // the mode the simulation runs the type as (gtfs_mode_name): "bus", ...
  std::size_t routes = 0;
  std::size_t trips_on_day = 0;
  std::size_t stop_times_on_day = 0;
  std::size_t stops_served = 0;  // distinct stops its trips call at that day
};

struct GtfsSummary {
  std::string feed;
  std::int32_t date = 0;  // YYYYMMDD; 0 when no service runs on any date
  std::size_t agencies = 0, stops = 0, stations = 0, routes = 0, services = 0;
  std::size_t trips = 0, stop_times = 0, shapes = 0, frequencies = 0;
  std::size_t trips_on_day = 0, stop_times_on_day = 0;
  std::size_t times_past_midnight = 0;  // stop times on the day after 24:00:00
  std::size_t interpolated = 0;         // blank times the reader interpolated (whole feed)
  std::int32_t first_departure_s = -1;  // on the day; -1 when none
  std::int32_t last_arrival_s = -1;
  std::vector<GtfsTypeSummary> by_type;  // ascending route type
};

GtfsSummary summarize_gtfs(const GtfsFeed& feed, const GtfsServiceDay& day);

// gtfs_summary.csv: one row per route type and a last row "all".
void write_gtfs_summary_csv(const GtfsSummary& summary, const std::string& path);

// The summary as lines for people.
std::string format_gtfs_summary(const GtfsSummary& summary);

}  // namespace arteria
