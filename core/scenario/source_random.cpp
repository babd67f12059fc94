// Random demand for networks without a demand of their own (OSM): [demand] source = "random",
// trips between nodes drawn with weights by road class, from the counter-based generator.

#include <algorithm>
#include <cmath>

#include "base/csv.hpp"
#include "base/import_log.hpp"
#include "base/rng.hpp"
#include "base/text.hpp"
#include "model/demand_scale.hpp"
#include "model/node_weights.hpp"
#include "scenario/source_readers.hpp"

namespace arteria {
namespace {

// `zones`: trips start and end only at `count` distinct nodes (a zoning of the city). Routing
// grows one tree per origin, so this bounds its cost on big networks. The nodes are drawn with
// probability proportional to weight, without replacement (Efraimidis and Spirakis 2006: the
// largest keys u^(1/w)); the others get weight 0.
void keep_zone_nodes(std::vector<double>& weight, std::size_t count, std::uint64_t seed) {
  std::vector<std::pair<double, Index>> keys;
  for (Index node = 0; node < weight.size(); ++node) {
    if (weight[node] <= 0.0) continue;
    const double u = random_unit(seed, node, 1, RandomPurpose::demand_origin);
    keys.push_back({std::log(std::max(u, 1e-300)) / weight[node], node});
  }
  if (count >= keys.size()) return;
  std::nth_element(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(count), keys.end(),
                   std::greater<>());
  std::vector<double> kept(weight.size(), 0.0);
  for (std::size_t i = 0; i < count; ++i) kept[keys[i].second] = weight[keys[i].second];
  weight = std::move(kept);
}

DepartureProfile read_window_or_profile(TomlTable& table, const SimulationParams& sim) {
  if (table.has("profile")) {
    for (const char* key : {"start", "end"}) {
      if (table.has(key)) table.fail(key, "give either start and end, or profile, not both");
    }
    return read_departure_profile(table, sim);
  }
  const auto start = table.time("start");
  const auto end = table.time("end");
  if (!start || !end) {
    table.fail(start ? "end" : "start",
               "is required: departures are uniform between start and end (or give profile)");
  }
  if (!(*end > *start)) table.fail("end", "must be after start");
  if (*start < sim.start_s || *end > sim.end_s) {
    table.fail(*start < sim.start_s ? "start" : "end", "reaches outside the simulated period " +
                                                           format_time_of_day(sim.start_s) + " - " +
                                                           format_time_of_day(sim.end_s));
  }
  return DepartureProfile{{*start, *end}, {1.0, 0.0}};
}

}  // namespace

void read_random_demand_source(TomlTable& table, const Network& network, SourceContext& context,
                               Demand& demand) {
  if (!table.has("trips")) table.fail("trips", "is required: the number of trips to draw");
  // 0 is allowed: a scenario may switch its background traffic off (transit alone on the roads).
  const auto trips = static_cast<std::size_t>(table.integer_in("trips", 1, 0, 100'000'000));
  OdExpansion expansion;
  expansion.profile = read_window_or_profile(table, context.sim);
  expansion.seed = read_demand_seed(table, context.sim);
  const bool by_capacity =
      table.choice("weight", {"capacity", "uniform"}, "capacity") == "capacity";
  const auto zones = static_cast<std::size_t>(table.integer_in("zones", 0, 0, 100'000'000));
  table.finish(" for source = \"random\"");
  if (trips == 0) return;

  std::vector<double> weight = node_weights(network, mode_car, by_capacity);
  if (zones > 0) keep_zone_nodes(weight, zones, expansion.seed);
  const std::size_t candidates = static_cast<std::size_t>(
      std::count_if(weight.begin(), weight.end(), [](double w) { return w > 0.0; }));
  if (candidates < 2) {
    table.fail("source", "the network has fewer than two nodes a trip can start and end at");
  }
  const WeightedNodes nodes(weight);

  DemandBuilder builder(network, demand);
  const DepartureSampler sampler(expansion.profile);
  const SourceRef where{builder.add_file(table.document().file), 0};
  // The stream's trip k is a pure function of (seed, k): a scaled demand keeps its first
  // trips x factor (model/demand_scale.hpp), so scale 1.2 is the demand of 1.2 x trips.
  const auto stream = static_cast<std::size_t>(
      std::ceil(static_cast<double>(trips) * std::max(1.0, context.scale.most())));
  demand.reserve(demand.trip_count() + stream);
  for (std::size_t k = 0; k < stream; ++k) {
    const double depart_s =
        sampler.time_at(random_unit(expansion.seed, k, 0, RandomPurpose::demand_departure_time));
    if (!generated_trip_kept(k, trips, depart_s, context.scale)) continue;
    const Index origin =
        nodes.pick(random_unit(expansion.seed, k, 0, RandomPurpose::demand_origin));
    // Redraw a destination equal to the origin; each attempt is its own draw.
    Index destination = origin;
    for (std::uint64_t attempt = 0; destination == origin; ++attempt) {
      destination =
          nodes.pick(random_unit(expansion.seed, k, attempt, RandomPurpose::demand_destination));
    }
    builder.add_trip(network.node_external_id[origin] + ">" +
                         network.node_external_id[destination] + "#" + std::to_string(k),
                     origin, destination, depart_s, 1.0f, where);
  }
  import_note("random demand: " + count_text(trips) + " trips between " + count_text(candidates) +
              " nodes weighted by " +
              (by_capacity ? "the capacity of their links" : "nothing (uniform)") + ", seed " +
              std::to_string(expansion.seed));
}

}  // namespace arteria
