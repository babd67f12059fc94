// Emissions per link and output bin, from what a bin of the /links series already holds: an
// average-speed model, as COPERT is. The vehicles that left link l during the bin drove its
// length at the space-mean speed of the bin, so
//   grams(l, pollutant) = outflow(l) × length_km(l) × EF(class, pollutant, mean speed(l)).
// Computed as bins are written, it cannot change the simulation, and a resumed run, whose
// bins are replayed into the writer, gets the same figures (docs/EMISSIONS.md).
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "model/emission_factors.hpp"
#include "model/network.hpp"
#include "model/vehicle_classes.hpp"
#include "sim/run_records.hpp"

namespace arteria {

// The category each vehicle class is charged as, by class index (VehicleClasses::emission):
// none for a class no factors describe. [car_class] also covers the vehicles in no class
// (transit vehicles driving on roads), as every road vehicle was before classes came.
using ClassEmissions = std::vector<std::optional<EmissionClass>>;

// Grams per link of each pollutant in one bin, in Pollutant order.
using LinkEmissions = std::array<std::vector<float>, pollutant_count>;

// What each vehicle class drove on the roads and emitted, by class index (as ClassEmissions):
// vehicle-km and grams in Pollutant order. The car class's row also holds the vehicles in no
// class, which are charged as cars. A class whose category is none has its vehicle-km and no
// grams.
struct ClassEmissionTotals {
  std::vector<double> vehicle_km;
  std::vector<std::array<double, pollutant_count>> grams;
};

// `bin`'s emissions on `network`: each class's outflow (LinkBin::class_outflow) charged as its
// category, the rest of the outflow as the car class's; without per-class outflow (a cars-only
// demand) the whole outflow is the car class's. A link nothing left in the bin (outflow 0,
// speed NaN) emits nothing, nor does a link cars may not use: transit guideways (rail,
// bus-only `gw:` links) carry vehicles a car's factors do not describe. Each class's share is
// added to `by_class` (when given), link by link in link order.
LinkEmissions link_emissions(const LinkBin& bin, const Network& network,
                             const ClassEmissions& class_emission,
                             ClassEmissionTotals* by_class = nullptr);

// Run totals in grams, summed bin by bin in link order (so at any thread count the same), and
// per class (filled by link_emissions).
struct EmissionTotals {
  std::array<double, pollutant_count> grams{};
  ClassEmissionTotals by_class;
  void add(const LinkEmissions& bin);
};

}  // namespace arteria
