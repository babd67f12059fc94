#include "toy_gtfs.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <numbers>
#include <sstream>

namespace arteria::testing {
namespace {

// The GTFS reader's earth radius (gtfs_reader.cpp), so metres come back exactly.
constexpr double earth_radius_m = 6371008.8;

std::string gtfs_time(std::int32_t seconds) {
  char text[16];
  std::snprintf(text, sizeof text, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60,
                seconds % 60);
  return text;
}

std::string degrees(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.12f", value);
  return text;
}

}  // namespace

void ToyFeed::stop_at(const std::string& id, double x_m, double y_m) {
  const double metres_per_deg_y = earth_radius_m * std::numbers::pi / 180.0;
  const double metres_per_deg_x =
      metres_per_deg_y * std::cos(origin_lat_deg * std::numbers::pi / 180.0);
  stops.push_back(
      {id, origin_lat_deg + y_m / metres_per_deg_y, origin_lon_deg + x_m / metres_per_deg_x});
}

ToyTrip& ToyFeed::trip(const std::string& id, const std::string& route_id,
                       const std::vector<std::string>& stop_ids,
                       const std::vector<std::int32_t>& arrival_s, std::int32_t dwell_s) {
  ToyTrip trip{id, route_id, {}, ""};
  for (std::size_t k = 0; k < stop_ids.size(); ++k) {
    const bool last = k + 1 == stop_ids.size();
    trip.calls.push_back({stop_ids[k], arrival_s[k], arrival_s[k] + (last ? 0 : dwell_s), -1});
  }
  trips.push_back(std::move(trip));
  return trips.back();
}

std::string write_toy_gtfs(const std::string& dir, const ToyFeed& feed) {
  std::filesystem::create_directories(dir);
  const std::filesystem::path folder(dir);
  write_text((folder / "agency.txt").string(),
             "agency_id,agency_name,agency_url,agency_timezone\n"
             "toy,Toy Transit,https://example.org,Australia/Brisbane\n");
  std::ostringstream stops;
  stops << "stop_id,stop_name,stop_lat,stop_lon\n";
  for (const ToyStop& s : feed.stops) {
    stops << s.id << ",Stop " << s.id << "," << degrees(s.lat_deg) << "," << degrees(s.lon_deg)
          << "\n";
  }
  write_text((folder / "stops.txt").string(), stops.str());
  std::ostringstream routes;
  routes << "route_id,agency_id,route_short_name,route_type\n";
  for (const ToyRoute& r : feed.routes) routes << r.id << ",toy," << r.id << "," << r.type << "\n";
  write_text((folder / "routes.txt").string(), routes.str());
  std::ostringstream trips, times;
  trips << "route_id,service_id,trip_id,block_id\n";
  times << "trip_id,arrival_time,departure_time,stop_id,stop_sequence,timepoint\n";
  for (const ToyTrip& t : feed.trips) {
    trips << t.route << ",all," << t.id << "," << t.block << "\n";
    for (std::size_t k = 0; k < t.calls.size(); ++k) {
      const ToyCall& c = t.calls[k];
      times << t.id << "," << gtfs_time(c.arrival_s) << "," << gtfs_time(c.departure_s) << ","
            << c.stop << "," << k + 1 << ","
            << (c.timepoint < 0 ? std::string() : std::to_string(c.timepoint)) << "\n";
    }
  }
  write_text((folder / "trips.txt").string(), trips.str());
  write_text((folder / "stop_times.txt").string(), times.str());
  write_text((folder / "calendar.txt").string(),
             "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,"
             "end_date\nall,1,1,1,1,1,1,1,20240101,20241231\n");
  return dir;
}

std::string passengers_csv(const std::vector<ToyPassenger>& passengers) {
  std::ostringstream csv;
  csv << "id,depart,origin_stop,destination_stop\n";
  for (const ToyPassenger& p : passengers) {
    csv << p.id << "," << gtfs_time(p.depart_s) << "," << p.origin_stop << "," << p.destination_stop
        << "\n";
  }
  return csv.str();
}

std::string write_toy_scenario(const TempDir& dir, const ToyFeed& feed,
                               const ToyScenarioOptions& options) {
  const std::string gtfs = write_toy_gtfs(dir.file("gtfs"), feed);
  std::ostringstream toml;
  toml << "[scenario]\nname = \"toy_transit\"\n\n[transit]\ngtfs = \"" << gtfs << "\"\n"
       << options.transit_keys << "\n"
       << options.changes << "\n";
  if (!options.passengers.empty()) {
    dir.write("passengers.csv", passengers_csv(options.passengers));
    toml << "[passengers]\nsource = \"csv\"\nfile = \"passengers.csv\"\n\n";
  }
  toml << "[simulation]\nstart = \"" << gtfs_time(options.start_s) << "\"\nend = \""
       << gtfs_time(options.end_s) << "\"\nseed = 1\n\n[output]\nfile = \"toy.h5\"\n\n"
       << options.extra;
  return dir.write("scenario.toml", toml.str());
}

std::string write_buses_in_grid_traffic(const TempDir& dir, const std::string& more_toml) {
  // The grid's nodes lie at (200 i, 200 j) m, with no map projection: stops are taken on the
  // feed's own projection, about the centre of the stops' bounding box. Two unserved anchor
  // stops at (-5 km, -5 km) and (5 km, 5 km) put that centre on the grid's corner node 0_0, so
  // a stop placed at (x, y) here lies at (x, y) on the grid.
  ToyFeed feed;
  feed.stop_at("anchor_sw", -5000.0, -5000.0);
  feed.stop_at("anchor_ne", 5000.0, 5000.0);
  std::vector<std::string> east, west;
  for (int i = 0; i < 5; ++i) {
    east.push_back("E" + std::to_string(i));
    feed.stop_at(east.back(), 100.0 + 200.0 * i, 190.0);  // 10 m south of row 1
    west.push_back("W" + std::to_string(i));
    feed.stop_at(west.back(), 900.0 - 200.0 * i, 210.0);  // 10 m north of it
  }
  feed.route("B");
  for (int k = 0; k < 10; ++k) {
    const std::int32_t t0 = hms(7, 10 * k);
    const std::vector<std::int32_t> times{t0, t0 + 90, t0 + 180, t0 + 270, t0 + 360};
    feed.trip("east" + std::to_string(k), "B", east, times, 10);
    feed.trip("west" + std::to_string(k), "B", west, times, 10);
  }
  ToyScenarioOptions options;
  options.start_s = hms(6, 30);
  options.end_s = hms(11, 0);
  options.extra =
      "[network]\nsource = \"grid\"\n\n[network.grid]\ncolumns = 6\nrows = 6\nblock_m = 200.0\n"
      "river = false\n\n[demand]\nsource = \"generated\"\ntrips = 3000\nstart_s = \"07:00\"\n"
      "peak_s = \"07:45\"\nend_s = \"08:30\"\nseed = 3\n\n[passengers]\nsource = \"random\"\n"
      "count = 400\nstart = \"07:00\"\nend = \"08:30\"\n" +
      more_toml;
  return write_toy_scenario(dir, feed, options);
}

}  // namespace arteria::testing
