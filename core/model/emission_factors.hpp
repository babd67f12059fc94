// Hot exhaust emission factors per vehicle class, pollutant and speed: grams per vehicle-km
// driven at a constant speed. Source, validity range and the check against the source are in
// docs/EMISSIONS.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace arteria {

// The exhaust categories the model knows; each vehicle class (model/vehicle_classes.hpp) names
// one, or none to leave the class out of /emissions.
enum class EmissionClass : std::uint8_t {
  petrol_car = 0,    // petrol passenger car, Euro 6
  diesel_car = 1,    // diesel passenger car, Euro 6
  electric_car = 2,  // battery-electric passenger car: no exhaust
  diesel_truck = 3,  // diesel heavy goods vehicle (over 3.5 t), Euro VI
  urban_bus = 4,     // the source's average urban bus (all fuels and Euro classes), not Euro VI
};
inline constexpr std::size_t emission_class_count = 5;

// What the model gives per vehicle-km. PM2.5 is exhaust particulate mass (all of it is finer
// than 2.5 µm); tyre, brake and road wear are not included. Fuel is mass of fuel burnt.
enum class Pollutant : std::uint8_t { co2 = 0, nox = 1, pm25 = 2, fuel = 3 };
inline constexpr std::size_t pollutant_count = 4;

const char* emission_class_name(EmissionClass vehicle_class);
// The category named `name` ("petrol_car", ...); false when there is none.
bool find_emission_class(std::string_view name, EmissionClass& found);
const char* pollutant_name(Pollutant pollutant);  // "co2", "nox", "pm25", "fuel"

// Speeds the factors are used within; a speed outside is clamped to the nearer end. The source
// states no range; this is the one COPERT gives its average-speed car curves. Below 10 km/h a
// per-km factor grows without bound (engine running, little distance covered).
inline constexpr double emission_speed_min_kmh = 10.0;
inline constexpr double emission_speed_max_kmh = 130.0;

// Grams per vehicle-km of `pollutant` for a vehicle of `vehicle_class` driving at `speed_kmh`
// (clamped to the range above). Zero for every pollutant of an electric car.
double emission_factor_g_per_km(EmissionClass vehicle_class, Pollutant pollutant, double speed_kmh);

}  // namespace arteria
