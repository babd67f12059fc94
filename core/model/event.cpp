#include "model/event.hpp"

#include <cmath>

#include "base/csv_write.hpp"
#include "base/text.hpp"
#include "base/value_ranges.hpp"

namespace arteria {

const char* event_kind_name(EventKind kind) {
  switch (kind) {
    case EventKind::close_link: return "close_link";
    case EventKind::reopen_link: return "reopen_link";
    case EventKind::set_link_capacity: return "set_link_capacity";
    case EventKind::set_link_speed: return "set_link_speed";
    case EventKind::close_lanes: return "close_lanes";
    case EventKind::limit_speed: return "limit_speed";
    case EventKind::set_signal_plan: return "set_signal_plan";
    case EventKind::scale_demand: return "scale_demand";
  }
  return "unknown";
}

bool event_takes(EventKind kind, std::string_view key) {
  switch (kind) {
    case EventKind::close_link:
    case EventKind::reopen_link: return key == "link";
    case EventKind::set_link_capacity:
    case EventKind::set_link_speed:
    case EventKind::close_lanes:
    case EventKind::limit_speed: return key == "link" || key == "value";
    case EventKind::set_signal_plan: return key == "node" || key == "plan";
    case EventKind::scale_demand: return key == "value";
  }
  return false;
}

std::string event_value_error(EventKind kind, double value) {
  switch (kind) {
    case EventKind::set_link_capacity:
      if (std::string problem = range_problem(valid::capacity_vph, value); !problem.empty()) {
        return "a capacity (veh/h) " + problem +
               (value > 0.0 ? ""
                            : "; to let no vehicle through, close the link (close_link): "
                              "vehicles re-route around a closed link");
      }
      break;
    case EventKind::set_link_speed:
      if (std::string problem = range_problem(valid::free_speed_kmh, value); !problem.empty()) {
        return "a speed (km/h) " + problem;
      }
      break;
    case EventKind::close_lanes:
      if (!(value >= 0.0 && value <= valid::lanes.max && value == std::floor(value))) {
        return "lanes closed must be a whole number from 0 (all open again) to " +
               format_double(valid::lanes.max) + ", not " + format_double(value);
      }
      break;
    case EventKind::limit_speed:
      if (value == 0.0) break;  // lifts the limit
      if (std::string problem = range_problem(valid::free_speed_kmh, value); !problem.empty()) {
        return "a speed limit (km/h) " + problem + " (0 lifts the limit)";
      }
      break;
    case EventKind::scale_demand:
      if (std::string problem = range_problem(valid::demand_factor, value); !problem.empty()) {
        return "a demand factor " + problem;
      }
      break;
    case EventKind::close_link:
    case EventKind::reopen_link:
    case EventKind::set_signal_plan: break;
  }
  return {};
}

std::string lanes_closed_error(double lanes_closed, double link_lanes) {
  if (link_lanes - lanes_closed >= 1.0) return {};
  return "closing " + format_double(lanes_closed) + " of the link's " + format_double(link_lanes) +
         " lanes leaves no lane open: that is a closure, write close_link (vehicles re-route "
         "around a closed link)";
}

bool event_applies_before(const Event& a, const Event& b) {
  const auto lifts_works = [](const Event& e) {
    return (e.kind == EventKind::close_lanes || e.kind == EventKind::limit_speed) && e.value == 0.0;
  };
  if (a.time_s != b.time_s) return a.time_s < b.time_s;
  return lifts_works(a) && !lifts_works(b);
}

std::string event_time_error(double time_s, double start_s, double end_s) {
  if (!std::isfinite(time_s)) return "event time must be a finite number of seconds";
  if (time_s < start_s || time_s > end_s) {
    return "event time " + format_time_of_day(time_s) + " is outside the simulated period";
  }
  return {};
}

Index find_event_plan(const SignalPlanTable& plans, Index node, const std::string& node_id,
                      const std::string& plan, std::string& error) {
  const Index found = plans.find(node, plan);
  if (found != invalid_index) return found;
  std::string known;
  for (Index p = 0; p < plans.size(); ++p) {
    if (plans.node(p) == node) known += (known.empty() ? "" : ", ") + plans.id(p);
  }
  error = "node '" + node_id + "' has no signal plan '" + plan + "'" +
          (known.empty() ? " (it has none)" : " (it has: " + known + ")");
  return invalid_index;
}

}  // namespace arteria
