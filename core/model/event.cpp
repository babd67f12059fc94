#include "model/event.hpp"

#include <cmath>

namespace arteria {

const char* event_kind_name(EventKind kind) {
  switch (kind) {
    case EventKind::close_link: return "close_link";
    case EventKind::reopen_link: return "reopen_link";
    case EventKind::set_link_capacity: return "set_link_capacity";
    case EventKind::set_link_speed: return "set_link_speed";
    case EventKind::set_signal_plan: return "set_signal_plan";
    case EventKind::scale_demand: return "scale_demand";
  }
  return "unknown";
}

std::string event_value_error(EventKind kind, double value) {
  switch (kind) {
    case EventKind::set_link_capacity:
      if (!(value > 0.0) || !std::isfinite(value)) {
        return "a capacity (veh/h) must be positive and finite; to let no vehicle through, close "
               "the link (close_link): vehicles re-route around a closed link";
      }
      break;
    case EventKind::set_link_speed:
      if (!(value > 0.0) || !std::isfinite(value)) {
        return "a speed (km/h) must be positive and finite";
      }
      break;
    case EventKind::scale_demand:
      if (!(value >= 0.0) || !std::isfinite(value)) {
        return "a demand factor must be a finite number, not negative";
      }
      break;
    case EventKind::close_link:
    case EventKind::reopen_link:
    case EventKind::set_signal_plan: break;
  }
  return {};
}

}  // namespace arteria
