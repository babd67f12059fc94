#include "model/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "base/csv.hpp"
#include "base/csv_write.hpp"
#include "base/rng.hpp"
#include "base/text.hpp"
#include "base/value_ranges.hpp"
#include "model/demand_scale.hpp"

namespace arteria {

std::string scenario_source_name(const Scenario& scenario) {
  return scenario.source_path.empty() ? "<built-in scenario>" : scenario.source_path;
}

namespace {

[[noreturn]] void fail_param(const Scenario& scenario, const std::string& field,
                             const std::string& message) {
  throw InputError(scenario_source_name(scenario), 0, field, message);
}

void check_param(const Scenario& scenario, const std::string& field, const ValueRange& range,
                 double value) {
  const std::string problem = range_problem(range, value);
  if (!problem.empty()) fail_param(scenario, field, problem);
}

void check_parameters(const Scenario& scenario) {
  const SimulationParams& sim = scenario.sim;
  for (const auto& [field, time] :
       {std::pair{"simulation.start", sim.start_s}, std::pair{"simulation.end", sim.end_s}}) {
    const std::string problem = time_of_day_problem(time);
    if (!problem.empty()) fail_param(scenario, field, problem);
  }
  if (!(sim.end_s > sim.start_s))
    fail_param(scenario, "simulation.end", "must be after simulation.start");
  check_param(scenario, "simulation.step_s", valid::step_s, sim.step_s);
  if (sim.threads < 0) fail_param(scenario, "simulation.threads", "must be 0 (all cores) or more");
  check_param(scenario, "simulation.stuck_time_s", valid::stuck_time_s, sim.stuck_time_s);
  check_param(scenario, "simulation.backward_wave_speed_kmh", valid::wave_speed_kmh,
              sim.backward_wave_speed_mps * 3.6);
  check_param(scenario, "simulation.vehicle_length_m", valid::vehicle_length_m,
              sim.vehicle_length_m);
  check_param(scenario, "output.bin_s", valid::bin_s, scenario.output.bin_s);
  if (!(scenario.output.bin_s >= sim.step_s)) {
    fail_param(scenario, "output.bin_s", "must be at least one step");
  }
}

void check_trip_times(const Scenario& scenario) {
  const Demand& demand = scenario.demand;
  if (demand.trip_count() == 0 && !scenario.transit.present()) {
    fail_param(scenario, "demand", "the demand holds no trips");
  }
  for (Index trip = 0; trip < demand.trip_count(); ++trip) {
    const double depart = demand.trip_depart_s[trip];
    if (depart < scenario.sim.start_s || depart >= scenario.sim.end_s) {
      const SourceRef& where = demand.trip_where[trip];
      throw InputError(demand.file_name(where), where.line, "depart",
                       "departure " + format_time_of_day(depart) +
                           " is outside the simulated period " +
                           format_time_of_day(scenario.sim.start_s) + " - " +
                           format_time_of_day(scenario.sim.end_s));
    }
  }
}

}  // namespace

std::string demand_scale_error(const Demand& demand, double from_s, double factor) {
  if (std::string error = event_value_error(EventKind::scale_demand, factor); !error.empty()) {
    return error;
  }
  const Index road_trips = demand.road_trip_count();
  double scaled = 0.0;
  for (Index trip = 0; trip < road_trips; ++trip) scaled += demand.trip_depart_s[trip] >= from_s;
  const double kept = static_cast<double>(demand.trip_count()) - scaled;
  const double most = kept + scaled * std::ceil(factor);
  if (most <= max_scaled_trips) return {};
  std::ostringstream message;
  message << "demand scale factor " << factor << " would make up to " << most
          << " trips, more than the " << static_cast<std::uint64_t>(max_scaled_trips)
          << " a scenario can hold; use a factor of at most "
          << static_cast<std::uint64_t>((max_scaled_trips - kept) / scaled);
  return message.str();
}

void scale_demand(Demand& demand, double from_s, double factor, std::uint64_t seed) {
  if (const std::string error = demand_scale_error(demand, from_s, factor); !error.empty()) {
    throw std::invalid_argument(error);
  }
  scale_listed_trips(demand, DemandScale{{{from_s, factor}}}, seed);
}

void finalize_scenario(Scenario& scenario) {
  check_parameters(scenario);
  std::stable_sort(scenario.events.begin(), scenario.events.end(), event_applies_before);
  for (Index e = 0; e < scenario.events.size(); ++e) {
    const Event& event = scenario.events[e];
    const std::string time_error =
        event_time_error(event.time_s, scenario.sim.start_s, scenario.sim.end_s);
    if (!time_error.empty()) {
      throw InputError(scenario.file_name(event.where), event.where.line, "time", time_error);
    }
    // The demand was scaled when it was read (see demand_scale.hpp); a factor that left no
    // trip is the event's fault.
    if (event.kind == EventKind::scale_demand && scenario.demand.trip_count() == 0 &&
        !scenario.transit.present()) {
      throw InputError(scenario.file_name(event.where), event.where.line, "value",
                       "scaling the demand by " + format_double(event.value) + " from " +
                           format_time_of_day(event.time_s) + " leaves no trip to simulate");
    }
  }
  check_trip_times(scenario);
}

}  // namespace arteria
