// OD matrix reading and expansion into trips; see od_matrix.hpp.

#include "model/od_matrix.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_map>

#include "base/csv.hpp"
#include "base/rng.hpp"

namespace arteria {

std::optional<ProfileProblem> find_profile_problem(const DepartureProfile& profile) {
  const std::size_t n = profile.time_s.size();
  if (n != profile.weight.size()) return ProfileProblem{0, "times and weights differ in number"};
  if (n < 2) return ProfileProblem{0, "needs at least two entries: a start and an end time"};
  double mass = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(profile.time_s[i]) || profile.time_s[i] < 0.0) {
      return ProfileProblem{i, "time must be a non-negative time of day"};
    }
    if (!std::isfinite(profile.weight[i]) || profile.weight[i] < 0.0) {
      return ProfileProblem{i, "weight must not be negative"};
    }
    if (i > 0 && !(profile.time_s[i] > profile.time_s[i - 1])) {
      return ProfileProblem{i, "times must increase from one entry to the next"};
    }
    if (i + 1 < n) mass += profile.weight[i] * (profile.time_s[i + 1] - profile.time_s[i]);
  }
  if (profile.weight[n - 1] != 0.0) {
    return ProfileProblem{n - 1, "the last entry ends the profile; give it weight 0"};
  }
  if (!(mass > 0.0)) return ProfileProblem{0, "every weight is 0: no trip could depart"};
  return std::nullopt;
}

OdMatrix read_od_csv(const std::string& path, DemandBuilder& builder) {
  CsvReader in(path, {"origin", "destination", "trips"}, {"class"});
  OdMatrix matrix;
  matrix.file = path;
  const std::uint32_t file = builder.add_file(path);
  while (in.next()) {
    OdCell cell;
    cell.origin = in.text("origin");
    cell.destination = in.text("destination");
    cell.trips = in.non_negative("trips");
    cell.vehicle_class = in.optional_text("class").value_or("");
    cell.where = {file, static_cast<std::uint32_t>(in.line())};
    matrix.cells.push_back(std::move(cell));
  }
  return matrix;
}

DepartureSampler::DepartureSampler(const DepartureProfile& profile) : profile_(profile) {
  cumulative_.push_back(0.0);
  for (std::size_t i = 0; i + 1 < profile.time_s.size(); ++i) {
    const double width = profile.time_s[i + 1] - profile.time_s[i];
    cumulative_.push_back(cumulative_.back() + profile.weight[i] * width);
  }
}

double DepartureSampler::time_at(double u) const {
  const double target = u * cumulative_.back();
  // First bin whose cumulative end passes the target; bins of weight 0 are never chosen.
  const auto it = std::upper_bound(cumulative_.begin() + 1, cumulative_.end(), target);
  const auto bin = static_cast<std::size_t>(
      std::min<std::ptrdiff_t>(it - cumulative_.begin(),
                               static_cast<std::ptrdiff_t>(cumulative_.size() - 1)) -
      1);
  const double start = profile_.time_s[bin], end = profile_.time_s[bin + 1];
  const double mass = cumulative_[bin + 1] - cumulative_[bin];
  const double t = start + (target - cumulative_[bin]) / mass * (end - start);
  return std::min(t, std::nextafter(end, start));  // rounding must not reach the bin's end
}

std::size_t expand_od_matrix(const OdMatrix& matrix, const OdExpansion& expansion,
                             const DemandScale& scale, const Network& network,
                             DemandBuilder& builder) {
  if (const auto problem = find_profile_problem(expansion.profile)) {
    throw std::invalid_argument("departure profile: " + problem->message);
  }
  const double most = scale.most();
  if (!std::isfinite(most) || most < 0.0) {
    throw std::invalid_argument("OD scale must be a non-negative number");
  }
  const DepartureSampler sampler(expansion.profile);
  // How many cells before this one had the same pair: their trips need names of their own.
  std::unordered_map<std::uint64_t, std::uint32_t> pair_cells;
  std::uint64_t total = 0;
  for (std::size_t c = 0; c < matrix.cells.size(); ++c) {
    const OdCell& cell = matrix.cells[c];
    const Index origin = network.find_node(cell.origin);
    if (origin == invalid_index) {
      throw InputError(matrix.file, cell.where.line, "origin",
                       "unknown node '" + cell.origin + "'");
    }
    const Index destination = network.find_node(cell.destination);
    if (destination == invalid_index) {
      throw InputError(matrix.file, cell.where.line, "destination",
                       "unknown node '" + cell.destination + "'");
    }
    if (origin == destination && cell.trips > 0.0) {
      throw InputError(matrix.file, cell.where.line, "destination",
                       "origin and destination are both '" + cell.origin +
                           "'; a trip within one node cannot be simulated");
    }
    const VehicleClasses& classes = builder.classes();
    const Index vehicle_class =
        cell.vehicle_class.empty() ? expansion.vehicle_class : classes.find(cell.vehicle_class);
    if (vehicle_class == classes.count()) {
      throw InputError(matrix.file, cell.where.line, "class",
                       "unknown vehicle class '" + cell.vehicle_class + "'");
    }
    const float pcu = classes.pcu[vehicle_class];
    const double most_trips = cell.trips * most;
    // Checked before the conversion, which is undefined past 2^64 (found by fuzzing: one cell
    // of 10^15 trips ran for ever).
    if (!(most_trips < static_cast<double>(max_expanded_trips - total))) {
      throw InputError(matrix.file, cell.where.line, matrix.trips_field,
                       "the table (times the demand scale) makes more than " +
                           std::to_string(max_expanded_trips) + " trips by here");
    }
    const double rounding = random_unit(expansion.seed, c, 0, RandomPurpose::demand_rounding);
    const std::uint64_t stream = scaled_count(most_trips, rounding);
    if (stream == 0) continue;
    const std::uint32_t repeat = pair_cells[static_cast<std::uint64_t>(origin) << 32 |
                                            static_cast<std::uint32_t>(destination)]++;
    const std::string name = cell.origin + ">" + cell.destination +
                             (repeat > 0 ? "/" + std::to_string(repeat + 1) : "") + "#";
    for (std::uint64_t k = 0; k < stream; ++k) {
      const double u = random_unit(expansion.seed, c, k, RandomPurpose::demand_departure_time);
      const double depart_s = sampler.time_at(u);
      if (!(static_cast<double>(k) + rounding < cell.trips * scale.at(depart_s))) continue;
      const Index trip = builder.add_trip(name + std::to_string(k), origin, destination, depart_s,
                                          pcu, cell.where);
      builder.set_class(trip, static_cast<ClassIndex>(vehicle_class));
      ++total;
    }
  }
  return static_cast<std::size_t>(total);
}

}  // namespace arteria
