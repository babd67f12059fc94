// Origin-destination matrices expanded into individual trips: whole trips per cell, each cell a
// stream of trips whose departure times are drawn from a time profile with the counter-based
// RNG, so the same matrix, profile, scale and seed always give the same trips, and a larger
// scale keeps every trip of a smaller one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/demand.hpp"
#include "model/demand_scale.hpp"

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

// Inverse of a (checked) profile's cumulative distribution: u in [0, 1) to a departure time.
class DepartureSampler {
 public:
  explicit DepartureSampler(const DepartureProfile& profile);
  double time_at(double u) const;

 private:
  const DepartureProfile& profile_;
  std::vector<double> cumulative_;
};

struct OdCell {
  std::string origin;  // node ids
  std::string destination;
  double trips = 0.0;  // may be fractional
  SourceRef where;
  std::string vehicle_class = {};  // a class name; empty: the expansion's class
};

struct OdMatrix {
  std::string file;                   // named in errors
  std::string trips_field = "trips";  // the column errors about a cell's trips name
  std::vector<OdCell> cells;
};

// The most trips an expansion may make, as for generated demand (`trips` in [1, 10^8]).
inline constexpr std::uint64_t max_expanded_trips = 100'000'000;

// Reads an OD table with columns origin,destination,trips (trips >= 0) and optionally class (a
// vehicle class name per cell; empty: the table's) and registers the file with `builder` so trips
// keep their row as SourceRef.
OdMatrix read_od_csv(const std::string& path, DemandBuilder& builder);

struct OdExpansion {
  DepartureProfile profile;
  std::uint64_t seed = 1;  // the draws of cell c: random_unit(seed, c, ...), see expand_od_matrix
  ClassIndex vehicle_class = car_class;  // every trip's, with its class's pcu
};

// Adds the matrix's trips to `builder`, scaled by `scale` (the table's own `scale` key and any
// scale_demand events: one meaning of "+x %", model/demand_scale.hpp).
// Cell c with `trips` T is a stream: its trip k departs at the profile time of
// u = random_unit(seed, c, k, demand_departure_time) and is kept when k + r_c < T x the factor
// at that time, r_c = random_unit(seed, c, 0, demand_rounding) drawn once per cell. So a cell of
// whole trips at factor 1 gives exactly T trips, a fractional one floor or ceil of T x factor
// (its mean exactly), and a larger factor keeps every trip of a smaller one: a scaled table is
// its base's trips plus an extra sample with departures of their own. Trip k of cell c is named
// "ORIGIN>DEST#k" ("ORIGIN>DEST/n#k" for the pair's n-th cell when a table repeats a pair).
// Throws InputError naming the cell for unknown nodes or class, an origin equal to its
// destination, or the cell at which the total passes max_expanded_trips.
std::size_t expand_od_matrix(const OdMatrix& matrix, const OdExpansion& expansion,
                             const DemandScale& scale, const Network& network,
                             DemandBuilder& builder);

}  // namespace arteria
