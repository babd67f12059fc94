// Which services and trips of a GTFS feed run on a given date, and which date is the busiest.
// GTFS rule: calendar.txt gives weekdays within a date range; calendar_dates.txt adds or removes.
#include <algorithm>
#include <chrono>
#include <numeric>
#include <string>

#include "base/error.hpp"
#include "formats/gtfs/gtfs.hpp"

namespace arteria {
namespace {

std::chrono::sys_days to_days(std::int32_t date) {
  return std::chrono::sys_days(std::chrono::year_month_day(
      std::chrono::year(date / 10000), std::chrono::month(static_cast<unsigned>(date / 100 % 100)),
      std::chrono::day(static_cast<unsigned>(date % 100))));
}

std::int32_t to_date(std::chrono::sys_days days) {
  const std::chrono::year_month_day ymd(days);
  return static_cast<std::int32_t>(static_cast<int>(ymd.year()) * 10000 +
                                   static_cast<int>(static_cast<unsigned>(ymd.month())) * 100 +
                                   static_cast<int>(static_cast<unsigned>(ymd.day())));
}

// Bit of `date`'s weekday in service_weekdays: 0 Monday .. 6 Sunday.
unsigned weekday_bit(std::int32_t date) {
  return std::chrono::weekday(to_days(date)).iso_encoding() - 1;
}

}  // namespace

std::vector<std::uint8_t> gtfs_active_services(const GtfsFeed& feed, std::int32_t date) {
  std::vector<std::uint8_t> active(feed.service_count(), 0);
  if (parse_gtfs_date(std::to_string(date)) == 0) return active;
  const unsigned bit = weekday_bit(date);
  for (Index s = 0; s < feed.service_count(); ++s) {
    active[s] = feed.service_start_date[s] != 0 && feed.service_start_date[s] <= date &&
                date <= feed.service_end_date[s] && ((feed.service_weekdays[s] >> bit) & 1u);
  }
  for (std::size_t e = 0; e < feed.exception_date.size(); ++e) {
    if (feed.exception_date[e] == date) active[feed.exception_service[e]] = feed.exception_added[e];
  }
  return active;
}

std::int32_t gtfs_busiest_date(const GtfsFeed& feed) {
  std::vector<std::size_t> trips_of_service(feed.service_count(), 0);
  for (const Index s : feed.trip_service) ++trips_of_service[s];
  std::int32_t first = 0, last = 0;
  const auto cover = [&](std::int32_t date) {
    if (date == 0) return;
    first = first == 0 ? date : std::min(first, date);
    last = std::max(last, date);
  };
  for (Index s = 0; s < feed.service_count(); ++s) {
    cover(feed.service_start_date[s]);
    cover(feed.service_end_date[s]);
  }
  for (const std::int32_t date : feed.exception_date) cover(date);
  if (first == 0) return 0;
  // Exceptions by date, so each day costs the services plus its own exceptions.
  std::vector<std::size_t> by_date(feed.exception_date.size());
  std::iota(by_date.begin(), by_date.end(), std::size_t{0});
  std::stable_sort(by_date.begin(), by_date.end(), [&](std::size_t a, std::size_t b) {
    return feed.exception_date[a] < feed.exception_date[b];
  });
  std::size_t next_exception = 0;
  std::int32_t best_date = 0;
  std::size_t best_trips = 0;
  std::vector<std::uint8_t> active(feed.service_count());
  for (auto day = to_days(first); day <= to_days(last); day += std::chrono::days(1)) {
    const std::int32_t date = to_date(day);
    const unsigned bit = std::chrono::weekday(day).iso_encoding() - 1;
    for (Index s = 0; s < feed.service_count(); ++s) {
      active[s] = feed.service_start_date[s] != 0 && feed.service_start_date[s] <= date &&
                  date <= feed.service_end_date[s] && ((feed.service_weekdays[s] >> bit) & 1u);
    }
    for (; next_exception < by_date.size() && feed.exception_date[by_date[next_exception]] == date;
         ++next_exception) {
      const std::size_t e = by_date[next_exception];
      active[feed.exception_service[e]] = feed.exception_added[e];
    }
    std::size_t trips = 0;
    for (Index s = 0; s < feed.service_count(); ++s) trips += active[s] ? trips_of_service[s] : 0;
    if (trips > best_trips) {
      best_trips = trips;
      best_date = date;
    }
  }
  return best_date;
}

GtfsServiceDay select_service_day(const GtfsFeed& feed, std::string_view date) {
  GtfsServiceDay day;
  if (date.empty()) {
    day.date = gtfs_busiest_date(feed);
    if (day.date == 0) {
      throw InputError(feed.source, 0, "date", "no service of the feed runs on any date");
    }
  } else {
    day.date = parse_gtfs_date(date);
    if (day.date == 0) {
      throw InputError(feed.source, 0, "date",
                       "'" + std::string(date) + "' is not a date (YYYYMMDD)");
    }
  }
  day.service_active = gtfs_active_services(feed, day.date);
  for (Index trip = 0; trip < feed.trip_count(); ++trip) {
    if (day.service_active[feed.trip_service[trip]]) day.trips.push_back(trip);
  }
  return day;
}

}  // namespace arteria
