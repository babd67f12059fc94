#include "run/memory_estimate.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <optional>
#include <stdexcept>

#include "base/memory.hpp"
#include "model/emission_factors.hpp"
#include "output/run_writer.hpp"
#include "routing/cch_order_cache.hpp"
#include "routing/cch_query.hpp"
#include "routing/link_dijkstra.hpp"
#include "sim/meso/meso_model.hpp"

namespace arteria {
namespace {

using Bytes = std::uint64_t;

// glibc malloc: a chunk is the request plus an 8-byte header, rounded up to 16, at least 32.
Bytes heap_chunk(Bytes request) {
  return std::max<Bytes>(32, (request + 8 + 15) / 16 * 16);
}

// A std::string (libstdc++): 32 bytes in place, plus a heap chunk beyond 15 characters.
Bytes string_bytes(const std::string& s) {
  return sizeof(std::string) + (s.size() > 15 ? heap_chunk(s.size() + 1) : 0);
}
Bytes strings_bytes(const std::vector<std::string>& strings) {
  Bytes total = 0;
  for (const std::string& s : strings) total += string_bytes(s);
  return total;
}
// The same strings as HDF5 variable-length strings: each a global-heap object (16-byte header,
// data padded to 8 bytes) that HDF5 keeps in memory until the file is closed, plus the char*
// array the writer hands it.
Bytes hdf5_strings_bytes(const std::vector<std::string>& strings) {
  Bytes total = 0;
  for (const std::string& s : strings) total += 16 + (s.size() + 1 + 7) / 8 * 8 + sizeof(char*);
  return total;
}
// An unordered_map<std::string, Index> entry: a heap node (next pointer, key, value, cached
// hash) and a bucket pointer, plus the key's own heap chunk when it is long.
Bytes id_map_bytes(const std::vector<std::string>& keys) {
  const Bytes node = heap_chunk(sizeof(void*) + sizeof(std::string) + sizeof(Index) + 4 + 8);
  Bytes total = 0;
  for (const std::string& key : keys) total += node + sizeof(void*) + string_bytes(key) - 32;
  return total;
}

// A vector grown by push_back doubles its capacity: over sizes spread evenly on a log scale it
// holds 1 / ln 2 = 1.44 times its size on average.
constexpr double growth_slack = 1.4427;

// Heap the program has before it reads a scenario (libstdc++'s emergency pool, oneTBB's and
// HDF5's static state): `arteria --version` is 12.5 MiB resident, 11 of them file mappings.
constexpr Bytes startup_heap_bytes = Bytes{3} << 19;  // 1.5 MiB
// The output writer: HDF5's library state once a file is open (free lists, the metadata cache,
// the chunk cache of 1 MiB per open dataset) and the writer thread with its malloc arena.
// Measured as the growth of a run of scenarios/small_town (47 links, 372 trips) while stepping.
constexpr Bytes writer_bytes = Bytes{7} << 20;
// /emissions (output/link_emissions.hpp): four more open datasets, each with its chunk cache.
constexpr Bytes emission_series_bytes = Bytes{4} << 20;
// A oneTBB worker thread: the stack it touches and its first malloc arena heap.
constexpr Bytes worker_thread_bytes = Bytes{1} << 20;
// Ride and walk legs of a planned journey: walk, ride, (walk, ride,) walk; we take one transfer.
constexpr double legs_per_journey = 4.0;
// Journey-planner connections: one per pair of consecutive calls of a trip, six 4-byte fields
// and two flags (routing/journey_planner.hpp).
constexpr Bytes connection_bytes = 28;

std::string thousands(double value) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%.0f", value);
  std::string text = digits;
  for (int at = static_cast<int>(text.size()) - 3; at > 0; at -= 3) text.insert(at, ",");
  return text;
}

Bytes scaled(double count, double bytes_per_item) {
  return static_cast<Bytes>(std::llround(count * bytes_per_item));
}

// The mean number of links of the road trips' routes: given routes as they are, the others
// from free-flow shortest paths of every trip from up to `sample_origins` origins, taken at
// evenly spaced trips so that busy origins are drawn more often.
struct RouteLengths {
  double mean_links = 0.0;
  Index routed_trips = 0;  // without a route of their own
  Index origins = 0;       // distinct origins of those
  Index sampled_trips = 0;
};

RouteLengths sample_route_lengths(const Network& net, const Demand& demand) {
  constexpr Index sample_origins = 32;
  RouteLengths lengths;
  const Index trips = demand.road_trip_count();
  std::vector<Index> first(static_cast<std::size_t>(net.node_count) + 1, 0);
  Index given_links = 0;
  Index given_trips = 0;
  for (Index t = 0; t < trips; ++t) {
    if (demand.has_given_route(t)) {
      given_links += demand.trip_first_given_link[t + 1] - demand.trip_first_given_link[t];
      ++given_trips;
    } else {
      ++first[demand.trip_origin[t] + 1];
    }
  }
  for (Index n = 0; n < net.node_count; ++n) {
    lengths.origins += first[n + 1] > 0;
    first[n + 1] += first[n];
  }
  lengths.routed_trips = trips - given_trips;
  std::vector<Index> by_origin(lengths.routed_trips);
  std::vector<Index> fill(first.begin(), first.end() - 1);
  std::vector<Index> routed;
  for (Index t = 0; t < trips; ++t) {
    if (!demand.has_given_route(t)) {
      by_origin[fill[demand.trip_origin[t]]++] = t;
      routed.push_back(t);
    }
  }
  double sampled_links = 0.0;
  if (!routed.empty()) {
    const std::vector<float> cost = free_flow_costs(net, net.link_free_speed_mps, {});
    LinkDijkstra dijkstra(net);
    std::vector<std::uint8_t> done(net.node_count, 0);
    std::vector<Index> path;
    std::vector<Index> destinations;
    const Index draws = std::min<Index>(sample_origins, static_cast<Index>(routed.size()));
    for (Index k = 0; k < draws; ++k) {
      const Index origin = demand.trip_origin[routed[routed.size() * k / draws]];
      if (done[origin]) continue;
      done[origin] = 1;
      destinations.clear();
      for (Index i = first[origin]; i < first[origin + 1]; ++i) {
        destinations.push_back(demand.trip_destination[by_origin[i]]);
      }
      // The tree stops growing once it reached them all: a few trips from a big network's
      // origin explore a part of it, not the whole.
      dijkstra.from_node_to_all(origin, cost, destinations);
      for (Index i = first[origin]; i < first[origin + 1]; ++i) {
        path.clear();
        dijkstra.append_path_to(demand.trip_destination[by_origin[i]], path);
        sampled_links += static_cast<double>(path.size());
        ++lengths.sampled_trips;
      }
    }
  }
  const double routed_mean = lengths.sampled_trips ? sampled_links / lengths.sampled_trips : 0.0;
  lengths.mean_links =
      trips ? (given_links + routed_mean * lengths.routed_trips) / static_cast<double>(trips) : 0.0;
  return lengths;
}

Bytes network_bytes(const Network& net) {
  const double per_node = 2 * sizeof(double) + 1 + 3 * sizeof(Index);  // x, y, centroid, CSRs, plan
  const double per_link = 2 * sizeof(Index)                            // out_links, in_links
                          + 2 * sizeof(Index) + 4 * sizeof(float)      // ends, length..capacity
                          + sizeof(ModeMask) + 3 * sizeof(Index);  // modes, point/turn/group CSRs
  return scaled(net.node_count, per_node) + scaled(net.link_count, per_link) +
         strings_bytes(net.node_external_id) + strings_bytes(net.link_external_id) +
         id_map_bytes(net.node_external_id) + id_map_bytes(net.link_external_id) +
         scaled(static_cast<double>(net.point_x_m.size()), 2 * sizeof(double)) +
         scaled(net.turn_count, 3 * sizeof(Index) + sizeof(float)) +  // ends, group, penalty
         scaled(net.group_count, sizeof(Index) + sizeof(float));      // link, lane share
}

Bytes demand_bytes(const Demand& demand) {
  const double per_trip = 2 * sizeof(Index) + sizeof(double) + sizeof(float) + sizeof(SourceRef) +
                          sizeof(Index);  // ends, departure, pcu, where, given-route CSR
  return scaled(demand.trip_count(), per_trip) + strings_bytes(demand.trip_external_id) +
         scaled(static_cast<double>(demand.given_route_links.size()), sizeof(Index));
}

Bytes transit_scenario_bytes(const TransitScenario& transit) {
  const Timetable& tt = transit.timetable;
  const TransitPlacement& placed = transit.placement;
  const PassengerDemand& pax = transit.passengers;
  const Bytes stops = strings_bytes(tt.stop_id) + strings_bytes(tt.stop_name) +
                      scaled(tt.stop_count(), 4 * sizeof(double));
  const Bytes routes = strings_bytes(tt.route_id) + strings_bytes(tt.route_name) +
                       scaled(tt.route_count(), 2 * sizeof(Index) + 1);
  const Bytes trips = strings_bytes(tt.trip_id) + strings_bytes(placed.trip_problem) +
                      scaled(tt.trip_count(), 6 * sizeof(Index) + 2 * sizeof(std::uint32_t) + 1);
  const Bytes calls = scaled(tt.call_count(), sizeof(Index) + 2 * sizeof(std::int32_t) + 3 +
                                                  sizeof(std::int32_t) + sizeof(float) + 1);
  const Bytes shapes = scaled(static_cast<double>(tt.shape_x_m.size()), 2 * sizeof(double));
  const Bytes placed_links =
      scaled(static_cast<double>(placed.links.size()), sizeof(Index) + sizeof(float));
  const Bytes passengers =
      strings_bytes(pax.id) + scaled(static_cast<double>(pax.depart_s.size()),
                                     sizeof(double) + 2 * sizeof(Index) + 4 * sizeof(double) +
                                         sizeof(SourceRef) + sizeof(Index));  // + passenger_order
  return stops + routes + trips + calls + shapes + placed_links + passengers;
}

// The car CCH of route_trips: topology, one metric (weights, tied ways, search arcs), a query
// per thread and, when route_trips will use them, one backward tree per destination.
Bytes cch_bytes(const Scenario& scenario, const CchTopology& topology, const RouteLengths& lengths,
                int threads, std::string& counts) {
  const Network& net = scenario.network;
  const Demand& demand = scenario.demand;
  const double v = topology.vertex_count();
  const double a = topology.arc_count();
  const Bytes topology_bytes = scaled(v, 6 * sizeof(Index)) +
                               scaled(net.link_count, sizeof(Index)) +
                               scaled(a, 5 * sizeof(Index) + 2 * sizeof(float));
  // The distinct destinations of the trips route_trips routes, and whether it will keep a
  // backward tree for each.
  std::vector<Index> destinations;
  std::vector<std::uint8_t> seen(net.node_count, 0);
  for (Index t = 0; t < demand.road_trip_count(); ++t) {
    if (demand.has_given_route(t) || seen[demand.trip_destination[t]]) continue;
    seen[demand.trip_destination[t]] = 1;
    destinations.push_back(demand.trip_destination[t]);
  }
  const bool trees =
      CchQuery::backward_trees_pay(topology, lengths.routed_trips, destinations.size());
  // Per arc: weights up and down, the first way of each direction, the kept flags, at least one
  // way and one searched arc per direction (with trees the perfect customization is off and
  // every direction is searched; after it, at most every one), and without trees the perfect
  // customization's scratch.
  const Bytes metric_bytes =
      scaled(v, sizeof(double) + 2 * sizeof(Index)) +
      scaled(a, 2 * sizeof(double) + 2 * sizeof(Index) + 1 + 2 * sizeof(CchWay) +
                    2 * sizeof(CchSearchArc) + (trees ? 0 : 2 * sizeof(double)));
  // A search's label, arc, stamp and tie lists per vertex, forward and backward.
  const Bytes query_bytes = scaled(v * threads, 2 * (sizeof(double) + 4 * sizeof(Index)));
  // A backward tree holds the elimination-tree ancestors of the destination's in-links: at
  // least the deepest one's chain. Each entry is a label, vertex, arc, tie offset and tie.
  Bytes tree_bytes = 0;
  if (trees) {
    std::vector<Index> depth(topology.vertex_count(), 0);  // parents rank above their children
    for (Index r = topology.vertex_count(); r-- > 0;) {
      const Index parent = topology.parent(r);
      depth[r] = parent == invalid_index ? 1 : depth[parent] + 1;
    }
    double entries = 0.0;
    for (const Index d : destinations) {
      Index deepest = 0;
      for (Index i = net.node_first_in[d]; i < net.node_first_in[d + 1]; ++i) {
        const Index vertex = topology.vertex_of_link(net.in_links[i]);
        if (vertex != invalid_index) deepest = std::max(deepest, depth[vertex]);
      }
      entries += deepest;
    }
    tree_bytes = scaled(entries, (sizeof(double) + 4 * sizeof(Index)) * growth_slack);
  }
  counts =
      thousands(v) + " vertices, " + thousands(a) + " arcs, " + thousands(topology.level_count()) +
      " levels" +
      (trees ? ", " + thousands(static_cast<double>(destinations.size())) + " backward trees" : "");
  return topology_bytes + metric_bytes + query_bytes + tree_bytes;
}

}  // namespace

std::uint64_t MemoryEstimate::total_bytes() const {
  Bytes phase[3] = {0, 0, 0};
  for (const MemoryPart& part : parts) phase[static_cast<int>(part.phase)] += part.bytes;
  const Bytes routing = phase[static_cast<int>(MemoryPhase::routing)];
  const Bytes simulation = phase[static_cast<int>(MemoryPhase::simulation)];
  return phase[static_cast<int>(MemoryPhase::whole_run)] + std::max(routing, simulation);
}

MemoryBaseline process_baseline(int threads) {
  return {resident_file_bytes() + startup_heap_bytes, threads};
}

namespace {

// Appends parts of one phase to an estimate.
struct PartAdder {
  MemoryEstimate& estimate;
  MemoryPhase phase;
  void operator()(std::string name, std::string counts, Bytes bytes) const {
    estimate.parts.push_back({phase, std::move(name), std::move(counts), bytes});
  }
};

// What the whole run holds from the start: the process, network, demand and timetable.
void add_inputs(const Scenario& scenario, const MemoryBaseline& baseline,
                MemoryEstimate& estimate) {
  const Network& net = scenario.network;
  const TransitScenario& transit = scenario.transit;
  const Timetable& tt = transit.timetable;
  const PartAdder add{estimate, MemoryPhase::whole_run};
  add("process", "program, libraries, " + std::to_string(baseline.threads) + " threads",
      baseline.process_bytes + static_cast<Bytes>(baseline.threads) * worker_thread_bytes);
  add("network",
      thousands(net.node_count) + " nodes, " + thousands(net.link_count) + " links, " +
          thousands(net.turn_count) + " turns",
      network_bytes(net));
  add("demand", thousands(scenario.demand.trip_count()) + " trips", demand_bytes(scenario.demand));
  if (transit.present()) {
    add("transit",
        thousands(tt.trip_count()) + " trips, " + thousands(tt.call_count()) + " calls, " +
            thousands(static_cast<double>(transit.passengers.depart_s.size())) + " passengers",
        transit_scenario_bytes(transit));
  }
}

// Routing: the CCH, the trips grouped by origin and their paths in per-group buffers (grown by
// doubling), then the paths copied into one arena in trip order, kept for the whole run.
void add_routing(const Scenario& scenario, const MemoryBaseline& baseline,
                 const CchTopology* car_topology, MemoryEstimate& estimate) {
  const Demand& demand = scenario.demand;
  const RouteLengths lengths = sample_route_lengths(scenario.network, demand);
  estimate.mean_route_links = lengths.mean_links;
  const double trips = demand.trip_count();
  if (lengths.routed_trips > 0) {
    const PartAdder add{estimate, MemoryPhase::routing};
    std::string counts;
    std::optional<CchTopology> built;
    if (!car_topology) {
      CchPreparation timing;
      built.emplace(cached_cch_topology(scenario.network, mode_car, timing));
    }
    const Bytes cch = cch_bytes(scenario, car_topology ? *car_topology : *built, lengths,
                                baseline.threads, counts);
    add("CCH", counts, cch);
    const double routed = lengths.routed_trips;
    const double path_links = routed * lengths.mean_links;
    add("paths by origin",
        thousands(routed) + " trips from " + thousands(lengths.origins) + " origins",
        scaled(trips, sizeof(Index) + 2 * sizeof(Index)) +  // cost bin, slot (group, member)
            scaled(routed, 2 * sizeof(Index)) + scaled(path_links, sizeof(Index)) +
            scaled(lengths.origins, 2 * sizeof(std::vector<Index>) + 3 * sizeof(Index)));
  }
  const double route_links = lengths.mean_links * demand.road_trip_count() +
                             static_cast<double>(scenario.transit.placement.links.size());
  char mean[32];
  std::snprintf(mean, sizeof mean, "%.1f", lengths.mean_links);
  const PartAdder add{estimate, MemoryPhase::whole_run};
  add("routes",
      thousands(demand.road_trip_count()) + " road trips x " + mean + " links (" +
          thousands(lengths.sampled_trips) + " sampled)",
      scaled(trips + 1, sizeof(Index)) + scaled(route_links, sizeof(Index)));
}

// What the simulation-phase parts (state and output) are counted from.
struct SimulationSizes {
  explicit SimulationSizes(const Scenario& scenario)
      : net(scenario.network),
        demand(scenario.demand),
        transit(scenario.transit),
        tt(transit.timetable),
        trips(demand.trip_count()),
        links(net.link_count),
        passengers(static_cast<double>(transit.passengers.depart_s.size())) {}
  const Network& net;
  const Demand& demand;
  const TransitScenario& transit;
  const Timetable& tt;
  double trips;
  double links;
  double passengers;
};

// The simulation state (sim/sim_state.hpp): per link its controls, counters, accumulators and two
// rings sized as make_initial_state sizes them; per vehicle its status, times and route position,
// and its place in the departure lists; transit trips, calls and passengers' journeys.
void add_state(const Scenario& scenario, MemoryEstimate& estimate) {
  const auto& [net, demand, transit, tt, trips, links, passengers] = SimulationSizes(scenario);
  const PartAdder add{estimate, MemoryPhase::simulation};
  const PcuRange pcu = pcu_range(demand);
  std::uint64_t vehicle_slot_count = 0;
  std::uint64_t hole_slot_count = 0;
  // Counts beyond 2^40 are refused when the state is made; capped here to stay defined.
  auto slots = [](double count) {
    return std::bit_ceil(static_cast<std::uint64_t>(std::min(count, 0x1p40)));
  };
  for (Index l = 0; l < net.link_count; ++l) {
    const LinkSizing size = size_link(scenario, l, pcu);
    vehicle_slot_count += slots(size.vehicle_slots);
    hole_slot_count += slots(size.hole_slots);
    // The rings of the lane groups of a link with several (a link's only group uses the link's).
    if (net.link_first_group[l + 1] - net.link_first_group[l] > 1) {
      for (Index g = net.link_first_group[l]; g < net.link_first_group[l + 1]; ++g) {
        vehicle_slot_count += slots(size_group(scenario, g, size, pcu).vehicle_slots);
      }
    }
  }
  const auto vehicle_slots = static_cast<double>(vehicle_slot_count);
  const auto hole_slots = static_cast<double>(hole_slot_count);
  const double per_link = 2 * sizeof(float) + 1 + 3 * sizeof(double) +      // controls
                          2 * sizeof(Index)                                 // ring CSRs
                          + 8 * sizeof(std::uint64_t) + 3 * sizeof(double)  // counters
                          + 2 * sizeof(Index)                               // departure lists
                          + 2 * sizeof(std::uint32_t) + 2 * sizeof(std::uint64_t) +
                          sizeof(double)  // bin accumulators
                          + 4 * sizeof(std::uint64_t) + 2 * sizeof(std::uint32_t);  // flows
  // Per lane group: controls, ring start and mask, counters, pcu and credit; its slice of the
  // node phase's service order.
  const double per_group = 3 * sizeof(double) + sizeof(std::uint32_t) + 2 * sizeof(Index) +
                           4 * sizeof(std::uint64_t) + 2 * sizeof(double) + sizeof(double) +
                           sizeof(Index);
  add("state: links",
      thousands(vehicle_slots) + " vehicle slots, " + thousands(hole_slots) + " wave slots",
      scaled(links, per_link) + scaled(net.group_count, per_group) +
          scaled(vehicle_slots, sizeof(RingEntry)) + scaled(hole_slots, 2 * sizeof(double)) +
          scaled(net.node_count + 1, sizeof(Index)) +
          scaled(net.node_count, 5 * sizeof(std::uint64_t) + sizeof(Index)));
  const double per_vehicle = sizeof(VehicleStatus) + sizeof(VehicleMotion) + 3 * sizeof(double) +
                             sizeof(float) + sizeof(std::uint16_t) + 2 * sizeof(Index) +
                             sizeof(double);  // departure list entry, its sort and its time
  add("state: vehicles", thousands(trips) + " vehicles", scaled(trips, per_vehicle));
  if (transit.present()) {
    // Per trip its phase, call, place, times, on-board list and capacity; per call its records;
    // per passenger the journey plan and its counters; the planner's connections per thread.
    const double per_passenger =
        1 + sizeof(std::vector<JourneyLeg>) + legs_per_journey * sizeof(JourneyLeg) + 16 +
        sizeof(std::uint16_t) * 4 + 2 * sizeof(double) + 3 * sizeof(float) +
        2 * sizeof(std::uint32_t) + 1 + 2 * sizeof(PassengerTimer);
    add("state: transit",
        thousands(tt.call_count() - tt.trip_count()) + " connections, " + thousands(passengers) +
            " journeys of " + std::to_string(static_cast<int>(legs_per_journey)) + " legs",
        scaled(tt.trip_count(), 1 + 2 * sizeof(Index) + sizeof(double) +
                                    sizeof(std::vector<Boarded>) + sizeof(std::int32_t) +
                                    sizeof(std::uint64_t) + 2 * sizeof(Index)) +
            scaled(tt.call_count(), 2 * sizeof(double) + 4 * sizeof(std::uint32_t)) +
            scaled(tt.stop_count(), sizeof(std::vector<Index>) + sizeof(std::uint64_t)) +
            scaled(passengers, per_passenger) +
            scaled(tt.call_count() - tt.trip_count(), connection_bytes));
  }
}

// Output: the writer, /network's tables, the bins queued to it (with the emissions of the one
// being written: four floats per link), and at the end the /trips and transit tables copied
// from the state and handed to HDF5.
void add_output(const Scenario& scenario, MemoryEstimate& estimate) {
  const auto& [net, demand, transit, tt, trips, links, passengers] = SimulationSizes(scenario);
  const PartAdder add{estimate, MemoryPhase::simulation};
  add("output: writer",
      thousands(links) + " links x " + std::to_string(RunWriter::max_queued_jobs + 2) +
          " bins in flight",
      writer_bytes + emission_series_bytes + hdf5_strings_bytes(net.link_external_id) +
          hdf5_strings_bytes(net.node_external_id) +
          scaled(links * (RunWriter::max_queued_jobs + 2), 5 * sizeof(float)) +
          scaled(links, pollutant_count * sizeof(float)));
  if (scenario.output.trips) {
    const double per_trip =
        3 * sizeof(Index) + 3 * sizeof(double) + 2 * sizeof(float) + 1 + sizeof(std::uint16_t);
    add("output: trips table", thousands(trips) + " rows",
        scaled(trips, per_trip) + strings_bytes(demand.trip_external_id) +
            hdf5_strings_bytes(demand.trip_external_id));
  }
  if (transit.present()) {
    const double per_call =
        2 * sizeof(Index) + sizeof(std::uint32_t) + 4 * sizeof(double) + 4 * sizeof(std::uint32_t);
    const double per_passenger =
        2 * sizeof(double) + 3 * sizeof(float) + 4 * sizeof(std::uint16_t) + 2;
    add("output: transit tables",
        thousands(tt.call_count()) + " calls, " + thousands(passengers) + " passengers",
        scaled(tt.call_count(), per_call) + scaled(passengers, per_passenger) +
            2 * (strings_bytes(tt.trip_id) + strings_bytes(transit.passengers.id)) +
            hdf5_strings_bytes(tt.trip_id) + hdf5_strings_bytes(transit.passengers.id) +
            scaled(tt.trip_count(), 4 * sizeof(std::string) + 24));
  }
}

}  // namespace

MemoryEstimate estimate_memory(const Scenario& scenario, const MemoryBaseline& baseline,
                               const CchTopology* car_topology) {
  MemoryEstimate estimate;
  add_inputs(scenario, baseline, estimate);
  add_routing(scenario, baseline, car_topology, estimate);
  add_state(scenario, estimate);
  add_output(scenario, estimate);
  return estimate;
}

std::string format_bytes(std::uint64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024.0 && unit < 4) {
    value /= 1024.0;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, unit == 0 || value >= 100 ? "%.0f %s" : "%.1f %s", value,
                units[unit]);
  return text;
}

std::uint64_t parse_memory_size(const std::string& text) {
  const auto bad = [&] {
    return std::invalid_argument("'" + text +
                                 "' is not a memory size: give a number with K, M, G or T "
                                 "(binary, e.g. 2G, 1.5GiB, 800M) or bytes");
  };
  std::size_t used = 0;
  double number = 0.0;
  try {
    number = std::stod(text, &used);
  } catch (const std::exception&) {
    throw bad();
  }
  std::string unit = text.substr(used);
  for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (unit.size() > 1 && unit.back() == 'B') unit.pop_back();
  if (unit.size() > 1 && unit.back() == 'I') unit.pop_back();
  const std::string prefixes = "KMGT";
  double scale = 1.0;
  if (unit == "B" || unit.empty()) {
    scale = 1.0;
  } else if (unit.size() == 1 && prefixes.find(unit[0]) != std::string::npos) {
    scale = std::pow(1024.0, static_cast<double>(prefixes.find(unit[0]) + 1));
  } else {
    throw bad();
  }
  if (!(number >= 0.0) || !std::isfinite(number * scale)) throw bad();
  return static_cast<std::uint64_t>(number * scale);
}

}  // namespace arteria
