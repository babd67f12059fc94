// Small hand-built scenarios for the model tests: a few links whose behaviour can be worked out
// with pencil and paper.
#pragma once

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "model/scenario.hpp"

namespace arteria::testing {

struct ToyLink {
  std::string from, to;
  double length_m, lanes, speed_mps, capacity_vph;
};

// Nodes are placed on a line in the order they first appear; link ids are "FROM>TO".
NetworkSpec toy_network(const std::vector<ToyLink>& links);

// A square A-B-D-C with a diagonal B-C, every link both ways at 10 m/s: A-B, B-D, C-D 100 m,
// A-C 50 m, B-C 10 m (the cheapest way from A to D is A>C>D).
NetworkSpec two_way_square();

// A random network for comparing routers: 6 + trial % 5 nodes, up to three links per node
// (10-500 m at 10 m/s, no self-links or duplicates), about one node in N a zone centroid, with
// `some_bus_only` about one link in N for buses only, and every third turn banned.
Network random_toy_network(std::mt19937& rng, int trial, bool some_bus_only);

// The penalties of the turns along `path` (Network::turn_penalty_s), which routers add to the
// links' costs. Every consecutive pair must be an allowed turn.
double turn_penalties_s(const Network& net, const std::vector<Index>& path);

// `count` trips from `origin` to `destination`, departing every `headway_s` from `first_s`.
void add_trips(Scenario& scenario, const std::string& origin, const std::string& destination,
               int count, double first_s, double headway_s);

// Compiles the network, leaves demand empty and simulation parameters at their defaults with
// start 0 and the given end.
std::shared_ptr<Scenario> toy_scenario(const NetworkSpec& spec, double end_s);

}  // namespace arteria::testing
