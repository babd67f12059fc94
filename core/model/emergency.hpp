// Emergency vehicles in a scenario: stations they start from, incidents they are sent to, and
// how they pass other traffic (sim/emergency/emergency_step.hpp runs them).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/ids.hpp"
#include "model/network.hpp"

namespace arteria {

struct EmergencyStation {
  std::string id;
  Index node = invalid_index;
};

struct Incident {
  std::string id;
  double time_s = 0.0;
  Index node = invalid_index;
};

struct EmergencyParams {
  // Speed past a standing queue: other vehicles pull aside, and the emergency vehicle threads
  // between them or uses the opposite lane, well below its free speed. 20 km/h is our
  // assumption (no calibrated value for a meso model is known to us); calibrate it locally.
  double pass_speed_kmh = 20.0;  // kept as written, so a saved scenario reads back bit for bit
  // Time a signal needs to clear the movements that have green (amber and all-red) before the
  // emergency vehicle's movement gets green; 5 s is a typical amber plus all-red interval.
  double clearance_s = 5.0;
  double incidents_per_hour = 0.0;  // drawn incidents (draw_incidents), besides the listed ones
};

struct EmergencyPlan {
  std::vector<EmergencyStation> stations;
  std::vector<Incident> incidents;  // in time order (stable); the drawn ones included
  EmergencyParams params;
  bool present() const { return !stations.empty(); }
};

// Incidents of a Poisson process of `per_hour` over [start_s, end_s): the k-th gap is
// -ln(1 - u) / rate with u = random_unit(seed, k, 0, emergency_incident), and its node is drawn
// uniformly among the nodes a car can reach (an in-link open to cars, not a zone centroid) with
// u = random_unit(seed, k, 1, emergency_incident). Ids are "drawn#k" (k from 0).
std::vector<Incident> draw_incidents(const Network& network, double per_hour, std::uint64_t seed,
                                     double start_s, double end_s);

// The node nearest to (x, y) in the network's metres (lowest id on a tie).
Index nearest_node(const Network& network, double x_m, double y_m);

// Sorts incidents by time, keeping the given order among equal times.
void sort_incidents(std::vector<Incident>& incidents);

}  // namespace arteria
