// Link costs as a vehicle class sees them: its banned links (and the car links that do not admit
// its mode) closed, and no link faster than its maximum speed. The router customizes one extra
// metric per restricting class that has trips to route, on the one car CCH topology.
#pragma once

#include <vector>

#include "model/demand.hpp"
#include "model/network.hpp"

namespace arteria {

// Which cost variant each trip routes on: variant 0 is the costs as given (every class that
// restricts nothing, the car among them); each restricting class with a trip to route in
// `demand` gets a variant of its own.
struct ClassVariants {
  std::vector<Index> variant_of_class;    // per class of demand.classes
  std::vector<ClassIndex> variant_class;  // per variant; [0] unused
  Index count() const { return static_cast<Index>(variant_class.size()); }
  // The variant of `trip`: 0 for a transit vehicle.
  Index of_trip(const Demand& demand, Index trip) const {
    return trip < demand.trip_class.size() ? variant_of_class[demand.trip_class[trip]] : 0;
  }
};
ClassVariants class_variants(const Network& network, const Demand& demand);

// `base` (one cost per link) as class `c` sees it, into `out`: infinity where it may not drive,
// at least length / its maximum speed elsewhere.
void class_link_costs(const Network& network, const VehicleClasses& classes, ClassIndex c,
                      const float* base, std::vector<float>& out);

}  // namespace arteria
