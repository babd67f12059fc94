// `arteria accessibility FEED --at LAT,LON|"stop name" [--walk-m 600] [--walk-speed M/S]
//  --from HH:MM --to HH:MM [--minutes 60] --out DIR`: from a place, walking to every stop within
// reach and riding on, the travel time to every stop (median over the window's departures) and
// the earliest arrival for the first departure. Writes DIR/place_accessibility.csv and has the
// Python package draw the isochrone map DIR/place_accessibility.png.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <string>
#include <vector>

#include "base/atomic_text_file.hpp"
#include "base/csv_write.hpp"
#include "base/did_you_mean.hpp"
#include "base/error.hpp"
#include "base/projection.hpp"
#include "base/text.hpp"
#include "cli/accessibility_arguments.hpp"
#include "cli/commands.hpp"
#include "formats/gtfs/gtfs.hpp"
#include "formats/gtfs/gtfs_timetable.hpp"
#include "routing/place_accessibility.hpp"

namespace arteria::cli {
namespace {

struct Place {
  std::string label;  // for the summary and the figure
  double x_m = 0.0;
  double y_m = 0.0;
};

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// "LAT,LON" when the text is two numbers, else the centre of the stops whose name contains it
// (ignoring case): an interchange's bays share a name.
Place find_place(const std::string& at, const Timetable& tt) {
  const std::size_t comma = at.find(',');
  if (comma != std::string::npos) {
    char* end = nullptr;
    const double lat = std::strtod(at.c_str(), &end);
    const bool lat_ok = end == at.c_str() + comma;
    const double lon = std::strtod(at.c_str() + comma + 1, &end);
    if (lat_ok && *end == '\0' && end != at.c_str() + comma + 1) {
      if (!(std::abs(lat) <= 90.0 && std::abs(lon) <= 180.0)) {
        throw InputError("command line", 0, "--at", "'" + at + "' is not a latitude,longitude");
      }
      Place place{at, 0.0, 0.0};
      EquirectangularFrame{tt.origin_lat_deg, tt.origin_lon_deg}.to_metres(lat, lon, place.x_m,
                                                                           place.y_m);
      return place;
    }
  }
  const std::string wanted = lower(at);
  std::vector<Index> named;
  for (Index s = 0; s < tt.stop_count(); ++s) {
    if (lower(tt.stop_name[s]).find(wanted) != std::string::npos || tt.stop_id[s] == at) {
      named.push_back(s);
    }
  }
  if (named.empty()) {
    throw InputError("command line", 0, "--at",
                     "no stop name contains '" + at + "' (and it is not LAT,LON)" +
                         did_you_mean(at, tt.stop_name));
  }
  Place place{at + " (" + std::to_string(named.size()) + " stops)", 0.0, 0.0};
  for (const Index s : named) {
    place.x_m += tt.stop_x_m[s] / static_cast<double>(named.size());
    place.y_m += tt.stop_y_m[s] / static_cast<double>(named.size());
  }
  return place;
}

std::string minutes_text(double seconds) {
  return std::isfinite(seconds) ? format_double(std::round(seconds / 6.0) / 10.0) : "";
}

// Reached stops first, by travel time, then the others (empty times) by stop index.
void write_table(const std::filesystem::path& path, const Timetable& tt,
                 const PlaceAccessibility& result) {
  std::vector<double> walk_s(tt.stop_count(), PlaceAccessibility::unreached);
  for (const StopWalk& start : result.start) walk_s[start.stop] = start.walk_s;
  std::vector<Index> order(tt.stop_count());
  std::iota(order.begin(), order.end(), Index{0});
  std::stable_sort(order.begin(), order.end(), [&](Index a, Index b) {
    return result.travel_time_median_s[a] < result.travel_time_median_s[b];
  });
  AtomicTextFile file(path.string());
  std::ofstream& out = file.out();
  out << "stop_id,stop_name,lat,lon,x_m,y_m,walk_min,travel_time_min,first_arrival\n";
  for (const Index s : order) {
    const double first = result.first_arrival_s[s];
    out << csv_field(tt.stop_id[s]) << ',' << csv_field(tt.stop_name[s]) << ','
        << format_double(tt.stop_lat_deg[s]) << ',' << format_double(tt.stop_lon_deg[s]) << ','
        << format_double(std::round(tt.stop_x_m[s])) << ','
        << format_double(std::round(tt.stop_y_m[s])) << ',' << minutes_text(walk_s[s]) << ','
        << minutes_text(result.travel_time_median_s[s]) << ','
        << (std::isfinite(first) ? format_time_of_day(first) : "") << '\n';
  }
  file.commit();
}

}  // namespace

void run_place_accessibility(const AccessibilityArguments& args) {
  PlaceAccessibilityParams params;
  params.from_s = parse_clock(args.from, "--from");
  params.to_s = parse_clock(args.to, "--to");
  if (params.to_s <= params.from_s) {
    throw InputError("command line", 0, "--to", "the window must end after --from");
  }
  if (!args.opportunities.empty()) {
    throw InputError("command line", 0, "--opportunities", "is not taken with --at");
  }
  params.budget_s = args.minutes.value_or(60.0) * 60.0;
  params.step_s = args.step_s;
  params.walk_m = args.walk_m;

  const GtfsFeed feed = read_gtfs(args.feed);
  const Timetable tt = build_timetable(feed, select_service_day(feed, args.date));
  const Place place = find_place(args.at, tt);
  params.x_m = place.x_m;
  params.y_m = place.y_m;
  PlannerParams planner_params;
  if (args.walk_speed_mps) planner_params.walk_speed_mps = *args.walk_speed_mps;
  const JourneyPlanner planner(tt, planner_params);
  PlaceAccessibility result;
  try {
    result = compute_place_accessibility(planner, params);
  } catch (const std::invalid_argument& error) {
    throw InputError("command line", 0, "--walk-m", error.what());
  }

  const std::filesystem::path dir(args.out_dir);
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw InputError(args.out_dir, 0, "", "cannot create the folder: " + error.message());
  const std::filesystem::path table = dir / "place_accessibility.csv";
  write_table(table, tt, result);
  std::printf(
      "%s: from %s, %zu stops within %g m of walking (%.2f m/s, detour x %.2f), %d departures "
      "%s-%s (service day %d)\n",
      args.feed.c_str(), place.label.c_str(), result.start.size(), params.walk_m,
      planner_params.walk_speed_mps, planner_params.walk_detour, result.departures,
      args.from.c_str(), args.to.c_str(), tt.date);
  std::printf("  stops reached within (median travel time over the departures):");
  const double budget_min = params.budget_s / 60.0;
  for (double band = 15.0; band < budget_min + 15.0; band += 15.0) {
    const double limit = std::min(band, budget_min) * 60.0;
    const auto count =
        std::count_if(result.travel_time_median_s.begin(), result.travel_time_median_s.end(),
                      [&](double t) { return t <= limit; });
    std::printf("%s %g min: %td", band > 15.0 ? "," : "", limit / 60.0, count);
  }
  std::printf("\nwrote %s\n", table.string().c_str());
  if (args.no_plot) return;
  const std::string title = "Travel time by transit from " + place.label + ", departures " +
                            args.from + "-" + args.to + " (" + std::to_string(tt.date) + ")";
  exec_python_package({"accessibility", table.string(), "--out",
                       (dir / "place_accessibility.png").string(), "--title", title, "--place",
                       format_double(place.x_m) + "," + format_double(place.y_m), "--walk-m",
                       format_double(params.walk_m), "--minutes", format_double(budget_min)});
}

}  // namespace arteria::cli
