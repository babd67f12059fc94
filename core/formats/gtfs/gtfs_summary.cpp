// Summary of a GTFS feed on one service day; see import_gtfs.hpp.

#include "formats/gtfs/gtfs_summary.hpp"
#include "base/atomic_text_file.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "base/csv.hpp"
#include "base/csv_write.hpp"
#include "base/import_log.hpp"
#include "base/text.hpp"
#include "formats/gtfs/gtfs_route_types.hpp"

namespace arteria {

GtfsSummary summarize_gtfs(const GtfsFeed& feed, const GtfsServiceDay& day) {
  GtfsSummary s;
  s.feed = feed.source;
  s.date = day.date;
  s.agencies = feed.agency_count();
  for (Index stop = 0; stop < feed.stop_count(); ++stop) {
    (feed.stop_location_type[stop] == 1 ? s.stations : s.stops) += 1;
  }
  s.routes = feed.route_count();
  s.services = feed.service_count();
  s.trips = feed.trip_count();
  s.stop_times = feed.stop_time_count();
  s.shapes = feed.shape_count();
  s.frequencies = feed.frequency_count();
  s.interpolated = static_cast<std::size_t>(
      std::count(feed.stop_time_interpolated.begin(), feed.stop_time_interpolated.end(), 1));
  std::map<std::int32_t, GtfsTypeSummary> types;
  std::map<std::int32_t, std::vector<std::uint8_t>> served;  // per type, per stop
  for (Index route = 0; route < feed.route_count(); ++route) {
    GtfsTypeSummary& type = types[feed.route_type[route]];
    type.route_type = feed.route_type[route];
    type.mode = gtfs_mode_name(type.route_type);
    ++type.routes;
  }
  for (const Index trip : day.trips) {
    const std::int32_t route_type = feed.route_type[feed.trip_route[trip]];
    GtfsTypeSummary& type = types[route_type];
    std::vector<std::uint8_t>& stops = served[route_type];
    stops.resize(feed.stop_count(), 0);
    ++type.trips_on_day;
    ++s.trips_on_day;
    for (Index st = feed.trip_first_stop_time[trip]; st < feed.trip_first_stop_time[trip + 1];
         ++st) {
      ++type.stop_times_on_day;
      ++s.stop_times_on_day;
      stops[feed.stop_time_stop[st]] = 1;
      const std::int32_t departure = feed.stop_time_departure_s[st];
      const std::int32_t arrival = feed.stop_time_arrival_s[st];
      if (departure >= 86400 || arrival >= 86400) ++s.times_past_midnight;
      if (s.first_departure_s < 0 || departure < s.first_departure_s) {
        s.first_departure_s = departure;
      }
      s.last_arrival_s = std::max(s.last_arrival_s, arrival);
    }
  }
  for (auto& [route_type, type] : types) {
    if (const auto it = served.find(route_type); it != served.end()) {
      type.stops_served =
          static_cast<std::size_t>(std::count(it->second.begin(), it->second.end(), 1));
    }
    s.by_type.push_back(type);
  }
  return s;
}

void write_gtfs_summary_csv(const GtfsSummary& s, const std::string& path) {
  AtomicTextFile file(path);
  std::ofstream& out = file.out();
  out << "route_type,mode,routes,trips_on_day,stop_times_on_day,stops_served\n";
  std::size_t stops_served = 0;
  for (const GtfsTypeSummary& t : s.by_type) {
    out << t.route_type << ',' << csv_field(t.mode) << ',' << t.routes << ',' << t.trips_on_day
        << ',' << t.stop_times_on_day << ',' << t.stops_served << '\n';
    stops_served += t.stops_served;
  }
  // A stop served by two modes counts once per mode above; "all" sums them as listed.
  out << ",all," << s.routes << ',' << s.trips_on_day << ',' << s.stop_times_on_day << ','
      << stops_served << '\n';
  file.commit();
}

std::string format_gtfs_summary(const GtfsSummary& s) {
  std::ostringstream text;
  text << "GTFS feed " << s.feed << ": valid, every reference resolves\n";
  text << "  " << count_text(s.agencies) << " agencies, " << count_text(s.stops) << " stops ("
       << count_text(s.stations) << " stations besides), " << count_text(s.routes) << " routes, "
       << count_text(s.services) << " services, " << count_text(s.trips) << " trips, "
       << count_text(s.stop_times) << " stop times, " << count_text(s.shapes) << " shapes, "
       << count_text(s.frequencies) << " frequencies\n";
  text << "  " << count_text(s.interpolated) << " blank stop times interpolated\n";
  if (s.date == 0) {
    text << "  no service runs on any date of the feed\n";
    return text.str();
  }
  text << "  service day " << s.date << ": " << count_text(s.trips_on_day) << " trips, "
       << count_text(s.stop_times_on_day) << " stop times";
  if (s.first_departure_s >= 0) {
    text << ", " << format_time_of_day(s.first_departure_s) << " - "
         << format_time_of_day(s.last_arrival_s) << " (" << count_text(s.times_past_midnight)
         << " stop times past 24:00)";
  }
  text << '\n';
  for (const GtfsTypeSummary& t : s.by_type) {
    text << "    " << t.mode << " (route_type " << t.route_type << "): " << count_text(t.routes)
         << " routes, " << count_text(t.trips_on_day) << " trips, "
         << count_text(t.stop_times_on_day) << " stop times, " << count_text(t.stops_served)
         << " stops served\n";
  }
  return text.str();
}

}  // namespace arteria
