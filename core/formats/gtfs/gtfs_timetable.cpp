// Compiles one service day of a GTFS feed into the Timetable the simulation and the journey
// planner share.
#include "formats/gtfs/gtfs_timetable.hpp"

#include <algorithm>

#include "base/text.hpp"

namespace arteria {
namespace {

void copy_stops(const GtfsFeed& feed, Timetable& tt) {
  tt.origin_lat_deg = feed.origin_lat_deg;
  tt.origin_lon_deg = feed.origin_lon_deg;
  tt.stop_id = feed.stop_id;
  tt.stop_name = feed.stop_name;
  tt.stop_x_m = feed.stop_x_m;
  tt.stop_y_m = feed.stop_y_m;
  tt.stop_lat_deg = feed.stop_lat_deg;
  tt.stop_lon_deg = feed.stop_lon_deg;
  tt.stop_by_id = feed.stop_by_id;
}

// One vehicle type per mode that the routes use, in mode order, so ids do not depend on the
// order routes come in.
void copy_routes(const GtfsFeed& feed, Timetable& tt) {
  std::vector<Index> type_of_mode(static_cast<std::size_t>(TransitMode::other) + 1, invalid_index);
  for (Index r = 0; r < feed.route_count(); ++r) {
    type_of_mode[static_cast<std::size_t>(transit_mode_from_gtfs(feed.route_type[r]))] = 0;
  }
  for (std::size_t m = 0; m < type_of_mode.size(); ++m) {
    if (type_of_mode[m] == invalid_index) continue;
    type_of_mode[m] = static_cast<Index>(tt.vehicle_types.size());
    tt.vehicle_types.push_back(default_vehicle_type(static_cast<TransitMode>(m)));
  }
  for (Index r = 0; r < feed.route_count(); ++r) {
    const TransitMode mode = transit_mode_from_gtfs(feed.route_type[r]);
    tt.route_by_id.emplace(feed.route_id[r], r);
    tt.route_id.push_back(feed.route_id[r]);
    const std::string& name = !feed.route_short_name[r].empty()  ? feed.route_short_name[r]
                              : !feed.route_long_name[r].empty() ? feed.route_long_name[r]
                                                                 : feed.route_id[r];
    tt.route_name.push_back(name);
    tt.route_mode.push_back(mode);
    tt.route_vehicle_type.push_back(type_of_mode[static_cast<std::size_t>(mode)]);
  }
}

// Appends the calls of feed trip `t`, shifted by `shift_s`, as a timetable trip.
void append_trip(const GtfsFeed& feed, Index t, std::string id, std::int32_t shift_s,
                 Timetable& tt) {
  for (Index k = feed.trip_first_stop_time[t]; k < feed.trip_first_stop_time[t + 1]; ++k) {
    tt.call_stop.push_back(feed.stop_time_stop[k]);
    tt.call_arrival_s.push_back(feed.stop_time_arrival_s[k] + shift_s);
    tt.call_departure_s.push_back(feed.stop_time_departure_s[k] + shift_s);
    // Blank (interpolated) times are never exact; otherwise GTFS's timepoint field decides.
    tt.call_timepoint.push_back(feed.stop_time_timepoint[k] && !feed.stop_time_interpolated[k]);
    tt.call_pickup.push_back(feed.stop_time_pickup_type[k] != 1);
    tt.call_dropoff.push_back(feed.stop_time_drop_off_type[k] != 1);
  }
  const Index route = feed.trip_route[t];
  tt.trip_id.push_back(std::move(id));
  tt.trip_route.push_back(route);
  tt.trip_vehicle_type.push_back(tt.route_vehicle_type[route]);
  tt.trip_previous_in_block.push_back(invalid_index);
  tt.trip_shape.push_back(feed.trip_shape[t]);
  tt.trip_direction.push_back(feed.trip_direction[t]);
  tt.trip_first_call.push_back(static_cast<Index>(tt.call_stop.size()));
}

// Trips of one block_id run one after the other by one vehicle, in order of first departure.
void link_blocks(const GtfsFeed& feed, const std::vector<Index>& feed_trip, Timetable& tt) {
  std::vector<Index> order;
  for (Index t = 0; t < tt.trip_count(); ++t) {
    if (feed_trip[t] != invalid_index && !feed.trip_block_id[feed_trip[t]].empty()) {
      order.push_back(t);
    }
  }
  std::sort(order.begin(), order.end(), [&](Index a, Index b) {
    const std::string& block_a = feed.trip_block_id[feed_trip[a]];
    const std::string& block_b = feed.trip_block_id[feed_trip[b]];
    if (block_a != block_b) return block_a < block_b;
    const std::int32_t dep_a = tt.call_departure_s[tt.calls_begin(a)];
    const std::int32_t dep_b = tt.call_departure_s[tt.calls_begin(b)];
    return dep_a != dep_b ? dep_a < dep_b : a < b;
  });
  for (std::size_t i = 1; i < order.size(); ++i) {
    const Index previous = order[i - 1];
    const Index trip = order[i];
    if (feed.trip_block_id[feed_trip[previous]] != feed.trip_block_id[feed_trip[trip]]) continue;
    // A block whose trips overlap in time is not one vehicle's work: leave them independent.
    const std::int32_t previous_end = tt.call_arrival_s[tt.calls_end(previous) - 1];
    if (previous_end <= tt.call_departure_s[tt.calls_begin(trip)]) {
      tt.trip_previous_in_block[trip] = previous;
    }
  }
}

}  // namespace

Timetable build_timetable(const GtfsFeed& feed, const GtfsServiceDay& day) {
  Timetable tt;
  tt.source = feed.source;
  tt.date = day.date;
  copy_stops(feed, tt);
  copy_routes(feed, tt);
  tt.shape_first_point = feed.shape_first_point;
  tt.shape_x_m = feed.shape_point_x_m;
  tt.shape_y_m = feed.shape_point_y_m;

  // Frequency rows per trip: the trip's own times are a template started every headway.
  std::vector<std::vector<Index>> frequencies(feed.trip_count());
  for (Index f = 0; f < feed.frequency_count(); ++f)
    frequencies[feed.frequency_trip[f]].push_back(f);

  std::vector<Index> feed_trip;  // per timetable trip, for blocks
  for (const Index t : day.trips) {
    if (feed.trip_first_stop_time[t + 1] - feed.trip_first_stop_time[t] < 2) continue;
    if (frequencies[t].empty()) {
      append_trip(feed, t, feed.trip_id[t], 0, tt);
      feed_trip.push_back(t);
      continue;
    }
    const std::int32_t template_start = feed.stop_time_departure_s[feed.trip_first_stop_time[t]];
    for (const Index f : frequencies[t]) {
      const std::int32_t headway = std::max(1, feed.frequency_headway_s[f]);
      for (std::int32_t start = feed.frequency_start_s[f]; start < feed.frequency_end_s[f];
           start += headway) {
        append_trip(feed, t, feed.trip_id[t] + "@" + format_time_of_day(start),
                    start - template_start, tt);
        feed_trip.push_back(invalid_index);  // copies of a template share no vehicle
      }
    }
  }
  link_blocks(feed, feed_trip, tt);
  return tt;
}

}  // namespace arteria
