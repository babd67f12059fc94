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
  // The keys the action takes, in this order; table.finish() rejects any other.
  if (event_takes(event.kind, "link")) event.target = require_link(table, network);
  if (event_takes(event.kind, "node")) {
    const std::string node_id = table.require_string("node");
    event.target = network.find_node(node_id);
    if (event.target == invalid_index) table.fail("node", "unknown node '" + node_id + "'");
    std::string error;
    event.plan = find_event_plan(network.signal_plans, event.target, node_id,
                                 table.require_string("plan"), error);
    if (event.plan == invalid_index) table.fail("plan", error);
  }
  if (event_takes(event.kind, "value")) {
    event.value = table.require_number("value");
    if (const std::string error = event_value_error(event.kind, event.value); !error.empty()) {
      table.fail("value", error);
    }
    if (event.kind == EventKind::set_link_speed) event.value /= 3.6;  // file: km/h; engine: m/s
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
