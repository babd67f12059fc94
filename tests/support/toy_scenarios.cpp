#include "toy_scenarios.hpp"

#include <algorithm>

namespace arteria::testing {

NetworkSpec toy_network(const std::vector<ToyLink>& links) {
  NetworkSpec spec;
  spec.add_file("<toy>");
  auto add_node = [&](const std::string& id) {
    const bool known = std::any_of(spec.nodes.begin(), spec.nodes.end(),
                                   [&](const NodeSpec& n) { return n.id == id; });
    if (!known)
      spec.nodes.push_back({id, 100.0 * static_cast<double>(spec.nodes.size()), 0.0, false, {}});
  };
  for (const ToyLink& link : links) {
    add_node(link.from);
    add_node(link.to);
    LinkSpec spec_link;
    spec_link.id = link.from + ">" + link.to;
    spec_link.from = link.from;
    spec_link.to = link.to;
    spec_link.length_m = link.length_m;
    spec_link.lanes = link.lanes;
    spec_link.free_speed_mps = link.speed_mps;
    spec_link.capacity_vph = link.capacity_vph;
    spec.links.push_back(spec_link);
  }
  return spec;
}

double turn_penalties_s(const Network& net, const std::vector<Index>& path) {
  double sum = 0.0;
  for (std::size_t i = 1; i < path.size(); ++i) {
    sum += net.turn_penalty_s.at(net.find_turn(path[i - 1], path[i]));
  }
  return sum;
}

void add_trips(Scenario& scenario, const std::string& origin, const std::string& destination,
               int count, double first_s, double headway_s) {
  DemandBuilder builder(scenario.network, scenario.demand);
  for (int i = 0; i < count; ++i) {
    builder.add_trip("", origin, destination, first_s + i * headway_s, 1.0f, {});
  }
}

std::shared_ptr<Scenario> toy_scenario(const NetworkSpec& spec, double end_s) {
  auto scenario = std::make_shared<Scenario>();
  scenario->name = "toy";
  scenario->network = compile_network(spec);
  scenario->sim.start_s = 0.0;
  scenario->sim.end_s = end_s;
  scenario->output.bin_s = 60.0;
  return scenario;
}

Network random_toy_network(std::mt19937& rng, int trial, bool some_bus_only) {
  std::vector<ToyLink> links;
  const int nodes = 6 + trial % 5;
  std::uniform_int_distribution<int> any(0, nodes - 1);
  std::uniform_real_distribution<double> length(10.0, 500.0);
  for (int i = 0; i < 3 * nodes; ++i) {
    const int a = any(rng);
    const int b = any(rng);
    const std::string id = "n" + std::to_string(a) + ">n" + std::to_string(b);
    const bool duplicate = std::any_of(links.begin(), links.end(),
                                       [&](const ToyLink& l) { return l.from + ">" + l.to == id; });
    if (a == b || duplicate) continue;
    links.push_back(
        {"n" + std::to_string(a), "n" + std::to_string(b), length(rng), 1, 10.0, 1800.0});
  }
  NetworkSpec spec = toy_network(links);
  for (NodeSpec& node : spec.nodes) node.centroid = any(rng) == 0;
  if (some_bus_only) {
    for (LinkSpec& link : spec.links) {
      if (any(rng) == 0) link.modes = mode_bus;
    }
  }
  const Network unbanned = compile_network(spec);
  for (Index t = 0; t < unbanned.turn_count; t += 3) {
    spec.banned_turns.push_back({unbanned.link_external_id[unbanned.turn_from_link[t]],
                                 unbanned.link_external_id[unbanned.turn_to_link[t]],
                                 {}});
  }
  return compile_network(spec);
}

NetworkSpec two_way_square() {
  return toy_network({{"A", "B", 100.0, 1, 10.0, 1800.0},
                      {"B", "A", 100.0, 1, 10.0, 1800.0},
                      {"B", "D", 100.0, 1, 10.0, 1800.0},
                      {"D", "B", 100.0, 1, 10.0, 1800.0},
                      {"A", "C", 50.0, 1, 10.0, 1800.0},
                      {"C", "A", 50.0, 1, 10.0, 1800.0},
                      {"C", "D", 100.0, 1, 10.0, 1800.0},
                      {"D", "C", 100.0, 1, 10.0, 1800.0},
                      {"B", "C", 10.0, 1, 10.0, 1800.0},
                      {"C", "B", 10.0, 1, 10.0, 1800.0}});
}

}  // namespace arteria::testing
