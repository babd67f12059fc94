#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "base/csv.hpp"
#include "base/text.hpp"
#include "cli/commands.hpp"
#include "cli/completion_report.hpp"
#include "cli/feed_info.hpp"
#include "cli/link_report.hpp"
#include "output/assignment_reader.hpp"
#include "output/run_reader.hpp"
#include "run/memory_estimate.hpp"
#include "run/result_inputs.hpp"
#include "scenario/scenario_file.hpp"

namespace arteria::cli {
namespace {

void print(const RunSummary& run) {
  const RunMeta& m = run.meta;
  const Kpis& k = run.kpis;
  auto count = [](std::uint64_t n) { return static_cast<unsigned long long>(n); };
  std::printf("scenario   %s (sha256 %.16s...)\n", m.scenario_name.c_str(),
              m.scenario_sha256.c_str());
  std::printf("engine     arteria %s, seed %llu, %d threads\n", m.engine_version.c_str(),
              count(m.seed), m.threads);
  std::printf("period     %s - %s, step %g s, bins of %g s\n",
              format_time_of_day(m.start_s).c_str(), format_time_of_day(m.end_s).c_str(), m.step_s,
              m.bin_s);
  std::printf(
      "holds      %llu nodes, %llu links, %llu bins of link series, %llu trips, %llu events\n",
      count(run.node_count), count(run.link_count), count(run.bin_count), count(run.trip_count),
      count(run.event_count));
  // A transit-only run's vehicles are its timetable's: the road KPIs (all 0, the buses are not
  // road trips) would read as a result; print_transit gives the figures that mean something.
  if (run.transit_trip_count >= 0 &&
      run.trip_count <= static_cast<std::uint64_t>(run.transit_trip_count)) {
    std::printf("traffic    none: a transit-only run (no road trips; transit KPIs below)\n");
    return;
  }
  std::printf(
      "vehicles   inserted %s, arrived %s, en route %s, stuck and removed %s, waiting %s, "
      "not departed %s, unroutable %s\n",
      with_separators(k.vehicles_inserted).c_str(), with_separators(k.vehicles_arrived).c_str(),
      with_separators(k.vehicles_en_route).c_str(), with_separators(k.vehicles_stuck).c_str(),
      with_separators(k.vehicles_waiting).c_str(), with_separators(k.vehicles_not_departed).c_str(),
      with_separators(k.vehicles_unroutable).c_str());
  std::printf("           stuck vehicles pushed on into their next link %s, reroutes %s\n",
              with_separators(k.stuck_push_throughs).c_str(), with_separators(k.reroutes).c_str());
  print_completion(k, m.end_s, "           ");
  std::printf("traffic    VKT %.0f km, VHT %.0f h, mean delay %.1f s (arrived trips)\n", k.vkt_km,
              k.vht_h, k.mean_delay_s);
  // As the run summary: a total that leaves some vehicles out says which.
  std::string left_out;
  for (const std::string& name : run.classes_not_in_exhaust) {
    left_out += (left_out.empty() ? "" : ", ") + name;
  }
  if (!left_out.empty()) left_out = "(not counted, emission \"none\": " + left_out + ") ";
  std::printf("exhaust    %sCO2 %.0f kg, NOx %.2f kg, PM2.5 %.3f kg, fuel %.0f kg\n",
              left_out.c_str(), k.co2_kg, k.nox_kg, k.pm25_kg, k.fuel_kg);
}

// Only for files with the groups: runs without transit print what they always did.
void print_transit(const Kpis& k, const RunSummary& n) {
  auto count = [](std::uint64_t v) { return static_cast<unsigned long long>(v); };
  if (n.transit_trip_count >= 0) {
    std::printf(
        "transit    %lld stops, %lld trips (%llu completed), %lld calls (%llu reached after "
        "the first of their trip)\n",
        static_cast<long long>(n.transit_stop_count), static_cast<long long>(n.transit_trip_count),
        count(k.transit_trips_completed), static_cast<long long>(n.transit_call_count),
        count(k.transit_calls_reached));
    std::printf(
        "           on time %.1f %%, mean deviation %.1f s, p95 |deviation| %.1f s, "
        "max load factor %.2f\n",
        100.0 * k.transit_on_time_share, k.transit_mean_deviation_s, k.transit_p95_abs_deviation_s,
        k.max_load_factor);
  }
  if (n.passenger_count >= 0) {
    std::printf("passengers %lld: arrived %llu, en route %llu, stranded %llu, not departed %llu\n",
                static_cast<long long>(n.passenger_count), count(k.passengers_arrived),
                count(k.passengers_en_route), count(k.passengers_stranded),
                count(k.passengers_not_departed));
    std::printf(
        "           boardings %llu, denied %llu; mean journey %.1f s, wait %.1f s, "
        "in vehicle %.1f s\n",
        count(k.boardings), count(k.denied_boardings), k.mean_journey_time_s, k.mean_wait_s,
        k.mean_in_vehicle_s);
  }
}

// An assignment file: how it was found and its gap per iteration (all of them up to 40; else the
// first and last 20).
void print_assignment(const AssignmentSummary& a) {
  const bool dynamic = a.kind == "dynamic";
  std::printf("assignment %s (%s%s%s) of %s (sha256 %.16s...)\n", a.kind.c_str(), a.method.c_str(),
              dynamic ? " switching, first routes " : "", dynamic ? a.warm_start.c_str() : "",
              a.scenario.c_str(), a.scenario_sha256.c_str());
  std::printf("result     %s after %llu iterations: relative gap %.4g (target %.4g)\n",
              a.stop_reason.c_str(), static_cast<unsigned long long>(a.iterations), a.relative_gap,
              a.target_relative_gap);
  std::printf("holds      %llu links, %llu routes", static_cast<unsigned long long>(a.link_count),
              static_cast<unsigned long long>(a.route_count));
  if (dynamic) {
    std::printf(", %llu trips choosing routes", static_cast<unsigned long long>(a.choosing_trips));
  }
  std::printf("\n");
  if (dynamic) {
    std::printf("iteration  relative gap  mean travel time  switched  wall time\n");
  } else {
    std::printf("iteration  relative gap  elapsed\n");
  }
  const std::size_t n = a.gap.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (n > 40 && i == 20) std::printf("      ...\n");
    if (n > 40 && i >= 20 && i < n - 20) continue;
    if (dynamic) {
      std::printf("%9zu  %12.4f  %14.1f s  %6.1f %%  %7.2f s\n", i + 1, a.gap[i],
                  a.mean_travel_time_s[i], 100.0 * a.switched_share[i], a.wall_s[i]);
    } else {
      std::printf("%9zu  %12.4e  %5.2f s\n", i, a.gap[i], a.wall_s[i]);
    }
  }
}

bool is_scenario_file(const std::string& path) {
  return path.size() >= 5 && path.compare(path.size() - 5, 5, ".toml") == 0;
}

// A scenario file: what it holds and what a run of it will need, part by part.
void print_scenario(const std::string& path, int threads) {
  auto count = [](std::uint64_t n) { return static_cast<unsigned long long>(n); };
  Scenario scenario = load_scenario(path);
  load_result_inputs(scenario);
  const Network& net = scenario.network;
  const TransitScenario& transit = scenario.transit;
  std::printf("scenario   %s (sha256 %.16s...)\n", scenario.name.c_str(), scenario.sha256.c_str());
  std::printf("period     %s - %s, step %g s, bins of %g s\n",
              format_time_of_day(scenario.sim.start_s).c_str(),
              format_time_of_day(scenario.sim.end_s).c_str(), scenario.sim.step_s,
              scenario.output.bin_s);
  std::printf("network    %llu nodes, %llu links, %llu turns, %llu signalised nodes\n",
              count(net.node_count), count(net.link_count), count(net.turn_count),
              count(net.signalised_node_count()));
  std::printf("demand     %llu road trips, %llu events\n", count(scenario.demand.road_trip_count()),
              count(scenario.events.size()));
  if (transit.present()) {
    std::printf("transit    %llu stops, %llu routes, %llu trips, %llu calls, %llu passengers\n",
                count(transit.timetable.stop_count()), count(transit.timetable.route_count()),
                count(transit.timetable.trip_count()), count(transit.timetable.call_count()),
                count(transit.passengers.depart_s.size()));
  }
  const MemoryEstimate memory = estimate_memory(scenario, process_baseline(threads));
  std::printf("memory     about %s at the peak of a run on %d threads:\n",
              format_bytes(memory.total_bytes()).c_str(), threads);
  std::printf("  (whole run + the larger of routing and simulation)\n");
  const char* phases[] = {"whole run", "routing", "simulation"};
  for (const MemoryPart& part : memory.parts) {
    std::printf("  %-10s %-22s %10s  %s\n", phases[static_cast<int>(part.phase)], part.name.c_str(),
                format_bytes(part.bytes).c_str(), part.counts.c_str());
  }
}

}  // namespace

void add_info_command(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  auto threads = std::make_shared<int>(0);
  auto top_links = std::make_shared<std::size_t>(0);
  CLI::App* cmd = app.add_subcommand(
      "info",
      "Show what a result file holds and its KPIs, an assignment file's gap per iteration, or a "
      "scenario file's size and the memory a run of it will need");
  cmd->add_option("file", *path,
                  "Result file (HDF5) written by `arteria run` or `arteria assign`, a scenario "
                  "file (.toml), or a GTFS feed (.zip or folder)")
      ->required();
  cmd->add_option("--threads,-t", *threads,
                  "Scenario files: the threads of the run to estimate for (0: every core)")
      ->check(CLI::Range(0, max_threads));
  cmd->add_option("--top-links", *top_links,
                  "Result files: list the N busiest links and the N with the most delay "
                  "(vehicle-hours above free flow)")
      ->check(CLI::PositiveNumber);
  auto date = std::make_shared<std::string>();
  cmd->add_option("--date", *date, "GTFS feeds: the service day YYYYMMDD (default: the busiest)");
  cmd->callback([path, threads, top_links, date] {
    if (is_gtfs_feed(*path)) {
      print_feed_info(*path, *date);
      return;
    }
    if (is_scenario_file(*path)) {
      const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
      print_scenario(*path, *threads > 0 ? std::min(*threads, cores) : cores);
      return;
    }
    if (is_assignment_file(*path)) {
      print_assignment(read_assignment_summary(*path));
      return;
    }
    const RunSummary summary = read_run_summary(*path);
    print(summary);
    print_transit(summary.kpis, summary);
    if (*top_links > 0) print_top_links(*path, *top_links);
    std::fflush(stdout);
    warn_if_incomplete(summary.kpis, summary.meta.end_s);
  });
}

}  // namespace arteria::cli
