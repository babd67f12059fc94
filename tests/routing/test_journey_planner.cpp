// The journey planner (Connection Scan): a hand-built timetable with answers worked out by hand,
// then random queries on the Cairns and Seattle timetables checked against a brute-force search
// on the time-expanded graph (toy_time_expanded.hpp).
#include <tbb/parallel_for.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>
#include <string>

#include "formats/gtfs/gtfs.hpp"
#include "formats/gtfs/gtfs_timetable.hpp"
#include "model/timetable.hpp"
#include "routing/journey_planner.hpp"
#include "toy_time_expanded.hpp"
#include "toy_timetable.hpp"

using namespace arteria;

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

// Stops on a line (metres): A 0, B 1000, C 2000, D 100 m north of C, E 5000, F far away.
// T0 A 08:00 → B 08:05 → C 08:10. T1 B 08:06:40 → E (too tight after T0: 08:05 + 2 min).
// T2 B 08:08 → E 08:20. T3 D 08:15 → E 08:18:20 (reached from C by a 97.7 s walk).
// T4 A 07:58:20 → E 08:03:20 but E allows no drop-off; T5 A 08:01:40 → E 08:04:10 but A allows
// no pickup.
Timetable toy_timetable() {
  Timetable tt = testing::hand_timetable({{"A", 0, 0},
                                          {"B", 1000, 0},
                                          {"C", 2000, 0},
                                          {"D", 2000, 100},
                                          {"E", 5000, 0},
                                          {"F", 9000, 9000}});
  add_timetable_trip(tt, "T0", 0, {0, 1, 2}, {28800, 29100, 29400}, {28800, 29100, 29400});
  add_timetable_trip(tt, "T1", 0, {1, 4}, {29200, 29800}, {29200, 29800});
  add_timetable_trip(tt, "T2", 0, {1, 4}, {29280, 30000}, {29280, 30000});
  add_timetable_trip(tt, "T3", 0, {3, 4}, {29700, 29900}, {29700, 29900});
  add_timetable_trip(tt, "T4", 0, {0, 4}, {28700, 29000}, {28700, 29000});
  add_timetable_trip(tt, "T5", 0, {0, 4}, {28900, 29050}, {28900, 29050});
  tt.call_dropoff[tt.calls_begin(4) + 1] = 0;
  tt.call_pickup[tt.calls_begin(5)] = 0;
  return tt;
}

// Every property a journey must have whatever the timetable: legs chain in space and time, ride
// legs are real calls of their trip that allow boarding and alighting, transfers pay the
// penalty, walks take their stated time, and the last leg ends at arrive_s.
void check_legs(const Timetable& tt, const PlannerParams& params, const Journey& journey,
                const std::vector<StopWalk>& from, const std::vector<StopWalk>& to,
                double depart_s) {
  const auto& legs = journey.legs;
  REQUIRE(legs.size() >= 2);
  REQUIRE(legs.front().kind == LegKind::walk);
  REQUIRE(legs.front().from_stop == invalid_index);
  REQUIRE(legs.back().kind == LegKind::walk);
  REQUIRE(legs.back().to_stop == invalid_index);
  CHECK(legs.front().depart_s == depart_s);
  CHECK(legs.back().arrive_s == journey.arrive_s);
  auto walk_of = [](const std::vector<StopWalk>& walks, Index stop) {
    double best = infinity;
    for (const StopWalk& w : walks)
      if (w.stop == stop) best = std::min(best, w.walk_s);
    return best;
  };
  CHECK(legs.front().arrive_s - legs.front().depart_s ==
        Approx(walk_of(from, legs.front().to_stop)).margin(1e-6));
  CHECK(legs.back().arrive_s - legs.back().depart_s ==
        Approx(walk_of(to, legs.back().from_stop)).margin(1e-6));
  double moving_s = 0.0;
  double waiting_s = 0.0;
  bool ridden = false;
  for (std::size_t i = 0; i < legs.size(); ++i) {
    const JourneyLeg& leg = legs[i];
    REQUIRE(leg.depart_s <= leg.arrive_s);
    moving_s += leg.arrive_s - leg.depart_s;
    if (i > 0) {
      REQUIRE(legs[i - 1].to_stop == leg.from_stop);
      REQUIRE(legs[i - 1].arrive_s <= leg.depart_s + 1e-9);
      waiting_s += leg.depart_s - legs[i - 1].arrive_s;
    }
    if (leg.kind == LegKind::ride) {
      REQUIRE(leg.trip < tt.trip_count());
      REQUIRE(leg.board_call >= tt.calls_begin(leg.trip));
      REQUIRE(leg.board_call < leg.alight_call);
      REQUIRE(leg.alight_call < tt.calls_end(leg.trip));
      CHECK(tt.call_stop[leg.board_call] == leg.from_stop);
      CHECK(tt.call_stop[leg.alight_call] == leg.to_stop);
      CHECK(tt.call_pickup[leg.board_call] == 1);
      CHECK(tt.call_dropoff[leg.alight_call] == 1);
      CHECK(leg.depart_s == tt.call_departure_s[leg.board_call]);
      CHECK(leg.arrive_s == tt.call_arrival_s[leg.alight_call]);
      if (ridden) {
        CHECK(legs[i - 1].arrive_s + params.transfer_penalty_s <= leg.depart_s + 1e-9);
      }
      ridden = true;
    } else if (i > 0 && i + 1 < legs.size()) {  // a transfer walk between two rides
      REQUIRE(legs[i - 1].kind == LegKind::ride);
      REQUIRE(legs[i + 1].kind == LegKind::ride);
      const double dx = tt.stop_x_m[leg.to_stop] - tt.stop_x_m[leg.from_stop];
      const double dy = tt.stop_y_m[leg.to_stop] - tt.stop_y_m[leg.from_stop];
      const double walk_m = std::sqrt(dx * dx + dy * dy) * params.walk_detour;
      CHECK(walk_m <= params.max_transfer_walk_m + 1e-6);
      CHECK(leg.arrive_s - leg.depart_s == Approx(walk_m / params.walk_speed_mps).margin(1e-6));
      CHECK(leg.depart_s == legs[i - 1].arrive_s);
    }
  }
  CHECK(depart_s + moving_s + waiting_s == Approx(journey.arrive_s).margin(1e-6));
}

std::vector<StopWalk> at(Index stop) {
  return {StopWalk{stop, 0.0}};
}

}  // namespace

TEST_CASE("planner: the footpath connection beats the same-stop one", "[planner]") {
  const Timetable tt = toy_timetable();
  const PlannerParams params;
  const JourneyPlanner planner(tt, params);
  // From A at 08:00: T0 to C (08:10), walk 130 m to D (97.74 s), T3 at 08:15 to E (08:18:20).
  const Journey journey = planner.plan(at(0), at(4), 28800);
  REQUIRE(journey.found);
  CHECK(journey.arrive_s == 29900);
  REQUIRE(journey.legs.size() == 5);
  CHECK(journey.legs[1].trip == 0);
  CHECK(journey.legs[1].to_stop == 2);
  CHECK(journey.legs[2].kind == LegKind::walk);
  CHECK(journey.legs[2].from_stop == 2);
  CHECK(journey.legs[2].to_stop == 3);
  CHECK(journey.legs[2].arrive_s == Approx(29400 + 130.0 / 1.33));
  CHECK(journey.legs[3].trip == 3);
  CHECK(journey.rides() == 2);
  check_legs(tt, params, journey, at(0), at(4), 28800);
}

TEST_CASE("planner: the transfer penalty rules out a tight connection", "[planner]") {
  Timetable tt = toy_timetable();
  // T3 now leaves D at 08:13:20: C 08:10 + 97.7 s walk + 120 s = 08:13:37.7 is too late, and
  // T1 at B (08:06:40 < 08:05 + 2 min) is too; T2 (08:08) is the one, arriving 08:20.
  tt.call_arrival_s[tt.calls_begin(3)] = 29600;
  tt.call_departure_s[tt.calls_begin(3)] = 29600;
  const PlannerParams params;
  const JourneyPlanner planner(tt, params);
  Journey journey = planner.plan(at(0), at(4), 28800);
  REQUIRE(journey.found);
  CHECK(journey.arrive_s == 30000);
  REQUIRE(journey.legs.size() == 4);  // walk, T0 to B, T2, walk: a same-stop transfer
  CHECK(journey.legs[1].to_stop == 1);
  CHECK(journey.legs[2].trip == 2);
  check_legs(tt, params, journey, at(0), at(4), 28800);

  SECTION("without a penalty T1 at 08:06:40 makes it") {
    PlannerParams loose;
    loose.transfer_penalty_s = 0.0;
    const JourneyPlanner no_penalty(tt, loose);
    journey = no_penalty.plan(at(0), at(4), 28800);
    CHECK(journey.arrive_s == 29800);
    CHECK(journey.legs[2].trip == 1);
  }
  SECTION("a first boarding needs no penalty") {
    journey = planner.plan(at(1), at(4), 29200);
    CHECK(journey.arrive_s == 29800);
  }
}

TEST_CASE("planner: pickup and drop-off flags are respected", "[planner]") {
  Timetable tt = toy_timetable();
  const PlannerParams params;
  {
    const JourneyPlanner planner(tt, params);
    // T4 (no drop-off at E) and T5 (no pickup at A) would both beat 08:18:20.
    const Journey journey = planner.plan(at(0), at(4), 28600);
    REQUIRE(journey.found);
    CHECK(journey.arrive_s == 29900);
  }
  tt.call_dropoff[tt.calls_begin(4) + 1] = 1;
  tt.call_pickup[tt.calls_begin(5)] = 1;
  const JourneyPlanner planner(tt, params);
  CHECK(planner.plan(at(0), at(4), 28600).arrive_s == 29000);
  CHECK(planner.plan(at(0), at(4), 28750).arrive_s == 29050);
}

TEST_CASE("planner: no journey gives found = false", "[planner]") {
  const Timetable tt = toy_timetable();
  const JourneyPlanner planner(tt, PlannerParams{});
  CHECK_FALSE(planner.plan(at(0), at(5), 28000).found);  // F has no service
  CHECK_FALSE(planner.plan(at(0), at(4), 30000).found);  // after the last departure
  CHECK_FALSE(planner.plan(at(4), at(0), 28000).found);  // no trip runs back
  CHECK_FALSE(planner.plan({}, at(0), 28000).found);
  // The origin stop is the destination stop: walk only.
  const Journey walk = planner.plan({{0, 30.0}}, {{0, 45.0}}, 28000);
  REQUIRE(walk.found);
  CHECK(walk.arrive_s == 28075);
  CHECK(walk.rides() == 0);
  check_legs(tt, PlannerParams{}, walk, {{0, 30.0}}, {{0, 45.0}}, 28000);
}

TEST_CASE("planner: access and egress walks and stops_near", "[planner]") {
  const Timetable tt = toy_timetable();
  const PlannerParams params;
  const JourneyPlanner planner(tt, params);
  // 70 m east of C: C (70 m straight, 91 m walked) and D (122 m straight, 158.5 m walked).
  const std::vector<StopWalk> near = planner.stops_near(2070, 0, 800);
  REQUIRE(near.size() == 2);
  CHECK(near[0].stop == 2);
  CHECK(near[0].walk_s == Approx(70 * 1.3 / 1.33));
  CHECK(near[1].stop == 3);
  CHECK(planner.stops_near(2070, 0, 50).empty());
  // From A to a point near E reached by egress from E (walk 100 s).
  const std::vector<StopWalk> from = {{0, 60.0}};
  const std::vector<StopWalk> to = {{4, 100.0}};
  const Journey journey = planner.plan(from, to, 28740);  // at A 28800: T0, walk, T3
  REQUIRE(journey.found);
  CHECK(journey.arrive_s == 30000);
  check_legs(tt, params, journey, from, to, 28740);
}

TEST_CASE("planner: one-to-all earliest arrivals", "[planner]") {
  const Timetable tt = toy_timetable();
  const JourneyPlanner planner(tt, PlannerParams{});
  const std::vector<double> arrive = planner.earliest_arrivals(0, 28800);
  CHECK(arrive[0] == 28800);
  CHECK(arrive[1] == 29100);
  CHECK(arrive[2] == 29400);
  CHECK(arrive[3] == Approx(29400 + 130.0 / 1.33));
  CHECK(arrive[4] == 29900);
  CHECK(arrive[5] == infinity);
  const std::vector<double> soon = planner.earliest_arrivals(0, 28800, 29400);
  CHECK(soon[2] == 29400);
  CHECK(soon[3] == infinity);
  CHECK(soon[4] == infinity);
  const test::ToyTimeExpanded brute(tt, PlannerParams{});
  CHECK(brute.earliest_arrivals(at(0), 28800) == arrive);
  CHECK(brute.earliest_arrival(at(0), at(4), 28800) == 29900);
}

namespace {

struct RealFeed {
  Timetable timetable;
  explicit RealFeed(const std::string& path) {
    const GtfsFeed feed = read_gtfs(path);
    timetable = build_timetable(feed, select_service_day(feed));
  }
};

const Timetable& real_timetable(const std::string& name) {
  const std::string dir = std::string(ARTERIA_DATA_DIR) + "/gtfs/";
  if (name == "cairns") {
    static const RealFeed cairns(dir + "cairns/cairns_gtfs.zip");
    return cairns.timetable;
  }
  static const RealFeed seattle(dir + "seattle-area-2017");
  return seattle.timetable;
}

void compare_with_brute_force(const Timetable& tt, int queries, std::uint32_t seed) {
  const PlannerParams params;
  const JourneyPlanner planner(tt, params);
  const test::ToyTimeExpanded brute(tt, params);
  std::int32_t first_s = std::numeric_limits<std::int32_t>::max();
  std::int32_t last_s = 0;
  for (Index c = 0; c < tt.call_count(); ++c) {
    first_s = std::min(first_s, tt.call_departure_s[c]);
    last_s = std::max(last_s, tt.call_departure_s[c]);
  }
  std::mt19937 rng(seed);
  std::uniform_int_distribution<Index> any_stop(0, tt.stop_count() - 1);
  std::uniform_real_distribution<double> any_time(first_s - 1800.0, last_s);
  int found = 0;
  int transfers = 0;
  for (int q = 0; q < queries; ++q) {
    const Index a = any_stop(rng);
    const Index b = any_stop(rng);
    const double depart_s = std::floor(any_time(rng));
    // Half the queries stop to stop, half point to point with access and egress walks.
    const bool points = q % 2 == 1;
    const std::vector<StopWalk> from =
        points ? planner.stops_near(tt.stop_x_m[a] + 150, tt.stop_y_m[a], 800) : at(a);
    const std::vector<StopWalk> to =
        points ? planner.stops_near(tt.stop_x_m[b], tt.stop_y_m[b] - 150, 800) : at(b);
    INFO("query " << q << ": " << tt.stop_id[a] << " -> " << tt.stop_id[b] << " at " << depart_s);
    const Journey journey = planner.plan(from, to, depart_s);
    const double expected = brute.earliest_arrival(from, to, depart_s);
    REQUIRE(journey.found == (expected < infinity));
    if (!journey.found) continue;
    ++found;
    if (journey.rides() > 1) ++transfers;
    CHECK(journey.arrive_s == Approx(expected).margin(1e-6));
    check_legs(tt, params, journey, from, to, depart_s);
    if (q % 5 == 0) {  // one-to-all from the same origin
      std::vector<StopArrival> reached;
      planner.earliest_arrivals(from, depart_s, infinity, reached);
      std::vector<double> arrive(tt.stop_count(), infinity);
      for (const StopArrival& r : reached) arrive[r.stop] = r.arrive_s;
      const std::vector<double> want = brute.earliest_arrivals(from, depart_s);
      for (Index s = 0; s < tt.stop_count(); ++s) {
        if (arrive[s] != Approx(want[s]).margin(1e-6)) FAIL("one-to-all differs at " << s);
      }
    }
  }
  // The comparison means something only when many queries find journeys with transfers.
  CHECK(found > queries / 3);
  CHECK(transfers > queries / 20);
}

}  // namespace

TEST_CASE("planner: Cairns earliest arrivals equal the time-expanded brute force",
          "[planner][gtfs]") {
  compare_with_brute_force(real_timetable("cairns"), 300, 20261125);
}

TEST_CASE("planner: Seattle earliest arrivals equal the time-expanded brute force",
          "[planner][gtfs]") {
  compare_with_brute_force(real_timetable("seattle"), 300, 7);
}

TEST_CASE("planner: concurrent queries give the sequential answers", "[planner][gtfs]") {
  const Timetable& tt = real_timetable("cairns");
  const JourneyPlanner planner(tt, PlannerParams{});
  std::mt19937 rng(99);
  std::uniform_int_distribution<Index> any_stop(0, tt.stop_count() - 1);
  std::uniform_real_distribution<double> any_time(6 * 3600.0, 20 * 3600.0);
  struct Query {
    Index from, to;
    double depart_s;
  };
  std::vector<Query> queries(400);
  for (Query& q : queries) q = {any_stop(rng), any_stop(rng), any_time(rng)};
  std::vector<Journey> sequential(queries.size());
  for (std::size_t i = 0; i < queries.size(); ++i) {
    sequential[i] = planner.plan(at(queries[i].from), at(queries[i].to), queries[i].depart_s);
  }
  std::vector<Journey> parallel(queries.size());
  tbb::parallel_for(std::size_t{0}, queries.size(), [&](std::size_t i) {
    parallel[i] = planner.plan(at(queries[i].from), at(queries[i].to), queries[i].depart_s);
  });
  for (std::size_t i = 0; i < queries.size(); ++i) {
    REQUIRE(parallel[i].found == sequential[i].found);
    REQUIRE(parallel[i].arrive_s == sequential[i].arrive_s);
    REQUIRE(parallel[i].legs.size() == sequential[i].legs.size());
  }
}
