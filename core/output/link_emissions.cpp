#include "output/link_emissions.hpp"

#include <cmath>
#include <cstddef>

namespace arteria {

namespace {

// Grams of every pollutant emitted over `vehicle_km` driven at `speed_kmh` as `category`
// (none: nothing).
std::array<double, pollutant_count> grams_of(double vehicle_km, double speed_kmh,
                                             std::optional<EmissionClass> category) {
  std::array<double, pollutant_count> grams{};
  if (!category) return grams;
  for (std::size_t p = 0; p < pollutant_count; ++p) {
    grams[p] =
        vehicle_km * emission_factor_g_per_km(*category, static_cast<Pollutant>(p), speed_kmh);
  }
  return grams;
}

// Charges `vehicles` that drove `length_m` at `speed_kmh` as class `c`: to the link's `sum`
// and to the class's totals.
void charge(std::array<double, pollutant_count>& sum, ClassEmissionTotals* by_class, std::size_t c,
            double vehicles, double length_m, double speed_kmh,
            std::optional<EmissionClass> category) {
  if (vehicles <= 0.0) return;
  const double vehicle_km = vehicles * length_m / 1000.0;
  const std::array<double, pollutant_count> grams = grams_of(vehicle_km, speed_kmh, category);
  for (std::size_t p = 0; p < pollutant_count; ++p) sum[p] += grams[p];
  if (by_class == nullptr) return;
  by_class->vehicle_km[c] += vehicle_km;
  for (std::size_t p = 0; p < pollutant_count; ++p) by_class->grams[c][p] += grams[p];
}

}  // namespace

LinkEmissions link_emissions(const LinkBin& bin, const Network& network,
                             const ClassEmissions& class_emission, ClassEmissionTotals* by_class) {
  const std::size_t links = network.link_count;
  LinkEmissions grams;
  for (std::vector<float>& values : grams) values.assign(links, 0.0f);
  if (by_class != nullptr) {
    by_class->vehicle_km.resize(class_emission.size(), 0.0);
    by_class->grams.resize(class_emission.size(), {});
  }
  for (std::size_t l = 0; l < links; ++l) {
    const double exits = bin.outflow[l];
    if (exits <= 0.0 || std::isnan(bin.mean_speed_mps[l])) continue;
    if ((network.link_modes[l] & mode_car) == 0) continue;
    const double length_m = network.link_length_m[l];
    const double speed_kmh = static_cast<double>(bin.mean_speed_mps[l]) * 3.6;
    std::array<double, pollutant_count> sum{};
    double in_no_class = exits;
    for (std::size_t c = 0; c < bin.class_outflow.size(); ++c) {
      const double class_exits = bin.class_outflow[c][l];
      charge(sum, by_class, c, class_exits, length_m, speed_kmh, class_emission[c]);
      in_no_class -= class_exits;
    }
    charge(sum, by_class, car_class, in_no_class, length_m, speed_kmh, class_emission[car_class]);
    for (std::size_t p = 0; p < pollutant_count; ++p) grams[p][l] = static_cast<float>(sum[p]);
  }
  return grams;
}

void EmissionTotals::add(const LinkEmissions& bin) {
  for (std::size_t p = 0; p < pollutant_count; ++p) {
    for (const float value : bin[p]) grams[p] += value;
  }
}

}  // namespace arteria
