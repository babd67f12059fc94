// Emissions per link and output bin, from what a bin of the /links series already holds: an
// average-speed model, as COPERT is. The vehicles that left link l during the bin drove its
// length at the space-mean speed of the bin, so
//   grams(l, pollutant) = outflow(l) × length_km(l) × EF(class, pollutant, mean speed(l)).
// Computed as bins are written, it cannot change the simulation, and a resumed run, whose
// bins are replayed into the writer, gets the same figures (docs/EMISSIONS.md).
#pragma once

#include <array>
#include <vector>

#include "model/emission_factors.hpp"
#include "model/network.hpp"
#include "sim/run_records.hpp"

namespace arteria {

// Every road vehicle is a petrol car until vehicle classes reach the demand (issue 15, item 1);
// the writer charges the whole outflow to this class.
inline constexpr VehicleClass road_vehicle_class = VehicleClass::petrol_car;

// Grams per link of each pollutant in one bin, in Pollutant order.
using LinkEmissions = std::array<std::vector<float>, pollutant_count>;

// `bin`'s emissions on `network` with every vehicle of `vehicle_class`. A link nothing left in
// the bin (outflow 0, speed NaN) emits nothing, nor does a link cars may not use: transit
// guideways (rail, bus-only `gw:` links) carry vehicles a car's factors do not describe.
LinkEmissions link_emissions(const LinkBin& bin, const Network& network,
                             VehicleClass vehicle_class);

// Run totals in grams, summed bin by bin in link order (so at any thread count the same).
struct EmissionTotals {
  std::array<double, pollutant_count> grams{};
  void add(const LinkEmissions& bin);
};

}  // namespace arteria
