// DemandBuilder::add_trips adds a block of resolved trips as one add_trip call per trip would,
// also once transit vehicles follow the road trips (the block goes before them).

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "model/demand.hpp"
#include "toy_scenarios.hpp"

namespace {

using namespace arteria;

// Three trips with routes; the last one stands for an attached transit vehicle.
Demand with_transit(const Network& net) {
  Demand demand;
  DemandBuilder builder(net, demand);
  builder.add_file("first.csv");
  builder.add_file("block.csv");
  const std::vector<std::string_view> abd{"A>B", "B>D"};
  const std::vector<std::string_view> cd{"C>D"};
  builder.add_routed_trip("r1", abd, 10.0, 1.0f, {0, 2});
  builder.add_trip("r2", net.find_node("A"), net.find_node("C"), 20.0, 1.0f, {0, 3});
  builder.add_routed_trip("bus", cd, 30.0, 2.5f, {0, 4});
  demand.transit_first = 2;
  return demand;
}

}  // namespace

TEST_CASE("add_trips adds a block as add_trip calls would, before the transit vehicles",
          "[model][demand]") {
  const Network net = compile_network(arteria::testing::two_way_square());
  Demand one_by_one = with_transit(net);
  {
    DemandBuilder builder(net, one_by_one);
    const std::vector<std::string_view> ca{"C>A"};
    const std::vector<std::string_view> bcd{"B>C", "C>D"};
    builder.add_routed_trip("x", ca, 40.0, 1.0f, {1, 7});
    builder.add_trip("y", net.find_node("D"), net.find_node("B"), 50.0, 2.0f, {1, 8});
    builder.add_routed_trip("z", bcd, 60.0, 1.5f, {1, 9});
  }
  Demand block = with_transit(net);
  {
    DemandBuilder builder(net, block);
    const std::vector<std::string_view> id{"x", "y", "z"};
    const std::vector<Index> origin{net.find_node("C"), net.find_node("D"), net.find_node("B")};
    const std::vector<Index> destination{net.find_node("A"), net.find_node("B"),
                                         net.find_node("D")};
    const std::vector<double> depart{40.0, 50.0, 60.0};
    const std::vector<float> pcu{1.0f, 2.0f, 1.5f};
    const std::vector<std::uint32_t> line{7, 8, 9};
    // Offsets into a larger array, as a reader's block of rows has them.
    const std::vector<Index> first_link{5, 6, 6, 8};
    const std::vector<Index> links{net.find_link("C>A"), net.find_link("B>C"),
                                   net.find_link("C>D")};
    builder.add_trips({id, origin, destination, depart, pcu, {}, line, first_link, links}, 1);
  }
  REQUIRE(block.trip_external_id == one_by_one.trip_external_id);
  REQUIRE(block.trip_external_id == std::vector<std::string>{"r1", "r2", "x", "y", "z", "bus"});
  REQUIRE(block.transit_first == 5);
  REQUIRE(block.trip_origin == one_by_one.trip_origin);
  REQUIRE(block.trip_destination == one_by_one.trip_destination);
  REQUIRE(block.trip_depart_s == one_by_one.trip_depart_s);
  REQUIRE(block.trip_pcu == one_by_one.trip_pcu);
  REQUIRE(block.trip_class == one_by_one.trip_class);
  REQUIRE(block.trip_first_given_link == one_by_one.trip_first_given_link);
  REQUIRE(block.given_route_links == one_by_one.given_route_links);
  for (Index t = 0; t < block.trip_count(); ++t) {
    REQUIRE(block.trip_where[t].file == one_by_one.trip_where[t].file);
    REQUIRE(block.trip_where[t].line == one_by_one.trip_where[t].line);
  }
}
