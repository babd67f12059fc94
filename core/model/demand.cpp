#include "model/demand.hpp"

#include <cmath>

namespace arteria {

void Demand::reserve(std::size_t trips) {
  trip_external_id.reserve(trips);
  trip_origin.reserve(trips);
  trip_destination.reserve(trips);
  trip_depart_s.reserve(trips);
  trip_pcu.reserve(trips);
  trip_where.reserve(trips);
  trip_first_given_link.reserve(trips + 1);
}

std::uint32_t DemandBuilder::add_file(std::string name) {
  demand_.files.push_back(std::move(name));
  return static_cast<std::uint32_t>(demand_.files.size() - 1);
}

void DemandBuilder::fail(const SourceRef& where, const std::string& field,
                         const std::string& message) const {
  throw InputError(demand_.file_name(where), where.line, field, message);
}

Index DemandBuilder::push_trip(std::string id, Index origin, Index destination, double depart_s,
                               float pcu, SourceRef where) {
  if (!std::isfinite(depart_s) || depart_s < 0.0) {
    fail(where, "depart", "departure time must be a non-negative time");
  }
  if (!(pcu > 0.0f)) fail(where, "pcu", "passenger-car units must be positive");
  const Index trip = demand_.trip_count();
  demand_.trip_external_id.push_back(id.empty() ? std::to_string(trip) : std::move(id));
  demand_.trip_origin.push_back(origin);
  demand_.trip_destination.push_back(destination);
  demand_.trip_depart_s.push_back(depart_s);
  demand_.trip_pcu.push_back(pcu);
  demand_.trip_where.push_back(where);
  demand_.trip_first_given_link.push_back(static_cast<Index>(demand_.given_route_links.size()));
  return trip;
}

Index DemandBuilder::add_trip(std::string id, const std::string& origin,
                              const std::string& destination, double depart_s, float pcu,
                              SourceRef where) {
  const Index from = network_.find_node(origin);
  if (from == invalid_index) fail(where, "origin", "unknown node '" + origin + "'");
  const Index to = network_.find_node(destination);
  if (to == invalid_index) fail(where, "destination", "unknown node '" + destination + "'");
  return push_trip(std::move(id), from, to, depart_s, pcu, where);
}

Index DemandBuilder::add_trip(std::string id, Index origin, Index destination, double depart_s,
                              float pcu, SourceRef where) {
  return push_trip(std::move(id), origin, destination, depart_s, pcu, where);
}

Index DemandBuilder::add_routed_trip(std::string id, const std::vector<std::string>& route_links,
                                     double depart_s, float pcu, SourceRef where) {
  if (route_links.empty()) fail(where, "route", "route is empty");
  std::vector<Index> links;
  links.reserve(route_links.size());
  for (const std::string& name : route_links) {
    const Index link = network_.find_link(name);
    if (link == invalid_index) fail(where, "route", "unknown link '" + name + "'");
    if (!links.empty() && network_.find_turn(links.back(), link) == invalid_index) {
      fail(where, "route",
           "no allowed turn from link '" + network_.link_external_id[links.back()] +
               "' into link '" + name + "'");
    }
    links.push_back(link);
  }
  const Index trip = push_trip(std::move(id), network_.link_from_node[links.front()],
                               network_.link_to_node[links.back()], depart_s, pcu, where);
  demand_.given_route_links.insert(demand_.given_route_links.end(), links.begin(), links.end());
  demand_.trip_first_given_link.back() = static_cast<Index>(demand_.given_route_links.size());
  return trip;
}

}  // namespace arteria
