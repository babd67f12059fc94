#include "formats/native/trip_rows.hpp"

#include <span>
#include <string>

#include "base/did_you_mean.hpp"
#include "base/id_map.hpp"
#include "model/given_routes.hpp"

namespace arteria {
namespace {

// The route column's link ids, separated by blanks, as views into `text` (no copies: a large
// trip list holds millions of them).
void split_route(std::string_view text, std::vector<std::string_view>& links) {
  links.clear();
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  std::size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && blank(text[at])) ++at;
    const std::size_t start = at;
    while (at < text.size() && !blank(text[at])) ++at;
    if (at > start) links.push_back(text.substr(start, at - start));
  }
}

// A route given with a trip must start at its origin and end at its destination, or one of
// the two columns is wrong and the user should be told which.
void check_route_ends(const CsvReader& in, const Network& network, Index first, Index last,
                      std::string_view origin, std::string_view destination) {
  const std::string& start = network.node_external_id[network.link_from_node[first]];
  const std::string& end = network.node_external_id[network.link_to_node[last]];
  if (start != origin) {
    in.fail("origin", "the route starts at node '" + start + "', not at the origin '" +
                          std::string(origin) + "'");
  }
  if (end != destination) {
    in.fail("destination", "the route ends at node '" + end + "', not at the destination '" +
                               std::string(destination) + "'");
  }
}

ClassIndex find_class(const CsvReader& in, const VehicleClasses& classes, std::string_view name) {
  const Index c = classes.find(name);
  if (c == classes.count()) {
    in.fail("class",
            "unknown vehicle class '" + std::string(name) + "'" + did_you_mean(name, classes.name));
  }
  return static_cast<ClassIndex>(c);
}

// A given route must keep to the links its class may use: the router would never choose
// another, and a file that says otherwise is wrong.
void check_route_allowed(const CsvReader& in, const Network& network, const VehicleClasses& classes,
                         ClassIndex c, std::span<const Index> links) {
  for (const Index l : links) {
    if (!classes.allows(network, c, l)) {
      in.fail("route", "link '" + network.link_external_id[l] + "' is closed to class '" +
                           classes.name[c] + "'");
    }
  }
}

Index find_node(const CsvReader& in, const Network& network, std::string_view column,
                std::string_view id) {
  const Index node = network.find_node(id);
  if (node == invalid_index) in.fail(column, "unknown node '" + std::string(id) + "'");
  return node;
}

}  // namespace

void parse_trip_rows(CsvReader& in, const Network& network, const VehicleClasses& classes,
                     TripRows& rows) {
  const bool has_pcu = in.has_column("pcu");
  const bool has_class = in.has_column("class");
  const bool has_route = in.has_column("route");
  std::vector<std::string_view> names;  // the current route's link ids
  std::string_view id;
  try {
    while (true) {
      id = {};
      if (!in.next()) return;
      id = in.text_view("id");
      const std::string_view origin = in.text_view("origin");
      const std::string_view destination = in.text_view("destination");
      const double depart_s = in.time_of_day("depart");
      const std::string_view class_name = has_class ? in.optional_text_view("class") : "";
      const ClassIndex vehicle_class =
          class_name.empty() ? car_class : find_class(in, classes, class_name);
      // A row's own pcu wins over its class's (SUMO vTypes give each type its own).
      const double pcu = has_pcu && !in.optional_text_view("pcu").empty()
                             ? in.in_range("pcu", valid::pcu)
                             : classes.pcu[vehicle_class];
      const std::string_view route = has_route ? in.optional_text_view("route") : "";
      Index from = invalid_index;
      Index to = invalid_index;
      if (!route.empty()) {
        // Not empty: the field was trimmed of the blanks split_route cuts at.
        split_route(route, names);
        // On an error the range ends here, so links left after first_link.back() are never read.
        const std::size_t first = rows.links.size();
        if (std::string problem = resolve_given_route(network, names, rows.links);
            !problem.empty()) {
          in.fail("route", problem);
        }
        check_route_ends(in, network, rows.links[first], rows.links.back(), origin, destination);
        check_route_allowed(in, network, classes, vehicle_class,
                            std::span<const Index>(rows.links).subspan(first));
        from = network.link_from_node[rows.links[first]];
        to = network.link_to_node[rows.links.back()];
      } else {
        from = find_node(in, network, "origin", origin);
        to = find_node(in, network, "destination", destination);
      }
      rows.id.push_back(id);
      rows.id_hash.push_back(IdHash{}(id));
      rows.origin.push_back(from);
      rows.destination.push_back(to);
      rows.depart_s.push_back(depart_s);
      rows.pcu.push_back(static_cast<float>(pcu));
      rows.vehicle_class.push_back(vehicle_class);
      rows.line.push_back(static_cast<std::uint32_t>(in.line()));
      rows.first_link.push_back(static_cast<Index>(rows.links.size()));
    }
  } catch (const InputError& error) {
    rows.error = error;
    rows.error_id = id;
    rows.error_id_hash = id.empty() ? 0 : IdHash{}(id);
  }
}

}  // namespace arteria
