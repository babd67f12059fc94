// Builds the initial SimState: link controls and ring sizes from the network, departure lists
// from the demand, vehicles from the trips.
#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>

#include "base/csv_write.hpp"
#include "base/error.hpp"
#include "sim/meso/meso_model.hpp"
#include "sim/transit/transit_model.hpp"

namespace arteria {
namespace {

// The buffer holds what may leave in one step; at least one vehicle.
std::uint32_t buffer_size_for(double flow_per_step) {
  return std::max<std::uint32_t>(1, static_cast<std::uint32_t>(std::ceil(flow_per_step)));
}

// A lane group's share of its link's capacity, pcu per step (a link's only group: all of it).
double group_flow_per_step(const Scenario& scenario, float capacity_vph, Index group) {
  return capacity_vph * scenario.network.group_lane_share[group] * scenario.sim.step_s / 3600.0;
}

// Storage under road works: what the link (or group) holds as built, times the share of its
// lanes left open, but never below one vehicle or one step's outflow (as size_link), nor above
// what it holds as built, for which its rings are sized. With every lane open this is the
// built storage, whatever the capacity.
double storage_under_works(double built_pcu, double open_share, std::uint32_t buffer_size) {
  return std::min(built_pcu,
                  std::max({built_pcu * open_share, static_cast<double>(buffer_size), 1.0}));
}

}  // namespace

void refresh_link_controls(const Scenario& scenario, SimState& state, Index link) {
  const Network& net = scenario.network;
  LinkState& links = state.links;
  const double lanes = net.link_lanes[link];
  const double open_share = (lanes - links.lanes_closed[link]) / lanes;
  links.capacity_vph[link] = static_cast<float>(links.own_capacity_vph[link] * open_share);
  const float limit = links.speed_limit_mps[link];
  links.free_speed_mps[link] = limit > 0.0f ? std::min(links.own_free_speed_mps[link], limit)
                                            : links.own_free_speed_mps[link];
  // The storage each lane group had when built (pcu does not change a storage).
  const LinkSizing built = size_link(scenario, link, PcuRange{});
  links.storage_pcu[link] =
      storage_under_works(built.storage_pcu, open_share,
                          buffer_size_for(links.capacity_vph[link] * scenario.sim.step_s / 3600.0));
  for (Index g = net.link_first_group[link]; g < net.link_first_group[link + 1]; ++g) {
    const double per_step = group_flow_per_step(scenario, links.capacity_vph[link], g);
    state.groups.flow_per_step[g] = per_step;
    state.groups.buffer_size[g] = buffer_size_for(per_step);
    state.groups.storage_pcu[g] =
        storage_under_works(size_group(scenario, g, built, PcuRange{}).storage_pcu, open_share,
                            state.groups.buffer_size[g]);
  }
}

GroupSizing size_group(const Scenario& scenario, Index group, const LinkSizing& link,
                       PcuRange pcu) {
  const Network& net = scenario.network;
  const Index l = net.group_link[group];
  GroupSizing size;
  size.flow_per_step = group_flow_per_step(scenario, net.link_capacity_vph[l], group);
  size.buffer_size = buffer_size_for(size.flow_per_step);
  if (net.link_first_group[l + 1] - net.link_first_group[l] == 1) {
    // The link's only group holds what the link holds: its entry already bounds it.
    size.storage_pcu = link.storage_pcu;
    size.vehicle_slots = link.vehicle_slots;
    return size;
  }
  // A group takes vehicles while it holds less than its share, so it holds less than that plus
  // the largest vehicle.
  size.storage_pcu = std::max(
      {link.storage_pcu * net.group_lane_share[group], static_cast<double>(size.buffer_size), 1.0});
  size.vehicle_slots = std::ceil((size.storage_pcu + pcu.max) / pcu.min) + 1;
  return size;
}

LinkSizing size_link(const Scenario& scenario, Index link, PcuRange pcu) {
  const Network& net = scenario.network;
  LinkSizing size;
  size.flow_per_step = net.link_capacity_vph[link] * scenario.sim.step_s / 3600.0;
  size.buffer_size = buffer_size_for(size.flow_per_step);
  // Storage from jam density, but never below one vehicle or one step's outflow, nor below
  // what the link holds when it carries its capacity: freed space is "in use" until its
  // backward wave arrives, so a link passing q veh/s needs q * (free-flow time + wave time)
  // of storage. Without this floor short one-lane links could never reach their stated
  // capacity (jam 133 veh/km at 15 km/h caps a lane near 1,570 veh/h).
  size.wave_delay_s = net.link_length_m[link] / scenario.sim.backward_wave_speed_mps;
  const double jam = net.link_length_m[link] * net.link_lanes[link] / scenario.sim.vehicle_length_m;
  const double free_flow_s = net.link_length_m[link] / net.link_free_speed_mps[link];
  const double at_capacity =
      net.link_capacity_vph[link] / 3600.0 * (free_flow_s + size.wave_delay_s);
  size.storage_pcu = std::max({jam, at_capacity, 1.0, static_cast<double>(size.buffer_size)});
  // Entry needs room > 0 and a push-through room > -overfill, so the space in use stays
  // below storage + overfill + the largest vehicle, and the vehicles on the link below that
  // over the smallest vehicle's pcu: the ring can never overflow.
  size.vehicle_slots =
      std::ceil((size.storage_pcu + push_through_overfill_pcu + pcu.max) / pcu.min) + 1;
  size.hole_slots = std::ceil(size.wave_delay_s / scenario.sim.step_s) + 2;
  return size;
}

PcuRange pcu_range(const Demand& demand) {
  const auto& pcu = demand.trip_pcu;
  if (pcu.empty()) return {};
  const auto [smallest, largest] = std::minmax_element(pcu.begin(), pcu.end());
  return {std::min(1.0, static_cast<double>(*smallest)),
          std::max(1.0, static_cast<double>(*largest))};
}

namespace {

// A vehicle's ring entry keeps its exit step in 32 bits (RingEntry), which covers 136 years of
// one-second steps; a longer run is refused rather than wrapped around.
void check_step_count(const Scenario& scenario) {
  const SimulationParams& sim = scenario.sim;
  constexpr double most_steps = 4.0e9;
  if (!((sim.end_s - sim.start_s) / sim.step_s < most_steps)) {
    throw InputError(scenario_source_name(scenario), 0, "simulation.end",
                     "the run from " + format_double(sim.start_s) + " s to " +
                         format_double(sim.end_s) + " s in steps of " + format_double(sim.step_s) +
                         " s has more than 4 billion steps: shorten it or take longer steps");
  }
}

// A ring's slot count as a power of two (so that slots are masks, meso_step.cpp). Every input
// within its valid range keeps each count finite, but extreme combinations (500 km at 1 km/h
// carrying 100,000 veh/h, vehicles of 0.1 pcu) can ask for more slots than an Index counts: that
// is refused, naming the link, rather than wrapped around.
Index ring_slots(const Scenario& scenario, Index link, const char* ring, double slots,
                 Index used_before) {
  constexpr double limit = static_cast<double>(std::numeric_limits<Index>::max() / 2);
  const double rounded = slots < limit ? std::bit_ceil(static_cast<Index>(slots)) : slots;
  if (!(rounded + used_before < limit)) {
    throw InputError(
        scenario_source_name(scenario), 0, "network",
        "link '" + scenario.network.link_external_id[link] + "' needs " + format_double(slots) +
            " " + ring + " slots, and the links up to it " + format_double(rounded + used_before) +
            ": more than the engine can hold (about 2.1 billion); shorten the link, lower its "
            "capacity or raise its speed, vehicle_length_m, backward_wave_speed_kmh or the "
            "smallest pcu");
  }
  return static_cast<Index>(rounded);
}

// Every link's and lane group's counters and bin sums at zero, and nothing due.
void init_link_counters(const Scenario& scenario, SimState& s) {
  const Index links = scenario.network.link_count;
  const Index groups = scenario.network.group_count;
  GroupState& gs = s.groups;
  for (auto* counters :
       {&s.links.head, &s.links.gate, &s.links.sorted, &s.links.tail, &s.links.ready,
        &s.links.hole_head, &s.links.hole_tail, &s.flows.entered_total, &s.flows.exited_total,
        &s.flows.entry_step, &s.flows.exit_step}) {
    counters->assign(links, 0);
  }
  for (auto* counters : {&gs.head, &gs.gate, &gs.tail, &gs.credit_step}) {
    counters->assign(groups, 0);
  }
  for (auto* values : {&s.links.entered_pcu, &s.links.freed_pcu}) values->assign(links, 0.0);
  gs.pcu.assign(groups, 0.0);
  gs.flow_credit.assign(groups, 0.0);
  s.links.next_exit_step.assign(links, never_step);
  s.links.next_hole_s.assign(links, std::numeric_limits<double>::infinity());
  s.flows.entries_in_step.assign(links, 0);
  s.flows.exits_in_step.assign(links, 0);
  s.bin.inflow.assign(links, 0);
  s.bin.outflow.assign(links, 0);
  s.bin.entry_step_sum.assign(links, 0);
  s.bin.exit_step_sum.assign(links, 0);
  s.bin.traversal_s.assign(links, 0.0);
  const Demand& demand = scenario.demand;
  if (!demand.cars_only()) {
    s.bin.class_outflow.assign(static_cast<std::size_t>(demand.classes.count()) * links, 0);
  }
}

void init_links(const Scenario& scenario, SimState& s, PcuRange pcu) {
  const Network& net = scenario.network;
  const Index links = net.link_count;
  s.links.capacity_vph = net.link_capacity_vph;
  s.links.free_speed_mps = net.link_free_speed_mps;
  s.links.own_capacity_vph = net.link_capacity_vph;
  s.links.own_free_speed_mps = net.link_free_speed_mps;
  s.links.lanes_closed.assign(links, 0);
  s.links.speed_limit_mps.assign(links, 0.0f);
  s.links.closed.assign(links, 0);
  s.links.storage_pcu.assign(links, 0.0);
  s.links.wave_delay_s.assign(links, 0.0);
  s.links.ring_first.assign(links + 1, 0);
  s.links.hole_first.assign(links + 1, 0);
  const Index groups = net.group_count;
  GroupState& gs = s.groups;
  gs.flow_per_step.assign(groups, 0.0);
  gs.buffer_size.assign(groups, 1);
  gs.storage_pcu.assign(groups, 0.0);
  gs.ring_first.assign(groups, 0);
  gs.ring_mask.assign(groups, 0);
  // The links' slices of the ring first; the slices of the groups of links with several after
  // them. A link's only group uses the link's own slice (its counters run with the link's).
  std::vector<double> group_slots(groups, 0.0);
  for (Index l = 0; l < links; ++l) {
    const LinkSizing size = size_link(scenario, l, pcu);
    for (Index g = net.link_first_group[l]; g < net.link_first_group[l + 1]; ++g) {
      const GroupSizing group = size_group(scenario, g, size, pcu);
      gs.flow_per_step[g] = group.flow_per_step;
      gs.buffer_size[g] = group.buffer_size;
      gs.storage_pcu[g] = group.storage_pcu;
      group_slots[g] = group.vehicle_slots;
    }
    s.links.wave_delay_s[l] = size.wave_delay_s;
    s.links.storage_pcu[l] = size.storage_pcu;
    s.links.ring_first[l + 1] =
        s.links.ring_first[l] +
        ring_slots(scenario, l, "vehicle", size.vehicle_slots, s.links.ring_first[l]);
    s.links.hole_first[l + 1] =
        s.links.hole_first[l] +
        ring_slots(scenario, l, "backward-wave", size.hole_slots, s.links.hole_first[l]);
  }
  Index ring_end = s.links.ring_first.back();
  for (Index l = 0; l < links; ++l) {
    const Index first = net.link_first_group[l];
    if (net.link_first_group[l + 1] - first == 1) {
      gs.ring_first[first] = s.links.ring_first[l];
      gs.ring_mask[first] = s.links.ring_first[l + 1] - s.links.ring_first[l] - 1;
      continue;
    }
    for (Index g = first; g < net.link_first_group[l + 1]; ++g) {
      const Index slots = ring_slots(scenario, l, "lane-group", group_slots[g], ring_end);
      gs.ring_first[g] = ring_end;
      gs.ring_mask[g] = slots - 1;
      ring_end += slots;
    }
  }
  s.links.ring.assign(ring_end, RingEntry{});
  s.links.hole_time_s.assign(s.links.hole_first.back(), 0.0);
  s.links.hole_pcu.assign(s.links.hole_first.back(), 0.0);
  init_link_counters(scenario, s);
}

void init_vehicles(const Scenario& scenario, SimState& s) {
  const Demand& demand = scenario.demand;
  const Index vehicles = demand.trip_count();
  constexpr double not_yet = std::numeric_limits<double>::quiet_NaN();
  s.vehicles.status.assign(vehicles, VehicleStatus::pending);
  s.vehicles.motion.assign(vehicles, VehicleMotion{});
  s.vehicles.free_flow_s.assign(vehicles, 0.0f);
  s.vehicles.insert_s.assign(vehicles, not_yet);
  s.vehicles.arrive_s.assign(vehicles, not_yet);
  s.vehicles.removed_s.assign(vehicles, not_yet);
  s.vehicles.reroutes.assign(vehicles, 0);
  for (Index v = 0; v < vehicles; ++v) {
    s.vehicles.motion[v].route_pos = s.routes.trip_first_link[v];
    s.vehicles.motion[v].route_end = s.routes.trip_first_link[v + 1];
    s.vehicles.motion[v].pcu = demand.trip_pcu[v];
    if (s.vehicles.motion[v].route_pos == s.vehicles.motion[v].route_end)
      s.vehicles.status[v] = VehicleStatus::unroutable;
  }
}

// Departure lists per first link, ordered by (departure time, vehicle id).
void init_departures(const Scenario& scenario, SimState& s) {
  const Index links = scenario.network.link_count;
  std::vector<Index> order;
  for (Index v = 0; v < scenario.demand.trip_count(); ++v) {
    // Transit vehicles start at their first stop, from the transit phase.
    if (s.vehicles.status[v] == VehicleStatus::pending && !scenario.demand.is_transit(v)) {
      order.push_back(v);
    }
  }
  std::stable_sort(order.begin(), order.end(), [&](Index a, Index b) {
    return scenario.demand.trip_depart_s[a] < scenario.demand.trip_depart_s[b];
  });
  s.departures.first.assign(links + 1, 0);
  for (Index v : order) ++s.departures.first[s.routes.links[s.vehicles.motion[v].route_pos] + 1];
  std::partial_sum(s.departures.first.begin(), s.departures.first.end(),
                   s.departures.first.begin());
  s.departures.vehicles.resize(order.size());
  std::vector<Index> fill(s.departures.first.begin(), s.departures.first.end() - 1);
  for (Index v : order)
    s.departures.vehicles[fill[s.routes.links[s.vehicles.motion[v].route_pos]]++] = v;
  s.departures.depart_s.resize(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    s.departures.depart_s[i] = scenario.demand.trip_depart_s[s.departures.vehicles[i]];
  }
  s.departures.next.assign(s.departures.first.begin(), s.departures.first.end() - 1);
}

}  // namespace

SimState make_initial_state(const Scenario& scenario, TripRoutes routes) {
  check_step_count(scenario);
  SimState s;
  s.time_s = scenario.sim.start_s;
  s.routes = std::move(routes);
  init_links(scenario, s, pcu_range(scenario.demand));
  init_vehicles(scenario, s);
  init_departures(scenario, s);
  if (scenario.transit.present()) init_transit_state(scenario, s);
  const Network& net = scenario.network;
  s.signals.plans = net.signal_plans;
  s.signals.node_plan = net.node_initial_plan;
  for (auto* counters : {&s.nodes.inserted, &s.nodes.arrived, &s.nodes.stuck_removed,
                         &s.nodes.push_throughs, &s.nodes.transitions}) {
    counters->assign(net.node_count, 0);
  }
  return s;
}

SimScratch make_scratch(const Scenario& scenario) {
  const Network& net = scenario.network;
  SimScratch scratch;
  scratch.node_first_group.assign(net.node_count + 1, 0);
  for (Index n = 0; n < net.node_count; ++n) {
    Index groups = 0;
    for (Index i = net.node_first_in[n]; i < net.node_first_in[n + 1]; ++i) {
      const Index l = net.in_links[i];
      groups += net.link_first_group[l + 1] - net.link_first_group[l];
    }
    scratch.node_first_group[n + 1] = scratch.node_first_group[n] + groups;
  }
  scratch.service_key.assign(scratch.node_first_group.back(), 0.0);
  scratch.service_group.assign(scratch.node_first_group.back(), invalid_index);
  reset_active_sets(scratch.active);
  return scratch;
}

}  // namespace arteria
