#include "sim/events/reroute_paths.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "routing/cch_order_cache.hpp"
#include "routing/cch_query.hpp"
#include "routing/class_costs.hpp"
#include "sim/meso/link_moves.hpp"

namespace arteria {
namespace {

// A vehicle on the network keeps its place on its link; its ring entry learns where its next link
// now sits. One already in a lane group stays in it, even if its new movement is another group's.
void refresh_next_pos(const Network& net, SimState& s, Index v) {
  const Index pos = s.vehicles.motion[v].route_pos;
  const Index link = s.routes.links[pos];
  const Index next = pos + 1 < s.vehicles.motion[v].route_end ? pos + 1 : invalid_index;
  for (std::uint64_t i = s.links.sorted[link]; i < s.links.tail[link]; ++i) {
    RingEntry& entry = s.links.ring[ring_slot(s, link, i)];
    if (entry.vehicle == v) {
      entry.next_pos = next;
      return;
    }
  }
  for (Index g = net.link_first_group[link]; g < net.link_first_group[link + 1]; ++g) {
    for (std::uint64_t i = s.groups.head[g]; i < s.groups.tail[g]; ++i) {
      RingEntry& entry = s.links.ring[group_slot(s, g, i)];
      if (entry.vehicle == v) {
        entry.next_pos = next;
        return;
      }
    }
  }
}

// The cost set a request routes on: (class, ban period) when its class restricts, the period
// the one of the time its new path starts (now, or its departure for a vehicle not yet departed);
// else the shared one (no_vehicle_class), which is every request of a cars-only demand.
using CostSet = std::pair<ClassIndex, Index>;

std::vector<CostSet> request_cost_sets(const Scenario& scenario, const SimState& s,
                                       const std::vector<RerouteRequest>& requests) {
  const VehicleClasses& classes = scenario.demand.classes;
  std::vector<std::int8_t> restricts(classes.count(), -1);  // -1: not asked yet
  std::vector<std::vector<double>> changes(classes.count());
  std::vector<CostSet> sets(requests.size(), {no_vehicle_class, 0});
  for (std::size_t r = 0; r < requests.size(); ++r) {
    const Index v = requests[r].vehicle;
    const ClassIndex c = scenario.demand.trip_class[v];
    if (restricts[c] < 0) {
      restricts[c] = classes.restricts(scenario.network, c) ? 1 : 0;
      changes[c] = classes.ban_changes(c);
    }
    if (restricts[c] == 0) continue;
    const double start_s = s.vehicles.status[v] == VehicleStatus::pending
                               ? std::max(s.time_s, scenario.demand.trip_depart_s[v])
                               : s.time_s;
    const auto period =
        std::upper_bound(changes[c].begin(), changes[c].end(), start_s) - changes[c].begin();
    sets[r] = {c, static_cast<Index>(period)};
  }
  return sets;
}

}  // namespace

std::vector<std::vector<Index>> class_reroute_paths(const Scenario& scenario, RerouteCch& cch,
                                                    const SimState& s,
                                                    const std::vector<float>& base,
                                                    const std::vector<RerouteRequest>& requests) {
  const std::vector<CostSet> sets = request_cost_sets(scenario, s, requests);
  std::vector<CostSet> distinct = sets;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  std::vector<std::vector<Index>> paths(requests.size());
  std::vector<float> class_costs;
  for (const CostSet& set : distinct) {
    std::vector<RerouteRequest> subset;
    for (std::size_t r = 0; r < requests.size(); ++r) {
      if (sets[r] == set) subset.push_back(requests[r]);
    }
    if (set.first == no_vehicle_class) {
      cch.metric->customize(base);
    } else {
      const VehicleClasses& classes = scenario.demand.classes;
      const std::vector<double> changes = classes.ban_changes(set.first);
      const double period_s =
          set.second == 0 ? -std::numeric_limits<double>::infinity() : changes[set.second - 1];
      class_link_costs(scenario.network, classes, set.first, period_s, base.data(), class_costs);
      cch.metric->customize(class_costs);
    }
    std::vector<std::vector<Index>> found = reroute_paths(scenario, *cch.metric, subset);
    for (std::size_t r = 0, k = 0; r < requests.size(); ++r) {
      if (sets[r] == set) paths[r] = std::move(found[k++]);
    }
  }
  return paths;
}

std::uint64_t reroute_start(const Scenario& scenario, const SimState& s, Index v) {
  return s.vehicles.status[v] == VehicleStatus::en_route
             ? s.routes.links[s.vehicles.motion[v].route_pos]
             : (std::uint64_t{1} << 32) | scenario.demand.trip_origin[v];
}

// The topology on first use (the order from the cache when it is there), and a metric for it.
void prepare_reroute_cch(const Network& net, RerouteCch& cch) {
  if (!cch.topology) {
    CchOrderTiming timing;
    const CchOrder order = cached_cch_order(build_cch_graph(net, mode_car), timing);
    cch.topology = std::make_shared<const CchTopology>(net, mode_car, order);
  }
  if (!cch.metric) cch.metric = std::make_unique<CchMetric>(*cch.topology);
}

// Each request's new path (empty: none) on the customized metric: one forward sweep per start,
// starts in parallel.
std::vector<std::vector<Index>> reroute_paths(const Scenario& scenario, const CchMetric& metric,
                                              const std::vector<RerouteRequest>& requests) {
  std::vector<std::size_t> group_first;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    if (i == 0 || requests[i].start != requests[i - 1].start) group_first.push_back(i);
  }
  group_first.push_back(requests.size());
  std::vector<std::vector<Index>> paths(requests.size());
  tbb::enumerable_thread_specific<CchQuery> queries(std::cref(metric));
  tbb::parallel_for(std::size_t{0}, group_first.size() - 1, [&](std::size_t g) {
    CchQuery& query = queries.local();
    const std::uint64_t start = requests[group_first[g]].start;
    const bool from_link = (start >> 32) == 0;
    if (from_link) {
      query.forward_from_link(static_cast<Index>(start));
    } else {
      query.forward_from_node(static_cast<Index>(start & 0xffffffffu));
    }
    for (std::size_t i = group_first[g]; i < group_first[g + 1]; ++i) {
      const Index vehicle = requests[i].vehicle;
      if (std::isinf(query.to_node(scenario.demand.trip_destination[vehicle]))) continue;
      // A route goes on from the link the vehicle is on.
      if (from_link) paths[i].push_back(static_cast<Index>(start));
      if (scenario.route_spread_ties) {
        query.append_spread_path(paths[i], scenario.sim.seed, vehicle);
      } else {
        query.append_path(paths[i]);
      }
    }
  });
  return paths;
}

// Appends the new routes to the routes arena in vehicle order (deterministic layout).
RerouteCounts install_routes(const Network& net, SimState& s,
                             const std::vector<RerouteRequest>& requests,
                             const std::vector<std::vector<Index>>& paths) {
  RerouteCounts counts;
  std::vector<std::size_t> by_vehicle(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) by_vehicle[i] = i;
  std::sort(by_vehicle.begin(), by_vehicle.end(), [&](std::size_t a, std::size_t b) {
    return requests[a].vehicle < requests[b].vehicle;
  });
  for (std::size_t i : by_vehicle) {
    const Index v = requests[i].vehicle;
    if (paths[i].empty()) {
      ++counts.failed;
      continue;
    }
    // The same path again (a diverted vehicle re-planned while its detour is still the best)
    // is no re-route: the route it has stays.
    const auto route = s.routes.links.begin();
    if (std::equal(paths[i].begin(), paths[i].end(), route + s.vehicles.motion[v].route_pos,
                   route + s.vehicles.motion[v].route_end)) {
      continue;
    }
    const Index new_pos = static_cast<Index>(s.routes.links.size());
    s.route_switches.push_back({v, s.vehicles.motion[v].route_pos, new_pos});
    s.vehicles.motion[v].route_pos = new_pos;
    s.routes.links.insert(s.routes.links.end(), paths[i].begin(), paths[i].end());
    s.vehicles.motion[v].route_end = static_cast<Index>(s.routes.links.size());
    if (s.vehicles.status[v] == VehicleStatus::en_route) refresh_next_pos(net, s, v);
    if (s.vehicles.reroutes[v] < UINT16_MAX) ++s.vehicles.reroutes[v];
    ++counts.rerouted;
  }
  return counts;
}

}  // namespace arteria
