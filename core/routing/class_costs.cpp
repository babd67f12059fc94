#include "routing/class_costs.hpp"

#include <algorithm>
#include <limits>

namespace arteria {

ClassVariants class_variants(const Network& network, const Demand& demand) {
  ClassVariants variants;
  variants.variant_of_class.assign(demand.classes.count(), 0);
  variants.variant_class.push_back(car_class);
  std::vector<std::uint8_t> routed(demand.classes.count(), 0);
  for (Index trip = 0; trip < demand.trip_class.size(); ++trip) {
    if (!demand.has_given_route(trip)) routed[demand.trip_class[trip]] = 1;
  }
  for (Index c = 0; c < demand.classes.count(); ++c) {
    if (!routed[c] || !demand.classes.restricts(network, static_cast<ClassIndex>(c))) continue;
    variants.variant_of_class[c] = variants.count();
    variants.variant_class.push_back(static_cast<ClassIndex>(c));
  }
  return variants;
}

void class_link_costs(const Network& network, const VehicleClasses& classes, ClassIndex c,
                      const float* base, std::vector<float>& out) {
  out.resize(network.link_count);
  const float max_speed = classes.max_speed_mps[c];
  for (Index l = 0; l < network.link_count; ++l) {
    out[l] = classes.allows(network, c, l) ? std::max(base[l], network.link_length_m[l] / max_speed)
                                           : std::numeric_limits<float>::infinity();
  }
}

}  // namespace arteria
