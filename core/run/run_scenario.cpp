#include "run/run_scenario.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "base/error.hpp"
#include "base/memory.hpp"
#include "base/progress.hpp"
#include "output/run_writer.hpp"
#include "run/memory_estimate.hpp"
#include "sim/driven_routes.hpp"
#include "sim/simulation.hpp"

namespace arteria {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

RunMeta meta_of(const Scenario& scenario, int threads) {
  RunMeta meta;
  meta.engine_version = ARTERIA_VERSION;
  meta.scenario_name = scenario.name;
  meta.scenario_sha256 = scenario.sha256;
  meta.seed = scenario.sim.seed;
  meta.threads = threads;
  meta.step_s = scenario.sim.step_s;
  meta.start_s = scenario.sim.start_s;
  meta.end_s = scenario.sim.end_s;
  meta.bin_s = scenario.output.bin_s;
  meta.routes = scenario.routes.dynamic       ? "dynamic"
                : scenario.routes.equilibrium ? "equilibrium"
                                              : "shortest_path";
  meta.equilibrium_route_trips = scenario.routes.equilibrium_trips;
  return meta;
}

// Refuses, before anything big is allocated, a run whose estimate exceeds the limit.
void check_memory(const Scenario& scenario, std::uint64_t estimate, std::uint64_t max_bytes) {
  const std::uint64_t available = available_memory_bytes();
  const std::uint64_t limit = max_bytes > 0 ? max_bytes : available;
  if (limit == 0 || estimate <= limit) return;
  const std::string what = max_bytes > 0
                               ? "the limit of " + format_bytes(max_bytes) + " (--max-memory)"
                               : "the " + format_bytes(available) + " this machine has available";
  const std::string name = scenario.source_path.empty() ? "SCENARIO" : scenario.source_path;
  throw InputError(
      scenario_source_name(scenario), 0, "",
      "the run needs about " + format_bytes(estimate) + " of memory, more than " + what +
          "; nothing was written. `arteria info " + name +
          "` shows where it goes. Run with fewer trips (demand.trips, or a smaller demand file), "
          "without the trips table (--set output.trips=false), or give --max-memory more "
          "(e.g. --max-memory " +
          format_bytes(estimate * 5 / 4) + ") if the memory is there");
}

}  // namespace

namespace {

// A fresh simulation, or one continued from `options.resume_path` (then `bins` holds the series
// recorded before the checkpoint, and the routing report lists the trips left unroutable).
std::unique_ptr<Simulation> start_simulation(const std::shared_ptr<const Scenario>& scenario,
                                             const RunOptions& options,
                                             std::optional<PreparedCch> car_cch,
                                             std::vector<LinkBin>& bins, RunResult& result) {
  if (options.resume_path.empty()) {
    auto sim = std::make_unique<Simulation>(scenario, options.threads, std::move(car_cch));
    result.routing = sim->routing();
    return sim;
  }
  auto sim = std::make_unique<Simulation>(load_checkpoint(options.resume_path, scenario, bins),
                                          options.threads);
  result.resumed_from_s = sim->time_s();
  const std::vector<VehicleStatus>& status = sim->state().vehicles.status;
  for (Index v = 0; v < status.size(); ++v) {
    if (status[v] == VehicleStatus::unroutable) result.routing.unroutable_trips.push_back(v);
  }
  return sim;
}

// Routing's car CCH, built once for the memory estimate and for routing (none for a resumed run,
// which routes nothing, nor when every trip has its route), after refusing a run whose estimate
// exceeds the limit.
std::optional<PreparedCch> checked_car_cch(const Scenario& scenario, const RunOptions& options,
                                           RunResult& result) {
  std::optional<PreparedCch> car_cch;
  if (options.resume_path.empty() && !scenario.demand.every_trip_has_route()) {
    car_cch.emplace(prepare_cch(scenario.network, mode_car));
  }
  const MemoryEstimate memory =
      estimate_memory(scenario, process_baseline(resolve_threads(options.threads)),
                      car_cch ? &car_cch->topology : nullptr);
  check_memory(scenario, memory.total_bytes(), options.max_memory_bytes);
  result.perf.memory_estimate_mb = static_cast<double>(memory.total_bytes()) / 1048576.0;
  return car_cch;
}

// The tables written once at the end: trips (with their driven routes when asked) and transit.
void write_tables(const Scenario& scenario, const Simulation& sim, RunWriter& writer) {
  if (scenario.output.trips) {
    TripRecords trips = sim.trip_records();
    if (scenario.output.routes) {
      TripRoutes driven = driven_routes(sim.state());
      trips.route_first_link = std::move(driven.trip_first_link);
      trips.route_links = std::move(driven.links);
    }
    writer.write_trips(std::move(trips));
  }
  if (scenario.transit.present()) writer.write_transit(sim.transit_records());
  if (scenario.emergency.present()) {
    writer.write_dispatches(dispatch_records(scenario, sim.state()));
  }
}

void record_perf(const Simulation& sim, const RunWriter& writer, RunResult& result) {
  result.perf.routing_s = result.routing.wall_s;
  result.perf.routing_order_s = result.routing.preparation.order_s;
  result.perf.routing_customization_s = result.routing.customization_s;
  result.perf.planning_s = sim.planning_s();
  result.perf.rerouting_s = sim.rerouting_s();
  result.perf.link_transitions = sim.counts().transitions;
  result.perf.vehicle_seconds = result.kpis.vht_h * 3600.0;
  result.perf.peak_rss_mb = peak_rss_mb();
  result.perf.output_s = writer.waited_s();
}

}  // namespace

RunResult run_scenario(std::shared_ptr<const Scenario> scenario, const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  RunResult result;
  if (scenario->dynamic_assignment.enabled && options.resume_path.empty()) {
    result.dynamic_assignment = assign_dynamic(
        *scenario, {.threads = options.threads, .on_iteration = options.on_dynamic_iteration});
    scenario = with_dynamic_routes(*scenario, result.dynamic_assignment);
  }
  result.output_path = options.output_path.empty() ? scenario->output.file : options.output_path;
  if (scenario->emergency.present() &&
      (options.checkpoints.every_s > 0.0 || !options.resume_path.empty())) {
    // A checkpoint would lose the vehicles en route and the signals they hold.
    throw std::invalid_argument(
        "checkpoints do not hold emergency vehicles yet: run a scenario with "
        "[[emergency_stations]] without --checkpoint-every and --resume");
  }

  std::optional<PreparedCch> car_cch = checked_car_cch(*scenario, options, result);

  std::vector<LinkBin> bins;  // every bin so far, kept only for checkpoints
  std::unique_ptr<Simulation> simulation =
      start_simulation(scenario, options, std::move(car_cch), bins, result);
  Simulation& sim = *simulation;
  result.threads = sim.threads();
  RunWriter writer(result.output_path, meta_of(*scenario, sim.threads()), scenario->network,
                   scenario->output.emissions);
  writer.write_events(scenario->events);
  writer.write_vehicle_classes(scenario->demand);
  CheckpointOptions checkpoint_options = options.checkpoints;
  if (checkpoint_options.dir.empty()) {
    const std::filesystem::path beside = std::filesystem::path(result.output_path).parent_path();
    checkpoint_options.dir = beside.empty() ? "." : beside.string();
  }
  CheckpointSchedule checkpoints(*scenario, std::move(checkpoint_options), sim.time_s());
  for (LinkBin& bin : bins) {
    writer.append_link_bin(checkpoints.enabled() ? LinkBin(bin) : std::move(bin));
  }
  if (!checkpoints.enabled()) bins.clear();
  sim.set_bin_sink([&](LinkBin&& bin) {
    if (checkpoints.enabled()) bins.push_back(bin);
    writer.append_link_bin(std::move(bin));
  });

  const auto stepping = std::chrono::steady_clock::now();
  result.perf.load_s = options.load_s;
  result.perf.startup_s = std::chrono::duration<double>(stepping - started).count();
  if (options.until_clear) {
    sim.run_until_clear(options.clear_cap_s >= 0.0 ? options.clear_cap_s
                                                   : scenario->sim.end_s + default_clear_margin_s);
  }
  ProgressBar progress(scenario->sim.start_s, sim.end_s(), options.progress, result.resumed_from_s);
  while (!sim.done()) {
    sim.step();
    if (checkpoints.due(sim.time_s()) && !sim.done()) checkpoints.write(sim, bins);
    if (progress.due()) progress.update(sim.time_s(), sim.counts().en_route);
  }
  sim.flush_bin();
  progress.finish();
  result.perf.simulation_s = seconds_since(stepping);
  result.checkpoints = checkpoints.written();
  result.checkpoint_s = checkpoints.wall_s();

  result.kpis = sim.kpis();  // also asserts conservation of vehicles
  write_tables(*scenario, sim, writer);
  record_perf(sim, writer, result);
  result.perf.total_s = options.load_s + seconds_since(started);
  result.kpis = writer.finish(result.kpis, result.perf);  // with the emission totals
  result.wall_s = options.load_s + seconds_since(started);
  return result;
}

}  // namespace arteria
