// The speed curves of emission_factors.hpp.
//
// Source: the HBEFA v3.1-based continuous emission functions published by DLR with SUMO
// (D. Krajzewicz et al., "Second Generation of Pollutant Emission Models for SUMO", SUMO 2014,
// https://elib.dlr.de/89398/; the coefficients are those of the classes PC_G_EU6, PC_D_EU6,
// HDV_D_EU6 and Bus in SUMO's HBEFA3 model, documented at
// https://sumo.dlr.de/docs/Models/Emissions/HBEFA3-based.html). Each function gives an
// emission rate in g/h from speed v (m/s) and acceleration a (m/s²):
//   E = c0 + c1·a·v + c2·a²·v + c3·v + c4·v² + c5·v³,   clipped at 0.
// At constant speed a = 0, so only c0, c3, c4 and c5 are kept here; g/km = E / (3.6 · v).
#include "model/emission_factors.hpp"

#include <algorithm>
#include <array>

namespace arteria {
namespace {

// E(v) in g/h at constant speed v in m/s.
struct SpeedCurve {
  double c0 = 0.0;
  double c3 = 0.0;
  double c4 = 0.0;
  double c5 = 0.0;
};

using ClassCurves = std::array<SpeedCurve, pollutant_count>;  // in Pollutant order

// In EmissionClass order; within a class in Pollutant order: CO2, NOx, PM, fuel ("mKr").
constexpr std::array<ClassCurves, emission_class_count> curves = {{
    // petrol_car: HBEFA3 PC_G_EU6
    {{{8273.0, -401.1, 25.08, 0.0},
      {3.444, -0.2313, 0.01086, 0.0},
      {0.3107, -0.04042, 0.001421, 0.0},
      {2639.0, -127.9, 8.001, 0.0}}},
    // diesel_car: HBEFA3 PC_D_EU6
    {{{3946.0, 149.8, 0.0, 0.2041},
      {16.31, -1.391, 0.05512, 0.0},
      {0.553, -0.06184, 0.001758, 0.0},
      {1241.0, 47.1, 0.0, 0.06419}}},
    // electric_car: no exhaust and no fuel burnt on board
    {},
    // diesel_truck: HBEFA3 HDV_D_EU6 (linear in v: the fit has no c4, c5)
    {{{23530.0, 1889.0, 0.0, 0.0},
      {47.47, 2.737, 0.0, 0.0},
      {0.1279, 0.00329, 0.0, 0.0},
      {7400.0, 594.2, 0.0, 0.0}}},
    // urban_bus: HBEFA3 Bus, the average urban bus of HBEFA 3.1's fleet
    {{{19030.0, 2073.0, 0.0, 0.0},
      {218.7, 11.27, 0.0, 0.0},
      {7.222, 0.1201, 0.0, 0.0},
      {6016.0, 656.6, 0.0, 0.0}}},
}};

}  // namespace

const char* emission_class_name(EmissionClass vehicle_class) {
  switch (vehicle_class) {
    case EmissionClass::petrol_car: return "petrol_car";
    case EmissionClass::diesel_car: return "diesel_car";
    case EmissionClass::electric_car: return "electric_car";
    case EmissionClass::diesel_truck: return "diesel_truck";
    case EmissionClass::urban_bus: return "urban_bus";
  }
  return "unknown";
}

bool find_emission_class(std::string_view name, EmissionClass& found) {
  for (std::size_t c = 0; c < emission_class_count; ++c) {
    if (name == emission_class_name(static_cast<EmissionClass>(c))) {
      found = static_cast<EmissionClass>(c);
      return true;
    }
  }
  return false;
}

const char* pollutant_name(Pollutant pollutant) {
  switch (pollutant) {
    case Pollutant::co2: return "co2";
    case Pollutant::nox: return "nox";
    case Pollutant::pm25: return "pm25";
    case Pollutant::fuel: return "fuel";
  }
  return "unknown";
}

double emission_factor_g_per_km(EmissionClass vehicle_class, Pollutant pollutant,
                                double speed_kmh) {
  const SpeedCurve& curve =
      curves[static_cast<std::size_t>(vehicle_class)][static_cast<std::size_t>(pollutant)];
  const double kmh = std::clamp(speed_kmh, emission_speed_min_kmh, emission_speed_max_kmh);
  const double v = kmh / 3.6;
  const double grams_per_hour = curve.c0 + v * (curve.c3 + v * (curve.c4 + v * curve.c5));
  return std::max(grams_per_hour, 0.0) / kmh;
}

}  // namespace arteria
