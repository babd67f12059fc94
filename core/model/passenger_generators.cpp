// Random passengers between the stops of a timetable, for benchmarks and examples: a stop is
// drawn in proportion to its calls, so busy stops get most passengers and unserved ones none.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "base/rng.hpp"
#include "model/passenger_demand.hpp"

namespace arteria {
namespace {

// Stops drawn in proportion to integer weights: cumulative[s + 1] - cumulative[s] is stop s's
// weight. Integer sums keep the draw exact, and a zero-weight stop can never be drawn.
struct StopWeights {
  std::vector<std::uint64_t> cumulative{0};
  Index stops_with_weight = 0;

  std::uint64_t total() const { return cumulative.back(); }
  std::uint64_t weight(Index stop) const { return cumulative[stop + 1] - cumulative[stop]; }

  // The stop holding position `r` in [0, total()).
  Index stop_at(std::uint64_t r) const {
    const auto above = std::upper_bound(cumulative.begin() + 1, cumulative.end(), r);
    return static_cast<Index>(above - (cumulative.begin() + 1));
  }
};

// A position in [0, range) from u in [0, 1).
std::uint64_t scale(double u, std::uint64_t range) {
  return std::min(static_cast<std::uint64_t>(u * static_cast<double>(range)), range - 1);
}

// Weights from the calls where passengers may board (`flags` = call_pickup) or alight
// (call_dropoff); every call counts when the timetable leaves the flags out.
StopWeights weigh_stops(const Timetable& timetable, const std::vector<std::uint8_t>& flags) {
  std::vector<std::uint64_t> calls(timetable.stop_id.size(), 0);
  const bool use_flags = flags.size() == timetable.call_stop.size();
  for (std::size_t c = 0; c < timetable.call_stop.size(); ++c) {
    if (!use_flags || flags[c] != 0) ++calls[timetable.call_stop[c]];
  }
  StopWeights weights;
  weights.cumulative.reserve(calls.size() + 1);
  for (const std::uint64_t n : calls) {
    weights.cumulative.push_back(weights.cumulative.back() + n);
    if (n > 0) ++weights.stops_with_weight;
  }
  return weights;
}

}  // namespace

void generate_random_passengers(Index count, double start_s, double end_s,
                                const Timetable& timetable, std::uint64_t seed,
                                PassengerDemand& demand) {
  if (!(end_s > start_s) || !std::isfinite(start_s) || !std::isfinite(end_s)) {
    throw std::invalid_argument("random passengers: the departure window [" +
                                std::to_string(start_s) + ", " + std::to_string(end_s) +
                                ") is empty");
  }
  const StopWeights boarding = weigh_stops(timetable, timetable.call_pickup);
  const StopWeights alighting = weigh_stops(timetable, timetable.call_dropoff);
  // With two stops to alight at, every origin has a destination other than itself.
  if (count > 0 && (boarding.stops_with_weight < 1 || alighting.stops_with_weight < 2)) {
    throw InputError(timetable.source, 0, "",
                     "random passengers need stops with calls: one to board at and two to "
                     "alight at, but the timetable has " +
                         std::to_string(boarding.stops_with_weight) + " and " +
                         std::to_string(alighting.stops_with_weight));
  }
  const std::uint32_t file =
      add_passenger_source(demand, "random passengers (seed " + std::to_string(seed) + ")");
  const std::size_t total = demand.id.size() + count;
  for (auto* column : {&demand.depart_s, &demand.origin_x_m, &demand.origin_y_m,
                       &demand.destination_x_m, &demand.destination_y_m}) {
    column->reserve(total);
  }
  demand.id.reserve(total);
  demand.origin_stop.reserve(total);
  demand.destination_stop.reserve(total);
  demand.where.reserve(total);
  const double latest_s = std::nextafter(end_s, start_s);  // the window excludes its end
  for (Index k = 0; k < count; ++k) {
    const double u_origin = random_unit(seed, k, 0, RandomPurpose::passenger_origin);
    const Index origin = boarding.stop_at(scale(u_origin, boarding.total()));
    // The destination is drawn with the origin's share taken out, so one draw always suffices.
    const std::uint64_t origin_weight = alighting.weight(origin);
    const double u_destination = random_unit(seed, k, 0, RandomPurpose::passenger_destination);
    std::uint64_t r = scale(u_destination, alighting.total() - origin_weight);
    if (r >= alighting.cumulative[origin]) r += origin_weight;
    const Index destination = alighting.stop_at(r);
    const double u_depart = random_unit(seed, k, 0, RandomPurpose::passenger_departure_time);
    const double depart_s = std::min(start_s + u_depart * (end_s - start_s), latest_s);
    add_passenger(demand, "p" + std::to_string(k), depart_s, stop_end(timetable, origin),
                  stop_end(timetable, destination), SourceRef{file, 0});
  }
}

}  // namespace arteria
