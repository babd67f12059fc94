// Transit trips become vehicles of the scenario's demand.
#include "transit/transit_scenario.hpp"

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

}  // namespace arteria
