// Reader for trips.csv; see trips_csv.hpp.

#include "formats/native/trips_csv.hpp"

#include "base/csv.hpp"
#include "base/id_map.hpp"

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
// Called after DemandBuilder has accepted the route, so its links exist.
void check_route_ends(const CsvReader& in, const Network& network,
                      const std::vector<std::string_view>& route, std::string_view origin,
                      std::string_view destination) {
  const Index first = network.find_link(route.front());
  const Index last = network.find_link(route.back());
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

}  // namespace

std::size_t read_trips_csv(const std::string& path, const Network& network,
                           DemandBuilder& builder) {
  CsvReader in(path, {"id", "origin", "destination", "depart"}, {"pcu", "route"});
  const std::uint32_t file = builder.add_file(path);
  IdMap line_of_id;  // the line each trip id was first seen on
  std::vector<std::string_view> links;
  std::size_t added = 0;
  while (in.next()) {
    const std::string_view id = in.text_view("id");
    const auto [it, inserted] = line_of_id.emplace(id, static_cast<Index>(in.line()));
    if (!inserted) {
      in.fail("id", "duplicate trip id '" + std::string(id) + "' (first on line " +
                        std::to_string(it->second) + ")");
    }
    const std::string_view origin = in.text_view("origin");
    const std::string_view destination = in.text_view("destination");
    const double depart_s = in.time_of_day("depart");
    const double pcu =
        in.has_column("pcu") && in.optional_text("pcu") ? in.in_range("pcu", valid::pcu) : 1.0;
    const SourceRef where{file, static_cast<std::uint32_t>(in.line())};
    const std::string_view route = in.has_column("route") ? in.optional_text_view("route") : "";
    if (!route.empty()) {
      split_route(route, links);
      builder.add_routed_trip(std::string(id), links, depart_s, static_cast<float>(pcu), where);
      check_route_ends(in, network, links, origin, destination);
    } else {
      // Looked up here, from views into the file, rather than by the builder from copies.
      const Index from = network.find_node(origin);
      if (from == invalid_index) in.fail("origin", "unknown node '" + std::string(origin) + "'");
      const Index to = network.find_node(destination);
      if (to == invalid_index) {
        in.fail("destination", "unknown node '" + std::string(destination) + "'");
      }
      builder.add_trip(std::string(id), from, to, depart_s, static_cast<float>(pcu), where);
    }
    ++added;
  }
  return added;
}

}  // namespace arteria
