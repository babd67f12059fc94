// One meaning of "+x % demand", whichever way it is asked for ([demand] scale, a scale_demand
// event, Python's Scenario.scale_demand): the scaled demand is the base's trips plus a
// deterministic extra sample, or a deterministic subset of them when scaling down, so a
// scaled run can be compared trip by trip with its base.
//   - A generator (source = "generated") draws its extra sample from its own stream: trip k
//     of the stream is kept while k < trips x factor, so scale 1.2 on 60,000 trips is the
//     same demand as trips = 72,000, and scale 0.8 the same as trips = 48,000.
//   - A list of trips (every other source, and a built scenario) repeats trip i
//     scaled_count(factor, u_i) times, u_i drawn per trip (RandomPurpose::demand_scaling).
// Draws are keyed by trip, never by thread or by the event that asked, so the [demand] key and
// an event from the start give the same trips.
#pragma once

#include <cstdint>
#include <vector>

#include "model/demand.hpp"

namespace arteria {

// Factors that hold from a time on and compound: the factor for a trip departing at t is the
// product of the steps with from_s <= t ([demand] scale is a step from the beginning).
struct DemandScale {
  struct Step {
    double from_s = 0.0;
    double factor = 1.0;
  };
  std::vector<Step> steps;

  double at(double depart_s) const;
  double most() const;  // the largest factor any departure time gets
  bool identity() const;
};

// How many trips an expected count makes with the draw u in [0, 1): the number of whole j >= 0
// with j + u < expected. It grows with `expected`, so a larger factor keeps every trip of a
// smaller one; its mean is `expected`.
std::uint64_t scaled_count(double expected, double u);

// Whether trip `k` of a generator whose base is `base_trips` trips belongs to the demand
// scaled by `scale`: k < base_trips x the factor at its departure.
bool generated_trip_kept(std::uint64_t k, std::uint64_t base_trips, double depart_s,
                         const DemandScale& scale);

// Rebuilds `demand` so that road trip i (with u_i = random_unit(seed, i, 0, demand_scaling))
// appears scaled_count(scale.at(depart_i), u_i) times: copies follow their trip, named
// "ID#k". Transit vehicles are kept as they are, after the road trips.
void scale_listed_trips(Demand& demand, const DemandScale& scale, std::uint64_t seed);

// For a generator that added its stream's first trips at `first` (trip first + k is the stream's
// trip k, drawn to base_trips x scale.most()): drops the trips generated_trip_kept refuses.
void keep_generated_trips(Demand& demand, Index first, std::uint64_t base_trips,
                          const DemandScale& scale);

}  // namespace arteria
