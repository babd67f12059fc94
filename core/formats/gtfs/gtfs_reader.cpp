// Reads a GTFS feed table by table into GtfsFeed, resolving every id as soon as its target is
// known, so a dangling reference is reported with the file, line and column that hold it.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>

#include "base/error.hpp"
#include "base/projection.hpp"
#include "formats/gtfs/gtfs.hpp"
#include "formats/gtfs/gtfs_source.hpp"
#include "formats/gtfs/gtfs_stop_times.hpp"
#include "formats/gtfs/gtfs_table.hpp"

namespace arteria {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

Index find_in(const IdMap& map, std::string_view id) {
  const auto it = map.find(id);
  return it == map.end() ? invalid_index : it->second;
}

// Adds `id` to `map` as the next index; a second occurrence is an error at the table's row.
Index add_unique(IdMap& map, const GtfsTable& table, std::size_t row, std::size_t column,
                 std::string_view id) {
  const auto index = static_cast<Index>(map.size());
  if (!map.emplace(std::string(id), index).second) {
    table.fail(row, column, "duplicate id '" + std::string(id) + "'");
  }
  return index;
}

// The index `map` holds for `id`, read at row `r`, `column` (named `key`) of `t`; an id the map
// lacks is an error "<key> '<id>' <missing>".
Index resolve(const IdMap& map, std::string_view id, const GtfsTable& t, std::size_t r,
              std::size_t column, std::string_view key, std::string_view missing) {
  const Index index = find_in(map, id);
  if (index == invalid_index) {
    t.fail(r, column, std::string(key) + " '" + std::string(id) + "' " + std::string(missing));
  }
  return index;
}

// Latitude and longitude (degrees) of row `r`, from columns `lat` and `lon`, within range.
void check_position(const GtfsTable& t, std::size_t r, std::size_t lat, std::size_t lon, double y,
                    double x) {
  if (std::abs(y) > 90.0) t.fail(r, lat, "latitude must be within [-90, 90]");
  if (std::abs(x) > 180.0) t.fail(r, lon, "longitude must be within [-180, 180]");
}

class FeedReader {
 public:
  FeedReader(const std::string& path, GtfsFeed& feed) : source_(path), feed_(feed) {
    feed_.source = path;
  }

  void read() {
    read_agencies(table("agency.txt"));
    read_stops(table("stops.txt"));
    read_routes(table("routes.txt"));
    if (!source_.has("calendar.txt") && !source_.has("calendar_dates.txt")) {
      throw InputError(source_.label("calendar.txt"), 0, "",
                       "the feed has neither calendar.txt nor calendar_dates.txt");
    }
    if (source_.has("calendar.txt")) read_calendar(table("calendar.txt"));
    if (source_.has("calendar_dates.txt")) read_calendar_dates(table("calendar_dates.txt"));
    if (source_.has("shapes.txt")) read_shapes(table("shapes.txt"));
    read_trips(table("trips.txt"));
    read_gtfs_stop_times(table("stop_times.txt"), source_.label("trips.txt"), feed_);
    if (source_.has("frequencies.txt")) read_frequencies(table("frequencies.txt"));
  }

 private:
  GtfsTable table(std::string_view name) const {
    return GtfsTable(source_.label(name), source_.read(name));
  }

  void read_agencies(const GtfsTable& t) {
    const std::size_t id = t.column("agency_id");
    const std::size_t name = t.require("agency_name");
    const std::size_t timezone = t.require("agency_timezone");
    IdMap ids;
    for (std::size_t r = 0; r < t.row_count(); ++r) {
      const std::string_view agency = t.get(r, id);
      if (!agency.empty()) add_unique(ids, t, r, id, agency);
      feed_.agency_id.emplace_back(agency);
      feed_.agency_name.emplace_back(t.text(r, name));
      feed_.agency_timezone.emplace_back(t.text(r, timezone));
    }
    if (t.row_count() == 0) throw InputError(t.file(), 0, "", "the feed lists no agency");
  }

  void read_stops(const GtfsTable& t) {
    const std::size_t id = t.require("stop_id");
    const std::size_t name = t.column("stop_name");
    const std::size_t lat = t.column("stop_lat");
    const std::size_t lon = t.column("stop_lon");
    const std::size_t type = t.column("location_type");
    const std::size_t parent = t.column("parent_station");
    const std::size_t n = t.row_count();
    feed_.stop_by_id.reserve(n);
    for (std::size_t r = 0; r < n; ++r) {
      add_unique(feed_.stop_by_id, t, r, id, t.text(r, id));
      feed_.stop_id.emplace_back(t.get(r, id));
      feed_.stop_name.emplace_back(t.get(r, name));
      const auto location_type = static_cast<std::uint8_t>(t.integer_in(r, type, 0, 4, 0));
      const auto y = t.optional_number(r, lat);
      const auto x = t.optional_number(r, lon);
      // Generic nodes (3) and boarding areas (4) may leave the position to their parent.
      if (location_type <= 2 && (!y || !x)) {
        t.fail(r, !y ? "stop_lat" : "stop_lon",
               "is empty; stops, stations and entrances need a position");
      }
      // A blank position, taken from the parent below, has nothing to check.
      check_position(t, r, lat, lon, y.value_or(0.0), x.value_or(0.0));
      feed_.stop_lat_deg.push_back(y.value_or(nan));
      feed_.stop_lon_deg.push_back(x.value_or(nan));
      feed_.stop_location_type.push_back(location_type);
    }
    feed_.stop_parent.assign(n, invalid_index);
    for (std::size_t r = 0; r < n; ++r) {
      const std::string_view parent_id = t.get(r, parent);
      if (parent_id.empty()) continue;
      const Index p = find_in(feed_.stop_by_id, parent_id);
      if (p == invalid_index || p == r) {
        t.fail(
            r, parent,
            "parent_station '" + std::string(parent_id) + "' is not another stop_id of stops.txt");
      }
      feed_.stop_parent[r] = p;
      if (std::isnan(feed_.stop_lat_deg[r])) {
        feed_.stop_lat_deg[r] = feed_.stop_lat_deg[p];
        feed_.stop_lon_deg[r] = feed_.stop_lon_deg[p];
      }
    }
    set_projection_origin();
    feed_.stop_x_m.resize(n);
    feed_.stop_y_m.resize(n);
    for (std::size_t s = 0; s < n; ++s) {
      project(feed_.stop_lat_deg[s], feed_.stop_lon_deg[s], feed_.stop_x_m[s], feed_.stop_y_m[s]);
    }
  }

  void set_projection_origin() {
    double lat_min = 90.0, lat_max = -90.0, lon_min = 180.0, lon_max = -180.0;
    for (std::size_t s = 0; s < feed_.stop_lat_deg.size(); ++s) {
      if (std::isnan(feed_.stop_lat_deg[s]) || std::isnan(feed_.stop_lon_deg[s])) continue;
      lat_min = std::min(lat_min, feed_.stop_lat_deg[s]);
      lat_max = std::max(lat_max, feed_.stop_lat_deg[s]);
      lon_min = std::min(lon_min, feed_.stop_lon_deg[s]);
      lon_max = std::max(lon_max, feed_.stop_lon_deg[s]);
    }
    if (lat_min > lat_max) return;  // no stop has a position; keep (0, 0)
    feed_.origin_lat_deg = 0.5 * (lat_min + lat_max);
    feed_.origin_lon_deg = 0.5 * (lon_min + lon_max);
  }

  void project(double lat, double lon, double& x, double& y) const {
    EquirectangularFrame{feed_.origin_lat_deg, feed_.origin_lon_deg}.to_metres(lat, lon, x, y);
  }

  void read_routes(const GtfsTable& t) {
    const std::size_t id = t.require("route_id");
    const std::size_t type = t.require("route_type");
    const std::size_t agency = t.column("agency_id");
    const std::size_t short_name = t.column("route_short_name");
    const std::size_t long_name = t.column("route_long_name");
    for (std::size_t r = 0; r < t.row_count(); ++r) {
      add_unique(feed_.route_by_id, t, r, id, t.text(r, id));
      feed_.route_id.emplace_back(t.get(r, id));
      feed_.route_short_name.emplace_back(t.get(r, short_name));
      feed_.route_long_name.emplace_back(t.get(r, long_name));
      const std::string_view agency_id = t.get(r, agency);
      Index a = 0;
      if (!agency_id.empty()) {
        const auto it = std::find(feed_.agency_id.begin(), feed_.agency_id.end(), agency_id);
        if (it == feed_.agency_id.end()) {
          t.fail(r, agency, "agency_id '" + std::string(agency_id) + "' is not in agency.txt");
        }
        a = static_cast<Index>(it - feed_.agency_id.begin());
      } else if (feed_.agency_count() > 1) {
        t.fail(r, "agency_id", "is empty but the feed has several agencies");
      }
      feed_.route_agency.push_back(a);
      const std::int64_t route_type = t.integer(r, type);
      if (route_type < 0 || route_type > 9999) t.fail(r, type, "is not a GTFS route type");
      feed_.route_type.push_back(static_cast<std::int32_t>(route_type));
    }
  }

  Index service(std::string_view id) {
    const auto [it, inserted] = feed_.service_by_id.emplace(std::string(id), feed_.service_count());
    if (inserted) {
      feed_.service_id.emplace_back(id);
      feed_.service_weekdays.push_back(0);
      feed_.service_start_date.push_back(0);
      feed_.service_end_date.push_back(0);
    }
    return it->second;
  }

  void read_calendar(const GtfsTable& t) {
    static constexpr const char* days[7] = {"monday", "tuesday",  "wednesday", "thursday",
                                            "friday", "saturday", "sunday"};
    const std::size_t id = t.require("service_id");
    std::size_t day_column[7];
    for (int d = 0; d < 7; ++d) day_column[d] = t.require(days[d]);
    const std::size_t start = t.require("start_date");
    const std::size_t end = t.require("end_date");
    for (std::size_t r = 0; r < t.row_count(); ++r) {
      const std::string_view service_id = t.text(r, id);
      if (feed_.service_by_id.count(service_id) > 0) {
        t.fail(r, id, "duplicate id '" + std::string(service_id) + "'");
      }
      const Index s = service(service_id);
      std::uint8_t weekdays = 0;
      for (int d = 0; d < 7; ++d) {
        const std::int64_t flag = t.integer_in(r, day_column[d], 0, 1, -1);
        if (flag < 0) t.fail(r, day_column[d], "is empty; 0 or 1 is required");
        weekdays = static_cast<std::uint8_t>(weekdays | (flag << d));
      }
      feed_.service_weekdays[s] = weekdays;
      feed_.service_start_date[s] = t.date(r, start);
      feed_.service_end_date[s] = t.date(r, end);
      if (feed_.service_end_date[s] < feed_.service_start_date[s]) {
        t.fail(r, end, "end_date is before start_date");
      }
    }
  }

  void read_calendar_dates(const GtfsTable& t) {
    const std::size_t id = t.require("service_id");
    const std::size_t date = t.require("date");
    const std::size_t type = t.require("exception_type");
    for (std::size_t r = 0; r < t.row_count(); ++r) {
      feed_.exception_service.push_back(service(t.text(r, id)));
      feed_.exception_date.push_back(t.date(r, date));
      const std::int64_t exception = t.integer_in(r, type, 1, 2, 0);
      if (exception == 0) t.fail(r, type, "is empty; 1 (added) or 2 (removed) is required");
      feed_.exception_added.push_back(exception == 1 ? 1 : 0);
    }
  }

  void read_shapes(const GtfsTable& t) {
    const std::size_t id = t.require("shape_id");
    const std::size_t lat = t.require("shape_pt_lat");
    const std::size_t lon = t.require("shape_pt_lon");
    const std::size_t sequence = t.require("shape_pt_sequence");
    const std::size_t dist = t.column("shape_dist_traveled");
    const std::size_t n = t.row_count();
    std::vector<Index> shape_of(n);
    std::vector<std::int64_t> sequence_of(n);
    std::string_view previous;
    Index current = invalid_index;
    for (std::size_t r = 0; r < n; ++r) {
      const std::string_view shape = t.text(r, id);
      if (current == invalid_index || shape != previous) {
        const auto [it, inserted] =
            feed_.shape_by_id.emplace(std::string(shape), feed_.shape_count());
        if (inserted) feed_.shape_id.emplace_back(shape);
        current = it->second;
        previous = shape;
      }
      shape_of[r] = current;
      sequence_of[r] = t.integer_in(r, sequence, 0, std::numeric_limits<std::uint32_t>::max(), -1);
      if (sequence_of[r] < 0) t.fail(r, sequence, "is empty; a sequence number is required");
    }
    // Points grouped by shape in sequence order; files are usually in that order already.
    std::vector<Index> order(n);
    std::iota(order.begin(), order.end(), Index{0});
    std::stable_sort(order.begin(), order.end(), [&](Index a, Index b) {
      return shape_of[a] != shape_of[b] ? shape_of[a] < shape_of[b]
                                        : sequence_of[a] < sequence_of[b];
    });
    feed_.shape_first_point.assign(feed_.shape_count() + 1, 0);
    for (std::size_t k = 0; k < n; ++k) {
      const Index r = order[k];
      if (k > 0 && shape_of[order[k - 1]] == shape_of[r] &&
          sequence_of[order[k - 1]] == sequence_of[r]) {
        t.fail(r, sequence,
               "duplicate shape_pt_sequence " + std::to_string(sequence_of[r]) + " in shape '" +
                   feed_.shape_id[shape_of[r]] + "'");
      }
      ++feed_.shape_first_point[shape_of[r] + 1];
      const double y = t.number(r, lat);
      const double x = t.number(r, lon);
      check_position(t, r, lat, lon, y, x);
      feed_.shape_point_lat_deg.push_back(y);
      feed_.shape_point_lon_deg.push_back(x);
      double px = 0.0, py = 0.0;
      project(y, x, px, py);
      feed_.shape_point_x_m.push_back(px);
      feed_.shape_point_y_m.push_back(py);
      feed_.shape_point_dist.push_back(t.optional_number(r, dist).value_or(nan));
    }
    std::partial_sum(feed_.shape_first_point.begin(), feed_.shape_first_point.end(),
                     feed_.shape_first_point.begin());
  }

  void read_trips(const GtfsTable& t) {
    const std::size_t route = t.require("route_id");
    const std::size_t service_column = t.require("service_id");
    const std::size_t id = t.require("trip_id");
    const std::size_t shape = t.column("shape_id");
    const std::size_t direction = t.column("direction_id");
    const std::size_t block = t.column("block_id");
    feed_.trip_by_id.reserve(t.row_count());
    for (std::size_t r = 0; r < t.row_count(); ++r) {
      add_unique(feed_.trip_by_id, t, r, id, t.text(r, id));
      feed_.trip_id.emplace_back(t.get(r, id));
      const Index route_index = resolve(feed_.route_by_id, t.text(r, route), t, r, route,
                                        "route_id", "is not in routes.txt");
      const Index service_index =
          resolve(feed_.service_by_id, t.text(r, service_column), t, r, service_column,
                  "service_id", "is in neither calendar.txt nor calendar_dates.txt");
      const std::string_view shape_id = t.get(r, shape);
      const Index shape_index = shape_id.empty() ? invalid_index
                                                 : resolve(feed_.shape_by_id, shape_id, t, r, shape,
                                                           "shape_id", "is not in shapes.txt");
      feed_.trip_route.push_back(route_index);
      feed_.trip_service.push_back(service_index);
      feed_.trip_shape.push_back(shape_index);
      feed_.trip_direction.push_back(
          static_cast<std::int8_t>(t.integer_in(r, direction, 0, 1, -1)));
      feed_.trip_block_id.emplace_back(t.get(r, block));
      feed_.trip_line.push_back(t.line(r));
    }
  }

  void read_frequencies(const GtfsTable& t) {
    const std::size_t trip = t.require("trip_id");
    const std::size_t start = t.require("start_time");
    const std::size_t end = t.require("end_time");
    const std::size_t headway = t.require("headway_secs");
    const std::size_t exact = t.column("exact_times");
    for (std::size_t r = 0; r < t.row_count(); ++r) {
      const Index trip_index =
          resolve(feed_.trip_by_id, t.text(r, trip), t, r, trip, "trip_id", "is not in trips.txt");
      const std::int32_t start_s = t.time(r, start);
      const std::int32_t end_s = t.time(r, end);
      if (start_s < 0) t.fail(r, start, "is empty; a time is required");
      if (end_s < 0) t.fail(r, end, "is empty; a time is required");
      if (end_s <= start_s) t.fail(r, end, "end_time must be after start_time");
      const std::int64_t headway_s = t.integer(r, headway);
      if (headway_s <= 0 || headway_s > 86400) t.fail(r, headway, "must be between 1 and 86400 s");
      feed_.frequency_trip.push_back(trip_index);
      feed_.frequency_start_s.push_back(start_s);
      feed_.frequency_end_s.push_back(end_s);
      feed_.frequency_headway_s.push_back(static_cast<std::int32_t>(headway_s));
      feed_.frequency_exact_times.push_back(
          static_cast<std::uint8_t>(t.integer_in(r, exact, 0, 1, 0)));
    }
  }

  GtfsSource source_;
  GtfsFeed& feed_;
};

}  // namespace

Index GtfsFeed::find_stop(std::string_view id) const {
  return find_in(stop_by_id, id);
}
Index GtfsFeed::find_route(std::string_view id) const {
  return find_in(route_by_id, id);
}
Index GtfsFeed::find_service(std::string_view id) const {
  return find_in(service_by_id, id);
}
Index GtfsFeed::find_shape(std::string_view id) const {
  return find_in(shape_by_id, id);
}
Index GtfsFeed::find_trip(std::string_view id) const {
  return find_in(trip_by_id, id);
}

GtfsFeed read_gtfs(const std::string& path) {
  GtfsFeed feed;
  FeedReader(path, feed).read();
  return feed;
}

}  // namespace arteria
