#include "scenario/scenario_road_works.hpp"

#include <algorithm>
#include <limits>

#include "base/text.hpp"
#include "model/road_works.hpp"

namespace arteria {
namespace {

std::vector<EventSpec::Name> read_links(TomlTable& table) {
  const toml::array* list = table.array("links");
  const std::string field = table.key_path("links");
  std::vector<EventSpec::Name> links;
  for (const toml::node& item : *list) {
    const auto id = item.value<std::string>();
    if (!item.is_string()) table.fail_node(item, field, "each link is a link id (a string)");
    links.push_back({*id, static_cast<std::uint32_t>(item.source().begin.line)});
  }
  if (links.empty()) table.fail("links", "lists no link");
  return links;
}

std::vector<std::array<double, 2>> read_polygon(TomlTable& table) {
  const toml::array* points = table.array("polygon");
  const std::string field = table.key_path("polygon");
  std::vector<std::array<double, 2>> polygon;
  for (const toml::node& point : *points) {
    const toml::array* pair = point.as_array();
    const bool numbers =
        pair && pair->size() == 2 && pair->get(0)->is_number() && pair->get(1)->is_number();
    if (!numbers) {
      table.fail_node(point, field,
                      "each point is [x, y] in the network's coordinates ([lon, lat] for an "
                      "imported city)");
    }
    polygon.push_back({*pair->get(0)->value<double>(), *pair->get(1)->value<double>()});
  }
  if (polygon.size() < 3) {
    table.fail("polygon", "has " + std::to_string(polygon.size()) +
                              " points; a polygon needs at least 3 (the last joins the first)");
  }
  return polygon;
}

double require_window_time(TomlTable& table, const char* key, const char* example) {
  if (!table.has(key)) {
    table.fail(key,
               std::string("is required: road works last from `from` to `to`, e.g. ") + example);
  }
  return *table.time(key);
}

// The works' field that a problem with their links is about.
[[noreturn]] void fail(const RoadWorksSpec& works, std::uint32_t line, const char* key,
                       const std::vector<std::string>& files, const std::string& message) {
  const std::string file = line > 0 ? files.at(works.where.file) : "--set";
  throw InputError(file, line, works.field + "." + key, message);
}

std::vector<Index> zone_links(const RoadWorksSpec& spec, const Network& network,
                              const std::vector<std::string>& files) {
  std::vector<Index> links;
  for (const EventSpec::Name& name : spec.links) {
    const Index link = network.find_link(name.id);
    if (link == invalid_index)
      fail(spec, name.line, "links", files, "unknown link '" + name.id + "'");
    links.push_back(link);
  }
  if (!spec.polygon.empty()) {
    links = links_inside_polygon(network, spec.polygon);
    if (links.empty()) {
      fail(spec, spec.polygon_line, "polygon", files,
           "holds no road link: a link is in the zone when its whole line (both ends and every "
           "point between) lies inside the polygon");
    }
  }
  std::sort(links.begin(), links.end());
  links.erase(std::unique(links.begin(), links.end()), links.end());
  return links;
}

RoadWorks resolve_works(const RoadWorksSpec& spec, const Network& network,
                        const SimulationParams& sim, const std::vector<std::string>& files) {
  RoadWorks works;
  works.from_s = spec.from_s;
  works.to_s = spec.to_s;
  works.lanes_closed = spec.lanes_closed;
  works.speed_limit_mps = spec.speed_kmh / 3.6;
  works.where = spec.where;
  if (const std::string error =
          road_works_window_error(spec.from_s, spec.to_s, sim.start_s, sim.end_s);
      !error.empty()) {
    fail(spec, spec.where.line, "from", files, error);
  }
  works.links = zone_links(spec, network, files);
  for (Index link : works.links) {
    const std::string error = lanes_closed_error(spec.lanes_closed, network.link_lanes[link]);
    if (!error.empty()) {
      fail(spec, spec.lanes_closed_line, "lanes_closed", files,
           "link '" + network.link_external_id[link] + "': " + error);
    }
  }
  return works;
}

}  // namespace

bool is_road_works(TomlTable& table) {
  const toml::node* action = table.find("action");
  return action && action->value<std::string>() == road_works_action;
}

RoadWorksSpec read_road_works(TomlTable& table) {
  RoadWorksSpec works;
  if (table.has("time")) {
    table.fail("time", "road works have a window instead: from = \"22:00\", to = \"29:00\"");
  }
  works.from_s = require_window_time(table, "from", "from = \"22:00\"");
  works.to_s = require_window_time(table, "to", "to = \"29:00\" (05:00 the next morning)");
  constexpr double always = std::numeric_limits<double>::infinity();
  if (const std::string error = road_works_window_error(works.from_s, works.to_s, -always, always);
      !error.empty()) {
    table.fail("to", error);
  }
  const bool links = table.has("links");
  const bool polygon = table.has("polygon");
  if (links == polygon) {
    table.fail(links ? "polygon" : "links",
               "road works need their zone: either links = [\"id\", ...] or polygon = [[x, y], "
               "...], not both");
  }
  if (links) works.links = read_links(table);
  if (polygon) {
    works.polygon = read_polygon(table);
    works.polygon_line = table.line("polygon");
  }
  if (table.has("lanes_closed")) {
    works.lanes_closed = table.require_number("lanes_closed");
    works.lanes_closed_line = table.line("lanes_closed");
    const std::string error = event_value_error(EventKind::close_lanes, works.lanes_closed);
    if (!error.empty() || works.lanes_closed < 1.0) {
      table.fail("lanes_closed", error.empty() ? "must be at least 1 (or leave it out)" : error);
    }
  }
  if (table.has("speed_kmh")) {
    works.speed_kmh = table.number_in("speed_kmh", 0.0, valid::free_speed_kmh);
  }
  if (works.lanes_closed == 0.0 && works.speed_kmh == 0.0) {
    table.fail("lanes_closed", "road works need lanes_closed, speed_kmh or both");
  }
  table.finish(" for action = \"road_works\"");
  return works;
}

std::vector<Event> resolve_road_works(const std::vector<RoadWorksSpec>& specs,
                                      const Network& network, const SimulationParams& sim,
                                      const std::vector<Event>& events,
                                      const std::vector<std::string>& files) {
  std::vector<Event> all = events;
  std::vector<Event> added;
  for (const RoadWorksSpec& spec : specs) {
    const RoadWorks works = resolve_works(spec, network, sim, files);
    if (const std::string error = road_works_overlap_error(works, all, network); !error.empty()) {
      fail(spec, spec.where.line, "from", files, error);
    }
    const std::vector<Event> some = road_works_events(works, sim.start_s, sim.end_s);
    all.insert(all.end(), some.begin(), some.end());
    added.insert(added.end(), some.begin(), some.end());
  }
  return added;
}

}  // namespace arteria
