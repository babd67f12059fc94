#include "output/assignment_writer.hpp"

#include <filesystem>
#include <system_error>

#include "base/file_claim.hpp"
#include "base/sealed_file.hpp"
#include "output/hdf5_handle.hpp"
#include "output/network_writer.hpp"
#include "output/sealed_assignment_file.hpp"
#include "output/sealed_outputs.hpp"

namespace arteria {
namespace {

void write_links(hid_t parent, const AssignmentProblem& problem, const AssignmentResult& result) {
  const h5::Group links = h5::create_group(parent, "links");
  const double seconds = problem.seconds_per_cost_unit;
  const Index count = problem.link_count();
  std::vector<double> cost_s(count), free_flow_s(count), fixed_s(count), capacity(count), b(count),
      power(count);
  for (Index l = 0; l < count; ++l) {
    const BprFunction& f = problem.links[l];
    cost_s[l] = result.link_cost[l] * seconds;
    free_flow_s[l] = f.free_flow_time * seconds;
    fixed_s[l] = f.fixed_cost * seconds;
    capacity[l] = f.capacity;
    b[l] = f.b;
    power[l] = f.power;
  }
  h5::write_column(links.get(), "flow", result.link_flow, "veh/h");
  h5::write_column(links.get(), "cost_s", cost_s, "s");
  h5::write_column(links.get(), "free_flow_time_s", free_flow_s, "s");
  h5::write_column(links.get(), "fixed_cost_s", fixed_s, "s");
  h5::write_column(links.get(), "capacity", capacity, "veh/h");
  h5::write_column(links.get(), "b", b);
  h5::write_column(links.get(), "power", power);
  std::vector<std::uint8_t> closed(count, 0);
  if (!problem.link_closed.empty()) closed = problem.link_closed;
  h5::write_column(links.get(), "closed", closed);
}

void write_iterations(hid_t parent, const AssignmentProblem& problem,
                      const AssignmentResult& result) {
  const h5::Group iterations = h5::create_group(parent, "iterations");
  std::vector<double> gap, objective;
  for (const AssignmentIteration& it : result.history) {
    gap.push_back(it.relative_gap);
    objective.push_back(it.objective * problem.seconds_per_cost_unit);
  }
  h5::write_column(iterations.get(), "relative_gap", gap);
  h5::write_column(iterations.get(), "objective", objective, "veh*s/h");
}

// The OD pairs as assigned and their routes: routes of pair i are rows
// [first_route[i], first_route[i + 1]) of /assignment/routes, whose links are
// links[first_link[r], first_link[r + 1]).
void write_od_and_routes(hid_t parent, const AssignmentProblem& problem,
                         const AssignmentResult& result) {
  const h5::Group od = h5::create_group(parent, "od");
  std::vector<Index> origin, destination, first_route{0};
  std::vector<double> flow;
  std::vector<std::uint8_t> reachable(problem.od.size(), 1);
  for (const std::size_t i : result.unreachable_od) reachable[i] = 0;
  std::vector<double> route_flow;
  std::vector<Index> first_link{0}, links;
  for (std::size_t i = 0; i < problem.od.size(); ++i) {
    origin.push_back(problem.od[i].origin);
    destination.push_back(problem.od[i].destination);
    flow.push_back(problem.od[i].flow);
    for (const AssignmentPath& path : result.od_paths[i]) {
      route_flow.push_back(path.flow);
      links.insert(links.end(), path.links.begin(), path.links.end());
      first_link.push_back(static_cast<Index>(links.size()));
    }
    first_route.push_back(static_cast<Index>(route_flow.size()));
  }
  const h5::Dataset origin_set = h5::write_column(od.get(), "origin", origin);
  h5::write_attribute(origin_set.get(), "index_of", "/network/nodes");
  const h5::Dataset destination_set = h5::write_column(od.get(), "destination", destination);
  h5::write_attribute(destination_set.get(), "index_of", "/network/nodes");
  h5::write_column(od.get(), "flow", flow, "veh/h");
  h5::write_column(od.get(), "reachable", reachable);
  const h5::Dataset first = h5::write_column(od.get(), "first_route", first_route);
  h5::write_attribute(first.get(), "index_of", "/assignment/routes");

  const h5::Group routes = h5::create_group(parent, "routes");
  h5::write_column(routes.get(), "flow", route_flow, "veh/h");
  h5::write_column(routes.get(), "first_link", first_link);
  const h5::Dataset link_set = h5::write_column(routes.get(), "links", links);
  h5::write_attribute(link_set.get(), "index_of", "/network/links");
}

void write_contents(hid_t file, const Network& network, const AssignmentProblem& problem,
                    const AssignmentResult& result, const AssignmentOptions& options,
                    const AssignmentFileInfo& info) {
  write_network(file, network);
  const h5::Group group = h5::create_group(file, "assignment");
  h5::write_attribute(group.get(), "format", "arteria.assignment");
  h5::write_attribute(group.get(), "format_version", 1);
  h5::write_attribute(group.get(), "kind", "static");
  h5::write_attribute(group.get(), "scenario", info.scenario);
  h5::write_attribute(group.get(), "scenario_sha256", info.scenario_sha256);
  h5::write_attribute(group.get(), "arteria_version", info.arteria_version);
  h5::write_attribute(group.get(), "algorithm", assignment_algorithm_name(options.algorithm));
  h5::write_attribute(group.get(), "stop_reason", assignment_stop_name(result.stop));
  h5::write_attribute(group.get(), "target_relative_gap", options.target_relative_gap);
  h5::write_attribute(group.get(), "relative_gap", result.relative_gap);
  h5::write_attribute(group.get(), "objective", result.objective * problem.seconds_per_cost_unit);
  h5::write_attribute(group.get(), "iterations", static_cast<std::uint64_t>(result.iterations));
  h5::write_attribute(group.get(), "unreachable_od",
                      static_cast<std::uint64_t>(result.unreachable_od.size()));
  write_links(group.get(), problem, result);
  write_iterations(group.get(), problem, result);
  write_od_and_routes(group.get(), problem, result);
  const h5::Group perf = h5::create_group(group.get(), "perf");
  std::vector<double> elapsed;
  for (const AssignmentIteration& it : result.history) elapsed.push_back(it.elapsed_s);
  h5::write_column(perf.get(), "elapsed_s", elapsed, "s");
  h5::write_attribute(perf.get(), "total_s", result.elapsed_s);
  h5::write_attribute(perf.get(), "threads", options.threads);
}

}  // namespace

void write_sealed_assignment_file(const std::string& path,
                                  const std::function<void(hid_t file)>& contents) {
  const std::string temp = path + ".tmp";
  // Not inside the try: a temp file another writer of the same output holds is not ours.
  const FileClaim claim(temp);
  try {
    const h5::QuietErrors quiet;
    h5::File file = h5::create_file(temp, sealed_header_bytes);
    contents(file.get());
    file.close_checked("H5Fclose", temp);
    seal_file(temp, assignment_file_magic);
    std::filesystem::rename(temp, path);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    throw;
  }
}

void write_assignment_file(const std::string& path, const Network& network,
                           const AssignmentProblem& problem, const AssignmentResult& result,
                           const AssignmentOptions& options, const AssignmentFileInfo& info) {
  write_sealed_assignment_file(
      path, [&](hid_t file) { write_contents(file, network, problem, result, options, info); });
}

}  // namespace arteria
