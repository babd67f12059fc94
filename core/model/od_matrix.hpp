// Origin-destination matrices expanded into individual trips: whole trips per cell by rounding
// that keeps the total, departure times drawn from a time profile with the counter-based RNG,
// so the same matrix, profile and seed always give the same trips.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/demand.hpp"

namespace arteria {

// Departure-time profile: weight[i] holds on [time_s[i], time_s[i+1]) and is a relative rate
// (trips per second up to a factor); the last entry only closes the profile, its weight is 0.
struct DepartureProfile {
  std::vector<double> time_s;
  std::vector<double> weight;
};

struct ProfileProblem {
  std::size_t entry = 0;  // index of the entry at fault
  std::string message;
};
// Why a profile cannot be used, or nullopt: fewer than two entries, times not increasing,
// negative weights, a last weight other than 0, or no weight at all.
std::optional<ProfileProblem> find_profile_problem(const DepartureProfile& profile);

struct OdCell {
  std::string origin;  // node ids
  std::string destination;
  double trips = 0.0;  // may be fractional
  SourceRef where;
};

struct OdMatrix {
  std::string file;                   // named in errors
  std::string trips_field = "trips";  // the column errors about a cell's trips name
  std::vector<OdCell> cells;
};

// The most trips an expansion may make, as for generated demand (`trips` in [1, 10^8]).
inline constexpr std::uint64_t max_expanded_trips = 100'000'000;

// Reads an OD table with columns origin,destination,trips (trips >= 0) and registers the file
// with `builder` so trips keep their row as SourceRef.
OdMatrix read_od_csv(const std::string& path, DemandBuilder& builder);

struct OdExpansion {
  DepartureProfile profile;
  double scale = 1.0;      // multiplies every cell
  std::uint64_t seed = 1;  // departure times: random_unit(seed, trip, 0, demand_departure_time)
};

// Adds the matrix's trips to `builder`. Cells are rounded in file order by carrying the
// fractional remainder (bucket rounding), so the total is round(scale * sum of cells) and each
// cell gets its share to within one trip. Trip k of the expansion is named "ORIGIN>DEST#k".
// Throws InputError naming the cell for unknown nodes, an origin equal to its destination, or
// the cell at which the total passes max_expanded_trips.
std::size_t expand_od_matrix(const OdMatrix& matrix, const OdExpansion& expansion,
                             const Network& network, DemandBuilder& builder);

}  // namespace arteria
