// The emission factors against their source (docs/EMISSIONS.md): for three speeds per class
// and pollutant, our g/km equals the published curve's value. The expected values were worked
// out from the published coefficients outside the code (the table in docs/EMISSIONS.md):
// E(v) = c0 + c3·v + c4·v² + c5·v³ in g/h at v m/s, divided by the speed in km/h.
#include <catch2/catch.hpp>

#include <array>

#include "model/emission_factors.hpp"

using namespace arteria;

namespace {

struct Published {
  EmissionClass vehicle_class;
  Pollutant pollutant;
  std::array<double, 3> g_per_km;  // at 20, 50 and 100 km/h
};

// docs/EMISSIONS.md, "Check against the source".
const std::array<Published, 8> published = {{
    {EmissionClass::petrol_car, Pollutant::co2, {340.937, 150.803, 164.832}},
    {EmissionClass::petrol_car, Pollutant::nox, {0.124709, 0.0465281, 0.0539863}},
    {EmissionClass::petrol_car, Pollutant::pm25, {0.00650012, 0.000468475, 0.00284373}},
    {EmissionClass::petrol_car, Pollutant::fuel, {108.769, 48.1203, 52.5983}},
    {EmissionClass::diesel_car, Pollutant::co2, {240.661, 131.468, 124.817}},
    {EmissionClass::diesel_car, Pollutant::nox, {0.514173, 0.152465, 0.20202}},
    {EmissionClass::diesel_car, Pollutant::pm25, {0.0131852, 0.00066463, 0.00191704}},
    {EmissionClass::diesel_car, Pollutant::fuel, {75.6837, 41.3429, 39.2515}},
}};

constexpr std::array<double, 3> speeds_kmh = {20.0, 50.0, 100.0};

}  // namespace

TEST_CASE("Emission factors equal the published curves at 20, 50 and 100 km/h") {
  for (const Published& row : published) {
    for (std::size_t i = 0; i < speeds_kmh.size(); ++i) {
      INFO(emission_class_name(row.vehicle_class)
           << " " << pollutant_name(row.pollutant) << " at " << speeds_kmh[i] << " km/h");
      CHECK(emission_factor_g_per_km(row.vehicle_class, row.pollutant, speeds_kmh[i]) ==
            Approx(row.g_per_km[i]).epsilon(1e-5));
    }
  }
}

TEST_CASE("An electric car has no exhaust and burns no fuel at any speed") {
  for (std::size_t p = 0; p < pollutant_count; ++p) {
    for (const double kmh : {5.0, 20.0, 50.0, 100.0, 150.0}) {
      CHECK(emission_factor_g_per_km(EmissionClass::electric_car, static_cast<Pollutant>(p), kmh) ==
            0.0);
    }
  }
}

TEST_CASE("Speeds outside the validity range are clamped to its ends") {
  for (std::size_t p = 0; p < pollutant_count; ++p) {
    const auto pollutant = static_cast<Pollutant>(p);
    const double at_min =
        emission_factor_g_per_km(EmissionClass::petrol_car, pollutant, emission_speed_min_kmh);
    const double at_max =
        emission_factor_g_per_km(EmissionClass::petrol_car, pollutant, emission_speed_max_kmh);
    CHECK(emission_factor_g_per_km(EmissionClass::petrol_car, pollutant, 2.0) == at_min);
    CHECK(emission_factor_g_per_km(EmissionClass::petrol_car, pollutant, 0.0) == at_min);
    CHECK(emission_factor_g_per_km(EmissionClass::petrol_car, pollutant, 180.0) == at_max);
    CHECK(at_min > 0.0);
    CHECK(at_max > 0.0);
  }
  // The factor per km is highest in slow traffic: CO2 at 10 km/h is far above 50 km/h.
  CHECK(emission_factor_g_per_km(EmissionClass::petrol_car, Pollutant::co2, 10.0) >
        3.0 * emission_factor_g_per_km(EmissionClass::petrol_car, Pollutant::co2, 50.0));
}

TEST_CASE("Vehicle class and pollutant names") {
  CHECK(std::string(emission_class_name(EmissionClass::petrol_car)) == "petrol_car");
  CHECK(std::string(emission_class_name(EmissionClass::electric_car)) == "electric_car");
  CHECK(std::string(pollutant_name(Pollutant::co2)) == "co2");
  CHECK(std::string(pollutant_name(Pollutant::pm25)) == "pm25");
}
