// Tests of placing transit trips on the network: bus stops snapped to a hand-built grid and
// matched along it, rail trips on guideways with their timetable's running times, and the real
// Cairns (transit only) and Cobb County (buses on OSM roads) feeds.
#include <tbb/global_control.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "formats/gtfs/gtfs.hpp"
#include "formats/gtfs/gtfs_timetable.hpp"
#include "formats/osm/osm_reader.hpp"
#include "model/network.hpp"
#include "model/timetable.hpp"
#include "placement/place_transit.hpp"
#include "toy_timetable.hpp"

using namespace arteria;

namespace {

const std::string gtfs_dir = std::string(ARTERIA_DATA_DIR) + "/gtfs";

// A 3 x 3 grid of nodes "n<col><row>" 200 m apart, two-way 200 m links "n00>n10" etc. at 10 m/s.
NetworkSpec grid_spec() {
  NetworkSpec spec;
  spec.files.push_back("grid");
  for (int row = 0; row < 3; ++row) {
    for (int col = 0; col < 3; ++col) {
      spec.nodes.push_back(
          {"n" + std::to_string(col) + std::to_string(row), 200.0 * col, 200.0 * row, false, {}});
    }
  }
  auto add = [&](const std::string& a, const std::string& b) {
    for (const auto& [from, to] : {std::pair{a, b}, std::pair{b, a}}) {
      LinkSpec link;
      link.id = from + ">" + to;
      link.from = from;
      link.to = to;
      link.length_m = 200.0;
      link.free_speed_mps = 10.0;
      link.capacity_vph = 1000.0;
      spec.links.push_back(link);
    }
  };
  for (int row = 0; row < 3; ++row) {
    for (int col = 0; col < 3; ++col) {
      const std::string here = "n" + std::to_string(col) + std::to_string(row);
      if (col < 2) add(here, "n" + std::to_string(col + 1) + std::to_string(row));
      if (row < 2) add(here, "n" + std::to_string(col) + std::to_string(row + 1));
    }
  }
  return spec;
}

// A timetable with the given stops (id, x, y) and one route "r" of `mode`, no trips yet.
Timetable hand_timetable(const std::vector<testing::HandStop>& stops, TransitMode mode) {
  return testing::hand_timetable(stops, mode, "r");
}

std::vector<std::string> route_ids(const TransitPlacement& placed, const Network& net, Index t) {
  std::vector<std::string> ids;
  for (Index i = placed.trip_first_link[t]; i < placed.trip_first_link[t + 1]; ++i) {
    ids.push_back(net.link_external_id[placed.links[i]]);
  }
  return ids;
}

// Every consecutive pair of a trip's links is a movement of the network.
bool contiguous(const TransitPlacement& placed, const Network& net, Index t) {
  for (Index i = placed.trip_first_link[t] + 1; i < placed.trip_first_link[t + 1]; ++i) {
    if (net.find_turn(placed.links[i - 1], placed.links[i]) == invalid_index) return false;
  }
  return true;
}

std::vector<std::int32_t> route_positions(const TransitPlacement& placed, const Timetable& tt,
                                          Index t) {
  return {placed.call_route_pos.begin() + tt.calls_begin(t),
          placed.call_route_pos.begin() + tt.calls_end(t)};
}

}  // namespace

TEST_CASE("A bus trip is matched to the grid links its stops lie along", "[placement]") {
  // A and B 10 m south of the bottom row (east of n00 and n10), C 10 m east of the right column
  // between n20 and n21, D 600 m north of the grid: too far to snap.
  Timetable tt = hand_timetable(
      {{"A", 100, -10}, {"B", 300, -10}, {"C", 410, 100}, {"D", 400, 1000}, {"E", 410, 90}},
      TransitMode::bus);
  add_timetable_trip(tt, "abc", 0, {0, 1, 2}, {0, 60, 120}, {0, 70, 120});
  add_timetable_trip(tt, "abed", 0, {0, 1, 4, 3}, {0, 60, 100, 300}, {0, 70, 100, 300});
  add_timetable_trip(tt, "deb", 0, {3, 4, 1}, {0, 200, 260}, {0, 210, 260});
  NetworkSpec spec = grid_spec();
  add_transit_guideways(tt, true, spec);
  const Network net = compile_network(spec);
  const TransitPlacement placed = place_transit(tt, net, true);
  REQUIRE(placed.trip_placed == std::vector<std::uint8_t>{1, 1, 1});

  // Eastbound along the bottom row, then north: A is served where the trip starts (the upstream
  // end of its link), B and C at the downstream ends of theirs.
  CHECK(route_ids(placed, net, 0) == std::vector<std::string>{"n00>n10", "n10>n20", "n20>n21"});
  CHECK(route_positions(placed, tt, 0) == std::vector<std::int32_t>{-1, 1, 2});
  CHECK(contiguous(placed, net, 0));
  for (Index k = tt.calls_begin(0); k < tt.calls_end(0); ++k) {
    CHECK(placed.call_snap_m[k] == Approx(10.0));
    CHECK(placed.call_in_traffic[k] == 1);
  }
  for (Index i = placed.trip_first_link[0]; i < placed.trip_first_link[1]; ++i) {
    CHECK(std::isnan(placed.link_scheduled_s[i]));
  }

  // D snaps nowhere: the trip leaves the road at n20, the road node nearest to E (its stop
  // before D), on the guideway link gw:r:E>D with the timetable's 200 s.
  CHECK(net.link_from_node[net.find_link("gw:r:E>D")] == net.find_node("n20"));
  CHECK(net.link_to_node[net.find_link("gw:r:E>D")] == net.find_node("gw:D"));
  CHECK(route_ids(placed, net, 1) == std::vector<std::string>{"n00>n10", "n10>n20", "gw:r:E>D"});
  CHECK(route_positions(placed, tt, 1) == std::vector<std::int32_t>{-1, 1, 1, 2});
  CHECK(contiguous(placed, net, 1));
  CHECK(placed.link_scheduled_s[placed.trip_first_link[1] + 2] == 200.0f);
  CHECK(placed.trip_calls_in_traffic[1] == 3);
  CHECK(placed.call_snap_m[tt.calls_begin(1) + 2] == Approx(std::hypot(10.0, 90.0)));
  CHECK(placed.call_snap_m[tt.calls_begin(1) + 3] == 0.0f);

  // Back the other way it re-enters the road at n20 and runs west to B.
  CHECK(route_ids(placed, net, 2) == std::vector<std::string>{"gw:r:D>E", "n20>n10"});
  CHECK(route_positions(placed, tt, 2) == std::vector<std::int32_t>{-1, 0, 1});
  CHECK(contiguous(placed, net, 2));
  CHECK(placed.trip_calls_in_traffic[2] == 2);
}

TEST_CASE("Two stops along one link need no path between them", "[placement]") {
  Timetable tt = hand_timetable({{"A", 40, -5}, {"B", 160, -5}, {"C", 200, 150}}, TransitMode::bus);
  add_timetable_trip(tt, "abc", 0, {0, 1, 2}, {0, 60, 120}, {0, 60, 120});
  NetworkSpec spec = grid_spec();
  add_transit_guideways(tt, true, spec);
  const Network net = compile_network(spec);
  const TransitPlacement placed = place_transit(tt, net, true);
  REQUIRE(placed.trip_placed[0] == 1);
  CHECK(route_ids(placed, net, 0) == std::vector<std::string>{"n00>n10", "n10>n11"});
  CHECK(route_positions(placed, tt, 0) == std::vector<std::int32_t>{-1, 0, 1});
}

namespace {

// A line n0 .. n5 (x = 0 .. 1000 m) of 200 m links at 10 m/s, two-way except between n2 and n3,
// one-way westbound (n3>n2): eastbound buses reach n3 only by a 3.2 km loop n2>f1>f2>n3 north.
NetworkSpec one_way_spec() {
  NetworkSpec spec;
  spec.files.push_back("one-way");
  for (int i = 0; i < 6; ++i)
    spec.nodes.push_back({"n" + std::to_string(i), 200.0 * i, 0.0, false, {}});
  spec.nodes.push_back({"f1", 400.0, 1500.0, false, {}});
  spec.nodes.push_back({"f2", 600.0, 1500.0, false, {}});
  auto add = [&](const std::string& from, const std::string& to, double length_m) {
    LinkSpec link;
    link.id = from + ">" + to;
    link.from = from;
    link.to = to;
    link.length_m = length_m;
    link.free_speed_mps = 10.0;
    link.capacity_vph = 1000.0;
    spec.links.push_back(link);
  };
  for (int i = 0; i < 5; ++i) {
    const std::string a = "n" + std::to_string(i), b = "n" + std::to_string(i + 1);
    if (i != 2) add(a, b, 200.0);
    add(b, a, 200.0);
  }
  add("n2", "f1", 1500.0);
  add("f1", "f2", 200.0);
  add("f2", "n3", 1500.0);
  return spec;
}

}  // namespace

TEST_CASE("A road step that loops far round a one-way street runs on a guideway", "[placement]") {
  // A, B, C, D 10 m south of the links n0-n1, n1-n2, n3-n4, n4-n5. B to C: 400 m apart, 60 s in
  // the timetable, but 3.4 km (340 s at free flow) by road: more than 3 x 60 s + 120 s.
  Timetable tt = hand_timetable(
      {{"A", 100, -10}, {"B", 300, -10}, {"C", 700, -10}, {"D", 900, -10}}, TransitMode::bus);
  add_timetable_trip(tt, "abcd", 0, {0, 1, 2, 3}, {0, 30, 90, 120}, {0, 30, 90, 120});
  TransitPlacementParams params;
  params.max_snap_m = 50.0;

  // Matched alone, the bus loops north from n2 and the step is reported, from where B is served
  // (n2) to where C is (n4).
  NetworkSpec plain = one_way_spec();
  add_transit_guideways(tt, true, plain, params);
  const Network plain_net = compile_network(plain);
  const TransitPlacement first = place_transit(tt, plain_net, true, params);
  REQUIRE(first.trip_placed[0] == 1);
  CHECK(route_ids(first, plain_net, 0) ==
        std::vector<std::string>{"n0>n1", "n1>n2", "n2>f1", "f1>f2", "f2>n3", "n3>n4", "n4>n5"});
  REQUIRE(first.detour_steps.size() == 1);
  CHECK(first.detour_steps[0] == GuidewayStep{0, 1, 2, "n2", "n4"});
  CHECK(first.trip_detour_steps[0] == 0);
  TransitPlacementParams lenient = params;
  lenient.max_detour_factor = 5.0;  // 5 x 60 s + 120 s > 340 s
  CHECK(place_transit(tt, plain_net, true, lenient).detour_steps.empty());

  // With the detour rule B to C runs on a guideway n2 -> n4 in the timetable's 60 s; the other
  // steps stay on the road and every call is served in traffic.
  Network net;
  const TransitPlacement placed = place_transit_with_detours(tt, one_way_spec(), true, params, net);
  REQUIRE(placed.trip_placed[0] == 1);
  CHECK(placed.passes == 2);
  CHECK(placed.detour_steps.empty());
  CHECK(placed.trip_detour_steps[0] == 1);
  CHECK(route_ids(placed, net, 0) ==
        std::vector<std::string>{"n0>n1", "n1>n2", "gw:r:B>C", "n4>n5"});
  CHECK(route_positions(placed, tt, 0) == std::vector<std::int32_t>{-1, 1, 2, 3});
  CHECK(contiguous(placed, net, 0));
  const Index gw = net.find_link("gw:r:B>C");
  REQUIRE(gw != invalid_index);
  CHECK(net.link_from_node[gw] == net.find_node("n2"));
  CHECK(net.link_to_node[gw] == net.find_node("n4"));
  CHECK(net.link_modes[gw] == mode_rail);
  CHECK(std::isnan(placed.link_scheduled_s[1]));
  CHECK(placed.link_scheduled_s[2] == 60.0f);
  CHECK(std::isnan(placed.link_scheduled_s[3]));
  CHECK(placed.trip_calls_in_traffic[0] == 4);
  CHECK(placed.call_snap_m[2] == Approx(std::hypot(100.0, 10.0)));

  // The old two-step way with the reported step forced gives the same placement. A signal at n4,
  // where the guideway rejoins the road, gives it green whenever it gives any movement green.
  NetworkSpec spec = one_way_spec();
  SignalPlanSpec plan;
  plan.id = "p";
  plan.node = "n4";
  plan.phases.push_back({40.0, {{"n3>n4", "", {}}, {"n5>n4", "", {}}}});
  plan.phases.push_back({3.0, {}});  // all red
  spec.signal_plans.push_back(plan);
  add_transit_guideways(tt, true, spec, params, first.detour_steps);
  CHECK(spec.signal_plans[0].phases[0].green.size() == 3);
  CHECK(spec.signal_plans[0].phases[0].green.back().from_link == "gw:r:B>C");
  CHECK(spec.signal_plans[0].phases[1].green.empty());
  const Network forced_net = compile_network(spec);
  const TransitPlacement forced = place_transit(tt, forced_net, true, params, first.detour_steps);
  CHECK(forced.links == placed.links);
  CHECK(forced.detour_steps.empty());
}

namespace {

// Per road step of every trip (both calls in traffic, road links only between them): the path
// length along the links / the straight distance between the stops (at least 50 m), sorted.
std::vector<double> road_path_ratios(const Timetable& tt, const Network& net,
                                     const TransitPlacement& placed) {
  std::vector<double> ratios;
  const double radius_m = 6371008.8, degree = std::acos(-1.0) / 180.0;
  for (Index t = 0; t < tt.trip_count(); ++t) {
    for (Index k = tt.calls_begin(t) + 1; k < tt.calls_end(t) && placed.trip_placed[t]; ++k) {
      const Index a = tt.call_stop[k - 1], b = tt.call_stop[k];
      if (a == b || !placed.call_in_traffic[k - 1] || !placed.call_in_traffic[k]) continue;
      double length = 0.0;
      bool road = true;
      for (std::int32_t i = placed.call_route_pos[k - 1] + 1; i <= placed.call_route_pos[k]; ++i) {
        const Index at = placed.trip_first_link[t] + static_cast<Index>(i);
        road = road && std::isnan(placed.link_scheduled_s[at]);
        length += net.link_length_m[placed.links[at]];
      }
      if (!road) continue;
      const double dy = (tt.stop_lat_deg[b] - tt.stop_lat_deg[a]) * degree * radius_m;
      const double dx = (tt.stop_lon_deg[b] - tt.stop_lon_deg[a]) * degree * radius_m *
                        std::cos(tt.stop_lat_deg[a] * degree);
      ratios.push_back(length / std::max(50.0, std::hypot(dx, dy)));
    }
  }
  std::sort(ratios.begin(), ratios.end());
  return ratios;
}

}  // namespace

TEST_CASE("Rail trips run on guideways between their stops on schedule", "[placement]") {
  Timetable tt = hand_timetable(
      {{"R1", 0, 0}, {"R2", 1000, 0}, {"R3", 1000, 600}, {"R4", 2000, 600}}, TransitMode::rail);
  // Out to R3 and back to R2: the trip reverses at R3, where another trip continues to R4.
  add_timetable_trip(tt, "out", 0, {0, 1, 2, 1}, {0, 100, 250, 400}, {0, 130, 300, 400});
  add_timetable_trip(tt, "fast", 0, {0, 1}, {1000, 1050}, {1000, 1050});
  add_timetable_trip(tt, "on", 0, {2, 3}, {0, 500}, {0, 500});
  NetworkSpec spec;
  add_transit_guideways(tt, false, spec);
  CHECK(spec.nodes.size() == 4);
  CHECK(spec.links.size() == 4);
  const Network net = compile_network(spec);
  const Index r1r2 = net.find_link("gw:r:R1>R2");
  REQUIRE(r1r2 != invalid_index);
  CHECK(net.link_modes[r1r2] == mode_rail);
  CHECK(net.link_length_m[r1r2] == 1000.0f);
  CHECK(net.link_free_speed_mps[r1r2] == Approx(1000.0 / 50.0));  // the fast trip's 50 s
  CHECK(net.find_turn(net.find_link("gw:r:R2>R3"), net.find_link("gw:r:R3>R2")) != invalid_index);

  const TransitPlacement placed = place_transit(tt, net, false);
  REQUIRE(placed.trip_placed == std::vector<std::uint8_t>{1, 1, 1});
  CHECK(route_ids(placed, net, 0) ==
        std::vector<std::string>{"gw:r:R1>R2", "gw:r:R2>R3", "gw:r:R3>R2"});
  CHECK(route_positions(placed, tt, 0) == std::vector<std::int32_t>{-1, 0, 1, 2});
  CHECK(contiguous(placed, net, 0));
  const std::vector<float> scheduled(placed.link_scheduled_s.begin(),
                                     placed.link_scheduled_s.begin() + 3);
  CHECK(scheduled == std::vector<float>{100.0f, 120.0f, 100.0f});
  CHECK(placed.trip_calls_in_traffic[0] == 0);
}

TEST_CASE("Cairns transit-only: every trip placed on schedule", "[placement]") {
  const GtfsFeed feed = read_gtfs(gtfs_dir + "/cairns/cairns_gtfs.zip");
  const Timetable tt = build_timetable(feed, select_service_day(feed));
  NetworkSpec spec;
  add_transit_guideways(tt, false, spec);
  const Network net = compile_network(spec);
  const TransitPlacement placed = place_transit(tt, net, false);
  REQUIRE(tt.trip_count() > 0);
  Index placed_trips = 0, broken = 0, mismatched = 0, misplaced_calls = 0;
  for (Index t = 0; t < tt.trip_count(); ++t) {
    placed_trips += placed.trip_placed[t];
    if (!contiguous(placed, net, t)) ++broken;
    double scheduled = 0.0;
    for (Index i = placed.trip_first_link[t]; i < placed.trip_first_link[t + 1]; ++i) {
      scheduled += placed.link_scheduled_s[i];
    }
    const Index first = tt.calls_begin(t), last = tt.calls_end(t) - 1;
    double expected = tt.call_arrival_s[last] - tt.call_departure_s[first];
    for (Index k = first + 1; k < last; ++k) {
      expected -= tt.call_departure_s[k] - tt.call_arrival_s[k];
    }
    if (scheduled != expected) ++mismatched;
    for (Index k = first + 1; k <= last; ++k) {
      const Index link = placed.links[placed.trip_first_link[t] + placed.call_route_pos[k]];
      if (net.node_external_id[net.link_to_node[link]] != "gw:" + tt.stop_id[tt.call_stop[k]]) {
        ++misplaced_calls;
      }
    }
  }
  CHECK(placed_trips == tt.trip_count());
  CHECK(broken == 0);
  CHECK(mismatched == 0);
  CHECK(misplaced_calls == 0);
}

TEST_CASE("Cobb County buses on OSM roads", "[placement]") {
  OsmImportOptions options;
  options.modes = mode_car | mode_bus;
  const OsmNetwork roads =
      read_osm_network(gtfs_dir + "/cobb-county/cobb-county.filtered.osm.pbf", options);
  REQUIRE(roads.spec.projection.kind == MapProjection::Kind::transverse_mercator);
  for (const char* name : {"cobblinc-bus-30-only.gtfs.zip", "marta-bus-856-only.gtfs.zip"}) {
    const GtfsFeed feed = read_gtfs(gtfs_dir + "/cobb-county/" + name);
    const Timetable tt = build_timetable(feed, select_service_day(feed));
    NetworkSpec spec = roads.spec;
    add_transit_guideways(tt, true, spec);
    const Network net = compile_network(spec);
    const TransitPlacement placed = place_transit(tt, net, true);
    Index placed_trips = 0, broken = 0, road_calls = 0;
    double snap_sum = 0.0;
    for (Index t = 0; t < tt.trip_count(); ++t) {
      placed_trips += placed.trip_placed[t];
      if (!placed.trip_placed[t]) UNSCOPED_INFO(tt.trip_id[t] << ": " << placed.trip_problem[t]);
      if (!contiguous(placed, net, t)) ++broken;
    }
    for (Index k = 0; k < tt.call_count(); ++k) {
      if (!placed.call_in_traffic[k]) continue;
      ++road_calls;
      snap_sum += placed.call_snap_m[k];
    }
    std::printf("%s: %u trips, %u placed, %u/%u calls in traffic (%.1f %%), mean snap %.1f m\n",
                name, tt.trip_count(), placed_trips, road_calls, tt.call_count(),
                100.0 * road_calls / tt.call_count(), road_calls ? snap_sum / road_calls : 0.0);
    CHECK(tt.trip_count() > 0);
    CHECK(placed_trips == tt.trip_count());
    CHECK(broken == 0);

    // The detour rule: the extract has only one carriageway of some divided roads, so some
    // matched paths loop kilometres round for stops a few hundred metres apart; those steps run
    // on guideways in a second compilation, and every path left on the road is plausible.
    Network detour_net;
    const TransitPlacement detoured =
        place_transit_with_detours(tt, roads.spec, true, {}, detour_net);
    Index detour_placed = 0, detour_broken = 0, detour_calls = 0, detour_road_calls = 0;
    for (Index t = 0; t < tt.trip_count(); ++t) {
      detour_placed += detoured.trip_placed[t];
      if (!detoured.trip_placed[t])
        UNSCOPED_INFO(tt.trip_id[t] << ": " << detoured.trip_problem[t]);
      if (!contiguous(detoured, detour_net, t)) ++detour_broken;
      detour_calls += detoured.trip_detour_steps[t];
    }
    for (Index k = 0; k < tt.call_count(); ++k) detour_road_calls += detoured.call_in_traffic[k];
    const std::vector<double> before = road_path_ratios(tt, net, placed);
    const std::vector<double> after = road_path_ratios(tt, detour_net, detoured);
    auto p90 = [](const std::vector<double>& r) { return r.empty() ? 0.0 : r[r.size() * 9 / 10]; };
    std::printf(
        "%s with detours: %u placement passes, %zu detour steps first, %u trip steps on "
        "detour guideways, %u/%u calls in traffic; path/straight p90 %.2f -> %.2f, max "
        "%.2f -> %.2f\n",
        name, detoured.passes, place_transit(tt, net, true).detour_steps.size(), detour_calls,
        detour_road_calls, tt.call_count(), p90(before), p90(after),
        before.empty() ? 0.0 : before.back(), after.empty() ? 0.0 : after.back());
    CHECK(detour_placed == tt.trip_count());
    CHECK(detour_broken == 0);
    CHECK(detoured.detour_steps.empty());
    if (!after.empty()) CHECK(after.back() < 5.0);
    if (std::string(name).starts_with("cobblinc")) {
      CHECK(p90(before) > 10.0);  // the loops the rule removes
      CHECK(detour_calls > 0);
      CHECK(detour_road_calls > 0.2 * tt.call_count());
    } else {
      CHECK(detour_calls == 0);
    }
    if (std::string(name).starts_with("cobblinc")) {
      // 40 of the 187 stops lie within 150 m of the extract's roads; the rest run on guideways.
      CHECK(road_calls > 0.2 * tt.call_count());
      CHECK(snap_sum / road_calls < 30.0);
      // Patterns are matched in parallel: one thread gives the same placement.
      const tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
      const TransitPlacement again = place_transit(tt, net, true);
      CHECK(again.links == placed.links);
      CHECK(again.call_route_pos == placed.call_route_pos);
    } else {
      // MARTA 856 runs 15 km east of the extract: no stop snaps, every trip runs off-road.
      CHECK(road_calls == 0);
    }
  }
}
