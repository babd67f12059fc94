// Road works as events: which links a polygon holds, how a window maps onto the simulated period,
// and which works may not overlap (model/road_works.hpp).
#include <catch2/catch.hpp>

#include <algorithm>

#include "model/road_works.hpp"

using namespace arteria;

namespace {

// Six nodes 100 m apart, three columns by two rows ("x_y"), with every link between neighbours
// both ways, and one more from 0_0 to 2_0 that bends up to y = 50 on its way.
Network two_row_grid(MapProjection projection = {}) {
  NetworkSpec spec;
  spec.add_file("<grid>");
  spec.projection = projection;
  for (int y = 0; y < 2; ++y) {
    for (int x = 0; x < 3; ++x) {
      spec.nodes.push_back(
          {std::to_string(x) + "_" + std::to_string(y), 100.0 * x, 100.0 * y, false, {}});
    }
  }
  const auto link = [&](const std::string& from, const std::string& to) {
    LinkSpec l;
    l.id = from + ">" + to;
    l.from = from;
    l.to = to;
    l.length_m = 100.0;
    l.lanes = 2.0;
    l.free_speed_mps = 10.0;
    l.capacity_vph = 1800.0;
    spec.links.push_back(l);
  };
  for (const auto& [a, b] : std::vector<std::pair<std::string, std::string>>{{"0_0", "1_0"},
                                                                             {"1_0", "2_0"},
                                                                             {"0_1", "1_1"},
                                                                             {"1_1", "2_1"},
                                                                             {"0_0", "0_1"},
                                                                             {"1_0", "1_1"},
                                                                             {"2_0", "2_1"}}) {
    link(a, b);
    link(b, a);
  }
  link("0_0", "2_0");
  spec.links.back().id = "bend";
  spec.links.back().length_m = 230.0;
  spec.links.back().geometry = {{0.0, 0.0}, {100.0, 50.0}, {200.0, 0.0}};
  return compile_network(spec);
}

std::vector<std::string> ids(const Network& net, const std::vector<Index>& links) {
  std::vector<std::string> out;
  for (Index l : links) out.push_back(net.link_external_id[l]);
  std::sort(out.begin(), out.end());
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("a polygon holds the links whose whole line lies inside it") {
  const Network net = two_row_grid();
  SECTION("a box around two nodes holds the link between them, both ways") {
    CHECK(ids(net, links_inside_polygon(net, {{-10, -10}, {150, -10}, {150, 10}, {-10, 10}})) ==
          Strings{"0_0>1_0", "1_0>0_0"});
  }
  SECTION("an L holds the bottom row and the left column, not the link that bends out of it") {
    const std::vector<std::array<double, 2>> l_shape = {{-10, -10}, {210, -10}, {210, 10},
                                                        {10, 10},   {10, 110},  {-10, 110}};
    CHECK(ids(net, links_inside_polygon(net, l_shape)) ==
          Strings{"0_0>0_1", "0_0>1_0", "0_1>0_0", "1_0>0_0", "1_0>2_0", "2_0>1_0"});
  }
  SECTION("a box that takes in the bend's middle point holds the bend too") {
    CHECK(ids(net, links_inside_polygon(net, {{-10, -10}, {210, -10}, {210, 60}, {-10, 60}})) ==
          Strings{"0_0>1_0", "1_0>0_0", "1_0>2_0", "2_0>1_0", "bend"});
  }
  SECTION("a polygon between the links holds none") {
    CHECK(links_inside_polygon(net, {{20, 20}, {80, 20}, {50, 80}}).empty());
  }
}

TEST_CASE("for an imported city the polygon is in degrees") {
  // About (10 E, 50 N) a metre east is 1.397e-5 degrees of longitude, a metre north 8.99e-6 of
  // latitude: the box of the first case above.
  const Network net = two_row_grid({MapProjection::Kind::transverse_mercator, 10.0, 50.0});
  const double east = 1.397e-5, north = 8.99e-6;
  const std::vector<std::array<double, 2>> box = {{10.0 - 10 * east, 50.0 - 10 * north},
                                                  {10.0 + 150 * east, 50.0 - 10 * north},
                                                  {10.0 + 150 * east, 50.0 + 10 * north},
                                                  {10.0 - 10 * east, 50.0 + 10 * north}};
  CHECK(ids(net, links_inside_polygon(net, box)) == Strings{"0_0>1_0", "1_0>0_0"});
}

TEST_CASE("a works window maps onto the simulated period") {
  RoadWorks works;
  works.links = {3, 5};
  works.lanes_closed = 1.0;
  works.speed_limit_mps = 30.0 / 3.6;
  SECTION("inside it: a start and an end per link and change") {
    works.from_s = 7 * 3600.0;
    works.to_s = 9 * 3600.0;
    const std::vector<Event> events = road_works_events(works, 6 * 3600.0, 11 * 3600.0);
    REQUIRE(events.size() == 8);
    CHECK(events[0].time_s == 7 * 3600.0);
    CHECK(events[0].kind == EventKind::close_lanes);
    CHECK(events[0].target == 3);
    CHECK(events[0].value == 1.0);
    CHECK(events[1].kind == EventKind::limit_speed);
    CHECK(events[1].value == Approx(30.0 / 3.6));
    CHECK(events[4].time_s == 9 * 3600.0);
    CHECK(events[4].value == 0.0);
    CHECK(events[5].value == 0.0);
  }
  SECTION("a night past midnight, past the run's end: on from its start to the end") {
    works.from_s = 22 * 3600.0;
    works.to_s = 29 * 3600.0;
    const std::vector<Event> events = road_works_events(works, 6 * 3600.0, 26 * 3600.0);
    REQUIRE(events.size() == 4);
    CHECK(std::all_of(events.begin(), events.end(),
                      [](const Event& e) { return e.time_s == 22 * 3600.0 && e.value > 0.0; }));
  }
  SECTION("works begun before the run are on from its start") {
    works.from_s = 5 * 3600.0;
    works.to_s = 7 * 3600.0;
    const std::vector<Event> events = road_works_events(works, 6 * 3600.0, 11 * 3600.0);
    REQUIRE(events.size() == 8);
    CHECK(events[0].time_s == 6 * 3600.0);
    CHECK(events[7].time_s == 7 * 3600.0);
  }
  CHECK_THAT(road_works_window_error(22 * 3600.0, 5 * 3600.0, 0.0, 86400.0),
             Catch::Contains("to = \"29:00\""));
  CHECK_THAT(road_works_window_error(12 * 3600.0, 13 * 3600.0, 6 * 3600.0, 11 * 3600.0),
             Catch::Contains("outside the simulated period 06:00:00 - 11:00:00"));
  CHECK(road_works_window_error(10 * 3600.0, 13 * 3600.0, 6 * 3600.0, 11 * 3600.0).empty());
}

TEST_CASE("works may follow each other on a link but not overlap") {
  const Network net = two_row_grid();
  RoadWorks first;
  first.links = {net.find_link("0_0>1_0")};
  first.from_s = 1000.0;
  first.to_s = 2000.0;
  first.lanes_closed = 1.0;
  std::vector<Event> events = road_works_events(first, 0.0, 5000.0);
  RoadWorks second = first;
  second.speed_limit_mps = 5.0;
  second.lanes_closed = 0.0;
  second.from_s = 1500.0;
  CHECK_THAT(road_works_overlap_error(second, events, net),
             Catch::Contains("'0_0>1_0' is under road works from 00:16:40 to 00:33:20"));
  second.from_s = 2000.0;
  second.to_s = 3000.0;
  CHECK(road_works_overlap_error(second, events, net).empty());
  // Handing over at 2000 s: the first works' end applies before the second's start.
  const std::vector<Event> next = road_works_events(second, 0.0, 5000.0);
  events.insert(events.begin(), next.begin(), next.end());
  std::stable_sort(events.begin(), events.end(), event_applies_before);
  REQUIRE(events.size() == 4);
  CHECK(events[1].time_s == 2000.0);
  CHECK(events[1].kind == EventKind::close_lanes);
  CHECK(events[1].value == 0.0);
  CHECK(events[2].kind == EventKind::limit_speed);
  CHECK(events[2].value == 5.0);
  // Works still on at the run's end hold their links for good.
  RoadWorks open_ended = first;
  open_ended.to_s = 9000.0;
  const std::vector<Event> held = road_works_events(open_ended, 0.0, 5000.0);
  second.from_s = 4000.0;
  second.to_s = 4500.0;
  CHECK_FALSE(road_works_overlap_error(second, held, net).empty());
}
