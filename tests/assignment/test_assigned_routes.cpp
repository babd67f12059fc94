// Equilibrium routes for vehicle trips: the split follows the route flows, a closed link or a
// forbidden turn keeps a route out, and trips the assignment does not cover keep shortest paths.
#include <catch2/catch.hpp>
#include <string>

#include "assignment/assigned_routes.hpp"
#include "assignment/assignment_events.hpp"
#include "routing/link_dijkstra.hpp"
#include "routing/route_trips.hpp"
#include "toy_scenarios.hpp"

using namespace arteria;
using namespace arteria::testing;

namespace {

// Two routes from A to D: via B, 100 s at 600 veh/h, and via C, 150 s at 1200 veh/h.
NetworkSpec two_route_spec() {
  return toy_network({{"A", "B", 1000.0, 1.0, 20.0, 600.0},
                      {"B", "D", 1000.0, 1.0, 20.0, 600.0},
                      {"A", "C", 1500.0, 1.0, 20.0, 1200.0},
                      {"C", "D", 1500.0, 1.0, 20.0, 1200.0}});
}

// 1200 trips from A to D in the first hour (the problem's 1200 veh/h), 60 more after it.
std::shared_ptr<Scenario> two_route_scenario(const NetworkSpec& spec) {
  auto scenario = toy_scenario(spec, 7200.0);
  add_trips(*scenario, "A", "D", 1200, 0.0, 3.0);
  add_trips(*scenario, "A", "D", 60, 3600.0, 60.0);
  return scenario;
}

AssignmentProblem hourly_problem(const Scenario& scenario) {
  AssignmentProblem problem = assignment_problem_for(scenario.network);
  problem.od.push_back(
      {scenario.network.find_node("A"), scenario.network.find_node("D"), 1200.0, {}});
  return problem;
}

AssignmentOptions tight(int threads) {
  AssignmentOptions options;
  options.target_relative_gap = 1e-10;
  options.threads = threads;
  return options;
}

double share_via_b(const Scenario& scenario, const Demand& demand, Index first, Index last) {
  const Index via_b = scenario.network.find_link("A>B");
  Index count = 0;
  for (Index trip = first; trip < last; ++trip) {
    count += demand.given_route_links[demand.trip_first_given_link[trip]] == via_b ? 1 : 0;
  }
  return static_cast<double>(count) / (last - first);
}

}  // namespace

TEST_CASE("Trips split over the equilibrium routes in proportion to their flows",
          "[assignment][assigned_routes]") {
  const auto scenario = two_route_scenario(two_route_spec());
  const AssignmentProblem problem = hourly_problem(*scenario);
  const AssignmentResult result = solve_assignment(problem, tight(1));
  REQUIRE(result.od_paths[0].size() == 2);
  const double flow_via_b = result.link_flow[scenario->network.find_link("A>B")];
  CHECK(flow_via_b > 700.0);  // both routes in use, the short one carries more
  CHECK(flow_via_b < 900.0);

  Demand demand = scenario->demand;
  const std::vector<Index> trip_od = trip_od_entries(demand, problem, 0.0, 3600.0);
  const AssignedRoutesReport report =
      give_assigned_routes(scenario->network, trip_od, result, scenario->sim.seed, demand);
  CHECK(report.equilibrium_trips == 1200);
  CHECK(report.unassigned_trips == 60);
  CHECK(report.undrivable_routes == 0);
  // 1200 draws: the binomial standard deviation of the share is about 0.014.
  CHECK(share_via_b(*scenario, demand, 0, 1200) == Approx(flow_via_b / 1200.0).margin(0.05));
  for (Index trip = 1200; trip < 1260; ++trip) CHECK_FALSE(demand.has_given_route(trip));

  // All-or-nothing: shortest paths at free-flow times put every trip via B.
  const Network& net = scenario->network;
  const LinkCostSeries free_flow =
      LinkCostSeries::constant(free_flow_costs(net, net.link_free_speed_mps, {}));
  RoutingReport routing;
  const TripRoutes shortest =
      route_trips(net, scenario->demand, free_flow, TieBreaking{.seed = 1}, routing);
  Index via_b = 0;
  for (Index trip = 0; trip < 1200; ++trip) {
    via_b += shortest.links[shortest.trip_first_link[trip]] == scenario->network.find_link("A>B");
  }
  CHECK(via_b == 1200);
}

TEST_CASE("Equilibrium routes are the same on one thread and on two",
          "[assignment][assigned_routes]") {
  const auto scenario = two_route_scenario(two_route_spec());
  const AssignmentProblem problem = hourly_problem(*scenario);
  Demand one = scenario->demand;
  Demand two = scenario->demand;
  const std::vector<Index> trip_od = trip_od_entries(one, problem, 0.0, 3600.0);
  give_assigned_routes(scenario->network, trip_od, solve_assignment(problem, tight(1)), 7, one);
  give_assigned_routes(scenario->network, trip_od, solve_assignment(problem, tight(2)), 7, two);
  CHECK(one.given_route_links == two.given_route_links);
  CHECK(one.trip_first_given_link == two.trip_first_given_link);
  Demand other_seed = scenario->demand;
  give_assigned_routes(scenario->network, trip_od, solve_assignment(problem, tight(1)), 8,
                       other_seed);
  CHECK(other_seed.given_route_links != one.given_route_links);
}

TEST_CASE("A route through a forbidden turn is left out of the draw",
          "[assignment][assigned_routes]") {
  NetworkSpec spec = two_route_spec();
  spec.banned_turns.push_back({"A>B", "B>D", {}});
  const auto scenario = two_route_scenario(spec);
  const AssignmentProblem problem = hourly_problem(*scenario);
  const AssignmentResult result = solve_assignment(problem, tight(1));
  Demand demand = scenario->demand;
  const AssignedRoutesReport report = give_assigned_routes(
      scenario->network, trip_od_entries(demand, problem, 0.0, 3600.0), result, 1, demand);
  CHECK(report.undrivable_routes == 1);
  CHECK(report.equilibrium_trips == 1200);
  CHECK(share_via_b(*scenario, demand, 0, 1200) == 0.0);
}

TEST_CASE("Trips with routes of their own keep them", "[assignment][assigned_routes]") {
  const auto scenario = two_route_scenario(two_route_spec());
  const std::vector<std::string_view> route{"A>B", "B>D"};
  DemandBuilder(scenario->network, scenario->demand).add_routed_trip("own", route, 10.0, 1.0f, {});
  const AssignmentProblem problem = hourly_problem(*scenario);
  Demand demand = scenario->demand;
  const std::vector<Index> trip_od = trip_od_entries(demand, problem, 0.0, 3600.0);
  const Index own = scenario->demand.road_trip_count() - 1;
  CHECK(trip_od[own] == invalid_index);
  give_assigned_routes(scenario->network, trip_od, solve_assignment(problem, tight(1)), 1, demand);
  CHECK(demand.given_route_links[demand.trip_first_given_link[own]] ==
        scenario->network.find_link("A>B"));
  CHECK(demand.trip_first_given_link[own + 1] - demand.trip_first_given_link[own] == 2);
}

TEST_CASE("Network events at or before the period's start change the assignment",
          "[assignment][assignment_events]") {
  auto scenario = two_route_scenario(two_route_spec());
  const Network& net = scenario->network;
  const Index via_b = net.find_link("A>B");
  const Index via_c = net.find_link("A>C");
  const std::vector<Event> events{{0.0, EventKind::close_link, via_b, 0.0, invalid_index, {}},
                                  {0.0, EventKind::set_link_speed, via_c, 10.0, invalid_index, {}},
                                  {600.0, EventKind::reopen_link, via_b, 0.0, invalid_index, {}}};

  AssignmentProblem problem = hourly_problem(*scenario);
  CHECK(apply_network_events(net, events, 0.0, problem) == 2);
  CHECK(problem.links[via_c].free_flow_time == Approx(150.0));
  const AssignmentResult closed = solve_assignment(problem, tight(1));
  CHECK(closed.link_flow[via_b] == 0.0);
  CHECK(closed.link_flow[via_c] == Approx(1200.0));
  REQUIRE(closed.od_paths[0].size() == 1);
  CHECK(closed.od_paths[0][0].links.front() == via_c);

  AssignmentProblem reopened = hourly_problem(*scenario);
  CHECK(apply_network_events(net, events, 600.0, reopened) == 3);
  CHECK(solve_assignment(reopened, tight(1)).link_flow[via_b] > 0.0);
}

TEST_CASE("Closing the only way between a pair leaves it unreachable",
          "[assignment][assignment_events]") {
  auto scenario = two_route_scenario(two_route_spec());
  const Network& net = scenario->network;
  const std::vector<Event> events{
      {0.0, EventKind::close_link, net.find_link("B>D"), 0.0, invalid_index, {}},
      {0.0, EventKind::close_link, net.find_link("C>D"), 0.0, invalid_index, {}}};
  AssignmentProblem problem = hourly_problem(*scenario);
  apply_network_events(net, events, 0.0, problem);
  const AssignmentResult result = solve_assignment(problem, tight(1));
  CHECK(result.unreachable_od == std::vector<std::size_t>{0});
  for (const double flow : result.link_flow) CHECK(flow == 0.0);
}
