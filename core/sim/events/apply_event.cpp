#include "sim/events/apply_event.hpp"

#include "sim/meso/meso_model.hpp"

namespace arteria {

void apply_event(const Scenario& scenario, SimState& state, const Event& event, RerouteCch& cch) {
  switch (event.kind) {
    // Closing a closed link or reopening an open one changes nothing, so re-routes no one.
    case EventKind::close_link:
      if (state.links.closed[event.target]) break;
      state.links.closed[event.target] = 1;
      reroute_vehicles(scenario, state, false, cch);
      break;
    case EventKind::reopen_link:
      if (!state.links.closed[event.target]) break;
      state.links.closed[event.target] = 0;
      reroute_vehicles(scenario, state, true, cch);
      break;
    // The link's own values and its road works are kept apart, and the controls the model uses
    // derived from both: works that end give back the link's values as they are then, not as
    // they were when the works began.
    case EventKind::set_link_capacity:
      state.links.own_capacity_vph[event.target] = static_cast<float>(event.value);
      refresh_link_controls(scenario, state, event.target);
      break;
    case EventKind::set_link_speed:
      state.links.own_free_speed_mps[event.target] = static_cast<float>(event.value);
      refresh_link_controls(scenario, state, event.target);
      break;
    case EventKind::close_lanes:
      state.links.lanes_closed[event.target] = static_cast<std::uint8_t>(event.value);
      refresh_link_controls(scenario, state, event.target);
      break;
    case EventKind::limit_speed:
      state.links.speed_limit_mps[event.target] = static_cast<float>(event.value);
      refresh_link_controls(scenario, state, event.target);
      break;
    case EventKind::set_signal_plan: state.signals.node_plan[event.target] = event.plan; break;
    case EventKind::scale_demand: break;  // already applied to the demand by finalize_scenario
  }
}

}  // namespace arteria
