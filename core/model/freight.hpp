// Freight demand: truck trips between gates (a port's, a logistics zone's) and the city, from
// daily counts per gate and direction, an hourly profile and the hours the gates pass trucks.
// Each (gate, direction, hour) is a stream of trips drawn with the counter RNG, so the same
// source and seed always give the same trips and a larger scale keeps every trip of a smaller.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "model/demand.hpp"
#include "model/demand_scale.hpp"

namespace arteria {

inline constexpr int hours_per_day = 24;
inline constexpr std::size_t max_freight_gates = 4096;  // the gate's part of a stream's RNG key

// A [[freight]] table resolved against the network.
struct FreightSource {
  std::string name;  // names its trips
  std::vector<std::string> gate_id;
  std::vector<Index> gate_node;
  std::vector<double> gate_trucks_in;                // a day, from the city to the gate
  std::vector<double> gate_trucks_out;               // a day, from the gate to the city
  std::array<double, hours_per_day> hourly_share{};  // relative; hour h is [h:00, h+1:00)
  // Hours of the day in which trucks pass the gates: the gates' opening hours, within the
  // hold window of a night-hours policy when there is one.
  std::array<bool, hours_per_day> open{};
  std::vector<double> city_weight;  // per node: how likely a trip's city end is there; 0: never
  ClassIndex vehicle_class = truck_class;
  std::uint64_t seed = 1;
  std::uint32_t source_index = 0;  // the table's place among [[freight]]: keeps their draws apart
};

// The share of a gate's daily trucks (in each direction) in hour `hour` of the day: the
// profile's share of the open hours, renormalised over them, so a day's trucks are kept when
// hours close (a policy holding trucks to the night moves the day's trucks into it in the
// proportions of the night's own profile; a window whose profile is all 0 takes them evenly).
// Every hour's is 0 when no hour is open.
double freight_hour_share(const FreightSource& source, int hour);

// Adds the source's trips departing within [start_s, end_s) on the run's clock to `builder`,
// scaled by `scale` (the table's own `scale` and the scale_demand events), and returns how many.
// Hour slot s (the run's hours, [s h, (s+1) h), the profile's hour s mod 24) of gate g in
// direction d is a stream of expected length m = daily trucks x freight_hour_share: its trip k
// departs at s h + u_k h (u_k = random_unit(seed, key, k, freight_departure_time)) and is kept
// while k + r < m x the factor at that time (r = random_unit(seed, key, 0, freight_rounding)); its
// city end is drawn with city_weight (freight_city_end). Trips are named
// "NAME:GATE:in:S#k" ("out" from the gate).
std::size_t expand_freight(const FreightSource& source, const DemandScale& scale, double start_s,
                           double end_s, DemandBuilder& builder);

}  // namespace arteria
