// Tests of the SUMO importers on the real Bologna and Ingolstadt scenarios (counts against the
// data README and SUMO 1.15's own runs) and on corrupted copies that must fail naming the input.
#include <algorithm>
#include <bit>
#include <catch2/catch.hpp>

#include "formats/sumo/sumo_reader.hpp"
#include "toy_files.hpp"

using namespace arteria;
using namespace arteria::testing;

namespace {

const std::string sumo_dir = std::string(ARTERIA_DATA_DIR) + "/sumo/";

// 1-based line of the first occurrence of `needle`.
std::size_t line_of(const std::string& text, const std::string& needle) {
  const std::size_t at = text.find(needle);
  REQUIRE(at != std::string::npos);
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + at, '\n'));
}

std::string replace_first(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

struct Loaded {
  SumoScenarioFiles files;
  SumoNetwork network;
  SumoBusData bus;
  Network compiled;
  Demand demand;
  SumoDemandReport demand_report;
};

Loaded load(const std::string& config, SumoRouteOptions options = {}) {
  Loaded s;
  s.files = read_sumocfg(sumo_dir + config);
  s.network = read_sumo_network(s.files.net_file);
  read_sumo_additionals(s.files.additional_files, s.network, &s.bus);
  s.compiled = compile_network(s.network.spec);
  DemandBuilder builder(s.compiled, s.demand);
  s.demand_report = read_sumo_routes(s.files.demand_files(), s.compiled, builder, options, &s.bus);
  return s;
}

bool every_trip_routed(const Demand& demand) {
  for (Index t = 0; t < demand.trip_count(); ++t) {
    if (!demand.has_given_route(t)) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("Bologna Acosta imports with the counts SUMO reports") {
  const Loaded s = load("bologna-acosta/run.sumocfg");
  CHECK(s.files.route_files.size() == 2);
  CHECK(s.files.additional_files.size() == 4);
  // The README's 178 edges and 112 junctions; SUMO's internal (junction) edges are dropped.
  CHECK(s.network.report.edges == 178);
  CHECK(s.network.report.internal_edges == 294);
  CHECK(s.compiled.link_count == 178);
  CHECK(s.compiled.node_count == 112);
  // 7 traffic lights control 16 junctions: each light's program becomes one plan per junction.
  // The net's programs ("0") stay as named plans; acosta_tls.add.xml's "utopia" ones, loaded
  // last, run from the start, as in SUMO.
  CHECK(s.network.programs.size() == 14);
  CHECK(s.compiled.signalised_node_count() == 16);
  CHECK(s.compiled.signal_plans.size() == 32);
  for (Index node = 0; node < s.compiled.node_count; ++node) {
    const Index plan = s.compiled.node_initial_plan[node];
    if (plan != invalid_index) CHECK(s.compiled.signal_plans.id(plan) == "utopia");
  }
  // Edge 110 is a busway; on edge 109[1][0]+20003 a bus lane runs beside the general lane,
  // which alone counts for capacity (13.89 m/s = 50 km/h: 1800 veh/h).
  const Index busway = s.compiled.find_link("110");
  CHECK(s.compiled.link_modes[busway] == mode_bus);
  CHECK(s.compiled.link_lanes[busway] == 1.0f);
  const Index mixed = s.compiled.find_link("109[1][0]+20003");
  CHECK(s.compiled.link_lanes[mixed] == 1.0f);
  CHECK((s.compiled.link_modes[mixed] & (mode_car | mode_bus)) == (mode_car | mode_bus));
  CHECK(s.compiled.link_capacity_vph[mixed] == 1800.0f);
  // 8,622 cars + 157 buses = 8,779, exactly the number SUMO 1.15 inserts; every route given in
  // the files is a valid path over the imported turns.
  CHECK(s.demand.trip_count() == 8779);
  CHECK(every_trip_routed(s.demand));
  CHECK(s.bus.vehicles.size() == 157);
  CHECK(s.bus.stops.size() == 35);
  CHECK(s.bus.vehicles.front().stops.size() == 3);
  // Buses are 12 m long with a 3 m gap: (12 + 3) / 7.5 = 2 car units.
  CHECK(s.demand.trip_pcu[s.bus.vehicles.front().trip] == Approx(2.0));
}

TEST_CASE("Bologna Pasubio imports with the counts SUMO reports") {
  const Loaded s = load("bologna-pasubio/run.sumocfg");
  CHECK(s.compiled.link_count == 111);
  CHECK(s.compiled.node_count == 65);
  CHECK(s.network.programs.size() == 16);  // 8 lights, each with the net's and a loaded program
  CHECK(s.compiled.signalised_node_count() == 14);
  // 8,664 cars + 112 buses (these sit in an additional file) = SUMO's 8,776 inserted.
  CHECK(s.demand.trip_count() == 8776);
  CHECK(every_trip_routed(s.demand));
  CHECK(s.bus.vehicles.size() == 112);
}

TEST_CASE("Ingolstadt 21 imports its trips between edges") {
  SumoRouteOptions window;
  window.begin_s = 57600.0;
  window.end_s = 61200.0;
  const Loaded s = load("ingolstadt21/ingolstadt21.sumocfg", window);
  CHECK(s.files.begin_s == 57600.0);
  CHECK(s.files.end_s == 61200.0);
  CHECK(s.compiled.link_count == 853);
  CHECK(s.compiled.node_count == 381);
  CHECK(s.compiled.signalised_node_count() == 21);
  // 4,283 trips in the file; 2 depart after the configured end (61200.6 s and 61200.8 s).
  // SUMO 1.15 inserts 4,280: one more trip is still waiting for room when the run ends.
  CHECK(s.demand_report.trips == 4283);
  CHECK(s.demand_report.skipped_outside_window == 2);
  CHECK(s.demand.trip_count() == 4281);
  REQUIRE(s.demand_report.trip_ends.size() == 4281);
  // A trip runs from its first edge's start to its last edge's end; the edges are kept.
  const SumoTripEnds& ends = s.demand_report.trip_ends.front();
  CHECK(s.demand.trip_origin[ends.trip] == s.compiled.link_from_node[ends.first_link]);
  CHECK(s.demand.trip_destination[ends.trip] == s.compiled.link_to_node[ends.last_link]);
  CHECK(s.compiled.link_external_id[ends.first_link] == "201089423#0");
  CHECK(s.compiled.link_external_id[ends.last_link] == "-315358244");
}

TEST_CASE("Ingolstadt 7 imports with its 7 signals and 3,031 trips") {
  const Loaded s = load("ingolstadt7/ingolstadt7.sumocfg");
  CHECK(s.compiled.link_count == 95);
  CHECK(s.compiled.node_count == 56);
  CHECK(s.compiled.signalised_node_count() == 7);
  // Edge -104010328: a sidewalk (not counted) and one 97.42 m lane at 13.89 m/s, drawn as a
  // six-point shape.
  const Index edge = s.compiled.find_link("-104010328");
  CHECK(s.compiled.link_lanes[edge] == 1.0f);
  CHECK(s.compiled.link_length_m[edge] == Approx(97.42));
  CHECK(s.compiled.link_free_speed_mps[edge] == Approx(13.89));
  CHECK(s.compiled.link_capacity_vph[edge] == 1800.0f);
  CHECK(s.compiled.link_first_point[edge + 1] - s.compiled.link_first_point[edge] == 6);
  CHECK(s.compiled.node_x_m[s.compiled.link_from_node[edge]] != 0.0);
  // SUMO 1.15 inserts 3,027 of them: 4 still wait to enter when the hour ends.
  CHECK(s.demand.trip_count() == 3031);
}

TEST_CASE("SUMO flows, distributions and junction trips expand deterministically") {
  TempDir dir;
  SumoNetwork net = read_sumo_network(sumo_dir + "ingolstadt7/ingolstadt7.net.xml");
  const Network network = compile_network(net.spec);
  const std::string routes = dir.file("demand.rou.xml");
  write_text(routes, R"(<routes>
  <vType id="car" length="4"/>
  <vType id="truck" vClass="truck" length="12.5" minGap="2.5"/>
  <vTypeDistribution id="mix" vTypes="car truck"/>
  <route id="r1" edges="-164051413 -653473569#5"/>
  <routeDistribution id="rd">
    <route refId="r1" probability="3"/>
    <route id="r2" edges="-104010328" probability="1"/>
  </routeDistribution>
  <flow id="f" type="car" route="r1" begin="0" end="100" number="4"/>
  <flow id="g" type="mix" route="rd" begin="0" end="60" vehsPerHour="360"/>
  <flow id="p" from="-104010328" to="-104010328" begin="0" end="1000" probability="0.1"/>
  <trip id="j" depart="5" fromJunction="1200363969" toJunction="320006202"/>
  <person id="walker" depart="0"/>
</routes>)");
  Demand demand;
  DemandBuilder builder(network, demand);
  const SumoDemandReport report = read_sumo_routes({routes}, network, builder);
  CHECK(report.flows == 3);
  // number=4 over [0, 100): equally spaced every 25 s; 360 veh/h over 60 s: every 10 s.
  CHECK(demand.trip_depart_s[0] == 0.0);
  CHECK(demand.trip_depart_s[3] == 75.0);
  CHECK(demand.trip_external_id[3] == "f.3");
  CHECK(demand.trip_depart_s[4 + 5] == 50.0);
  CHECK(demand.trip_pcu[0] == 1.0f);  // 4 m + 2.5 m gap is less than a car: one unit
  // vClass="truck" makes a truck (12.5 m + 2.5 m gap: 2 pcu), the rest cars.
  std::size_t trucks = 0;
  for (Index t = 0; t < demand.trip_count(); ++t) {
    const bool truck = demand.trip_class[t] == truck_class;
    CHECK(truck == (demand.trip_pcu[t] == 2.0f));
    CHECK((truck || demand.trip_class[t] == car_class));
    trucks += truck ? 1 : 0;
  }
  CHECK(trucks > 0);
  const std::size_t probabilistic = report.flow_vehicles - 10;
  CHECK(probabilistic > 60);  // 1000 draws at p = 0.1: 100 expected, sd 9.5
  CHECK(probabilistic < 140);
  CHECK(report.skipped_persons == 1);
  CHECK(demand.trip_count() == report.flow_vehicles + 1);
  CHECK(demand.trip_external_id.back() == "j");
  CHECK(demand.trip_origin.back() == network.find_node("1200363969"));
  // The same seed gives the same demand.
  Demand again;
  DemandBuilder builder_again(network, again);
  read_sumo_routes({routes}, network, builder_again);
  CHECK(again.trip_depart_s == demand.trip_depart_s);
  CHECK(again.trip_pcu == demand.trip_pcu);
  CHECK(again.given_route_links == demand.given_route_links);
}

TEST_CASE("Corrupted SUMO networks fail naming file, line and field") {
  TempDir dir;
  const std::string original = read_text(sumo_dir + "ingolstadt7/ingolstadt7.net.xml");
  const std::string net = dir.file("bad.net.xml");
  const auto expect = [&](const std::string& text, const std::string& marker,
                          const std::string& field) {
    write_text(net, text);
    const InputError error = input_error_of([&] { read_sumo_network(net); });
    CHECK(error.file() == net);
    CHECK(error.line() == line_of(text, marker));
    CHECK(error.field() == field);
  };
  SECTION("an edge without its to attribute") {
    const std::string text =
        replace_first(original, R"(<edge id="-104010328" from="1200363969" to="320006202")",
                      R"(<edge id="-104010328" from="1200363969")");
    expect(text, R"(<edge id="-104010328")", "to");
  }
  SECTION("a connection to an unknown edge") {
    const std::string text =
        replace_first(original, R"(<connection from="-164051413" to="-653473569#5")",
                      R"(<connection from="-164051413" to="no-such-edge")");
    expect(text, "no-such-edge", "to");
  }
  SECTION("a lane speed that is not a number") {
    const std::size_t lane = original.find("speed=\"", original.find("<edge id=\"-104010328\""));
    std::string text = original;
    text.replace(lane, 7, "speed=\"fast");
    expect(text, "speed=\"fast", "speed");
  }
  SECTION("a phase state shorter than the light's link indices") {
    const std::string text = replace_first(original, R"(<phase duration="42" state="GGGGGgrrr"/>)",
                                           R"(<phase duration="42" state="GG"/>)");
    expect(text, R"(state="GG")", "state");
  }
  SECTION("malformed XML") {
    const std::string text = replace_first(original, R"(<edge id="-104010328")", R"(<edge id=)");
    write_text(net, text);
    const InputError error = input_error_of([&] { read_sumo_network(net); });
    CHECK(error.file() == net);
    CHECK(error.line() == line_of(text, "<edge id= from"));
    CHECK(error.field().empty());
  }
  SECTION("a missing file") {
    const InputError error = input_error_of([&] { read_sumocfg(dir.file("none.sumocfg")); });
    CHECK(error.file() == dir.file("none.sumocfg"));
    CHECK(error.line() == 0);
  }
}

TEST_CASE("Corrupted SUMO additionals and demand fail naming file, line and field") {
  TempDir dir;
  SumoNetwork net = read_sumo_network(sumo_dir + "ingolstadt7/ingolstadt7.net.xml");
  const Network network = compile_network(net.spec);
  const std::string file = dir.file("bad.xml");
  const auto expect_routes = [&](const std::string& body, const std::string& marker,
                                 const std::string& field) {
    const std::string text = "<routes>\n  <vType id=\"car\"/>\n" + body + "\n</routes>\n";
    write_text(file, text);
    Demand demand;
    DemandBuilder builder(network, demand);
    const InputError error = input_error_of([&] { read_sumo_routes({file}, network, builder); });
    CHECK(error.file() == file);
    CHECK(error.line() == line_of(text, marker));
    CHECK(error.field() == field);
  };
  SECTION("a route with an unknown edge") {
    expect_routes(R"(  <route id="r" edges="-164051413 ghost"/>)", "ghost", "edges");
  }
  SECTION("a vehicle referring to an unknown route") {
    expect_routes(R"(  <vehicle id="v" depart="0" route="nowhere"/>)", "nowhere", "route");
  }
  SECTION("a vehicle of an unknown type") {
    expect_routes(
        R"(  <vehicle id="v" type="tank" depart="0"><route edges="-104010328"/></vehicle>)", "tank",
        "type");
  }
  SECTION("a trip from an unknown edge") {
    expect_routes(R"(  <trip id="t" depart="0" from="ghost" to="-104010328"/>)", "ghost", "from");
  }
  SECTION("a departure SUMO triggers by persons") {
    expect_routes(R"(  <vehicle id="v" depart="triggered"><route edges="-104010328"/></vehicle>)",
                  "triggered", "depart");
  }
  SECTION("a flow with both period and vehsPerHour") {
    expect_routes(R"(  <route id="r" edges="-104010328"/>
  <flow id="f" period="5" vehsPerHour="100" route="r"/>)",
                  "flow id", "period");
  }
  SECTION("a program for a light the network does not have") {
    const std::string text =
        "<additional>\n  <tlLogic id=\"ghost\" programID=\"p\">\n    <phase duration=\"5\" "
        "state=\"G\"/>\n  </tlLogic>\n</additional>\n";
    write_text(file, text);
    const InputError error = input_error_of([&] { read_sumo_additionals({file}, net); });
    CHECK(error.file() == file);
    CHECK(error.line() == 2);
    CHECK(error.field() == "id");
  }
}

TEST_CASE("SUMO lane connections give each set of lanes its own group, and signals stay as given") {
  // One approach of three lanes: lane 0 turns right (green in every phase, as SUMO nets give
  // a permanent right turn), lane 1 goes straight on (green in phase 0), lane 2 turns left
  // (green in phase 1). A sidewalk (index 0 of `in` shifts the car lanes by one) never counts.
  TempDir dir;
  const std::string net = dir.file("t.net.xml");
  write_text(net, R"(<net>
  <edge id="in" from="w" to="c">
    <lane id="in_0" index="0" allow="pedestrian" speed="5" length="100"/>
    <lane id="in_1" index="1" speed="13.9" length="100"/>
    <lane id="in_2" index="2" speed="13.9" length="100"/>
    <lane id="in_3" index="3" speed="13.9" length="100"/>
  </edge>
  <edge id="right" from="c" to="s"><lane id="right_0" index="0" speed="13.9" length="100"/></edge>
  <edge id="straight" from="c" to="e"><lane id="straight_0" index="0" speed="13.9" length="100"/></edge>
  <edge id="left" from="c" to="n"><lane id="left_0" index="0" speed="13.9" length="100"/></edge>
  <tlLogic id="c" type="static" programID="0" offset="0">
    <phase duration="30" state="GGr"/>
    <phase duration="30" state="GrG"/>
  </tlLogic>
  <junction id="w" type="priority" x="0" y="0"/>
  <junction id="c" type="traffic_light" x="100" y="0"/>
  <junction id="s" type="priority" x="100" y="-100"/>
  <junction id="e" type="priority" x="200" y="0"/>
  <junction id="n" type="priority" x="100" y="100"/>
  <connection from="in" to="right" fromLane="1" toLane="0" tl="c" linkIndex="0" dir="r" state="O"/>
  <connection from="in" to="straight" fromLane="2" toLane="0" tl="c" linkIndex="1" dir="s" state="O"/>
  <connection from="in" to="left" fromLane="3" toLane="0" tl="c" linkIndex="2" dir="l" state="O"/>
</net>
)");
  const SumoNetwork sumo = read_sumo_network(net);
  const Network compiled = compile_network(sumo.spec);
  const Index in = compiled.find_link("in");
  CHECK(compiled.link_lanes[in] == 3.0f);
  REQUIRE(compiled.link_first_group[in + 1] - compiled.link_first_group[in] == 3);
  const Index right = compiled.find_turn(in, compiled.find_link("right"));
  const Index straight = compiled.find_turn(in, compiled.find_link("straight"));
  const Index left = compiled.find_turn(in, compiled.find_link("left"));
  // Each turn is served by one group of its own (a mask of one bit), of one lane in three.
  for (const Index turn : {right, straight, left}) {
    REQUIRE(std::popcount(compiled.turn_group_mask[turn]) == 1);
    const Index group =
        compiled.link_first_group[in] + std::countr_zero(compiled.turn_group_mask[turn]);
    CHECK(compiled.group_lane_share[group] == Approx(1.0 / 3.0));
  }
  CHECK(compiled.turn_group_mask[right] != compiled.turn_group_mask[straight]);
  CHECK(compiled.turn_group_mask[straight] != compiled.turn_group_mask[left]);
  // The movements keep their own phases: the right turn all cycle, the others half of it.
  const Index plan = compiled.node_initial_plan[compiled.find_node("c")];
  REQUIRE(plan != invalid_index);
  CHECK(compiled.signal_plans.green_share(plan, right) == Approx(1.0));
  CHECK(compiled.signal_plans.green_share(plan, straight) == Approx(0.5));
  CHECK(compiled.signal_plans.green_share(plan, left) == Approx(0.5));
}
