#include "run/dynamic_assignment.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>

#include "base/error.hpp"
#include "base/lap_timer.hpp"
#include "routing/link_dijkstra.hpp"
#include "routing/route_link_pairs.hpp"
#include "run/experienced_costs.hpp"
#include "run/route_sets.hpp"
#include "run/route_switching.hpp"
#include "run/trip_route_demand.hpp"
#include "sim/route_on_costs.hpp"
#include "sim/simulation.hpp"

namespace arteria {
namespace {

// 1 for each road trip whose route the assignment chooses: trips between nodes without a route
// of their own, and trips between two links (their route runs between them).
std::vector<std::uint8_t> choosing_trips(const Scenario& scenario) {
  const Demand& demand = scenario.demand;
  const std::vector<std::uint8_t>& fixed = scenario.dynamic_assignment.trip_route_fixed;
  std::vector<std::uint8_t> choosing(demand.road_trip_count());
  for (Index t = 0; t < choosing.size(); ++t) {
    choosing[t] =
        fixed.empty() ? !demand.has_given_route(t) || demand.route_between_links(t) : !fixed[t];
  }
  return choosing;
}

// The trips the assignment routes in each iteration: `mask` marks every choosing trip; those
// between nodes go to routing in `routing_demand`, where they have no route so that routing finds
// them all; those between links go as the pairs of their given route's ends.
struct ChoosingTrips {
  explicit ChoosingTrips(const Scenario& scenario) : mask(choosing_trips(scenario)) {
    const Demand& demand = scenario.demand;
    std::vector<std::uint8_t> between_nodes(mask);
    for (Index t = 0; t < mask.size(); ++t) {
      if (!mask[t] || !demand.route_between_links(t)) continue;
      between_nodes[t] = 0;
      const Index first = demand.trip_first_given_link[t];
      const Index last = demand.trip_first_given_link[t + 1] - 1;
      pair_trip.push_back(t);
      pairs.push_back({demand.given_route_links[first], demand.given_route_links[last]});
      pair_depart_s.push_back(demand.trip_depart_s[t]);
    }
    routing_demand =
        with_trip_routes(demand, between_nodes, [](Index) { return std::span<const Index>(); });
  }
  std::vector<std::uint8_t> mask;
  Demand routing_demand;
  std::vector<Index> pair_trip;  // per pair: its trip
  std::vector<LinkPair> pairs;
  std::vector<double> pair_depart_s;
};

// What one simulation of the current routes gives: the link costs and the trips' outcomes.
struct Simulated {
  LinkCostSeries costs;
  double mean_travel_time_s = 0.0;
  std::uint64_t unfinished_trips = 0;
};

Simulated simulate(const std::shared_ptr<const Scenario>& scenario, int threads,
                   const PreparedCch& cch, const std::vector<float>& car_free_flow_s) {
  Simulation sim(scenario, threads, cch);
  ExperiencedCosts costs(scenario->network, car_free_flow_s, scenario->sim.start_s,
                         scenario->output.bin_s);
  sim.set_bin_sink([&](LinkBin&& bin) { costs.add(bin, sim.state().links.closed); });
  while (!sim.done()) sim.step();
  sim.flush_bin();
  const TripRecords trips = sim.trip_records();
  Simulated out;
  double travel_time = 0.0;
  std::uint64_t arrived = 0;
  for (Index t = 0; t < scenario->demand.road_trip_count(); ++t) {
    const auto status = static_cast<TripStatus>(trips.status[t]);
    if (status == TripStatus::arrived) {
      travel_time += trips.arrive_s[t] - trips.depart_s[t];
      ++arrived;
    } else if (status == TripStatus::en_route || status == TripStatus::stuck ||
               status == TripStatus::waiting) {
      ++out.unfinished_trips;
    }
  }
  out.mean_travel_time_s = arrived > 0 ? travel_time / static_cast<double>(arrived) : 0.0;
  out.costs = costs.series();
  return out;
}

// Each choosing trip's current and best route on `costs` (ties keep the current route, then the
// route found first); returns the relative gap Σ (current − best) / Σ current, summed in trip
// order.
double evaluate(const RouteSets& sets, const LinkCostSeries& costs, const Demand& demand,
                RouteChoices& choices) {
  tbb::parallel_for(std::size_t{0}, choices.trips.size(), [&](std::size_t i) {
    const Index trip = choices.trips[i];
    const double depart = demand.trip_depart_s[trip];
    const Index current = choices.route[trip];
    const double current_s = route_time_s(costs, sets.links(current), depart);
    Index best = current;
    double best_s = current_s;
    sets.for_each_route(trip, [&](Index route) {
      if (route == current) return;
      const double time = route_time_s(costs, sets.links(route), depart);
      if (time < best_s) {
        best = route;
        best_s = time;
      }
    });
    choices.current_s[trip] = current_s;
    choices.best_route[trip] = best;
    choices.best_s[trip] = best_s;
  });
  double current_sum = 0.0, excess_sum = 0.0;
  for (const Index trip : choices.trips) {
    current_sum += choices.current_s[trip];
    excess_sum += choices.current_s[trip] - choices.best_s[trip];
  }
  return current_sum > 0.0 ? excess_sum / current_sum : 0.0;
}

std::span<const Index> path_of(const TripRoutes& routes, Index trip) {
  return {routes.links.data() + routes.trip_first_link[trip],
          routes.links.data() + routes.trip_first_link[trip + 1]};
}

// What every iteration shares: the arena, the car CCH, free-flow costs, tie-breaking, and the
// copy of the scenario each simulation runs (its demand replaced by the current routes).
struct AssignmentContext {
  explicit AssignmentContext(const Scenario& scenario, int thread_count)
      : sim_scenario(std::make_shared<Scenario>(scenario)),
        threads(thread_count),
        arena(thread_count),
        car_free_flow_s(
            free_flow_costs(scenario.network, scenario.network.link_free_speed_mps, {})),
        ties{.seed = scenario.sim.seed, .spread = scenario.route_spread_ties},
        cch(arena.execute([&] { return prepare_cch(scenario.network, mode_car); })) {}
  std::shared_ptr<Scenario> sim_scenario;
  int threads;
  tbb::task_arena arena;
  std::vector<float> car_free_flow_s;
  TieBreaking ties;
  PreparedCch cch;
};

// The choosing trips on their first routes: the warm start's (given routes), else shortest paths
// on free flow (or on [routing] costs_from). Refuses a scenario where no trip can choose: the
// loop would stop at once with a gap of 0 and call that an equilibrium.
RouteChoices first_choices(const Scenario& scenario, const std::vector<std::uint8_t>& choosing,
                           AssignmentContext& context, RouteSets& sets) {
  const Index road_trips = scenario.demand.road_trip_count();
  RouteChoices choices;
  choices.route.assign(road_trips, invalid_index);
  choices.best_route.assign(road_trips, invalid_index);
  choices.current_s.assign(road_trips, 0.0);
  choices.best_s.assign(road_trips, 0.0);
  RoutingReport report;
  const TripRoutes initial = context.arena.execute(
      [&] { return route_on_costs(scenario, report, PreparedCch(context.cch)); });
  for (Index t = 0; t < road_trips; ++t) {
    if (!choosing[t] || path_of(initial, t).empty()) continue;
    choices.trips.push_back(t);
    choices.route[t] = sets.add(t, path_of(initial, t));
  }
  if (choices.trips.empty()) {
    throw InputError(
        scenario_source_name(scenario), 0, "assignment.kind",
        "no road trip can choose its route: every one has a route of its own in the demand "
        "(trips.csv routes, SUMO routes), so a dynamic assignment has nothing to equilibrate; "
        "give trips by origin and destination (nodes, SUMO from/to edges) or an OD matrix");
  }
  return choices;
}

// Routes every choosing trip on `costs` and adds each path found to the trip's route set.
void add_best_routes(const Scenario& scenario, const ChoosingTrips& choosing,
                     const LinkCostSeries& costs, AssignmentContext& context, RouteSets& sets) {
  RoutingReport routing;
  const TripRoutes between_nodes = context.arena.execute([&] {
    return route_trips(scenario.network, choosing.routing_demand, costs, context.ties, routing,
                       PreparedCch(context.cch));
  });
  for (Index t = 0; t < choosing.mask.size(); ++t) {
    if (choosing.mask[t] && !scenario.demand.route_between_links(t) &&
        !path_of(between_nodes, t).empty()) {
      sets.add(t, path_of(between_nodes, t));
    }
  }
  if (choosing.pairs.empty()) return;
  LinkPairReport pair_routing;
  const LinkPairRoutes between_links = context.arena.execute([&] {
    return route_link_pairs(scenario.network, mode_car, choosing.pairs, choosing.pair_depart_s,
                            costs, pair_routing, PreparedCch(context.cch));
  });
  for (Index p = 0; p < choosing.pairs.size(); ++p) {
    const Index* links = between_links.links.data();
    const std::span<const Index> path(links + between_links.pair_first_link[p],
                                      links + between_links.pair_first_link[p + 1]);
    if (!path.empty()) sets.add(choosing.pair_trip[p], path);
  }
}

// One iteration: simulate the current routes, route every choosing trip on the experienced
// costs, evaluate the gap, and (unless it is converged or the last) let trips switch. Returns
// the iteration's record; `switched` carries the switches into the next one's share.
DynamicIteration iterate(const Scenario& scenario, Index k, const ChoosingTrips& choosing,
                         AssignmentContext& context, RouteSets& sets, RouteChoices& choices,
                         Index& switched, bool& converged) {
  const DynamicAssignmentParams& params = scenario.dynamic_assignment;
  LapTimer wall;
  DynamicIteration it;
  context.sim_scenario->demand = with_trip_routes(scenario.demand, choosing.mask, [&](Index t) {
    return choices.route[t] == invalid_index ? std::span<const Index>()
                                             : sets.links(choices.route[t]);
  });
  const Simulated simulated =
      simulate(context.sim_scenario, context.threads, context.cch, context.car_free_flow_s);
  it.simulation_s = wall.lap();
  const auto route_bin_factor =
      static_cast<Index>(std::max(1.0, std::round(params.route_bin_s / scenario.output.bin_s)));
  add_best_routes(scenario, choosing, coarser_bins(simulated.costs, route_bin_factor), context,
                  sets);
  it.routing_s = wall.lap();
  it.relative_gap = context.arena.execute(
      [&] { return evaluate(sets, simulated.costs, scenario.demand, choices); });
  it.mean_travel_time_s = simulated.mean_travel_time_s;
  it.switched_share = static_cast<double>(switched) / static_cast<double>(choices.trips.size());
  it.unfinished_trips = simulated.unfinished_trips;
  converged = it.relative_gap <= params.target_gap;
  if (!converged && k + 1 < params.max_iterations) {
    switched = switch_routes(params.switching, switch_step(k), scenario.sim.seed, k, choices);
  }
  it.wall_s = it.simulation_s + it.routing_s + wall.lap();
  return it;
}

}  // namespace

DynamicAssignmentRecord assign_dynamic(const Scenario& scenario,
                                       const DynamicAssignmentOptions& options) {
  LapTimer total;
  const DynamicAssignmentParams& params = scenario.dynamic_assignment;
  AssignmentContext context(scenario, resolve_threads(options.threads));
  const ChoosingTrips choosing(scenario);
  RouteSets sets(scenario.demand.road_trip_count());
  RouteChoices choices = first_choices(scenario, choosing.mask, context, sets);

  DynamicAssignmentRecord record;
  record.switching = params.switching;
  record.target_gap = params.target_gap;
  record.choosing_trips = choices.trips.size();
  record.warm_start = !params.trip_route_fixed.empty();
  record.threads = context.threads;
  Index switched = 0;
  for (Index k = 0; k < params.max_iterations && !record.converged; ++k) {
    record.iterations.push_back(
        iterate(scenario, k, choosing, context, sets, choices, switched, record.converged));
    if (options.on_iteration) options.on_iteration(k, record.iterations.back());
  }

  record.route_first_link = sets.first_links();
  record.route_links = sets.all_links();
  record.route_trips.assign(sets.route_count(), 0);
  record.trip_route.assign(scenario.demand.road_trip_count(), invalid_index);
  for (const Index t : choices.trips) {
    record.trip_route[t] = choices.route[t];
    ++record.route_trips[choices.route[t]];
  }
  record.wall_s = total.lap();
  return record;
}

std::shared_ptr<Scenario> with_dynamic_routes(const Scenario& scenario,
                                              const DynamicAssignmentRecord& record) {
  auto out = std::make_shared<Scenario>(scenario);
  const std::vector<std::uint8_t> choosing = choosing_trips(scenario);
  const auto links_of = [&](Index route) {
    return std::span<const Index>(record.route_links.data() + record.route_first_link[route],
                                  record.route_links.data() + record.route_first_link[route + 1]);
  };
  out->demand = with_trip_routes(scenario.demand, choosing, [&](Index t) {
    return record.trip_route[t] == invalid_index ? std::span<const Index>()
                                                 : links_of(record.trip_route[t]);
  });
  out->routes.dynamic = true;
  return out;
}

}  // namespace arteria
