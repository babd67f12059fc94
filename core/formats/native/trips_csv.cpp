// Reader for trips.csv; see trips_csv.hpp.

#include "formats/native/trips_csv.hpp"

#include <sstream>

#include "base/csv.hpp"
#include "base/id_map.hpp"

namespace arteria {
namespace {

std::vector<std::string> split_route(const std::string& text) {
  std::vector<std::string> links;
  std::istringstream words(text);
  for (std::string link; words >> link;) links.push_back(link);
  return links;
}

// A route given with a trip must start at its origin and end at its destination, or one of
// the two columns is wrong and the user should be told which.
// Called after DemandBuilder has accepted the route, so its links exist.
void check_route_ends(const CsvReader& in, const Network& network,
                      const std::vector<std::string>& route, std::string_view origin,
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
    const auto route = in.has_column("route") ? in.optional_text("route") : std::nullopt;
    if (route) {
      const std::vector<std::string> links = split_route(*route);
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
