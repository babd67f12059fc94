// Link costs as a vehicle class sees them at a time: its banned links (and the car links that do
// not admit its mode, and the links of its timed bans in force then) closed, and no link faster
// than its maximum speed. The router customizes one extra metric per restricting class and ban
// period that has trips to route, on the one car CCH topology.
#pragma once

#include <vector>

#include "model/demand.hpp"
#include "model/network.hpp"

namespace arteria {

// Which cost variant each trip routes on: variant 0 is the costs as given (every class that
// restricts nothing, the car among them); each restricting class with a trip to route in
// `demand` gets a variant per period between the changes of its timed bans (one when it has
// none): a trip routes on the bans in force at its departure.
struct ClassVariants {
  std::vector<Index> first_variant;  // per class of demand.classes; 0: routes on variant 0
  std::vector<std::vector<double>> ban_changes;  // per class: VehicleClasses::ban_changes
  std::vector<ClassIndex> variant_class;         // per variant; [0] unused
  std::vector<double> variant_time_s;            // per variant: a time within its period
  Index count() const { return static_cast<Index>(variant_class.size()); }
  // The variant of a trip of class `c` departing at `time_s`.
  Index of(ClassIndex c, double time_s) const;
  // The variant of `trip`: 0 for a transit vehicle.
  Index of_trip(const Demand& demand, Index trip) const {
    return trip < demand.trip_class.size() ? of(demand.trip_class[trip], demand.trip_depart_s[trip])
                                           : 0;
  }
};
ClassVariants class_variants(const Network& network, const Demand& demand);

// Link `l`'s cost `base` as class `c` sees it at `time_s`: infinity where it may not drive then,
// at least length / its maximum speed elsewhere.
float class_link_cost(const Network& network, const VehicleClasses& classes, ClassIndex c,
                      double time_s, Index l, float base);

// `base` (one cost per link) as class `c` sees it at `time_s`, into `out`: infinity where it may
// not drive then, at least length / its maximum speed elsewhere.
void class_link_costs(const Network& network, const VehicleClasses& classes, ClassIndex c,
                      double time_s, const float* base, std::vector<float>& out);

}  // namespace arteria
