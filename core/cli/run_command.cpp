#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "base/install_paths.hpp"
#include "base/progress.hpp"
#include "base/text.hpp"
#include "cli/commands.hpp"
#include "cli/completion_report.hpp"
#include "cli/timetable_changes.hpp"
#include "run/memory_estimate.hpp"
#include "run/result_inputs.hpp"
#include "run/run_scenario.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario/scenario_writer.hpp"

namespace arteria::cli {
namespace {

struct RunArguments {
  std::string scenario_path;
  std::string output_path;
  int threads = -1;  // -1: as the scenario says
  long long seed = -1;
  std::vector<std::string> overrides;
  std::string costs_from;  // a previous run's file: route on its link times
  bool no_progress = false;
  std::string checkpoint_every;  // empty: no checkpoints
  std::string checkpoint_dir;    // empty: beside the output file
  std::size_t checkpoint_keep = 0;
  std::string resume_path;
  std::string max_memory;  // "2G", ...; empty: the memory the machine has available
  bool until_clear = false;
  std::string clear_cap;  // time of day; empty: the end + default_clear_margin_s
};

double parse_interval(const std::string& text) {
  const std::optional<double> seconds = parse_checkpoint_interval(text);
  if (!seconds) {
    throw CLI::ValidationError(
        "--checkpoint-every",
        "'" + text + "' is not a positive interval (e.g. 1h, 30m, 90s, 01:30)");
  }
  return *seconds;
}

// Trips with no path are kept (status "unroutable") and named here, so a broken network shows.
std::string two_decimals(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

void print_unroutable(const RoutingReport& routing, const Scenario& scenario) {
  const Demand& demand = scenario.demand;
  std::vector<Index> trips;  // road trips: unplaced transit trips are reported on their own
  for (const Index trip : routing.unroutable_trips) {
    if (!demand.is_transit(trip)) trips.push_back(trip);
  }
  if (trips.empty()) return;
  std::printf("  warning: %zu trips have no path from origin to destination, e.g.", trips.size());
  const Network& net = scenario.network;
  for (std::size_t i = 0; i < std::min<std::size_t>(3, trips.size()); ++i) {
    const Index trip = trips[i];
    std::printf("%s trip %s (%s -> %s)", i ? "," : "", demand.trip_external_id[trip].c_str(),
                net.node_external_id[demand.trip_origin[trip]].c_str(),
                net.node_external_id[demand.trip_destination[trip]].c_str());
  }
  std::printf("\n");
}

void print_unplaced(const Scenario& scenario) {
  const TransitPlacement& placement = scenario.transit.placement;
  const Timetable& tt = scenario.transit.timetable;
  std::vector<Index> trips;
  for (Index trip = 0; trip < placement.trip_placed.size(); ++trip) {
    if (!placement.trip_placed[trip]) trips.push_back(trip);
  }
  if (trips.empty()) return;
  std::printf(
      "  warning: %zu transit trips could not be placed on the network and do not run, e.g.",
      trips.size());
  for (std::size_t i = 0; i < std::min<std::size_t>(2, trips.size()); ++i) {
    std::printf("%s trip %s: %s", i ? ";" : "", tt.trip_id[trips[i]].c_str(),
                placement.trip_problem[trips[i]].c_str());
  }
  std::printf("\n");
}

void print_checkpoints(const RunResult& result, const RunArguments& args) {
  if (result.resumed_from_s >= 0.0) {
    std::printf("  resumed from %s at %s\n", args.resume_path.c_str(),
                format_time_of_day(result.resumed_from_s).c_str());
  }
  if (!result.checkpoints.empty()) {
    std::printf("  checkpoints: %zu written (%.2f s), last %s\n", result.checkpoints.size(),
                result.checkpoint_s, result.checkpoints.back().c_str());
  }
}

// How the trips got their routes, when not by shortest path alone.
void print_routes(const RunResult& result, const Scenario& scenario) {
  const DynamicAssignmentRecord& dynamic = result.dynamic_assignment;
  if (!dynamic.iterations.empty()) {
    std::printf(
        "  dynamic assignment routes for %llu trips: relative gap %.2g after %zu "
        "iterations (%s)\n",
        static_cast<unsigned long long>(dynamic.choosing_trips),
        dynamic.iterations.back().relative_gap, dynamic.iterations.size(),
        dynamic.converged ? "converged" : "iteration limit");
  } else if (scenario.routes.equilibrium) {
    std::printf(
        "  equilibrium routes for %u trips (relative gap %.2g), shortest paths for %u trips the "
        "assignment did not cover\n",
        scenario.routes.equilibrium_trips, scenario.routes.relative_gap,
        scenario.routes.shortest_path_trips);
  }
}

// The classes with road trips whose emission category is none ("truck, bus"), or "".
std::string classes_not_in_exhaust(const Demand& demand) {
  std::string names;
  const std::vector<std::uint64_t> trips = demand.trips_per_class();
  for (Index c = 0; c < demand.classes.count(); ++c) {
    if (trips[c] == 0 || demand.classes.emission[c]) continue;
    names += (names.empty() ? "" : ", ") + demand.classes.name[c];
  }
  return names;
}

// Vehicles by status, then completion beside the means (cli/completion_report.hpp).
void print_traffic(const Kpis& k, const Demand& demand, double end_s) {
  std::printf(
      "  vehicles inserted %s, arrived %s, en route %s, stuck and removed %s, waiting %s, "
      "unroutable %s, reroutes %s; %s stuck vehicles pushed on into their next link\n",
      with_separators(k.vehicles_inserted).c_str(), with_separators(k.vehicles_arrived).c_str(),
      with_separators(k.vehicles_en_route).c_str(), with_separators(k.vehicles_stuck).c_str(),
      with_separators(k.vehicles_waiting).c_str(), with_separators(k.vehicles_unroutable).c_str(),
      with_separators(k.reroutes).c_str(), with_separators(k.stuck_push_throughs).c_str());
  print_completion(k, end_s, "  ");
  std::printf("  VKT %.0f km, VHT %.0f h, mean delay %.1f s (arrived trips)\n", k.vkt_km, k.vht_h,
              k.mean_delay_s);
  // A total that leaves some vehicles out says which, so nobody reads it as the city's.
  const std::string left_out = classes_not_in_exhaust(demand);
  std::printf(
      "  exhaust, each vehicle class by its category%s: CO2 %.0f kg, NOx %.2f kg, PM2.5 %.3f kg, "
      "fuel %.0f kg\n",
      left_out.empty() ? "" : (" (not counted, emission \"none\": " + left_out + ")").c_str(),
      k.co2_kg, k.nox_kg, k.pm25_kg, k.fuel_kg);
}

void print_summary(const RunResult& result, const Scenario& scenario, const RunArguments& args) {
  const Kpis& k = result.kpis;
  std::printf("%s: %u nodes, %u links, %u signalised nodes, %u trips, %d threads\n",
              scenario.name.c_str(), scenario.network.node_count, scenario.network.link_count,
              scenario.network.signalised_node_count(), scenario.demand.trip_count(),
              result.threads);
  print_checkpoints(result, args);
  print_routes(result, scenario);
  if (scenario.demand.road_trip_count() > 0) {
    print_traffic(k, scenario.demand, scenario.sim.end_s);
  } else {  // its vehicles are the timetable's: road means of 0 s would say nothing true
    std::printf("  traffic: none, a transit-only run (no road trips; transit KPIs below)\n");
  }
  if (k.transit_trips > 0) {
    std::printf(
        "  transit: %llu of %llu trips completed, %.1f %% of stop calls within 60 s of the "
        "timetable (mean %+.1f s, p95 |dev| %.0f s)\n",
        static_cast<unsigned long long>(k.transit_trips_completed),
        static_cast<unsigned long long>(k.transit_trips), 100.0 * k.transit_on_time_share,
        k.transit_mean_deviation_s, k.transit_p95_abs_deviation_s);
  }
  if (scenario.emergency.present()) {
    std::printf(
        "  emergency: %llu dispatches, %llu arrived; response mean %.0f s, p90 %.0f s; "
        "%.0f vehicle-seconds held by signal pre-emption\n",
        static_cast<unsigned long long>(k.emergency_dispatches),
        static_cast<unsigned long long>(k.emergency_arrived), k.emergency_mean_response_s,
        k.emergency_p90_response_s, k.emergency_delay_caused_s);
  }
  if (k.passengers > 0) {
    std::printf(
        "  passengers %llu: arrived %llu, en route %llu, stranded %llu, not departed %llu; "
        "boardings %llu, denied %llu; mean journey %.0f s (wait %.0f s, in vehicle %.0f s)\n",
        static_cast<unsigned long long>(k.passengers),
        static_cast<unsigned long long>(k.passengers_arrived),
        static_cast<unsigned long long>(k.passengers_en_route),
        static_cast<unsigned long long>(k.passengers_stranded),
        static_cast<unsigned long long>(k.passengers_not_departed),
        static_cast<unsigned long long>(k.boardings),
        static_cast<unsigned long long>(k.denied_boardings), k.mean_journey_time_s, k.mean_wait_s,
        k.mean_in_vehicle_s);
  }
  // The phases add up to the wall: what is left after stepping is writing the tables, closing
  // and sealing the file.
  const RunPerf& p = result.perf;
  const double output_s = result.wall_s - p.load_s - p.startup_s - p.simulation_s;
  const std::string planning =
      k.passengers > 0 ? ", passenger planning " + two_decimals(p.planning_s) + " s" : "";
  std::printf(
      "  wall %.2f s: load %.2f s, start %.2f s (routing %.2f s%s), simulation %.2f s, output "
      "%.2f s (and %.2f s waiting on the writer while stepping)\n"
      "  peak RSS %.0f MiB (estimated %.0f MiB)\n",
      result.wall_s, p.load_s, p.startup_s, p.routing_s, planning.c_str(), p.simulation_s, output_s,
      p.output_s, p.peak_rss_mb, p.memory_estimate_mb);
  if (!scenario.route_costs_from.empty()) {
    std::printf("  routed on the link times of %s (%u bins of %.0f s)\n",
                scenario.route_costs_from.c_str(), scenario.route_costs.bin_count(),
                scenario.route_costs.bin_s);
  }
  std::printf("  wrote %s\n", result.output_path.c_str());
  print_unroutable(result.routing, scenario);
  print_unplaced(scenario);
  print_timetable_changes(scenario);
  std::fflush(stdout);  // the summary first, then the warning, when both go to one terminal
  warn_if_incomplete(k, scenario.sim.end_s);
}

void run(const RunArguments& args) {
  std::vector<std::string> overrides = args.overrides;
  if (args.seed >= 0) overrides.push_back("simulation.seed=" + std::to_string(args.seed));
  // As --set: the path is taken from the working directory.
  if (!args.costs_from.empty()) {
    overrides.push_back("routing.costs_from=" + toml_quote(args.costs_from));
  }
  const auto loading = std::chrono::steady_clock::now();
  // Loading parses a large trip list in parallel: on as many cores as --threads allows, so that
  // a 1-thread run is one thread throughout. (A scenario's own `threads` is known only once the
  // scenario is read; without the flag, loading uses every core.)
  tbb::task_arena loading_arena(args.threads > 0 ? args.threads : tbb::task_arena::automatic);
  std::shared_ptr<Scenario> scenario;
  loading_arena.execute([&] {
    scenario = std::make_shared<Scenario>(load_scenario(
        args.scenario_path.empty() ? default_scenario_path() : args.scenario_path, overrides));
    load_result_inputs(*scenario);
  });
  const double load_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - loading).count();
  RunOptions options;
  options.output_path = args.output_path;
  options.threads = args.threads >= 0 ? args.threads : scenario->sim.threads;
  options.progress = !args.no_progress && ProgressBar::stderr_is_terminal();
  if (!args.no_progress) options.on_dynamic_iteration = print_dynamic_iteration;
  options.resume_path = args.resume_path;
  if (!args.checkpoint_every.empty()) {
    options.checkpoints.every_s = parse_interval(args.checkpoint_every);
    options.checkpoints.dir = args.checkpoint_dir;
    options.checkpoints.keep = args.checkpoint_keep;
  }
  options.max_memory_bytes = args.max_memory.empty() ? 0 : parse_memory_size(args.max_memory);
  options.load_s = load_s;
  options.until_clear = args.until_clear || !args.clear_cap.empty();
  if (!args.clear_cap.empty()) options.clear_cap_s = *parse_time_of_day(args.clear_cap);
  const RunResult result = run_scenario(scenario, options);
  print_summary(result, *scenario, args);
}

}  // namespace

void add_run_command(CLI::App& app) {
  auto args = std::make_shared<RunArguments>();
  CLI::App* cmd = app.add_subcommand("run", "Run a scenario (default: the built-in default city)");
  cmd->add_option("scenario", args->scenario_path, "Scenario file (TOML)");
  cmd->add_option("--out,-o", args->output_path, "Output HDF5 file (default: the scenario's)");
  cmd->add_option("--threads,-t", args->threads, "Worker threads (0: every core)")
      ->check(CLI::Range(0, max_threads));  // the scenario file's and Python's limit too
  cmd->add_option("--seed", args->seed, "Random seed")->check(CLI::NonNegativeNumber);
  cmd->add_option("--set", args->overrides, "Override a scenario value, e.g. simulation.end=10:00");
  cmd->add_option("--costs-from", args->costs_from,
                  "Route on the link travel times of a previous run's file, bin by bin "
                  "(as [routing] costs_from)");
  cmd->add_option("--max-memory", args->max_memory,
                  "Refuse the run when its memory estimate exceeds this (e.g. 2G, 800M, 1.5GiB; "
                  "default: the memory this machine has available)")
      ->check([](const std::string& text) {
        try {
          parse_memory_size(text);
          return std::string();
        } catch (const std::invalid_argument& e) {
          return std::string(e.what());
        }
      });
  cmd->add_flag("--no-progress", args->no_progress, "Do not draw the progress bar");
  cmd->add_flag("--until-clear", args->until_clear,
                "Keep going past the scenario's end until every trip due before it has arrived "
                "or was removed as stuck, or until --clear-cap; says which happened");
  cmd->add_option("--clear-cap", args->clear_cap,
                  "Stop --until-clear at this time of day at the latest (HH:MM[:SS] or "
                  "seconds; default: 12 hours after the end; implies --until-clear)")
      ->check([](const std::string& text) {
        return parse_time_of_day(text) ? std::string()
                                       : "'" + text + "' is not a time (HH:MM[:SS] or seconds)";
      });
  cmd->add_option("--checkpoint-every", args->checkpoint_every,
                  "Write the whole simulation state at each multiple of this simulated time "
                  "(1h, 30m, 90s, HH:MM[:SS])");
  cmd->add_option("--checkpoint-dir", args->checkpoint_dir,
                  "Folder for checkpoints, named <scenario>-<HHMMSS>.ckpt.h5 (default: the "
                  "output file's)");
  cmd->add_option("--checkpoint-keep", args->checkpoint_keep,
                  "Keep only the newest N checkpoints this run writes (default 0: all)");
  cmd->add_option("--resume", args->resume_path,
                  "Continue from a checkpoint of the same scenario, --set lines and seed");
  cmd->callback([args] { run(*args); });
}

}  // namespace arteria::cli
