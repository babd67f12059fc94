// Transit trips become vehicles of the scenario's demand.
#include "model/transit_scenario.hpp"

#include <algorithm>
#include <numeric>

namespace arteria {

void attach_transit_vehicles(const Network& network, const TransitScenario& transit,
                             Demand& demand) {
  const Timetable& tt = transit.timetable;
  const TransitPlacement& placement = transit.placement;
  demand.transit_first = demand.trip_count();
  demand.reserve(demand.trip_count() + tt.trip_count());
  const std::uint32_t file = static_cast<std::uint32_t>(demand.files.size());
  demand.files.push_back(tt.source);
  for (Index trip = 0; trip < tt.trip_count(); ++trip) {
    const Index first = placement.trip_first_link[trip];
    const Index end = placement.trip_first_link[trip + 1];
    const bool placed = placement.trip_placed[trip] && end > first;
    demand.trip_external_id.push_back(tt.trip_id[trip]);
    demand.trip_origin.push_back(placed ? network.link_from_node[placement.links[first]] : 0);
    demand.trip_destination.push_back(placed ? network.link_to_node[placement.links[end - 1]] : 0);
    demand.trip_depart_s.push_back(tt.call_departure_s[tt.calls_begin(trip)]);
    demand.trip_pcu.push_back(tt.vehicle_types[tt.trip_vehicle_type[trip]].pcu);
    demand.trip_where.push_back({file, 0});
    if (placed) {
      demand.given_route_links.insert(demand.given_route_links.end(),
                                      placement.links.begin() + first,
                                      placement.links.begin() + end);
    }
    demand.trip_first_given_link.push_back(static_cast<Index>(demand.given_route_links.size()));
  }
}

void index_transit(TransitScenario& transit) {
  const Timetable& tt = transit.timetable;
  transit.start_order.clear();
  for (Index trip = 0; trip < tt.trip_count(); ++trip) {
    if (transit.placement.trip_placed[trip]) transit.start_order.push_back(trip);
  }
  std::stable_sort(transit.start_order.begin(), transit.start_order.end(), [&](Index a, Index b) {
    return tt.call_arrival_s[tt.calls_begin(a)] < tt.call_arrival_s[tt.calls_begin(b)];
  });

  transit.route_first_trip.assign(tt.route_count() + 1, 0);
  for (const Index route : tt.trip_route) ++transit.route_first_trip[route + 1];
  std::partial_sum(transit.route_first_trip.begin(), transit.route_first_trip.end(),
                   transit.route_first_trip.begin());
  transit.route_trips.resize(tt.trip_count());
  std::vector<Index> fill(transit.route_first_trip.begin(), transit.route_first_trip.end() - 1);
  for (Index trip = 0; trip < tt.trip_count(); ++trip) {
    transit.route_trips[fill[tt.trip_route[trip]]++] = trip;
  }

  const PassengerDemand& pax = transit.passengers;
  transit.passenger_order.resize(pax.count());
  std::iota(transit.passenger_order.begin(), transit.passenger_order.end(), Index{0});
  std::stable_sort(transit.passenger_order.begin(), transit.passenger_order.end(),
                   [&](Index a, Index b) { return pax.depart_s[a] < pax.depart_s[b]; });
}

}  // namespace arteria
