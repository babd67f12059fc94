#include "assignment/assignment_events.hpp"

#include <algorithm>

namespace arteria {

Index apply_network_events(const Network& network, const std::vector<Event>& events, double at_s,
                           AssignmentProblem& problem) {
  // Road works in force, kept apart from the link's own capacity and time as the simulation
  // keeps them (LinkState), and laid over them once every event has applied.
  std::vector<double> lanes_closed(network.link_count, 0.0);
  std::vector<double> speed_limit_mps(network.link_count, 0.0);
  Index applied = 0;
  for (const Event& event : events) {
    if (event.time_s > at_s) continue;
    switch (event.kind) {
      case EventKind::close_link:
      case EventKind::reopen_link:
        problem.link_closed.resize(problem.link_count(), 0);
        problem.link_closed[event.target] = event.kind == EventKind::close_link ? 1 : 0;
        break;
      case EventKind::set_link_capacity: problem.links[event.target].capacity = event.value; break;
      case EventKind::set_link_speed:
        problem.links[event.target].free_flow_time =
            static_cast<double>(network.link_length_m[event.target]) / event.value;
        break;
      case EventKind::close_lanes: lanes_closed[event.target] = event.value; break;
      case EventKind::limit_speed: speed_limit_mps[event.target] = event.value; break;
      case EventKind::set_signal_plan:
      case EventKind::scale_demand: continue;
    }
    ++applied;
  }
  for (Index l = 0; l < network.link_count; ++l) {
    const double lanes = network.link_lanes[l];
    problem.links[l].capacity *= (lanes - lanes_closed[l]) / lanes;
    if (speed_limit_mps[l] > 0.0) {
      problem.links[l].free_flow_time =
          std::max(problem.links[l].free_flow_time,
                   static_cast<double>(network.link_length_m[l]) / speed_limit_mps[l]);
    }
  }
  return applied;
}

}  // namespace arteria
