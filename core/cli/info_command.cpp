#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "base/csv.hpp"
#include "base/text.hpp"
#include "cli/commands.hpp"
#include "output/run_reader.hpp"

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
  std::printf(
      "vehicles   inserted %llu, arrived %llu, en route %llu, stuck %llu, waiting %llu, "
      "not departed %llu, unroutable %llu\n",
      count(k.vehicles_inserted), count(k.vehicles_arrived), count(k.vehicles_en_route),
      count(k.vehicles_stuck), count(k.vehicles_waiting), count(k.vehicles_not_departed),
      count(k.vehicles_unroutable));
  std::printf("           push-throughs %llu, reroutes %llu\n", count(k.stuck_push_throughs),
              count(k.reroutes));
  std::printf("traffic    VKT %.0f km, VHT %.0f h, mean travel time %.1f s, mean delay %.1f s\n",
              k.vkt_km, k.vht_h, k.mean_travel_time_s, k.mean_delay_s);
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

}  // namespace

void add_info_command(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("info", "Show what a result file holds and its KPIs");
  cmd->add_option("file", *path, "Result file (HDF5) written by `arteria run`")->required();
  cmd->callback([path] {
    const RunSummary summary = read_run_summary(*path);
    print(summary);
    print_transit(summary.kpis, summary);
  });
}

}  // namespace arteria::cli
