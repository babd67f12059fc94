// Applies what-if events to a running state between steps, and re-routes the vehicles a
// closure cuts off. Demand scaling is applied to the demand when the scenario is compiled
// (finalize_scenario), since it changes which vehicles exist.
#pragma once

#include <memory>

#include "model/scenario.hpp"
#include "routing/cch_metric.hpp"
#include "sim/sim_state.hpp"

namespace arteria {

struct RerouteCounts {
  std::uint64_t rerouted = 0;
  std::uint64_t failed = 0;  // no path left: the vehicle keeps its route and waits
};

// What re-routing runs on: the network's car CCH topology (metric-independent, so built once,
// at the first re-route, and kept for the simulation's life) and a metric customized per event
// on the current free-flow times with closed links at infinity. Not state: a snapshot does not
// hold it, and a fork builds its own when it first re-routes.
struct RerouteCch {
  std::shared_ptr<const CchTopology> topology;
  std::unique_ptr<CchMetric> metric;
  double seconds = 0.0;  // wall time re-routing took, building the topology included
};

void apply_event(const Scenario& scenario, SimState& state, const Event& event, RerouteCch& cch);

// Re-routes, on free-flow times of the current network, every vehicle whose remaining route
// crosses a closed link: vehicles on the network from the end of their current link, vehicles
// not yet departed from their origin. With `diverted_pending` also re-plans vehicles not yet
// departed that an earlier closure diverted (used when a link reopens). A vehicle whose new path
// is the route it already has is not re-routed (neither counted nor given a copy of it).
RerouteCounts reroute_vehicles(const Scenario& scenario, SimState& state, bool diverted_pending,
                               RerouteCch& cch);

}  // namespace arteria
