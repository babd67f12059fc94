#include "scenario/scenario_assignment.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <utility>

#include "assignment/assignment_events.hpp"
#include "base/text.hpp"

namespace arteria {
namespace {

void read_demand_period(TomlTable& table, AssignmentSpec& spec) {
  const toml::array* period = table.array("demand_period");
  if (!period) return;
  if (period->size() != 2) table.fail("demand_period", "expected [\"HH:MM\", \"HH:MM\"]");
  const auto start = toml_time_seconds(*period->get(0));
  const auto end = toml_time_seconds(*period->get(1));
  if (!start || !end) table.fail("demand_period", "expected two times, [\"HH:MM\", \"HH:MM\"]");
  if (!(*end > *start)) table.fail("demand_period", "the end is not after the start");
  spec.demand_start_s = *start;
  spec.demand_end_s = *end;
}

// Hourly flows of the trips departing in the period, one OD entry per (origin, destination)
// in order of first departure, pointing at that trip's source.
void count_trips(const AssignmentSpec& spec, const Scenario& scenario, AssignmentProblem& problem) {
  const Demand& demand = scenario.demand;
  const auto [start, end] = assignment_demand_period(spec, scenario);
  const double hours = (end - start) / 3600.0;
  problem.files = demand.files;
  std::map<std::pair<Index, Index>, std::size_t> entry;
  for (Index trip = 0; trip < demand.road_trip_count(); ++trip) {
    const double depart = demand.trip_depart_s[trip];
    if (depart < start || depart >= end) continue;
    const auto key = std::make_pair(demand.trip_origin[trip], demand.trip_destination[trip]);
    const auto [it, added] = entry.emplace(key, problem.od.size());
    if (added) problem.od.push_back({key.first, key.second, 0.0, demand.trip_where[trip]});
    problem.od[it->second].flow += demand.trip_pcu[trip] / hours;
  }
}

void tntp_flows(const AssignmentSpec& spec, const Network& network, AssignmentProblem& problem) {
  const TntpOdTable od = read_tntp_trips(spec.tntp_trips);
  problem.files = {spec.tntp_trips};
  for (std::size_t i = 0; i < od.pair_count(); ++i) {
    const Index origin = network.find_node(std::to_string(od.origin[i]));
    const Index destination = network.find_node(std::to_string(od.destination[i]));
    if (origin == invalid_index || destination == invalid_index) {
      throw InputError(
          spec.tntp_trips, od.line[i], origin == invalid_index ? "origin" : "destination",
          "zone " + std::to_string(origin == invalid_index ? od.origin[i] : od.destination[i]) +
              " is not a node of the network");
    }
    problem.od.push_back({origin, destination, od.flow[i], {0, od.line[i]}});
  }
}

}  // namespace

std::pair<double, double> assignment_demand_period(const AssignmentSpec& spec,
                                                   const Scenario& scenario) {
  return {std::isnan(spec.demand_start_s) ? scenario.sim.start_s : spec.demand_start_s,
          std::isnan(spec.demand_end_s) ? scenario.sim.end_s : spec.demand_end_s};
}

AssignmentSpec read_assignment_table(TomlTable* table, TomlTable& root) {
  AssignmentSpec spec;
  if (table) {
    spec.line = root.line("assignment");
    const std::string algorithm = table->choice(
        "algorithm", {"algorithm_b", "frank_wolfe", "biconjugate_frank_wolfe"}, "algorithm_b");
    parse_assignment_algorithm(algorithm, spec.options.algorithm);
    spec.options.target_relative_gap =
        table->number_in("gap", spec.options.target_relative_gap, valid::relative_gap);
    // kind first: max_iterations counts simulations for a dynamic assignment (default 20).
    spec.dynamic.enabled = table->choice("kind", {"static", "dynamic"}, "static") == "dynamic";
    if (spec.dynamic.enabled) {
      spec.dynamic.max_iterations = static_cast<Index>(
          table->integer_in("max_iterations", spec.dynamic.max_iterations, 1, 10000));
    } else {
      spec.options.max_iterations = static_cast<Index>(
          table->integer_in("max_iterations", spec.options.max_iterations, 1, 100000000));
    }
    spec.dynamic.target_gap =
        table->number_in("target_gap", spec.dynamic.target_gap, valid::relative_gap);
    spec.dynamic.route_bin_s =
        table->number_in("route_bin_s", spec.dynamic.route_bin_s, valid::positive_duration_s);
    spec.dynamic.switching = table->choice("switching", {"msa", "gap"}, "msa") == "gap"
                                 ? SwitchRule::gap
                                 : SwitchRule::msa;
    // Read by the run stage, which can open HDF5; hashed into the fingerprint like any input.
    spec.dynamic.start_routes_from = table->input_path("start_routes").value_or("");
    if (!spec.dynamic.start_routes_from.empty() && !spec.dynamic.enabled) {
      table->fail("start_routes", "is for a dynamic assignment (kind = \"dynamic\")");
    }
    spec.options.time_limit_s =
        table->number_in("time_limit_s", spec.options.time_limit_s, valid::time_limit_s);
    spec.allow_unreachable = table->boolean("allow_unreachable").value_or(false);
    read_demand_period(*table, spec);
    spec.b = table->number_in("b", spec.b, valid::bpr_b);
    spec.power = table->number_in("power", spec.power, valid::bpr_power);
    spec.routes_given = table->has("routes");
    spec.equilibrium_routes =
        table->choice("routes", {"shortest_path", "equilibrium"}, "shortest_path") == "equilibrium";
    table->finish();
  }
  // The demand table is read for real when the scenario is built; here only its kind and file
  // matter, read against a copy of the document so the file is not listed twice as an input.
  const toml::node* demand_node = root.find("demand");
  if (demand_node && demand_node->is_table()) {
    TomlDocument peek = root.document();
    TomlTable demand(*demand_node->as_table(), "demand", peek);
    const auto source = demand.string("source");
    spec.od_demand = source == "tntp" || source == "od";
    if (source == "tntp") spec.tntp_trips = demand.input_path("file").value_or("");
  }
  return spec;
}

AssignmentProblem scenario_assignment_problem(const ScenarioSpec& spec, const Scenario& scenario) {
  const AssignmentSpec& params = spec.assignment;
  const Network& network = scenario.network;
  AssignmentProblem problem = assignment_problem_for(network);
  for (BprFunction& link : problem.links) {
    link.b = params.b;
    link.power = params.power;
  }
  // TNTP links come first, in file order (guideways, if any, follow them).
  if (spec.roads && spec.roads->tntp) {
    const TntpNetwork& tntp = *spec.roads->tntp;
    const double seconds = tntp.units.seconds_per_time_unit();
    for (std::size_t l = 0; l < tntp.bpr.size() && l < problem.links.size(); ++l) {
      const BprLink& bpr = tntp.bpr[l];
      problem.links[l] = {
          bpr.free_flow_time * seconds, bpr.capacity, bpr.b, bpr.power,
          (tntp.toll_factor * bpr.toll + tntp.distance_factor * bpr.length) * seconds};
    }
  }
  apply_network_events(network, scenario.events, assignment_demand_period(params, scenario).first,
                       problem);
  if (!params.tntp_trips.empty()) {
    tntp_flows(params, network, problem);
  } else {
    count_trips(params, scenario, problem);
  }
  return problem;
}

std::string unreachable_summary(const AssignmentProblem& problem,
                                const std::vector<std::size_t>& unreachable,
                                const Network& network) {
  if (unreachable.empty()) return {};
  std::string text =
      std::to_string(unreachable.size()) + " OD pairs with demand have no path, e.g.";
  for (std::size_t i = 0; i < unreachable.size() && i < 3; ++i) {
    const OdFlow& od = problem.od[unreachable[i]];
    char flow[32];
    std::snprintf(flow, sizeof flow, "%.4g", od.flow);
    text += std::string(i ? "," : "") + " " + network.node_external_id[od.origin] + " -> " +
            network.node_external_id[od.destination] + " (" + flow + " veh/h";
    if (od.where.file < problem.files.size()) {
      text += ", " + problem.files[od.where.file];
      if (od.where.line > 0) text += " line " + std::to_string(od.where.line);
    }
    text += ")";
  }
  return text;
}

}  // namespace arteria
