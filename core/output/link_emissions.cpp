#include "output/link_emissions.hpp"

#include <cmath>
#include <cstddef>

namespace arteria {

LinkEmissions link_emissions(const LinkBin& bin, const Network& network,
                             VehicleClass vehicle_class) {
  const std::size_t links = network.link_count;
  LinkEmissions grams;
  for (std::vector<float>& values : grams) values.assign(links, 0.0f);
  for (std::size_t l = 0; l < links; ++l) {
    const double exits = bin.outflow[l];
    if (exits <= 0.0 || std::isnan(bin.mean_speed_mps[l])) continue;
    if ((network.link_modes[l] & mode_car) == 0) continue;
    const double vehicle_km = exits * static_cast<double>(network.link_length_m[l]) / 1000.0;
    const double speed_kmh = static_cast<double>(bin.mean_speed_mps[l]) * 3.6;
    for (std::size_t p = 0; p < pollutant_count; ++p) {
      const double factor =
          emission_factor_g_per_km(vehicle_class, static_cast<Pollutant>(p), speed_kmh);
      grams[p][l] = static_cast<float>(vehicle_km * factor);
    }
  }
  return grams;
}

void EmissionTotals::add(const LinkEmissions& bin) {
  for (std::size_t p = 0; p < pollutant_count; ++p) {
    for (const float value : bin[p]) grams[p] += value;
  }
}

}  // namespace arteria
