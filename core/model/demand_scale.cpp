#include "model/demand_scale.hpp"

#include <algorithm>
#include <cmath>

#include "base/rng.hpp"

namespace arteria {

double DemandScale::at(double depart_s) const {
  double factor = 1.0;
  for (const Step& step : steps) {
    if (step.from_s <= depart_s) factor *= step.factor;
  }
  return factor;
}

double DemandScale::most() const {
  // The factor only changes at a step's time, so the largest is found at one of them.
  double most = at(-INFINITY);
  for (const Step& step : steps) most = std::max(most, at(step.from_s));
  return most;
}

bool DemandScale::identity() const {
  return std::all_of(steps.begin(), steps.end(), [](const Step& s) { return s.factor == 1.0; });
}

std::uint64_t scaled_count(double expected, double u) {
  if (!(expected > u)) return 0;
  return static_cast<std::uint64_t>(std::ceil(expected - u));
}

bool generated_trip_kept(std::uint64_t k, std::uint64_t base_trips, double depart_s,
                         const DemandScale& scale) {
  // Rounded, so that 60,000 x 1.2 keeps 72,000 trips, as trips = 72000 would draw.
  const double kept = std::round(static_cast<double>(base_trips) * scale.at(depart_s));
  return static_cast<double>(k) < kept;
}

namespace {

// Rebuilds `demand` with road trip i repeated copies(i) times (copies after their trip, named
// "ID#k"); the transit vehicles follow unchanged.
template <typename Copies>
void repeat_road_trips(Demand& demand, std::size_t expected_trips, Copies copies) {
  const Index road_trips = demand.road_trip_count();
  Demand scaled;
  scaled.files = demand.files;
  scaled.classes = demand.classes;
  scaled.reserve(static_cast<std::size_t>(demand.trip_count() - road_trips) + expected_trips);
  auto copy_trip = [&](Index trip, std::string id) {
    scaled.trip_external_id.push_back(std::move(id));
    scaled.trip_origin.push_back(demand.trip_origin[trip]);
    scaled.trip_destination.push_back(demand.trip_destination[trip]);
    scaled.trip_depart_s.push_back(demand.trip_depart_s[trip]);
    scaled.trip_pcu.push_back(demand.trip_pcu[trip]);
    if (trip < road_trips) scaled.trip_class.push_back(demand.trip_class[trip]);
    scaled.trip_where.push_back(demand.trip_where[trip]);
    scaled.given_route_links.insert(
        scaled.given_route_links.end(),
        demand.given_route_links.begin() + demand.trip_first_given_link[trip],
        demand.given_route_links.begin() + demand.trip_first_given_link[trip + 1]);
    scaled.trip_first_given_link.push_back(static_cast<Index>(scaled.given_route_links.size()));
    if (!demand.trip_route_between_links.empty()) {
      scaled.trip_route_between_links.push_back(demand.route_between_links(trip));
    }
  };
  for (Index trip = 0; trip < road_trips; ++trip) {
    const std::uint64_t count = copies(trip);
    for (std::uint64_t copy = 0; copy < count; ++copy) {
      std::string id = demand.trip_external_id[trip];
      if (copy > 0) id.append("#").append(std::to_string(copy));
      copy_trip(trip, std::move(id));
    }
  }
  if (demand.transit_first != invalid_index) {
    scaled.transit_first = scaled.trip_count();
    for (Index trip = road_trips; trip < demand.trip_count(); ++trip) {
      copy_trip(trip, demand.trip_external_id[trip]);
    }
  }
  demand = std::move(scaled);
}

}  // namespace

void scale_listed_trips(Demand& demand, const DemandScale& scale, std::uint64_t seed) {
  if (scale.identity()) return;
  const double most = std::max(1.0, std::ceil(scale.most()));
  repeat_road_trips(demand, static_cast<std::size_t>(demand.road_trip_count() * most),
                    [&](Index trip) {
                      const double u = random_unit(seed, trip, 0, RandomPurpose::demand_scaling);
                      return scaled_count(scale.at(demand.trip_depart_s[trip]), u);
                    });
}

void keep_generated_trips(Demand& demand, Index first, std::uint64_t base_trips,
                          const DemandScale& scale) {
  if (scale.identity()) return;
  repeat_road_trips(demand, static_cast<std::size_t>(demand.road_trip_count()), [&](Index trip) {
    return trip < first ||
                   generated_trip_kept(trip - first, base_trips, demand.trip_depart_s[trip], scale)
               ? 1
               : 0;
  });
}

}  // namespace arteria
