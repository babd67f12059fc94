// `arteria accessibility FEED [--date YYYYMMDD] --from HH:MM --to HH:MM --minutes N
//  [--opportunities CSV] [--step S] --out DIR`: per stop, how many stops (and optionally how
// many weighted opportunities) transit reaches within N minutes, median and mean over the
// departures of the window. Writes DIR/accessibility.csv, then hands the map to the Python
// package (as `arteria plot` does), which draws DIR/accessibility.png.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/atomic_text_file.hpp"
#include "base/csv.hpp"
#include "base/csv_write.hpp"
#include "base/error.hpp"
#include "base/text.hpp"
#include "cli/accessibility_arguments.hpp"
#include "cli/commands.hpp"
#include "formats/gtfs/gtfs.hpp"
#include "formats/gtfs/gtfs_timetable.hpp"
#include "model/timetable.hpp"
#include "routing/accessibility.hpp"
#include "routing/journey_planner.hpp"

namespace arteria::cli {

double parse_clock(const std::string& text, const std::string& option) {
  const std::optional<double> seconds = parse_time_of_day(text);
  if (!seconds || *seconds < 0.0) {
    throw InputError("command line", 0, option, "'" + text + "' is not a time of day (HH:MM)");
  }
  return *seconds;
}

namespace {

// stop_id,weight rows; stops not listed weigh 0.
std::vector<double> read_weights(const std::string& path, const Timetable& tt) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    throw InputError(path, 0, "", "no such opportunities file");
  }
  std::vector<double> weight(tt.stop_count(), 0.0);
  CsvReader reader(path, {"stop_id", "weight"});
  while (reader.next()) {
    const std::string id = reader.text("stop_id");
    const Index stop = tt.find_stop(id);
    if (stop == invalid_index) reader.fail("stop_id", "unknown stop '" + id + "' in the feed");
    weight[stop] = reader.non_negative("weight");
  }
  return weight;
}

void write_table(const std::filesystem::path& path, const Timetable& tt,
                 const AccessibilityResult& result) {
  AtomicTextFile file(path.string());
  std::ofstream& out = file.out();
  const bool weighted = !result.opportunities_median.empty();
  out << "stop_id,stop_name,lat,lon,reachable_median,reachable_mean"
      << (weighted ? ",opportunities_median,opportunities_mean" : "") << '\n';
  for (Index s = 0; s < tt.stop_count(); ++s) {
    out << csv_field(tt.stop_id[s]) << ',' << csv_field(tt.stop_name[s]) << ','
        << format_double(tt.stop_lat_deg[s]) << ',' << format_double(tt.stop_lon_deg[s]) << ','
        << format_double(result.reachable_median[s]) << ','
        << format_double(result.reachable_mean[s]);
    if (weighted) {
      out << ',' << format_double(result.opportunities_median[s]) << ','
          << format_double(result.opportunities_mean[s]);
    }
    out << '\n';
  }
  file.commit();
}

void run(const AccessibilityArguments& args) {
  std::error_code error;
  if (!std::filesystem::exists(args.feed, error)) {
    throw InputError(args.feed, 0, "", "no such GTFS feed (a .zip file or a folder)");
  }
  if (!args.at.empty()) {
    run_place_accessibility(args);
    return;
  }
  if (!args.minutes) {
    throw InputError("command line", 0, "--minutes", "is required (the travel-time budget)");
  }
  if (args.walk_speed_mps) {
    throw InputError("command line", 0, "--walk-speed", "goes with --at (from a place)");
  }
  AccessibilityParams params;
  params.from_s = parse_clock(args.from, "--from");
  params.to_s = parse_clock(args.to, "--to");
  if (params.to_s <= params.from_s) {
    throw InputError("command line", 0, "--to", "the window must end after --from");
  }
  params.budget_s = *args.minutes * 60.0;
  params.step_s = args.step_s;

  const GtfsFeed feed = read_gtfs(args.feed);
  const GtfsServiceDay day = select_service_day(feed, args.date);
  const Timetable tt = build_timetable(feed, day);
  const std::vector<double> weight =
      args.opportunities.empty() ? std::vector<double>{} : read_weights(args.opportunities, tt);
  const JourneyPlanner planner(tt, PlannerParams{});
  const AccessibilityResult result = compute_accessibility(planner, params, weight);

  const std::filesystem::path dir(args.out_dir);
  std::filesystem::create_directories(dir, error);
  if (error) throw InputError(args.out_dir, 0, "", "cannot create the folder: " + error.message());
  const std::filesystem::path table = dir / "accessibility.csv";
  write_table(table, tt, result);
  std::printf("%s: %u stops, service day %d, %d departures %s-%s, budget %g min\nwrote %s\n",
              args.feed.c_str(), tt.stop_count(), tt.date, result.departures, args.from.c_str(),
              args.to.c_str(), *args.minutes, table.string().c_str());
  if (args.no_plot) return;
  const std::string title = "Stops reachable within " + format_double(*args.minutes) +
                            " min, departures " + args.from + "-" + args.to + " (" +
                            std::to_string(tt.date) + ")";
  exec_python_package({"accessibility", table.string(), "--out",
                       (dir / "accessibility.png").string(), "--title", title});
}

}  // namespace

void add_accessibility_command(CLI::App& app) {
  auto args = std::make_shared<AccessibilityArguments>();
  CLI::App* cmd = app.add_subcommand(
      "accessibility",
      "Stops reachable by transit within a time budget, per stop or from a place (CSV + map)");
  cmd->add_option("feed", args->feed, "GTFS feed (.zip or folder)")->required();
  cmd->add_option("--date", args->date, "Service day YYYYMMDD (default: the busiest)");
  cmd->add_option("--from", args->from, "First departure, HH:MM")->required();
  cmd->add_option("--to", args->to, "End of the departure window (exclusive), HH:MM")->required();
  cmd->add_option("--minutes", args->minutes,
                  "Travel-time budget in minutes (required per stop; from a place default 60)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--at", args->at,
                  "From a place: LAT,LON or a stop name (every stop whose name contains it)");
  cmd->add_option("--walk-m", args->walk_m,
                  "With --at: walking distance to the first stops, metres (default 600)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--walk-speed", args->walk_speed_mps,
                  "With --at: walking speed, m/s (default the planner's, 1.33)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--step", args->step_s, "Seconds between sampled departures (default 60)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--opportunities", args->opportunities,
                  "CSV of stop_id,weight: also sum the weights of the reached stops");
  cmd->add_option("--out,-o", args->out_dir,
                  "Folder for accessibility.csv and .png (from a place: place_accessibility.*)")
      ->required();
  cmd->add_flag("--no-plot", args->no_plot, "Write the table only");
  cmd->callback([args] { run(*args); });
}

}  // namespace arteria::cli
