#include "formats/grid/grid_city.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "base/rng.hpp"

namespace arteria {
namespace {

std::string node_id(int x, int y) {
  return std::to_string(x) + "_" + std::to_string(y);
}

bool is_arterial(const GridCityParams& p, int street) {
  return p.arterial_every > 0 && street % p.arterial_every == 0;
}

int river_south_row(const GridCityParams& p) {
  return (p.rows - 1) / 2;
}

// A vertical street segment between rows y and y+1 exists unless the river runs there and the
// street is local: only arterials have bridges.
bool has_vertical_segment(const GridCityParams& p, int x, int y) {
  return !(p.river && y == river_south_row(p) && !is_arterial(p, x));
}

// The river as maps draw it: a band across the whole city in the middle of the blocks it
// runs through, a third of a block wide, so the bridges visibly span it.
MapFeature river_polygon(const GridCityParams& p) {
  const double middle = (river_south_row(p) + 0.5) * p.block_m;
  const double half_width = p.block_m / 6.0;
  const double west = -0.5 * p.block_m;
  const double east = (p.columns - 0.5) * p.block_m;
  return {"water",
          "river",
          {west, east, east, west},
          {middle - half_width, middle - half_width, middle + half_width, middle + half_width}};
}

void add_link(NetworkSpec& spec, const GridCityParams& p, int x0, int y0, int x1, int y1,
              bool arterial) {
  LinkSpec link;
  link.from = node_id(x0, y0);
  link.to = node_id(x1, y1);
  link.id = link.from + ">" + link.to;
  link.length_m = p.block_m;
  link.lanes = arterial ? p.arterial_lanes : p.local_lanes;
  link.road_class = arterial ? "arterial" : "local";
  link.free_speed_mps = (arterial ? p.arterial_speed_kmh : p.local_speed_kmh) / 3.6;
  link.capacity_vph =
      link.lanes * (arterial ? p.arterial_lane_capacity_vph : p.local_lane_capacity_vph);
  spec.links.push_back(std::move(link));
}

// Two-phase plan at an arterial crossing: north-south green, all-red, east-west green, all-red.
// Without all-red time (signal_all_red_s = 0) the greens follow each other.
SignalPlanSpec crossing_plan(const GridCityParams& p, int x, int y) {
  const double green = (p.signal_cycle_s - 2.0 * p.signal_all_red_s) / 2.0;
  const std::string here = node_id(x, y);
  auto movements_from = [&](std::initializer_list<std::pair<int, int>> neighbours) {
    std::vector<TurnSpec> moves;
    for (const auto& [nx, ny] : neighbours) {
      if (nx < 0 || ny < 0 || nx >= p.columns || ny >= p.rows) continue;
      if (nx == x && !has_vertical_segment(p, x, std::min(y, ny))) continue;
      moves.push_back({node_id(nx, ny) + ">" + here, "", {}});
    }
    return moves;
  };
  SignalPlanSpec plan;
  plan.id = "fixed";
  plan.node = here;
  // Offsets make a green wave along the west-east arterials at the arterial free speed.
  const double travel_s = p.block_m * x / (p.arterial_speed_kmh / 3.6);
  plan.offset_s = std::fmod(travel_s, p.signal_cycle_s);
  const auto all_red = [&] {
    if (p.signal_all_red_s > 0.0) plan.phases.push_back({p.signal_all_red_s, {}});
  };
  plan.phases.push_back({green, movements_from({{x, y - 1}, {x, y + 1}})});
  all_red();
  plan.phases.push_back({green, movements_from({{x - 1, y}, {x + 1, y}})});
  all_red();
  return plan;
}

}  // namespace

NetworkSpec make_grid_city(const GridCityParams& p) {
  NetworkSpec spec;
  spec.add_file("<grid city>");
  for (int y = 0; y < p.rows; ++y) {
    for (int x = 0; x < p.columns; ++x) {
      spec.nodes.push_back({node_id(x, y), x * p.block_m, y * p.block_m, false, {}});
    }
  }
  for (int y = 0; y < p.rows; ++y) {
    for (int x = 0; x < p.columns; ++x) {
      if (x + 1 < p.columns) {
        add_link(spec, p, x, y, x + 1, y, is_arterial(p, y));
        add_link(spec, p, x + 1, y, x, y, is_arterial(p, y));
      }
      if (y + 1 < p.rows && has_vertical_segment(p, x, y)) {
        add_link(spec, p, x, y, x, y + 1, is_arterial(p, x));
        add_link(spec, p, x, y + 1, x, y, is_arterial(p, x));
      }
    }
  }
  for (int y = 0; y < p.rows; ++y) {
    for (int x = 0; x < p.columns; ++x) {
      if (is_arterial(p, x) && is_arterial(p, y))
        spec.signal_plans.push_back(crossing_plan(p, x, y));
    }
  }
  if (p.river) spec.context.push_back(river_polygon(p));
  return spec;
}

namespace {

// Inverse CDF of the triangular distribution on [a, c] with mode b.
double triangular(double u, double a, double b, double c) {
  const double split = (b - a) / (c - a);
  if (u < split) return a + std::sqrt(u * (c - a) * (b - a));
  return c - std::sqrt((1.0 - u) * (c - a) * (c - b));
}

}  // namespace

void generate_grid_demand(const Network& network, const GridCityParams& city,
                          const GridDemandParams& params, const DemandScale& scale,
                          DemandBuilder& builder) {
  // The business district lies north of the river, so most trips into it cross a bridge.
  const double cbd_x = (city.columns - 1) / 2.0;
  const double cbd_y = (city.rows - 1) * 0.7;
  std::vector<Index> cbd_nodes;
  for (Index node = 0; node < network.node_count; ++node) {
    const double dx = network.node_x_m[node] / city.block_m - cbd_x;
    const double dy = network.node_y_m[node] / city.block_m - cbd_y;
    if (std::hypot(dx, dy) <= params.cbd_radius_blocks) cbd_nodes.push_back(node);
  }
  const std::uint64_t seed = params.seed;
  const auto pick = [&](std::uint64_t trip, std::uint64_t attempt, RandomPurpose purpose,
                        Index count) {
    const double u = random_unit(seed, trip, attempt, purpose);
    return std::min(static_cast<Index>(u * count), count - 1);
  };
  const auto stream = static_cast<std::uint64_t>(
      std::ceil(static_cast<double>(params.trips) * std::max(1.0, scale.most())));
  builder.demand_reserve(stream);
  const bool scaled = !scale.identity();
  std::uint64_t kept = 0;
  for (std::uint64_t trip = 0; trip < stream; ++trip) {
    const double u = random_unit(seed, trip, 0, RandomPurpose::demand_departure_time);
    const double depart = std::floor(triangular(u, params.start_s, params.peak_s, params.end_s));
    if (scaled && !generated_trip_kept(trip, params.trips, depart, scale)) continue;
    const Index origin = pick(trip, 0, RandomPurpose::demand_origin, network.node_count);
    Index destination = origin;
    for (std::uint64_t attempt = 0; destination == origin; ++attempt) {
      const bool to_cbd = !cbd_nodes.empty() &&
                          random_unit(seed, trip, 2 * attempt, RandomPurpose::demand_destination) <
                              params.cbd_share;
      destination =
          to_cbd
              ? cbd_nodes[pick(trip, 2 * attempt + 1, RandomPurpose::demand_destination,
                               static_cast<Index>(cbd_nodes.size()))]
              : pick(trip, 2 * attempt + 1, RandomPurpose::demand_destination, network.node_count);
    }
    // Named by its place in the stream, so a trip keeps its id at any scale. Until a trip is
    // skipped that is its index in the demand (which starts empty: one source per scenario),
    // and the builder names it so (an id made here costs 2 % of loading a generated city).
    const bool named_by_index = kept == trip;
    builder.add_trip(named_by_index ? std::string() : std::to_string(trip), origin, destination,
                     depart, 1.0f);
    ++kept;
  }
}

}  // namespace arteria
