// Tests of the TNTP importer on the TransportationNetworks files in shared/data/tntp: sizes and
// totals from the data README, published objectives, and corrupted copies that must fail clearly.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>

#include "base/error.hpp"
#include "formats/tntp/tntp_reader.hpp"
#include "toy_files.hpp"

namespace fs = std::filesystem;
using namespace arteria;
using arteria::testing::input_error_of;
using arteria::testing::read_text;

namespace {

std::string tntp_file(const std::string& network, const std::string& kind) {
  return std::string(ARTERIA_DATA_DIR) + "/tntp/" + network + "/" + network + "_" + kind + ".tntp";
}

// The Beckmann objective sum over links of the integral of the BPR cost from 0 to the flow.
double beckmann(const TntpNetwork& net, const TntpFlowTable& flows) {
  double sum = 0.0;
  for (std::size_t l = 0; l < net.bpr.size(); ++l) {
    const BprLink& b = net.bpr[l];
    const double x = flows.link_volume[l];
    sum += b.free_flow_time * x;
    if (b.b != 0.0 && b.power != 0.0) {
      sum += b.free_flow_time * b.b * b.capacity / (b.power + 1.0) *
             std::pow(x / b.capacity, b.power + 1.0);
    }
  }
  return sum;
}

// Replaces 1-based `line` of `text` (without its line break) by `replacement`.
void set_line(std::string& text, std::size_t line, const std::string& replacement) {
  std::size_t begin = 0;
  for (std::size_t l = 1; l < line; ++l) begin = text.find('\n', begin) + 1;
  const std::size_t end = text.find('\n', begin);
  text.replace(begin, end - begin, replacement);
}

void replace_first(std::string& text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("TNTP networks load with the sizes and totals of the data README") {
  struct Expected {
    const char* name;
    std::size_t nodes, links;
    Index zones, centroids;
    double trips;
  };
  for (const Expected& e : std::vector<Expected>{{"SiouxFalls", 24, 76, 24, 0, 360600.0},
                                                 {"Anaheim", 416, 914, 38, 38, 104694.40},
                                                 {"Barcelona", 1020, 2522, 110, 110, 184679.561},
                                                 {"Winnipeg", 1052, 2836, 147, 147, 64784.0},
                                                 {"Braess", 4, 5, 2, 0, 6.0}}) {
    INFO(e.name);
    const TntpNetwork net = read_tntp_network(tntp_file(e.name, "net"));
    CHECK(net.name == e.name);
    CHECK(net.spec.nodes.size() == e.nodes);
    CHECK(net.spec.links.size() == e.links);
    CHECK(net.bpr.size() == e.links);
    CHECK(net.zone_count == e.zones);
    const auto centroids = std::count_if(net.spec.nodes.begin(), net.spec.nodes.end(),
                                         [](const NodeSpec& n) { return n.centroid; });
    CHECK(static_cast<Index>(centroids) == e.centroids);
    const Network compiled = compile_network(net.spec);
    CHECK(compiled.link_count == e.links);
    const TntpOdTable od = read_tntp_trips(tntp_file(e.name, "trips"));
    CHECK(od.total() == Approx(e.trips).epsilon(1e-12));
    CHECK(od.declared_total == Approx(e.trips).epsilon(1e-12));
  }
  CHECK(read_tntp_trips(tntp_file("SiouxFalls", "trips")).pair_count() == 528);
  // Anaheim: zones 1..38 are centroids, 39 (FIRST THRU NODE) is not.
  const Network anaheim = compile_network(read_tntp_network(tntp_file("Anaheim", "net")).spec);
  CHECK(anaheim.node_is_centroid[anaheim.find_node("38")] == 1);
  CHECK(anaheim.node_is_centroid[anaheim.find_node("39")] == 0);
}

TEST_CASE("best-known flows give the published Beckmann objectives and BPR costs") {
  const std::map<std::string, double> objective = {{"SiouxFalls", 4231335.287},
                                                   {"Anaheim", 1286032.17},
                                                   {"Barcelona", 1265654.922},
                                                   {"Winnipeg", 827911.495}};
  for (const auto& [name, expected] : objective) {
    INFO(name);
    const TntpNetwork net = read_tntp_network(tntp_file(name, "net"));
    const TntpFlowTable flows = read_tntp_flows(tntp_file(name, "flow"), net);
    CHECK(flows.rows == net.spec.links.size());
    CHECK(beckmann(net, flows) == Approx(expected).epsilon(1e-9));
    for (std::size_t l = 0; l < net.bpr.size(); ++l) {
      REQUIRE(bpr_travel_time(net.bpr[l], flows.link_volume[l]) ==
              Approx(flows.link_cost[l]).epsilon(1e-9));
    }
  }
}

TEST_CASE("TNTP units become SI as each network's README says") {
  const TntpNetwork sioux = read_tntp_network(tntp_file("SiouxFalls", "net"));
  const LinkSpec& l12 = sioux.spec.links[0];  // 1 -> 2: length 6, fft 6, capacity 25900.2
  CHECK(l12.id == "1");
  CHECK(l12.from == "1");
  CHECK(l12.to == "2");
  CHECK(l12.length_m == Approx(6 * 1609.344));
  CHECK(l12.free_speed_mps == Approx(1609.344 / 60.0));  // 60 mph
  CHECK(l12.capacity_vph == Approx(25900.20064));
  CHECK(l12.lanes == 14.0);  // round(25900 / 1800)
  CHECK(sioux.bpr[0].free_flow_time == 6.0);
  // _node.tntp holds longitude/latitude: nodes 1 and 3 share a meridian 0.03986 deg apart.
  const double dy = (43.61282792 - 43.5729616) * 6371008.8 * 3.14159265358979 / 180.0;
  CHECK(sioux.spec.nodes[0].y_m - sioux.spec.nodes[2].y_m == Approx(dy).epsilon(1e-9));
  CHECK(sioux.spec.nodes[0].x_m < sioux.spec.nodes[1].x_m);  // node 2 is east of node 1

  const TntpNetwork anaheim = read_tntp_network(tntp_file("Anaheim", "net"));
  const LinkSpec& a1 = anaheim.spec.links[0];  // 5280 ft in 1.090458488 min at 4842 ft/min
  CHECK(a1.length_m == Approx(1609.344));
  CHECK(a1.free_speed_mps == Approx(4842 * 0.3048 / 60.0).epsilon(1e-4));
  CHECK(a1.lanes == 5.0);

  // Winnipeg: capacities are 1 and b = 0.15 / capacity^power, so the capacity comes back.
  const TntpNetwork winnipeg = read_tntp_network(tntp_file("Winnipeg", "net"));
  for (std::size_t l = 0; l < winnipeg.bpr.size(); ++l) {
    const BprLink& b = winnipeg.bpr[l];
    REQUIRE(b.capacity == 1.0);
    const double capacity = winnipeg.spec.links[l].capacity_vph;
    if (b.b > 0.0) REQUIRE(0.15 * std::pow(capacity, -b.power) == Approx(b.b).epsilon(1e-9));
    if (b.b == 0.0) REQUIRE(capacity == 9000.0);
  }
  CHECK(winnipeg.spec.links[0].free_speed_mps == Approx(1000.0 / 60.0));  // length == fft
}

TEST_CASE("TNTP demand expands to the README totals, follows the profile, is deterministic") {
  const TntpNetwork net = read_tntp_network(tntp_file("SiouxFalls", "net"));
  const Network network = compile_network(net.spec);
  const TntpOdTable od = read_tntp_trips(tntp_file("SiouxFalls", "trips"));
  OdExpansion options;
  options.seed = 7;
  DemandScale tenth;
  tenth.steps.push_back({-INFINITY, 0.1});
  // 25 % of the trips leave in 00:30-00:45 and 75 % in 00:45-01:00.
  options.profile = {{1800.0, 2700.0, 3600.0}, {1.0, 3.0, 0.0}};
  Demand demand;
  const TntpExpansionStats stats = expand_tntp_trips(od, network, demand, options, tenth);
  CHECK(stats.trips_added == 36060);  // every Sioux Falls flow is a multiple of 10
  CHECK(demand.trip_count() == 36060);
  const auto [first, last] =
      std::minmax_element(demand.trip_depart_s.begin(), demand.trip_depart_s.end());
  CHECK(*first >= 1800.0);
  CHECK(*last < 3600.0);
  const auto late = std::count_if(demand.trip_depart_s.begin(), demand.trip_depart_s.end(),
                                  [](double t) { return t >= 2700.0; });
  CHECK(static_cast<double>(late) / 36060.0 == Approx(0.75).margin(0.01));
  // Each pair within one trip of flow * scale.
  std::map<std::pair<Index, Index>, int> count;
  for (Index t = 0; t < demand.trip_count(); ++t) {
    ++count[{demand.trip_origin[t], demand.trip_destination[t]}];
  }
  for (std::size_t p = 0; p < od.pair_count(); ++p) {
    const Index o = network.find_node(std::to_string(od.origin[p]));
    const Index d = network.find_node(std::to_string(od.destination[p]));
    REQUIRE(std::abs(count[{o, d}] - od.flow[p] * 0.1) < 1.0);
  }
  Demand again;
  expand_tntp_trips(od, network, again, options, tenth);
  CHECK(again.trip_depart_s == demand.trip_depart_s);
  CHECK(again.trip_external_id == demand.trip_external_id);
  options.seed = 8;
  Demand other;
  expand_tntp_trips(od, network, other, options, tenth);
  CHECK(other.trip_count() == demand.trip_count());
  CHECK(other.trip_depart_s != demand.trip_depart_s);

  // Full scale gives the README totals; Winnipeg's 9 intrazonal trips cannot be routed.
  Demand full;
  CHECK(expand_tntp_trips(od, network, full, options).trips_added == 360600);
  const TntpNetwork winnipeg = read_tntp_network(tntp_file("Winnipeg", "net"));
  Demand wd;
  const TntpExpansionStats ws = expand_tntp_trips(read_tntp_trips(tntp_file("Winnipeg", "trips")),
                                                  compile_network(winnipeg.spec), wd, options);
  CHECK(ws.trips_added == 64784 - 9);
  CHECK(ws.intrazonal_flow_skipped == 9.0);
}

TEST_CASE("corrupted TNTP input names the file, line and field") {
  const fs::path dir =
      fs::temp_directory_path() / ("arteria_tntp_bad_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  struct Case {
    const char* what;
    const char* kind;  // which file is corrupted: net, trips or flow
    std::function<void(std::string&)> corrupt;
    std::size_t line;
    const char* field;
  };
  // SiouxFalls_net.tntp: metadata on lines 1-6, column header on line 9, link k on line 9 + k.
  const std::vector<Case> cases = {
      {"short row", "net",
       [](auto& s) { set_line(s, 12, "\t2\t6\t4958.180928\t5\t5\t0.15\t4\t;"); }, 12, "speed"},
      {"non-numeric capacity", "net",
       [](auto& s) { set_line(s, 11, "\t2\t1\tlots\t6\t6\t0.15\t4\t0\t0\t1\t;"); }, 11, "capacity"},
      {"unknown init node", "net",
       [](auto& s) { set_line(s, 11, "\t99\t1\t25900.2\t6\t6\t0.15\t4\t0\t0\t1\t;"); }, 11,
       "init_node"},
      {"negative free flow time", "net",
       [](auto& s) { set_line(s, 11, "\t2\t1\t25900.2\t6\t-6\t0.15\t4\t0\t0\t1\t;"); }, 11,
       "free_flow_time"},
      {"row without b", "net", [](auto& s) { set_line(s, 12, "\t2\t6\t4958.180928\t5\t5\t;"); }, 12,
       "b"},
      {"negative b", "net",
       [](auto& s) { set_line(s, 11, "\t2\t1\t25900.2\t6\t6\t-0.15\t4\t0\t0\t1\t;"); }, 11, "b"},
      {"negative power", "net",
       [](auto& s) { set_line(s, 11, "\t2\t1\t25900.2\t6\t6\t0.15\t-4\t0\t0\t1\t;"); }, 11,
       "power"},
      {"negative capacity", "net",
       [](auto& s) { set_line(s, 11, "\t2\t1\t-25900.2\t6\t6\t0.15\t4\t0\t0\t1\t;"); }, 11,
       "capacity"},
      // Found by fuzzing (tests/fuzz/fuzz_tntp_net): converting it to int was undefined.
      {"link_type beyond an int", "net",
       [](auto& s) { set_line(s, 11, "\t2\t1\t25900.2\t6\t6\t0.15\t4\t0\t0\t130511000000\t;"); },
       11, "link_type"},
      // Found by fuzzing: a header count was trusted to size the tables before any row.
      {"a billion nodes declared", "net",
       [](auto& s) { replace_first(s, "<NUMBER OF NODES> 24", "<NUMBER OF NODES> 999999999"); }, 0,
       "<NUMBER OF NODES>"},
      {"a billion links declared", "net",
       [](auto& s) { replace_first(s, "<NUMBER OF LINKS> 76", "<NUMBER OF LINKS> 999999999"); }, 0,
       "<NUMBER OF LINKS>"},
      {"zero capacity with congestion", "net",
       [](auto& s) { set_line(s, 11, "\t2\t1\t0\t6\t6\t0.15\t4\t0\t0\t1\t;"); }, 11, "capacity"},
      {"missing metadata", "net", [](auto& s) { replace_first(s, "<NUMBER OF LINKS> 76", ""); }, 6,
       "<NUMBER OF LINKS>"},
      {"fewer links than declared", "net", [](auto& s) { set_line(s, 85, ""); }, 0,
       "<NUMBER OF LINKS>"},
      {"unknown destination", "trips",
       [](auto& s) { replace_first(s, "   24 :    100.0;", "   99 :    100.0;"); }, 11,
       "destination"},
      {"non-numeric flow", "trips",
       [](auto& s) { replace_first(s, "    2 :    100.0;", "    2 :    many;"); }, 7, "flow"},
      {"unknown origin", "trips", [](auto& s) { replace_first(s, "Origin \t2 ", "Origin \t25 "); },
       13, "Origin"},
      {"flow for a link that does not exist", "flow",
       [](auto& s) { set_line(s, 2, "1 \t5 \t10 \t6 "); }, 2, "To"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    const std::string path = (dir / ("SiouxFalls_" + std::string(c.kind) + ".tntp")).string();
    std::string text = read_text(tntp_file("SiouxFalls", c.kind));
    c.corrupt(text);
    std::ofstream(path, std::ios::binary) << text;
    try {
      if (std::string(c.kind) == "net") read_tntp_network(path);
      if (std::string(c.kind) == "trips") read_tntp_trips(path);
      if (std::string(c.kind) == "flow") {
        read_tntp_flows(path, read_tntp_network(tntp_file("SiouxFalls", "net")));
      }
      FAIL("no error");
    } catch (const InputError& e) {
      INFO(e.what());
      CHECK(e.file() == path);
      CHECK(e.line() == c.line);
      CHECK(e.field() == c.field);
    }
  }
  // A zone the trips file allows but the network lacks fails when the trips are made.
  std::string trips = read_text(tntp_file("SiouxFalls", "trips"));
  replace_first(trips, "<NUMBER OF ZONES> 24", "<NUMBER OF ZONES> 30");
  replace_first(trips, "   24 :    100.0;", "   30 :    100.0;");
  const std::string path = (dir / "SiouxFalls_trips.tntp").string();
  std::ofstream(path, std::ios::binary) << trips;
  const Network network = compile_network(read_tntp_network(tntp_file("SiouxFalls", "net")).spec);
  Demand demand;
  const auto expand = [&] {
    expand_tntp_trips(read_tntp_trips(path), network, demand,
                      OdExpansion{{{0.0, 3600.0}, {1.0, 0.0}}});
  };
  const InputError unknown = input_error_of(expand);
  CHECK(unknown.file() == path);
  CHECK(unknown.line() == 11);
  CHECK(unknown.field() == "destination");
  // Found by fuzzing: a cell of 10^15 trips was expanded one trip at a time, for ever.
  trips = read_text(tntp_file("SiouxFalls", "trips"));
  replace_first(trips, "    2 :    100.0;", "    2 :    1e15;");
  std::ofstream(path, std::ios::binary) << trips;
  const InputError huge = input_error_of(expand);
  CHECK(huge.file() == path);
  CHECK(huge.line() == 7);
  CHECK(huge.field() == "flow");
  fs::remove_all(dir);
}
