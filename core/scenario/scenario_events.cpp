// Reader for [[events]]: each action takes exactly the keys it needs, so a key meant for
// another action (a `node` on close_link) is reported rather than silently ignored.

#include "scenario/scenario_events.hpp"

#include <string>

namespace arteria {
namespace {

const std::vector<std::string>& action_names() {
  static const std::vector<std::string> names = {
      event_kind_name(EventKind::close_link),        event_kind_name(EventKind::reopen_link),
      event_kind_name(EventKind::set_link_capacity), event_kind_name(EventKind::set_link_speed),
      event_kind_name(EventKind::set_signal_plan),   event_kind_name(EventKind::scale_demand)};
  return names;
}

EventKind kind_named(const std::string& name) {
  for (EventKind kind :
       {EventKind::close_link, EventKind::reopen_link, EventKind::set_link_capacity,
        EventKind::set_link_speed, EventKind::set_signal_plan, EventKind::scale_demand}) {
    if (name == event_kind_name(kind)) return kind;
  }
  return EventKind::close_link;  // unreachable: the name was checked against action_names()
}

Index require_link(TomlTable& table, const Network& network) {
  const std::string id = table.require_string("link");
  const Index link = network.find_link(id);
  if (link == invalid_index) table.fail("link", "unknown link '" + id + "'");
  return link;
}

Event read_event(TomlTable& table, const Network& network) {
  Event event;
  const toml::node* time_node = table.find("time");
  if (!time_node) table.fail("time", "is required");
  event.time_s = *table.time("time");
  if (!table.has("action")) {
    table.fail("action",
               "is required; one of close_link, reopen_link, set_link_capacity, "
               "set_link_speed, set_signal_plan, scale_demand");
  }
  const std::string action = table.choice("action", action_names(), "");
  event.kind = kind_named(action);
  switch (event.kind) {
    case EventKind::close_link:
    case EventKind::reopen_link: event.target = require_link(table, network); break;
    case EventKind::set_link_capacity:
      event.target = require_link(table, network);
      event.value = table.require_number("value");
      if (const std::string error = event_value_error(event.kind, event.value); !error.empty()) {
        table.fail("value", error);
      }
      break;
    case EventKind::set_link_speed:
      event.target = require_link(table, network);
      event.value = table.require_number("value");
      if (const std::string error = event_value_error(event.kind, event.value); !error.empty()) {
        table.fail("value", error);
      }
      event.value /= 3.6;  // the file speaks km/h like road signs; the engine m/s
      break;
    case EventKind::set_signal_plan: {
      const std::string node_id = table.require_string("node");
      event.target = network.find_node(node_id);
      if (event.target == invalid_index) table.fail("node", "unknown node '" + node_id + "'");
      const std::string plan = table.require_string("plan");
      event.plan = network.signal_plans.find(event.target, plan);
      if (event.plan == invalid_index) {
        std::string known;
        for (Index p = 0; p < network.signal_plans.size(); ++p) {
          if (network.signal_plans.node(p) == event.target) {
            known += (known.empty() ? "" : ", ") + network.signal_plans.id(p);
          }
        }
        table.fail("plan", "node '" + node_id + "' has no signal plan '" + plan + "'" +
                               (known.empty() ? " (it has none)" : " (it has: " + known + ")"));
      }
      break;
    }
    case EventKind::scale_demand:
      event.value = table.require_number("value");
      if (const std::string error = event_value_error(event.kind, event.value); !error.empty()) {
        table.fail("value", error);
      }
      break;
  }
  table.finish(" for action = \"" + action + "\"");
  return event;
}

}  // namespace

std::vector<Event> read_scenario_events(TomlTable& root, const Network& network) {
  std::vector<Event> events;
  const toml::array* array = root.array("events");
  if (!array) return events;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& node = *array->get(i);
    const std::string path = "events[" + std::to_string(i) + "]";
    if (!node.is_table()) {
      root.fail_node(node, path, "an event is a table: [[events]] with time = ..., action = ...");
    }
    TomlTable table(*node.as_table(), path, root.document());
    Event event = read_event(table, network);
    event.where = {0, static_cast<std::uint32_t>(node.source().begin.line)};
    events.push_back(event);
  }
  return events;
}

}  // namespace arteria
