#include "routing/class_costs.hpp"

#include <algorithm>
#include <limits>

namespace arteria {

Index ClassVariants::of(ClassIndex c, double time_s) const {
  if (first_variant[c] == 0) return 0;
  const std::vector<double>& changes = ban_changes[c];
  const auto period = std::upper_bound(changes.begin(), changes.end(), time_s) - changes.begin();
  return first_variant[c] + static_cast<Index>(period);
}

ClassVariants class_variants(const Network& network, const Demand& demand) {
  ClassVariants variants;
  variants.first_variant.assign(demand.classes.count(), 0);
  variants.ban_changes.resize(demand.classes.count());
  variants.variant_class.push_back(car_class);
  variants.variant_time_s.push_back(0.0);
  std::vector<std::uint8_t> routed(demand.classes.count(), 0);
  for (Index trip = 0; trip < demand.trip_class.size(); ++trip) {
    if (!demand.has_given_route(trip)) routed[demand.trip_class[trip]] = 1;
  }
  for (Index c = 0; c < demand.classes.count(); ++c) {
    const auto cls = static_cast<ClassIndex>(c);
    if (!routed[c] || !demand.classes.restricts(network, cls)) continue;
    variants.first_variant[c] = variants.count();
    variants.ban_changes[c] = demand.classes.ban_changes(cls);
    // Period 0 is before the first change; period k starts at change k - 1.
    variants.variant_class.push_back(cls);
    variants.variant_time_s.push_back(-std::numeric_limits<double>::infinity());
    for (const double change : variants.ban_changes[c]) {
      variants.variant_class.push_back(cls);
      variants.variant_time_s.push_back(change);
    }
  }
  return variants;
}

float class_link_cost(const Network& network, const VehicleClasses& classes, ClassIndex c,
                      double time_s, Index l, float base) {
  return classes.allows_at(network, c, l, time_s)
             ? std::max(base, network.link_length_m[l] / classes.max_speed_mps[c])
             : std::numeric_limits<float>::infinity();
}

void class_link_costs(const Network& network, const VehicleClasses& classes, ClassIndex c,
                      double time_s, const float* base, std::vector<float>& out) {
  out.resize(network.link_count);
  for (Index l = 0; l < network.link_count; ++l) {
    out[l] = class_link_cost(network, classes, c, time_s, l, base[l]);
  }
}

}  // namespace arteria
