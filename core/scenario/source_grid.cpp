// The generated grid city's parameters as scenario-file keys ([network.grid] and the
// generated demand source), named like the fields of GridCityParams and GridDemandParams.

#include <limits>

#include "scenario/scenario_sources.hpp"

namespace arteria {
namespace {

int read_count(TomlTable& table, std::string_view key, int fallback, int min) {
  return static_cast<int>(
      table.integer_in(key, fallback, min, static_cast<std::int64_t>(valid::grid_streets.max)));
}

}  // namespace

GridCityParams read_grid_city_params(TomlTable& table) {
  GridCityParams p;
  p.columns = read_count(table, "columns", p.columns, 2);
  p.rows = read_count(table, "rows", p.rows, 2);
  p.block_m = table.number_in("block_m", p.block_m, valid::link_length_m);
  p.arterial_every = read_count(table, "arterial_every", p.arterial_every, 0);
  p.arterial_lanes = table.number_in("arterial_lanes", p.arterial_lanes, valid::lanes);
  p.local_lanes = table.number_in("local_lanes", p.local_lanes, valid::lanes);
  p.arterial_speed_kmh =
      table.number_in("arterial_speed_kmh", p.arterial_speed_kmh, valid::free_speed_kmh);
  p.local_speed_kmh = table.number_in("local_speed_kmh", p.local_speed_kmh, valid::free_speed_kmh);
  p.arterial_lane_capacity_vph = table.number_in(
      "arterial_lane_capacity_vph", p.arterial_lane_capacity_vph, valid::lane_capacity_vph);
  p.local_lane_capacity_vph = table.number_in("local_lane_capacity_vph", p.local_lane_capacity_vph,
                                              valid::lane_capacity_vph);
  p.river = table.boolean("river").value_or(p.river);
  p.signal_cycle_s = table.number_in("signal_cycle_s", p.signal_cycle_s, valid::signal_cycle_s);
  p.signal_all_red_s =
      table.number_in("signal_all_red_s", p.signal_all_red_s, valid::signal_all_red_s);
  if (p.signal_all_red_s > 0.0 && p.signal_all_red_s < valid::signal_phase_s.min) {
    table.fail("signal_all_red_s", "must be 0 (no all-red) or at least 0.1 s, the shortest phase");
  }
  if (!(2.0 * p.signal_all_red_s < p.signal_cycle_s)) {
    table.fail("signal_all_red_s", "two all-red intervals must fit in signal_cycle_s");
  }
  return p;
}

GridDemandParams read_grid_demand_params(TomlTable& table) {
  GridDemandParams p;
  p.trips = static_cast<std::uint64_t>(
      table.integer_in("trips", static_cast<std::int64_t>(p.trips), 1, 100'000'000));
  p.start_s = table.time("start_s").value_or(p.start_s);
  p.peak_s = table.time("peak_s").value_or(p.peak_s);
  p.end_s = table.time("end_s").value_or(p.end_s);
  if (!(p.start_s <= p.peak_s)) table.fail("peak_s", "must not be before start_s");
  if (!(p.peak_s <= p.end_s)) table.fail("end_s", "must not be before peak_s");
  if (!(p.start_s < p.end_s)) table.fail("end_s", "must be after start_s");
  p.cbd_share = table.number_in("cbd_share", p.cbd_share, valid::share);
  if (p.cbd_share > 1.0) table.fail("cbd_share", "is a share: between 0 and 1");
  p.cbd_radius_blocks =
      table.number_in("cbd_radius_blocks", p.cbd_radius_blocks, valid::cbd_radius_blocks);
  p.seed = static_cast<std::uint64_t>(table.integer_in("seed", static_cast<std::int64_t>(p.seed), 0,
                                                       std::numeric_limits<std::int64_t>::max()));
  return p;
}

}  // namespace arteria
