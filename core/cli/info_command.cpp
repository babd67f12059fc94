#include <cstdio>
#include <memory>

#include "cli/commands.hpp"
#include "io/run_reader.hpp"
#include "util/csv.hpp"

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

}  // namespace

void add_info_command(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("info", "Show what a result file holds and its KPIs");
  cmd->add_option("file", *path, "Result file (HDF5) written by `arteria run`")->required();
  cmd->callback([path] { print(read_run_summary(*path)); });
}

}  // namespace arteria::cli
