// Reader for [[events]]: each action takes exactly the keys it needs, so a key meant for
// another action (a `node` on close_link) is reported rather than silently ignored. The names
// are looked up in the network when the scenario is built.

#include "scenario/scenario_events.hpp"

#include <string>
#include <string_view>
#include <utility>

#include "scenario/scenario_road_works.hpp"

namespace arteria {
namespace {

constexpr EventKind file_kinds[] = {EventKind::close_link,        EventKind::reopen_link,
                                    EventKind::set_link_capacity, EventKind::set_link_speed,
                                    EventKind::close_lanes,       EventKind::limit_speed,
                                    EventKind::set_signal_plan,   EventKind::scale_demand};

// The actions a file may name: the event kinds and road_works, which expands into them.
const std::vector<std::string>& action_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all;
    for (EventKind kind : file_kinds) all.emplace_back(event_kind_name(kind));
    all.emplace_back(road_works_action);
    return all;
  }();
  return names;
}

std::string action_list() {
  std::string list;
  for (const std::string& name : action_names()) list += (list.empty() ? "" : ", ") + name;
  return list;
}

EventKind kind_named(const std::string& name) {
  for (EventKind kind : file_kinds) {
    if (name == event_kind_name(kind)) return kind;
  }
  return EventKind::close_link;  // unreachable: the name was checked against action_names()
}

EventSpec::Name read_name(TomlTable& table, std::string_view key) {
  EventSpec::Name name;
  name.id = table.require_string(key);
  name.line = table.line(key);
  return name;
}

EventSpec read_event(TomlTable& table) {
  EventSpec event;
  const toml::node* time_node = table.find("time");
  if (!time_node) table.fail("time", "is required");
  event.time_s = *table.time("time");
  if (!table.has("action")) table.fail("action", "is required; one of " + action_list());
  const std::string action = table.choice("action", action_names(), "");
  event.kind = kind_named(action);
  // The keys the action takes, in this order; table.finish() rejects any other.
  if (event_takes(event.kind, "link")) event.link = read_name(table, "link");
  if (event_takes(event.kind, "node")) {
    event.node = read_name(table, "node");
    event.plan = read_name(table, "plan");
  }
  if (event_takes(event.kind, "value")) {
    event.value = table.require_number("value");
    if (const std::string error = event_value_error(event.kind, event.value); !error.empty()) {
      table.fail("value", error);
    }
  }
  table.finish(" for action = \"" + action + "\"");
  return event;
}

// An error about one of the event's names, where toml_reader would report it.
[[noreturn]] void fail_name(const EventSpec& event, const EventSpec::Name& name, const char* key,
                            const std::vector<std::string>& files, const std::string& message) {
  const std::string file = name.line > 0 ? files.at(event.where.file) : "--set";
  throw InputError(file, name.line, event.field + "." + key, message);
}

Event resolve_event(const EventSpec& spec, const Network& network,
                    const std::vector<std::string>& files) {
  Event event;
  event.time_s = spec.time_s;
  event.kind = spec.kind;
  event.where = spec.where;
  if (event_takes(spec.kind, "link")) {
    event.target = network.find_link(spec.link.id);
    if (event.target == invalid_index) {
      fail_name(spec, spec.link, "link", files, "unknown link '" + spec.link.id + "'");
    }
  }
  if (event_takes(spec.kind, "node")) {
    event.target = network.find_node(spec.node.id);
    if (event.target == invalid_index) {
      fail_name(spec, spec.node, "node", files, "unknown node '" + spec.node.id + "'");
    }
    std::string error;
    event.plan =
        find_event_plan(network.signal_plans, event.target, spec.node.id, spec.plan.id, error);
    if (event.plan == invalid_index) fail_name(spec, spec.plan, "plan", files, error);
  }
  if (event_takes(spec.kind, "value")) {
    // The file gives speeds in km/h; the engine takes m/s.
    const bool speed =
        spec.kind == EventKind::set_link_speed || spec.kind == EventKind::limit_speed;
    event.value = speed ? spec.value / 3.6 : spec.value;
  }
  if (spec.kind == EventKind::close_lanes) {
    if (const std::string error = lanes_closed_error(spec.value, network.link_lanes[event.target]);
        !error.empty()) {
      fail_name(spec, spec.link, "value", files, "link '" + spec.link.id + "': " + error);
    }
  }
  return event;
}

}  // namespace

std::vector<EventSpec> read_scenario_events(TomlTable& root,
                                            std::vector<RoadWorksSpec>& road_works) {
  std::vector<EventSpec> events;
  const toml::array* array = root.array("events");
  if (!array) return events;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& node = *array->get(i);
    const std::string path = "events[" + std::to_string(i) + "]";
    if (!node.is_table()) {
      root.fail_node(node, path, "an event is a table: [[events]] with time = ..., action = ...");
    }
    TomlTable table(*node.as_table(), path, root.document());
    const SourceRef where = {root.document().file_index(node.source()),
                             static_cast<std::uint32_t>(node.source().begin.line)};
    if (is_road_works(table)) {
      RoadWorksSpec works = read_road_works(table);
      works.where = where;
      works.field = path;
      road_works.push_back(std::move(works));
      continue;
    }
    EventSpec event = read_event(table);
    event.where = where;
    event.field = path;
    events.push_back(std::move(event));
  }
  return events;
}

std::vector<Event> resolve_scenario_events(const std::vector<EventSpec>& events,
                                           const Network& network,
                                           const std::vector<std::string>& files) {
  std::vector<Event> resolved;
  resolved.reserve(events.size());
  for (const EventSpec& event : events) resolved.push_back(resolve_event(event, network, files));
  return resolved;
}

}  // namespace arteria
