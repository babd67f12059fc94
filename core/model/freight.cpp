#include "model/freight.hpp"

#include <cmath>
#include <numeric>

#include "base/rng.hpp"
#include "model/node_weights.hpp"

namespace arteria {
namespace {

constexpr double hour_s = 3600.0;

// A stream's RNG key: the source, the gate, the direction and the run's hour slot (< 256: a
// week is 168 hours).
std::uint64_t stream_key(const FreightSource& source, std::size_t gate, int direction, int slot) {
  return ((static_cast<std::uint64_t>(source.source_index) * max_freight_gates + gate) * 2 +
          static_cast<std::uint64_t>(direction)) *
             256 +
         static_cast<std::uint64_t>(slot);
}

}  // namespace

double freight_hour_share(const FreightSource& source, int hour) {
  if (!source.open[hour]) return 0.0;
  double open_shares = 0.0;
  int open_hours = 0;
  for (int h = 0; h < hours_per_day; ++h) {
    if (!source.open[h]) continue;
    open_shares += source.hourly_share[h];
    ++open_hours;
  }
  return open_shares > 0.0 ? source.hourly_share[hour] / open_shares : 1.0 / open_hours;
}

std::size_t expand_freight(const FreightSource& source, const DemandScale& scale, double start_s,
                           double end_s, DemandBuilder& builder) {
  const WeightedNodes city(source.city_weight);
  const float pcu = builder.classes().pcu.at(source.vehicle_class);
  const double most = scale.most();
  const int first_slot = static_cast<int>(std::floor(start_s / hour_s));
  const int end_slot = static_cast<int>(std::ceil(end_s / hour_s));
  std::size_t added = 0;
  for (std::size_t g = 0; g < source.gate_node.size(); ++g) {
    for (int direction = 0; direction < 2; ++direction) {
      const double daily = direction == 0 ? source.gate_trucks_in[g] : source.gate_trucks_out[g];
      const std::string prefix =
          source.name + ":" + source.gate_id[g] + (direction == 0 ? ":in:" : ":out:");
      for (int slot = first_slot; slot < end_slot; ++slot) {
        const double expected = daily * freight_hour_share(source, slot % hours_per_day);
        if (expected <= 0.0) continue;
        const std::uint64_t key = stream_key(source, g, direction, slot);
        const double rounding = random_unit(source.seed, key, 0, RandomPurpose::freight_rounding);
        const std::uint64_t stream = scaled_count(expected * most, rounding);
        for (std::uint64_t k = 0; k < stream; ++k) {
          const double u = random_unit(source.seed, key, k, RandomPurpose::freight_departure_time);
          const double depart_s = (slot + u) * hour_s;
          if (depart_s < start_s || depart_s >= end_s) continue;
          if (!(static_cast<double>(k) + rounding < expected * scale.at(depart_s))) continue;
          const Index end =
              city.pick(random_unit(source.seed, key, k, RandomPurpose::freight_city_end));
          const Index gate = source.gate_node[g];
          const Index trip = builder.add_trip(
              prefix + std::to_string(slot) + "#" + std::to_string(k), direction == 0 ? end : gate,
              direction == 0 ? gate : end, depart_s, pcu);
          builder.set_class(trip, source.vehicle_class);
          ++added;
        }
      }
    }
  }
  return added;
}

}  // namespace arteria
