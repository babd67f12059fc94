#include "output/dynamic_assignment_writer.hpp"

#include "output/network_writer.hpp"
#include "output/sealed_assignment_file.hpp"

namespace arteria {
namespace {

void write_iterations(hid_t parent, const DynamicAssignmentRecord& record) {
  const h5::Group iterations = h5::create_group(parent, "iterations");
  std::vector<double> gap, travel_time, switched;
  std::vector<std::uint64_t> unfinished;
  for (const DynamicIteration& it : record.iterations) {
    gap.push_back(it.relative_gap);
    travel_time.push_back(it.mean_travel_time_s);
    switched.push_back(it.switched_share);
    unfinished.push_back(it.unfinished_trips);
  }
  h5::write_column(iterations.get(), "relative_gap", gap);
  h5::write_column(iterations.get(), "mean_travel_time_s", travel_time, "s");
  h5::write_column(iterations.get(), "switched_share", switched);
  h5::write_column(iterations.get(), "unfinished_trips", unfinished);
}

void write_routes(hid_t parent, const DynamicAssignmentRecord& record) {
  const h5::Group routes = h5::create_group(parent, "routes");
  h5::write_column(routes.get(), "trips", record.route_trips);
  h5::write_column(routes.get(), "first_link", record.route_first_link);
  const h5::Dataset links = h5::write_column(routes.get(), "links", record.route_links);
  h5::write_attribute(links.get(), "index_of", "/network/links");
  const h5::Group trips = h5::create_group(parent, "trips");
  const h5::Dataset route = h5::write_column(trips.get(), "route", record.trip_route);
  h5::write_attribute(route.get(), "index_of", "/assignment/routes");
  h5::write_column(trips.get(), "id", record.trip_id);
}

void write_contents(hid_t file, const Network& network, const DynamicAssignmentRecord& record,
                    const AssignmentFileInfo& info) {
  write_network(file, network);
  const h5::Group group = h5::create_group(file, "assignment");
  h5::write_attribute(group.get(), "format", "arteria.assignment");
  h5::write_attribute(group.get(), "format_version", 1);
  h5::write_attribute(group.get(), "kind", "dynamic");
  h5::write_attribute(group.get(), "scenario", info.scenario);
  h5::write_attribute(group.get(), "scenario_sha256", info.scenario_sha256);
  h5::write_attribute(group.get(), "arteria_version", info.arteria_version);
  h5::write_attribute(group.get(), "switching", switch_rule_name(record.switching));
  h5::write_attribute(group.get(), "warm_start",
                      !record.warm_start                 ? "shortest_path"
                      : record.start_routes_from.empty() ? "equilibrium"
                                                         : "start_routes");
  h5::write_attribute(group.get(), "stop_reason",
                      record.converged ? "converged" : "max_iterations");
  h5::write_attribute(group.get(), "target_relative_gap", record.target_gap);
  h5::write_attribute(group.get(), "relative_gap",
                      record.iterations.empty() ? 0.0 : record.iterations.back().relative_gap);
  h5::write_attribute(group.get(), "iterations",
                      static_cast<std::uint64_t>(record.iterations.size()));
  h5::write_attribute(group.get(), "choosing_trips", record.choosing_trips);
  write_iterations(group.get(), record);
  write_routes(group.get(), record);
  const h5::Group perf = h5::create_group(group.get(), "perf");
  std::vector<double> wall, simulation, routing;
  for (const DynamicIteration& it : record.iterations) {
    wall.push_back(it.wall_s);
    simulation.push_back(it.simulation_s);
    routing.push_back(it.routing_s);
  }
  h5::write_column(perf.get(), "wall_s", wall, "s");
  h5::write_column(perf.get(), "simulation_s", simulation, "s");
  h5::write_column(perf.get(), "routing_s", routing, "s");
  h5::write_attribute(perf.get(), "total_s", record.wall_s);
  h5::write_attribute(perf.get(), "threads", record.threads);
}

}  // namespace

void write_dynamic_assignment_file(const std::string& path, const Network& network,
                                   const DynamicAssignmentRecord& record,
                                   const AssignmentFileInfo& info) {
  write_sealed_assignment_file(path,
                               [&](hid_t file) { write_contents(file, network, record, info); });
}

}  // namespace arteria
