#include "model/demand.hpp"

#include <algorithm>
#include <cmath>

#include "base/value_ranges.hpp"
#include "model/given_routes.hpp"

namespace arteria {

void Demand::reserve(std::size_t trips) {
  trip_external_id.reserve(trips);
  trip_origin.reserve(trips);
  trip_destination.reserve(trips);
  trip_depart_s.reserve(trips);
  trip_pcu.reserve(trips);
  trip_class.reserve(trips);
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

void DemandBuilder::check_trip(double depart_s, float pcu, const SourceRef& where) const {
  // The problems' texts are built only for a bad trip: a large demand has millions of good ones.
  if (valid::time_of_day_s.contains(depart_s) && valid::pcu.contains(pcu)) return;
  if (std::string problem = time_of_day_problem(depart_s); !problem.empty()) {
    fail(where, "depart", "departure time " + problem);
  }
  if (std::string problem = range_problem(valid::pcu, pcu); !problem.empty()) {
    fail(where, "pcu", "passenger-car units " + problem);
  }
}

Index DemandBuilder::push_trip(std::string id, Index origin, Index destination, double depart_s,
                               float pcu, SourceRef where, std::span<const Index> route) {
  check_trip(depart_s, pcu, where);
  // Road trips come before the transit vehicles (Demand::is_transit): once those are attached,
  // a road trip goes in at the end of the road block and the transit block moves up by one.
  const Index trip = demand_.road_trip_count();
  auto at = [trip](auto& column) { return column.begin() + trip; };
  demand_.trip_external_id.insert(at(demand_.trip_external_id),
                                  id.empty() ? std::to_string(trip) : std::move(id));
  demand_.trip_origin.insert(at(demand_.trip_origin), origin);
  demand_.trip_destination.insert(at(demand_.trip_destination), destination);
  demand_.trip_depart_s.insert(at(demand_.trip_depart_s), depart_s);
  demand_.trip_pcu.insert(at(demand_.trip_pcu), pcu);
  demand_.trip_class.insert(at(demand_.trip_class), car_class);
  demand_.trip_where.insert(at(demand_.trip_where), where);
  // The route's links go in where the trip's range starts; later ranges shift by its length.
  const Index first_link = demand_.trip_first_given_link[trip];
  demand_.given_route_links.insert(demand_.given_route_links.begin() + first_link, route.begin(),
                                   route.end());
  demand_.trip_first_given_link.insert(at(demand_.trip_first_given_link), first_link);
  const Index added = static_cast<Index>(route.size());
  for (std::size_t i = trip + 1; i < demand_.trip_first_given_link.size(); ++i) {
    demand_.trip_first_given_link[i] += added;
  }
  if (demand_.transit_first != invalid_index) ++demand_.transit_first;
  return trip;
}

void DemandBuilder::add_trips(const TripColumns& trips, std::uint32_t file) {
  const std::size_t count = trips.id.size();
  for (std::size_t i = 0; i < count; ++i) {
    check_trip(trips.depart_s[i], trips.pcu[i], {file, trips.line[i]});
  }
  // As push_trip, column by column: the block goes after the road trips, the transit vehicles
  // and their routes (when attached) move up.
  const Index trip = demand_.road_trip_count();
  auto at = [trip](auto& column) { return column.begin() + trip; };
  demand_.trip_external_id.insert(at(demand_.trip_external_id), trips.id.begin(), trips.id.end());
  demand_.trip_origin.insert(at(demand_.trip_origin), trips.origin.begin(), trips.origin.end());
  demand_.trip_destination.insert(at(demand_.trip_destination), trips.destination.begin(),
                                  trips.destination.end());
  demand_.trip_depart_s.insert(at(demand_.trip_depart_s), trips.depart_s.begin(),
                               trips.depart_s.end());
  demand_.trip_pcu.insert(at(demand_.trip_pcu), trips.pcu.begin(), trips.pcu.end());
  if (trips.vehicle_class.empty()) {
    demand_.trip_class.insert(at(demand_.trip_class), count, car_class);
  } else {
    demand_.trip_class.insert(at(demand_.trip_class), trips.vehicle_class.begin(),
                              trips.vehicle_class.end());
  }
  const auto where_at = demand_.trip_where.insert(at(demand_.trip_where), count, SourceRef{});
  for (std::size_t i = 0; i < count; ++i) where_at[i] = {file, trips.line[i]};
  const Index first_link = demand_.trip_first_given_link[trip];
  demand_.given_route_links.insert(demand_.given_route_links.begin() + first_link,
                                   trips.links.begin(), trips.links.end());
  const auto first_at =
      demand_.trip_first_given_link.insert(at(demand_.trip_first_given_link), count, Index{0});
  for (std::size_t i = 0; i < count; ++i) {
    first_at[i] = first_link + (trips.first_link[i] - trips.first_link[0]);
  }
  const Index added = static_cast<Index>(trips.links.size());
  for (std::size_t i = trip + count; i < demand_.trip_first_given_link.size(); ++i) {
    demand_.trip_first_given_link[i] += added;
  }
  if (demand_.transit_first != invalid_index) demand_.transit_first += static_cast<Index>(count);
}

Index DemandBuilder::add_trip(std::string id, const std::string& origin,
                              const std::string& destination, double depart_s, float pcu,
                              SourceRef where) {
  const Index from = network_.find_node(origin);
  if (from == invalid_index) fail(where, "origin", "unknown node '" + origin + "'");
  const Index to = network_.find_node(destination);
  if (to == invalid_index) fail(where, "destination", "unknown node '" + destination + "'");
  return push_trip(std::move(id), from, to, depart_s, pcu, where, {});
}

Index DemandBuilder::add_trip(std::string id, Index origin, Index destination, double depart_s,
                              float pcu, SourceRef where) {
  return push_trip(std::move(id), origin, destination, depart_s, pcu, where, {});
}

Index DemandBuilder::add_routed_trip(std::string id, std::span<const std::string_view> route_links,
                                     double depart_s, float pcu, SourceRef where) {
  if (route_links.empty()) fail(where, "route", "route is empty");
  route_links_.clear();
  if (std::string problem = resolve_given_route(network_, route_links, route_links_);
      !problem.empty()) {
    fail(where, "route", problem);
  }
  return push_trip(std::move(id), network_.link_from_node[route_links_.front()],
                   network_.link_to_node[route_links_.back()], depart_s, pcu, where, route_links_);
}

}  // namespace arteria
