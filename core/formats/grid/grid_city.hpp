// Generated grid cities: the built-in default city and the scaling family used by benchmarks.
// A rectangular grid of two-way streets; every `arterial_every`-th street is a signalised
// multi-lane arterial, the rest are single-lane local streets. An optional river runs east-west
// through the middle and only the arterials cross it, on bridges, so closing one matters.
#pragma once

#include <cstdint>

#include "model/demand.hpp"
#include "model/demand_scale.hpp"
#include "model/network_spec.hpp"

namespace arteria {

struct GridCityParams {
  int columns = 31;  // nodes west-east
  int rows = 31;     // nodes south-north
  double block_m = 200.0;
  int arterial_every = 5;  // street index multiple of this is an arterial (0: none)
  double arterial_lanes = 2.0;
  double local_lanes = 1.0;
  double arterial_speed_kmh = 50.0;
  double local_speed_kmh = 30.0;
  double arterial_lane_capacity_vph = 1800.0;
  double local_lane_capacity_vph = 900.0;
  bool river = true;             // between rows (rows-1)/2 and (rows-1)/2 + 1
  double signal_cycle_s = 90.0;  // arterial crossings: two phases plus 2 x 4 s all-red
  double signal_all_red_s = 4.0;
};

// Node ids are "x_y" (column_row, from 0 at the south-west corner); link ids "FROM>TO".
NetworkSpec make_grid_city(const GridCityParams& params);

// A morning peak: departures follow a triangle from start_s through peak_s to end_s; origins
// spread over the whole city, destinations drawn towards the centre (the business district) with
// probability cbd_share, so the bridges into it load up. Trips never start and end at one node.
struct GridDemandParams {
  std::uint64_t trips = 60000;
  double start_s = 6.0 * 3600.0;
  double peak_s = 8.0 * 3600.0;
  double end_s = 10.0 * 3600.0;
  double cbd_share = 0.3;
  double cbd_radius_blocks = 6.0;
  std::uint64_t seed = 7;
};

// Draws the trips of the generated city: trip k of the stream is a pure function of (seed, k),
// so `scale` (model/demand_scale.hpp) keeps the first trips x factor of the stream: scale 1.2
// on 60,000 trips is the demand trips = 72000 draws. Trip ids are their place in the stream;
// `builder`'s demand must start empty.
void generate_grid_demand(const Network& network, const GridCityParams& city,
                          const GridDemandParams& params, const DemandScale& scale,
                          DemandBuilder& builder);

}  // namespace arteria
