// Emissions of a link bin: outflow × length × factor at the bin's mean speed, checked by hand.
#include <catch2/catch.hpp>

#include <cmath>

#include "output/link_emissions.hpp"

using namespace arteria;

namespace {

// Two links; the first one has `exits` vehicles leaving at `speed_mps`, the second none.
LinkBin one_link_bin(float exits, float speed_mps) {
  LinkBin bin;
  bin.resize(2);
  bin.outflow[0] = exits;
  bin.mean_speed_mps[0] = speed_mps;
  bin.mean_speed_mps[1] = std::nanf("");
  return bin;
}

std::size_t at(Pollutant p) {
  return static_cast<std::size_t>(p);
}

}  // namespace

TEST_CASE("Emissions of a constant-speed link equal factor × distance") {
  // 30 cars leave a 2 km link at 50 km/h: 60 vehicle-km. By hand, petrol car CO2 at
  // v = 13.8889 m/s: 8273 - 401.1 v + 25.08 v² = 8273 - 5570.83 + 4837.96 = 7540.13 g/h,
  // / 50 km/h = 150.803 g/km; × 60 vehicle-km = 9048.2 g. NOx: 3.444 - 3.2125 + 2.0949 =
  // 2.3264 g/h, / 50 = 0.046528 g/km; × 60 = 2.7917 g.
  const std::vector<float> length_m = {2000.0f, 500.0f};
  const LinkEmissions grams =
      link_emissions(one_link_bin(30.0f, 50.0f / 3.6f), length_m, VehicleClass::petrol_car);
  CHECK(grams[at(Pollutant::co2)][0] == Approx(9048.2).epsilon(1e-4));
  CHECK(grams[at(Pollutant::nox)][0] == Approx(2.7917).epsilon(1e-4));
  for (std::size_t p = 0; p < pollutant_count; ++p) {
    const double factor =
        emission_factor_g_per_km(VehicleClass::petrol_car, static_cast<Pollutant>(p), 50.0);
    CHECK(grams[p][0] == Approx(60.0 * factor).epsilon(1e-5));
    CHECK(grams[p][1] == 0.0f);  // nothing left the second link (speed NaN)
  }
}

TEST_CASE("Electric cars emit nothing on a busy link") {
  const LinkEmissions grams =
      link_emissions(one_link_bin(100.0f, 10.0f), {1000.0f, 1000.0f}, VehicleClass::electric_car);
  for (const std::vector<float>& values : grams) CHECK(values == std::vector<float>{0.0f, 0.0f});
}

TEST_CASE("Emission totals sum the bins") {
  const std::vector<float> length_m = {1000.0f, 1000.0f};
  EmissionTotals totals;
  const LinkEmissions first =
      link_emissions(one_link_bin(10.0f, 20.0f / 3.6f), length_m, VehicleClass::petrol_car);
  const LinkEmissions second =
      link_emissions(one_link_bin(5.0f, 100.0f / 3.6f), length_m, VehicleClass::petrol_car);
  totals.add(first);
  totals.add(second);
  // 10 vehicle-km at 20 km/h (340.937 g/km) and 5 at 100 km/h (164.832 g/km).
  CHECK(totals.grams[at(Pollutant::co2)] == Approx(10 * 340.937 + 5 * 164.832).epsilon(1e-5));
}
