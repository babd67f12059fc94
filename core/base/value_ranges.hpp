// The valid range of every numeric input, in one place. Readers check what they read against
// these ranges (CsvReader::in_range, TomlTable::number_in, compile_network, DemandBuilder), so a
// value outside is an InputError naming file, line and field, and a value inside cannot break an
// invariant of the simulation (float overflow, ring sizes, clock text). docs/USER_GUIDE.md
// ("Valid ranges") lists them; change both together.
#pragma once

#include <cstddef>
#include <string>

namespace arteria {

struct ValueRange {
  double min;
  double max;
  bool min_exclusive;  // (min, max]: "must be positive" where no smaller floor makes sense
  const char* unit;    // written after the bounds in messages ("m", "km/h"; "" for none)

  bool contains(double value) const {
    return (min_exclusive ? value > min : value >= min) && value <= max;
  }
};

// Empty when `value` lies in `range`; otherwise what is wrong, in the readers' style:
// "must be positive, got -500", "must be between 1 and 16, got 1e+09".
std::string range_problem(const ValueRange& range, double value);

// Throws InputError(file, line, field, range_problem(...)) when `value` is outside `range`.
double check_range(const std::string& file, std::size_t line, const std::string& field,
                   const ValueRange& range, double value);

// range_problem for a time of day against valid::time_of_day_s, the bounds and the value written
// as clock times: "must be between 00:00:00 and 168:00:00, got 1e+308 s".
std::string time_of_day_problem(double seconds);

namespace valid {

constexpr double hour_s = 3600.0;
constexpr double day_s = 24.0 * hour_s;

// Network (every source: native CSV, OSM, SUMO, TNTP, the grid city).
inline constexpr ValueRange coordinate_m{-1e8, 1e8, false, "m"};
inline constexpr ValueRange link_length_m{0.01, 500'000.0, false, "m"};
inline constexpr ValueRange lanes{1.0, 16.0, false, ""};
inline constexpr ValueRange free_speed_kmh{1.0, 400.0, false, "km/h"};
inline constexpr ValueRange free_speed_mps{1.0 / 3.6, 400.0 / 3.6, false, "m/s"};
inline constexpr ValueRange capacity_vph{1.0, 100'000.0, false, "veh/h"};
inline constexpr ValueRange lane_capacity_vph{1.0, 6'000.0, false, "veh/h"};
inline constexpr ValueRange signal_phase_s{0.1, hour_s, false, "s"};
// The `phase` column of signals.csv: phases are ordered by it (a plan has a handful).
inline constexpr ValueRange signal_phase_number{0.0, 1e6, false, ""};
inline constexpr ValueRange signal_offset_s{-day_s, day_s, false, "s"};
inline constexpr ValueRange signal_cycle_s{20.0, hour_s, false, "s"};
inline constexpr ValueRange signal_all_red_s{0.0, 60.0, false, "s"};
// Streets each way of the grid city (2,000 x 2,000 is 4 million nodes).
inline constexpr ValueRange grid_streets{2.0, 2000.0, false, ""};

// Times of day (departures, the simulated period, events, timetables): up to a week, so a
// run's clock and its text never overflow.
inline constexpr ValueRange time_of_day_s{0.0, 7.0 * day_s, false, "s"};
inline constexpr ValueRange duration_s{0.0, 7.0 * day_s, false, "s"};
inline constexpr ValueRange positive_duration_s{0.0, 7.0 * day_s, true, "s"};

// Demand.
inline constexpr ValueRange pcu{0.1, 100.0, false, ""};
inline constexpr ValueRange demand_factor{0.0, 100.0, false, ""};
inline constexpr ValueRange share{0.0, 1.0, false, ""};
inline constexpr ValueRange cbd_radius_blocks{0.0, 1000.0, false, "blocks"};
inline constexpr ValueRange trucks_per_day{0.0, 1e6, false, "trucks"};  // [[freight]] gates

// Simulation.
inline constexpr ValueRange step_s{0.1, hour_s, false, "s"};
inline constexpr ValueRange bin_s{1.0, day_s, false, "s"};
inline constexpr ValueRange stuck_time_s{1.0, day_s, false, "s"};
inline constexpr ValueRange wave_speed_kmh{1.0, 200.0, false, "km/h"};
inline constexpr ValueRange vehicle_length_m{1.0, 100.0, false, "m"};

// Routing.
inline constexpr ValueRange turn_penalty_s{0.0, 600.0, false, "s"};

// Static assignment (BPR cost t0 * (1 + b * (v/c)^power)). TNTP test networks use b up to 1e9
// (Braess) and powers near 17 (Barcelona).
inline constexpr ValueRange bpr_b{0.0, 1e10, false, ""};
inline constexpr ValueRange bpr_power{0.0, 20.0, false, ""};
inline constexpr ValueRange relative_gap{0.0, 1.0, true, ""};
inline constexpr ValueRange time_limit_s{0.0, 30.0 * day_s, true, "s"};

// Transit.
inline constexpr ValueRange walk_speed_mps{0.1, 10.0, false, "m/s"};
inline constexpr ValueRange walk_detour{1.0, 5.0, false, ""};
inline constexpr ValueRange walk_distance_m{0.0, 100'000.0, false, "m"};
inline constexpr ValueRange snap_distance_m{0.0, 100'000.0, true, "m"};
inline constexpr ValueRange detour_factor{1.0, 100.0, false, ""};
inline constexpr ValueRange dwell_s{0.0, hour_s, false, "s"};
inline constexpr ValueRange headway_s{1.0, day_s, false, "s"};
inline constexpr ValueRange incidents_per_hour{0.0, 10'000.0, false, "/h"};
inline constexpr ValueRange clearance_s{0.0, 120.0, false, "s"};
inline constexpr ValueRange vehicle_places{0.0, 10'000.0, false, ""};

}  // namespace valid
}  // namespace arteria
