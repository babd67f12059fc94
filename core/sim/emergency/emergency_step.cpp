#include "sim/emergency/emergency_step.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "routing/link_dijkstra.hpp"
#include "sim/meso/link_moves.hpp"

namespace arteria {
namespace {

constexpr double time_epsilon_s = 1e-9;

// Vehicles on `l` whose free-flow exit time has come by now: the queue (without moving the
// link's `ready` mark, which the link's own task owns).
std::uint64_t queued_now(const SimState& s, Index l) {
  return std::max(ready_position(s, l, s.step), s.links.head[l]) - s.links.head[l];
}

// Every link's time for an emergency vehicle entering it now; infinity where it may not drive.
std::vector<float> emergency_costs(const Scenario& sc, const SimState& s) {
  const Network& net = sc.network;
  std::vector<float> costs(net.link_count, std::numeric_limits<float>::infinity());
  std::uint64_t queued = 0;
  for (Index l = 0; l < net.link_count; ++l) {
    if (s.links.closed[l] || !sc.demand.classes.allows(net, emergency_class, l)) continue;
    costs[l] = static_cast<float>(emergency_link_time_s(sc, s, l, queued));
  }
  return costs;
}

Preemption* preemption_at(SimState& s, Index node) {
  for (Preemption& p : s.emergency.preemptions) {
    if (p.node == node) return &p;
  }
  return nullptr;
}

// The plan the node runs by itself: its own while pre-empted.
Index own_plan(SimState& s, Index node) {
  const Preemption* p = preemption_at(s, node);
  return p ? p->saved_plan : s.signals.node_plan[node];
}

void start_preemption(SimState& s, Index node, Index dispatch) {
  if (preemption_at(s, node)) return;  // already all-red for another emergency vehicle
  if (s.emergency.clearance_plan == invalid_index) {
    s.emergency.clearance_plan = s.signals.plans.add("emergency_clearance", invalid_index, 1.0, 0.0,
                                                     {});  // no green window: all red
  }
  s.emergency.preemptions.push_back({node, s.signals.node_plan[node], dispatch});
  s.signals.node_plan[node] = s.emergency.clearance_plan;
}

// The node an emergency vehicle is heading for: the end of the link it is on.
Index node_ahead(const Scenario& sc, const Dispatch& d) {
  return sc.network.link_to_node[d.route[d.route_pos]];
}

// The vehicle of `dispatch` leaves `node`: the node returns to its own plan, unless another
// emergency vehicle waits there at red, which then holds the pre-emption. A plan an event set
// meanwhile is kept.
void end_preemption(const Scenario& sc, SimState& s, Index node, Index dispatch) {
  auto p = std::find_if(s.emergency.preemptions.begin(), s.emergency.preemptions.end(),
                        [&](const Preemption& q) { return q.node == node; });
  if (p == s.emergency.preemptions.end() || p->owner != dispatch) return;
  for (Index other : s.emergency.en_route) {
    const Dispatch& d = s.emergency.dispatches[other];
    if (other != dispatch && !std::isnan(d.clear_s) && node_ahead(sc, d) == node) {
      p->owner = other;
      return;
    }
  }
  if (s.signals.node_plan[node] == s.emergency.clearance_plan) {
    s.signals.node_plan[node] = p->saved_plan;
  }
  s.emergency.preemptions.erase(p);
}

void enter(const Scenario& sc, SimState& s, Dispatch& d, double t) {
  std::uint64_t queued = 0;
  d.link_end_s = t + emergency_link_time_s(sc, s, d.route[d.route_pos], queued);
  d.vehicles_passed += queued;
}

// Moves dispatch `index` through the nodes it has reached by `t`. Returns false once it
// arrived.
bool advance(const Scenario& sc, SimState& s, Index index, double t) {
  Dispatch& d = s.emergency.dispatches[index];
  while (d.link_end_s <= t + time_epsilon_s) {
    const Index node = node_ahead(sc, d);
    if (d.route_pos + 1 == d.route.size()) {
      d.arrival_s = t;
      return false;
    }
    const Index turn = sc.network.find_turn(d.route[d.route_pos], d.route[d.route_pos + 1]);
    const Index plan = own_plan(s, node);
    if (plan != invalid_index && !s.signals.plans.is_green(plan, turn, t)) {
      if (std::isnan(d.clear_s)) {
        d.clear_s = t + sc.emergency.params.clearance_s;
        ++d.preemptions;
        start_preemption(s, node, index);
      }
      if (t < d.clear_s - time_epsilon_s) return true;  // the others' clearance goes on
    }
    if (!std::isnan(d.clear_s)) end_preemption(sc, s, node, index);
    d.clear_s = no_time_s;
    ++d.route_pos;
    enter(sc, s, d, t);
  }
  return true;
}

// Vehicle-seconds the pre-emptions hold in the coming step: the vehicles queued in each lane
// group of the node's in-links whose head's movement the node's own plan shows green now (a
// vehicle ending its trip at the node leaves without green, so its group is not held).
void charge_held_vehicles(const Scenario& sc, SimState& s, double t) {
  const Network& net = sc.network;
  for (const Preemption& p : s.emergency.preemptions) {
    if (s.signals.node_plan[p.node] != s.emergency.clearance_plan) continue;
    std::uint64_t held = 0;
    for (Index i = net.node_first_in[p.node]; i < net.node_first_in[p.node + 1]; ++i) {
      const Index l = net.in_links[i];
      const Index first = net.link_first_group[l];
      const Index end = net.link_first_group[l + 1];
      for (Index g = first; g < end; ++g) {
        if (s.groups.gate[g] == s.groups.head[g]) continue;
        const RingEntry& head = s.links.ring[group_slot(s, g, s.groups.head[g])];
        if (head.next_pos == invalid_index) continue;
        const Index turn = net.find_turn(l, s.routes.links[head.next_pos]);
        if (turn == invalid_index || !s.signals.plans.is_green(p.saved_plan, turn, t)) continue;
        held += end - first == 1 ? queued_now(s, l) : s.groups.tail[g] - s.groups.head[g];
      }
    }
    s.emergency.dispatches[p.owner].delay_caused_s += static_cast<double>(held) * sc.sim.step_s;
  }
}

}  // namespace

double emergency_link_time_s(const Scenario& sc, const SimState& s, Index l,
                             std::uint64_t& queued) {
  const Network& net = sc.network;
  const double length = net.link_length_m[l];
  const double speed =
      std::min<double>(s.links.free_speed_mps[l], sc.demand.classes.max_speed_mps[emergency_class]);
  const double pass_speed = std::min(speed, sc.emergency.params.pass_speed_kmh / 3.6);
  queued = queued_now(s, l);
  const double lanes = std::max(1.0f, net.link_lanes[l] - s.links.lanes_closed[l]);
  const double queue_m =
      std::min(length, static_cast<double>(queued) * sc.sim.vehicle_length_m / lanes);
  return (length - queue_m) / speed + queue_m / pass_speed;
}

Index dispatch_now(const Scenario& sc, SimState& s, const std::string& incident, Index node) {
  const EmergencyPlan& plan = sc.emergency;
  if (!plan.present()) {
    throw std::invalid_argument("the scenario has no emergency stations to dispatch from");
  }
  Dispatch d;
  d.incident = incident;
  d.incident_node = node;
  d.incident_s = s.time_s;
  d.dispatch_s = s.time_s;
  // The nearest station by the emergency vehicle's own times now (queues passed at the pass
  // speed); the lowest station on a tie.
  const std::vector<float> costs = emergency_costs(sc, s);
  LinkDijkstra tree(sc.network);
  double best = std::numeric_limits<double>::infinity();
  for (Index k = 0; k < plan.stations.size(); ++k) {
    const Index from = plan.stations[k].node;
    if (from == node) {
      best = 0.0;
      d.station = k;
      d.route.clear();
      break;
    }
    tree.from_node(from, costs, node);
    const double cost = tree.cost_to(node);
    if (cost < best) {
      best = cost;
      d.station = k;
      d.route.clear();
      tree.append_path_to(node, d.route);
    }
  }
  const auto index = static_cast<Index>(s.emergency.dispatches.size());
  if (d.station != invalid_index && d.route.empty()) d.arrival_s = s.time_s;  // at the station
  const bool travels = !d.route.empty();
  s.emergency.dispatches.push_back(std::move(d));
  if (travels) {
    enter(sc, s, s.emergency.dispatches.back(), s.time_s);
    s.emergency.en_route.push_back(index);
  }
  return index;
}

void emergency_step(const Scenario& sc, SimState& s) {
  const std::vector<Incident>& incidents = sc.emergency.incidents;
  EmergencyState& e = s.emergency;
  const double t = s.time_s;
  if (e.en_route.empty() &&
      (e.next_incident == incidents.size() || incidents[e.next_incident].time_s > t)) {
    return;
  }
  for (; e.next_incident < incidents.size() && incidents[e.next_incident].time_s <= t;
       ++e.next_incident) {
    const Incident& incident = incidents[e.next_incident];
    const Index index = dispatch_now(sc, s, incident.id, incident.node);
    e.dispatches[index].incident_s = incident.time_s;
  }
  // A vehicle leaving a node hands its pre-emption to another one waiting there, found in
  // en_route: the list stays whole while the vehicles move (the arrived ones wait at no node).
  std::vector<Index> still;
  for (Index d : e.en_route) {
    if (advance(sc, s, d, t)) still.push_back(d);
  }
  e.en_route = std::move(still);
  charge_held_vehicles(sc, s, t);
}

}  // namespace arteria
