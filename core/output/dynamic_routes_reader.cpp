#include "output/dynamic_routes_reader.hpp"

#include "base/error.hpp"
#include "output/assignment_reader.hpp"
#include "output/hdf5_handle.hpp"
#include "output/link_matching.hpp"

namespace arteria {

RoutesByTripId read_dynamic_routes(const std::string& h5_path, const Network& network) {
  if (!is_assignment_file(h5_path) || read_assignment_summary(h5_path).kind != "dynamic") {
    throw InputError(h5_path, 0, "/assignment",
                     "not a dynamic assignment file: routes to start from come from "
                     "`arteria assign SCENARIO --dynamic --out FILE.h5`");
  }
  const h5::QuietErrors quiet;
  const h5::File file = h5::open_file_read_only(h5_path);
  if (!h5::path_exists(file.get(), "/assignment/trips/id")) {
    throw InputError(h5_path, 0, "/assignment/trips/id",
                     "missing: the file was written before trip ids were stored; run the "
                     "assignment again");
  }
  const std::vector<Index> link = match_links_by_id(
      h5_path, h5::read_strings(file.get(), "/network/links/id"), network, "assignment");
  std::vector<std::uint32_t> first_link, route_links, trip_route;
  h5::read_exact_column(file.get(), "/assignment/routes/first_link", first_link);
  h5::read_exact_column(file.get(), "/assignment/routes/links", route_links);
  h5::read_exact_column(file.get(), "/assignment/trips/route", trip_route);
  RoutesByTripId out;
  out.trip_id = h5::read_strings(file.get(), "/assignment/trips/id");
  if (out.trip_id.size() != trip_route.size()) {
    throw InputError(h5_path, 0, "/assignment/trips/id",
                     "has " + std::to_string(out.trip_id.size()) + " rows for " +
                         std::to_string(trip_route.size()) + " in /assignment/trips/route");
  }
  const std::size_t routes = first_link.empty() ? 0 : first_link.size() - 1;
  for (const std::uint32_t route : trip_route) {
    if (route != invalid_index && route < routes) {
      for (std::uint32_t i = first_link[route]; i < first_link[route + 1]; ++i) {
        if (i >= route_links.size() || route_links[i] >= link.size()) {
          throw InputError(h5_path, 0, "/assignment/routes/links",
                           "route " + std::to_string(route) + " lies outside the file's links");
        }
        out.links.push_back(link[route_links[i]]);
      }
    }
    out.trip_first_link.push_back(static_cast<Index>(out.links.size()));
  }
  return out;
}

}  // namespace arteria
