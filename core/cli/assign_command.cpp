// `arteria assign`: the static user equilibrium of a scenario's road network and demand
// ([assignment] in the scenario file; the options here override it), written as an HDF5 file
// and optionally a CSV table of links.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>

#include "base/atomic_text_file.hpp"
#include "base/csv_write.hpp"
#include "base/error.hpp"
#include "base/progress.hpp"
#include "cli/commands.hpp"
#include "output/assignment_writer.hpp"
#include "run/dynamic_assignment.hpp"
#include "run/result_inputs.hpp"
#include "scenario/build_scenario.hpp"
#include "scenario/scenario_assignment.hpp"
#include "scenario/scenario_file.hpp"

namespace arteria::cli {
namespace {

struct AssignArguments {
  std::string scenario_path;
  std::string output_path;
  std::string csv_path;
  int threads = -1;  // -1: as the scenario says
  double gap = -1.0;
  long long max_iterations = -1;
  double time_limit_s = -1.0;
  std::string algorithm;
  std::vector<std::string> overrides;
  bool no_progress = false;
  bool dynamic = false;
};

void write_csv(const std::string& path, const Network& network, const AssignmentProblem& problem,
               const AssignmentResult& result) {
  AtomicTextFile file(path);
  std::ofstream& out = file.out();
  out << "id,from,to,flow,cost_s,capacity,v/c\n";
  for (Index l = 0; l < network.link_count; ++l) {
    const double capacity = problem.links[l].capacity;
    out << csv_field(network.link_external_id[l]) << ','
        << csv_field(network.node_external_id[network.link_from_node[l]]) << ','
        << csv_field(network.node_external_id[network.link_to_node[l]]) << ','
        << format_double(result.link_flow[l]) << ','
        << format_double(result.link_cost[l] * problem.seconds_per_cost_unit) << ','
        << format_double(capacity) << ','
        << (capacity > 0.0 ? format_double(result.link_flow[l] / capacity) : "") << '\n';
  }
  file.commit();
}

AssignmentFileInfo file_info(const Scenario& scenario) {
  AssignmentFileInfo info;
  info.scenario = scenario.name;
  info.scenario_sha256 = scenario.sha256;
  info.arteria_version = ARTERIA_VERSION;
  return info;
}

// `--dynamic` or [assignment] kind = "dynamic": simulate, re-route, switch, until the target gap.
void assign_dynamic(const AssignArguments& args, ScenarioSpec& spec) {
  spec.assignment.dynamic.enabled = true;
  if (args.max_iterations > 0) {
    spec.assignment.dynamic.max_iterations = static_cast<Index>(args.max_iterations);
  }
  if (args.gap > 0.0) spec.assignment.dynamic.target_gap = args.gap;
  auto scenario = std::make_shared<Scenario>(build_scenario(spec));
  load_result_inputs(*scenario);
  DynamicAssignmentOptions options;
  options.threads = args.threads >= 0 ? args.threads : scenario->sim.threads;
  if (!args.no_progress) options.on_iteration = print_dynamic_iteration;
  const DynamicAssignmentRecord record = arteria::assign_dynamic(*scenario, options);
  write_dynamic_assignment_file(args.output_path, scenario->network, record, file_info(*scenario));
  const DynamicIteration& last = record.iterations.back();
  std::printf("%s: %u links, %llu trips choosing routes, %s switching%s\n", scenario->name.c_str(),
              scenario->network.link_count, static_cast<unsigned long long>(record.choosing_trips),
              switch_rule_name(record.switching),
              record.warm_start ? ", warm start from the static equilibrium" : "");
  std::printf("  %s after %zu iterations: relative gap %.3e, mean travel time %.1f s, %.2f s\n",
              record.converged ? "converged" : "max_iterations", record.iterations.size(),
              last.relative_gap, last.mean_travel_time_s, record.wall_s);
  std::printf("  wrote %s\n", args.output_path.c_str());
}

void assign(const AssignArguments& args) {
  ScenarioSpec spec = read_scenario_spec(args.scenario_path, args.overrides);
  if (args.dynamic || spec.assignment.dynamic.enabled) {
    if (!args.csv_path.empty() || !args.algorithm.empty() || args.time_limit_s > 0.0) {
      throw InputError(args.scenario_path, 0, "",
                       "--csv, --algorithm and --time-limit are for static assignments");
    }
    assign_dynamic(args, spec);
    return;
  }
  // The vehicles' routes are the run's business; solving for them here would solve twice.
  spec.assignment.equilibrium_routes = false;
  const Scenario scenario = build_scenario(spec);
  AssignmentOptions options = spec.assignment.options;
  options.threads = args.threads >= 0 ? args.threads : scenario.sim.threads;
  if (args.gap > 0.0) options.target_relative_gap = args.gap;
  if (args.max_iterations > 0) options.max_iterations = static_cast<Index>(args.max_iterations);
  if (args.time_limit_s > 0.0) options.time_limit_s = args.time_limit_s;
  if (!args.algorithm.empty()) parse_assignment_algorithm(args.algorithm, options.algorithm);

  const AssignmentProblem problem = scenario_assignment_problem(spec, scenario);
  const std::vector<std::size_t> unreachable = unreachable_od_pairs(problem, options.threads);
  const std::string summary = unreachable_summary(problem, unreachable, scenario.network);
  if (!summary.empty() && !spec.assignment.allow_unreachable) {
    throw InputError(spec.source_path, spec.assignment.line, "assignment.allow_unreachable",
                     summary + "; set allow_unreachable = true in [assignment] to assign the rest");
  }
  const bool progress = !args.no_progress && ProgressBar::stderr_is_terminal();
  options.on_iteration = [progress](const AssignmentIteration& it) {
    if (!progress) return;
    std::fprintf(stderr, "\riteration %5u  relative gap %.3e  objective %.10g  %.2f s ",
                 it.iteration, it.relative_gap, it.objective, it.elapsed_s);
    std::fflush(stderr);
  };
  const AssignmentResult result = solve_assignment(problem, options);
  if (progress) std::fputc('\n', stderr);

  write_assignment_file(args.output_path, scenario.network, problem, result, options,
                        file_info(scenario));
  if (!args.csv_path.empty()) write_csv(args.csv_path, scenario.network, problem, result);

  double demand = 0.0;
  for (const OdFlow& od : problem.od) demand += od.flow;
  std::printf("%s: %u nodes, %u links, %zu OD pairs, %.0f veh/h, %s\n", scenario.name.c_str(),
              scenario.network.node_count, scenario.network.link_count, problem.od.size(), demand,
              assignment_algorithm_name(options.algorithm));
  std::printf("  %s after %u iterations: relative gap %.3e, objective %.10g veh*s/h, %.2f s\n",
              assignment_stop_name(result.stop), result.iterations, result.relative_gap,
              result.objective * problem.seconds_per_cost_unit, result.elapsed_s);
  if (!summary.empty()) std::printf("  warning: %s (left unassigned)\n", summary.c_str());
  std::printf("  wrote %s%s%s\n", args.output_path.c_str(), args.csv_path.empty() ? "" : " and ",
              args.csv_path.c_str());
}

}  // namespace

void print_dynamic_iteration(Index iteration, const DynamicIteration& it) {
  std::fprintf(stderr,
               "iteration %3u  relative gap %.4f  mean travel time %7.1f s  switched %5.1f %%  "
               "unfinished %llu  %.2f s (simulation %.2f s, routing %.2f s)\n",
               iteration + 1, it.relative_gap, it.mean_travel_time_s, 100.0 * it.switched_share,
               static_cast<unsigned long long>(it.unfinished_trips), it.wall_s, it.simulation_s,
               it.routing_s);
}

void add_assign_command(CLI::App& app) {
  auto args = std::make_shared<AssignArguments>();
  CLI::App* cmd = app.add_subcommand(
      "assign", "Static user equilibrium of a scenario's roads and demand (BPR costs)");
  cmd->add_option("scenario", args->scenario_path, "Scenario file (TOML)")->required();
  cmd->add_option("--out,-o", args->output_path, "Output HDF5 file")->required();
  cmd->add_option("--csv", args->csv_path, "Also write one row per link to this CSV file");
  cmd->add_option("--threads,-t", args->threads, "Worker threads (0: every core)")
      ->check(CLI::Range(0, max_threads));
  cmd->add_option("--gap", args->gap, "Target relative gap (default: [assignment] gap, 1e-6)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-iterations", args->max_iterations, "Iteration limit")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--time-limit", args->time_limit_s, "Time limit in seconds")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--algorithm", args->algorithm,
                  "algorithm_b, frank_wolfe or biconjugate_frank_wolfe")
      ->check(CLI::IsMember({"algorithm_b", "frank_wolfe", "biconjugate_frank_wolfe"}));
  cmd->add_option("--set", args->overrides, "Override a scenario value, e.g. assignment.gap=1e-8");
  cmd->add_flag("--no-progress", args->no_progress, "Do not print the per-iteration line");
  cmd->add_flag("--dynamic", args->dynamic,
                "Dynamic assignment on the simulation (as [assignment] kind = \"dynamic\"): "
                "--gap is then the target gap, --max-iterations counts simulations");
  cmd->callback([args] { assign(*args); });
}

}  // namespace arteria::cli
