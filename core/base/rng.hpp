// Counter-based random numbers: a draw is a pure function of (seed, entity, step, purpose), so
// no generator state is shared between threads and adding one vehicle never shifts other draws.
// The mixing is SplitMix64's finaliser (Steele, Lea & Flood, "Fast splittable pseudorandom
// number generators", OOPSLA 2014) applied to a combination of the four keys.
#pragma once

#include <cstdint>

namespace arteria {

// What a draw is for: keeps draws for different decisions of the same entity independent.
enum class RandomPurpose : std::uint32_t {
  node_service_order = 1,
  demand_departure_time = 2,
  demand_origin = 3,
  demand_destination = 4,
  demand_rounding = 5,            // whether an OD cell's fractional trip is in the demand
  sumo_type_choice = 6,           // a vehicle's type from a SUMO vTypeDistribution
  sumo_route_choice = 7,          // a vehicle's route from a SUMO routeDistribution
  passenger_departure_time = 8,   // a generated passenger's departure within its window
  passenger_origin = 9,           // a random passenger's origin stop
  passenger_destination = 10,     // a random passenger's destination stop
  passenger_rounding = 11,        // the extra passenger of an OD row's fractional count
  route_tie_meeting = 14,         // which tied meeting vertex a trip's CCH path goes through
  route_tie_via = 15,             // which tied arc a CCH search label is taken to come by
  route_tie_way = 16,             // which tied turn or lower triangle a shortcut unpacks into
  equilibrium_route_choice = 17,  // a trip's route among its OD pair's equilibrium routes
  lane_group_service_order = 18,  // a lane group's place in its node's service order
  dynamic_route_switch = 19,      // whether a trip takes its best route after a DTA iteration
  demand_scaling = 20,            // how many times a listed trip appears in a scaled demand
  en_route_rerouting = 21,        // whether a driver re-routes on current link times
  emergency_incident = 22,        // when and where a drawn emergency incident happens
  freight_departure_time = 40,    // a freight trip's departure within its hour
  freight_city_end = 41,          // a freight trip's end in the city
  freight_rounding = 42,          // whether a freight stream's fractional trip is in the demand
};

inline std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

inline std::uint64_t random_bits(std::uint64_t seed, std::uint64_t entity, std::uint64_t step,
                                 RandomPurpose purpose) {
  std::uint64_t h = mix64(seed + 0x9e3779b97f4a7c15ULL);
  h = mix64(h ^ (entity + 0x632be59bd9b4e019ULL));
  h = mix64(h ^ (step + 0x85157af5ULL * static_cast<std::uint64_t>(purpose)));
  return h;
}

// Uniform in [0, 1) with 53 random bits.
inline double random_unit(std::uint64_t seed, std::uint64_t entity, std::uint64_t step,
                          RandomPurpose purpose) {
  return static_cast<double>(random_bits(seed, entity, step, purpose) >> 11) * 0x1.0p-53;
}

}  // namespace arteria
