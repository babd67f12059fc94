#include "assignment/assignment_events.hpp"

namespace arteria {

Index apply_network_events(const Network& network, const std::vector<Event>& events, double at_s,
                           AssignmentProblem& problem) {
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
      case EventKind::set_signal_plan:
      case EventKind::scale_demand: continue;
    }
    ++applied;
  }
  return applied;
}

}  // namespace arteria
