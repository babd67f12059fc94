// A GTFS feed read into plain arrays indexed by dense ids (stops, routes, services, trips, stop
// times, shapes, frequencies), every reference resolved, and the choice of one service day.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/id_map.hpp"

namespace arteria {

struct GtfsFeed {
  std::string source;  // the .zip file or folder read; messages name "<source>:<file>.txt"

  // agency.txt
  std::vector<std::string> agency_id;  // empty when the feed has one agency and leaves it out
  std::vector<std::string> agency_name;
  std::vector<std::string> agency_timezone;  // IANA name; times of the feed are local to it

  // stops.txt. Positions are also projected to metres on a local equirectangular projection
  // about the centre of the stops' bounding box, which is exact enough across one city.
  double origin_lat_deg = 0.0;
  double origin_lon_deg = 0.0;
  std::vector<std::string> stop_id;
  std::vector<std::string> stop_name;
  std::vector<double> stop_lat_deg;
  std::vector<double> stop_lon_deg;
  std::vector<double> stop_x_m;                  // east of the origin
  std::vector<double> stop_y_m;                  // north of the origin
  std::vector<std::uint8_t> stop_location_type;  // 0 stop, 1 station, 2 entrance, 3 node, 4 area
  std::vector<Index> stop_parent;                // parent_station; invalid_index when none

  // routes.txt
  std::vector<std::string> route_id;
  std::vector<std::string> route_short_name;
  std::vector<std::string> route_long_name;
  std::vector<Index> route_agency;
  std::vector<std::int32_t> route_type;  // 0 tram, 1 metro, 2 rail, 3 bus, 4 ferry, ...

  // Services: every service_id of calendar.txt and calendar_dates.txt.
  std::vector<std::string> service_id;
  std::vector<std::uint8_t> service_weekdays;    // bit 0 Monday .. bit 6 Sunday; 0: no calendar row
  std::vector<std::int32_t> service_start_date;  // YYYYMMDD, 0 when no calendar row
  std::vector<std::int32_t> service_end_date;    // YYYYMMDD inclusive, 0 when no calendar row
  // calendar_dates.txt, one entry per row.
  std::vector<Index> exception_service;
  std::vector<std::int32_t> exception_date;   // YYYYMMDD
  std::vector<std::uint8_t> exception_added;  // 1: service added that day, 0: removed

  // shapes.txt: points of shape s are [shape_first_point[s], shape_first_point[s + 1]), in
  // shape_pt_sequence order.
  std::vector<std::string> shape_id;
  std::vector<Index> shape_first_point{0};
  std::vector<double> shape_point_lat_deg;
  std::vector<double> shape_point_lon_deg;
  std::vector<double> shape_point_x_m;
  std::vector<double> shape_point_y_m;
  std::vector<double> shape_point_dist;  // shape_dist_traveled (feed units); NaN when not given

  // trips.txt
  std::vector<std::string> trip_id;
  std::vector<Index> trip_route;
  std::vector<Index> trip_service;
  std::vector<Index> trip_shape;            // invalid_index when none
  std::vector<std::int8_t> trip_direction;  // 0 or 1; -1 when not given
  std::vector<std::string> trip_block_id;   // trips of one block are run by one vehicle
  std::vector<std::uint32_t> trip_line;     // line in trips.txt, for later messages
  // Stop times of trip t are [trip_first_stop_time[t], trip_first_stop_time[t + 1]).
  std::vector<Index> trip_first_stop_time{0};

  // stop_times.txt, grouped by trip, in stop_sequence order. Times are seconds after
  // "noon minus 12 h" of the service day, as GTFS counts them: past 24:00 stays above 86400.
  std::vector<Index> stop_time_stop;
  std::vector<std::int32_t> stop_time_arrival_s;
  std::vector<std::int32_t> stop_time_departure_s;
  std::vector<std::uint32_t> stop_time_sequence;
  std::vector<double> stop_time_dist;  // shape_dist_traveled (feed units); NaN when not given
  std::vector<std::uint8_t> stop_time_timepoint;     // 1: the times are exact, 0: approximate
  std::vector<std::uint8_t> stop_time_interpolated;  // 1: the file left the times blank
  std::vector<std::uint8_t> stop_time_pickup_type;   // 0 regular, 1 none, 2 phone, 3 driver
  std::vector<std::uint8_t> stop_time_drop_off_type;
  std::vector<std::uint32_t> stop_time_line;  // line in stop_times.txt, for later messages

  // frequencies.txt: the trip's stop times are a template repeated every headway.
  std::vector<Index> frequency_trip;
  std::vector<std::int32_t> frequency_start_s;
  std::vector<std::int32_t> frequency_end_s;
  std::vector<std::int32_t> frequency_headway_s;
  std::vector<std::uint8_t> frequency_exact_times;

  IdMap stop_by_id;
  IdMap route_by_id;
  IdMap service_by_id;
  IdMap shape_by_id;
  IdMap trip_by_id;

  Index agency_count() const { return static_cast<Index>(agency_name.size()); }
  Index stop_count() const { return static_cast<Index>(stop_id.size()); }
  Index route_count() const { return static_cast<Index>(route_id.size()); }
  Index service_count() const { return static_cast<Index>(service_id.size()); }
  Index shape_count() const { return static_cast<Index>(shape_id.size()); }
  Index trip_count() const { return static_cast<Index>(trip_id.size()); }
  Index stop_time_count() const { return static_cast<Index>(stop_time_stop.size()); }
  Index frequency_count() const { return static_cast<Index>(frequency_trip.size()); }

  // invalid_index when the id is unknown.
  Index find_stop(std::string_view id) const;
  Index find_route(std::string_view id) const;
  Index find_service(std::string_view id) const;
  Index find_shape(std::string_view id) const;
  Index find_trip(std::string_view id) const;
};

// Reads a feed from a .zip file (its .txt files at the top level or in one folder) or from a
// folder. Throws InputError naming "<source>:<file>.txt" (zip) or "<folder>/<file>.txt", the
// line and the column for the first problem: a missing required file or column, a malformed
// field, an id that does not resolve, times that go backwards along a trip.
GtfsFeed read_gtfs(const std::string& path);

// The trips that run on one service day.
struct GtfsServiceDay {
  std::int32_t date = 0;                     // YYYYMMDD
  std::vector<std::uint8_t> service_active;  // per service
  std::vector<Index> trips;                  // active trips, ascending
};

// Active services on `date`: calendar weekday within the date range, then calendar_dates
// additions and removals.
std::vector<std::uint8_t> gtfs_active_services(const GtfsFeed& feed, std::int32_t date);

// The date with the most active trips over every date the feed covers; the earliest on a tie.
// 0 when no service runs on any date.
std::int32_t gtfs_busiest_date(const GtfsFeed& feed);

// Selects a service day from "YYYYMMDD", or the busiest day when `date` is empty. A malformed
// date is an InputError naming the feed and the field "date".
GtfsServiceDay select_service_day(const GtfsFeed& feed, std::string_view date = {});

// Parses "YYYYMMDD" (a real calendar date); 0 when the text is not one.
std::int32_t parse_gtfs_date(std::string_view text);

// Parses a GTFS time "H:MM:SS" or "HH:MM:SS" (hours may exceed 23) to seconds; -1 when the text
// is not such a time.
std::int32_t parse_gtfs_time(std::string_view text);

}  // namespace arteria
