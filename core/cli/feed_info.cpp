#include "cli/feed_info.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "base/csv_write.hpp"
#include "base/text.hpp"
#include "formats/gtfs/gtfs.hpp"
#include "formats/gtfs/gtfs_timetable.hpp"

namespace arteria::cli {
namespace {

// The periods of a planner's day; the last runs past midnight to the end of the service day.
struct Period {
  const char* name;
  double end_s;
};
constexpr std::array<Period, 5> periods = {{{"early", 7 * 3600.0},
                                            {"AM peak", 9 * 3600.0},
                                            {"midday", 15 * 3600.0},
                                            {"PM peak", 18 * 3600.0},
                                            {"evening", 1e9}}};

std::size_t period_of(double time_s) {
  std::size_t p = 0;
  while (time_s >= periods[p].end_s) ++p;
  return p;
}

// The median gap between consecutive departures (ascending), in minutes: the headway a
// passenger meets; "-" without two departures in the period, "1 trip" with one.
std::string headway_text(const std::vector<double>& departures) {
  if (departures.empty()) return "-";
  if (departures.size() == 1) return "1 trip";
  std::vector<double> gaps;
  for (std::size_t i = 1; i < departures.size(); ++i) {
    gaps.push_back(departures[i] - departures[i - 1]);
  }
  std::sort(gaps.begin(), gaps.end());
  const std::size_t middle = gaps.size() / 2;
  const double median =
      gaps.size() % 2 == 1 ? gaps[middle] : (gaps[middle - 1] + gaps[middle]) / 2.0;
  return format_double(std::round(median / 6.0) / 10.0);
}

}  // namespace

bool is_gtfs_feed(const std::string& path) {
  std::error_code error;
  const std::filesystem::path p(path);
  if (std::filesystem::is_directory(p, error)) {
    return std::filesystem::exists(p / "stops.txt", error);
  }
  return p.extension() == ".zip";
}

void print_feed_info(const std::string& path, const std::string& date) {
  const GtfsFeed feed = read_gtfs(path);
  const Timetable tt = build_timetable(feed, select_service_day(feed, date));
  std::printf("feed       %s: %u routes, %u stops; service day %d (%s), %u trips\n", path.c_str(),
              tt.route_count(), tt.stop_count(), tt.date, date.empty() ? "the busiest" : "as asked",
              tt.trip_count());
  std::printf(
      "headways   median minutes between departures from the first stop: early (to "
      "07:00), AM peak (07-09), midday (09-15), PM peak (15-18), evening (from 18:00)\n\n");
  std::printf("%-12s %-8s %3s %6s %6s %6s %7s %8s %7s %8s %8s  %s\n", "route", "name", "dir",
              "trips", "first", "last", "early", "AM peak", "midday", "PM peak", "evening",
              "long name");
  for (Index route = 0; route < tt.route_count(); ++route) {
    // Departures per direction (-1: the feed gives none), each in first-stop time order.
    std::array<std::vector<double>, 3> departures;
    for (Index trip = 0; trip < tt.trip_count(); ++trip) {
      if (tt.trip_route[trip] != route) continue;
      departures[static_cast<std::size_t>(tt.trip_direction[trip] + 1)].push_back(
          tt.call_departure_s[tt.calls_begin(trip)]);
    }
    const Index in_feed = feed.route_by_id.at(tt.route_id[route]);
    const std::string& long_name = feed.route_long_name[in_feed];
    bool first_line = true;
    for (std::size_t d = 0; d < departures.size(); ++d) {
      std::vector<double>& times = departures[d];
      if (times.empty()) continue;
      std::sort(times.begin(), times.end());
      std::array<std::vector<double>, periods.size()> by_period;
      for (const double t : times) by_period[period_of(t)].push_back(t);
      const std::string direction = d == 0 ? "-" : std::to_string(d - 1);
      std::printf("%-12s %-8s %3s %6zu %6s %6s", first_line ? tt.route_id[route].c_str() : "",
                  first_line ? tt.route_name[route].c_str() : "", direction.c_str(), times.size(),
                  format_time_of_day(times.front()).substr(0, 5).c_str(),
                  format_time_of_day(times.back()).substr(0, 5).c_str());
      const int widths[] = {7, 8, 7, 8, 8};
      for (std::size_t p = 0; p < periods.size(); ++p) {
        std::printf(" %*s", widths[p], headway_text(by_period[p]).c_str());
      }
      std::printf("  %s\n", first_line ? long_name.c_str() : "");
      first_line = false;
    }
  }
}

}  // namespace arteria::cli
