#include "model/event.hpp"

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

}  // namespace arteria
