#include "scenario/equilibrium_routes.hpp"

#include <limits>

#include "assignment/assigned_routes.hpp"
#include "scenario/scenario_assignment.hpp"

namespace arteria {

void give_equilibrium_routes(const ScenarioSpec& spec, Scenario& scenario) {
  const AssignmentSpec& params = spec.assignment;
  const AssignmentProblem problem = scenario_assignment_problem(spec, scenario);
  AssignmentOptions options = params.options;
  options.threads = scenario.sim.threads;
  const AssignmentResult result = solve_assignment(problem, options);
  const std::string unreachable =
      unreachable_summary(problem, result.unreachable_od, scenario.network);
  if (!unreachable.empty() && !params.allow_unreachable) {
    throw InputError(spec.source_path, params.line, "assignment.routes",
                     unreachable +
                         "; set allow_unreachable = true in [assignment] to route "
                         "the rest");
  }
  // A TNTP table's flows stand for every trip generated from it; counted trips are those of the
  // demand period.
  constexpr double forever = std::numeric_limits<double>::infinity();
  const auto [from_s, to_s] = params.tntp_trips.empty()
                                  ? assignment_demand_period(params, scenario)
                                  : std::pair<double, double>{-forever, forever};
  const std::vector<Index> trip_od = trip_od_entries(scenario.demand, problem, from_s, to_s);
  const AssignedRoutesReport report =
      give_assigned_routes(scenario.network, trip_od, result, scenario.sim.seed, scenario.demand);
  scenario.routes.equilibrium = true;
  scenario.routes.equilibrium_trips = report.equilibrium_trips;
  scenario.routes.shortest_path_trips = report.unassigned_trips;
  scenario.routes.relative_gap = result.relative_gap;
}

}  // namespace arteria
