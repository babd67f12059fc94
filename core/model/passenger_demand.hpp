// Passengers as the scenario gives them: an origin and a destination (a stop, or a point in the
// timetable's projection) and a departure time, read from a CSV file or generated.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "base/ids.hpp"
#include "model/timetable.hpp"

namespace arteria {

struct PassengerDemand {
  std::vector<std::string> files;  // SourceRef::file indexes this
  std::vector<std::string> id;
  std::vector<double> depart_s;
  // Origin and destination: a stop (then x/y are the stop's), or a point with invalid_index.
  std::vector<Index> origin_stop;
  std::vector<double> origin_x_m;
  std::vector<double> origin_y_m;
  std::vector<Index> destination_stop;
  std::vector<double> destination_x_m;
  std::vector<double> destination_y_m;
  std::vector<SourceRef> where;

  Index count() const { return static_cast<Index>(id.size()); }
};

// One end of a journey: a stop (x/y are then the stop's) or a point in the timetable's
// projection with stop == invalid_index.
struct PassengerEnd {
  Index stop = invalid_index;
  double x_m = 0.0;
  double y_m = 0.0;
};

// The end at `stop` of `timetable`.
PassengerEnd stop_end(const Timetable& timetable, Index stop);

// Adds `name` (a file, or a description of a generator) to demand.files; returns its index for
// SourceRef::file.
std::uint32_t add_passenger_source(PassengerDemand& demand, std::string name);

// Appends one passenger. Callers check the id is new.
void add_passenger(PassengerDemand& demand, std::string id, double depart_s,
                   const PassengerEnd& origin, const PassengerEnd& destination, SourceRef where);

// Reads passengers from a CSV file (columns documented in docs/USER_GUIDE.md).
// Throws InputError naming the file, line and column of the first problem.
void read_passengers_csv(const std::string& path, const Timetable& timetable,
                         PassengerDemand& demand);

// Passengers from an OD matrix between stops (CSV: origin_stop, destination_stop, count,
// and a departure window); departure times drawn from the counter RNG keyed by `seed`.
void generate_passengers_from_od(const std::string& path, const Timetable& timetable,
                                 std::uint64_t seed, PassengerDemand& demand);

// `count` passengers "p0", "p1", ... between random pairs of distinct stops, departing uniformly
// in [start_s, end_s), for benchmarks and examples: origins weighted by the stop's calls that
// allow boarding, destinations by those that allow alighting. Deterministic in `seed`. Throws
// std::invalid_argument for an empty window, InputError when fewer than two stops are served.
void generate_random_passengers(Index count, double start_s, double end_s,
                                const Timetable& timetable, std::uint64_t seed,
                                PassengerDemand& demand);

}  // namespace arteria
