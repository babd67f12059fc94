// The real-data scenarios under scenarios/: counts, end-to-end runs (big ones cut down by
// overrides) with conservation and sane KPIs, Bologna against SUMO 1.15; strict source keys.
#include <tbb/global_control.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "scenario/scenario_file.hpp"
#include "sim/simulation.hpp"
#include "toy_files.hpp"

using namespace arteria;
using namespace arteria::testing;

namespace {

std::string scenario_path(const std::string& name) {
  return std::string(ARTERIA_SOURCE_DIR) + "/scenarios/" + name + "/scenario.toml";
}

std::shared_ptr<const Scenario> load(const std::string& name,
                                     const std::vector<std::string>& overrides = {}) {
  return std::make_shared<const Scenario>(load_scenario(scenario_path(name), overrides));
}

// Whether every trip of `small` is a trip of `large` (same id, ends and departure).
bool nested_in(const Scenario& small, const Scenario& large) {
  std::map<std::string, Index> index;
  for (Index t = 0; t < large.demand.trip_count(); ++t) index[large.demand.trip_external_id[t]] = t;
  for (Index t = 0; t < small.demand.trip_count(); ++t) {
    const auto it = index.find(small.demand.trip_external_id[t]);
    if (it == index.end() || large.demand.trip_origin[it->second] != small.demand.trip_origin[t] ||
        large.demand.trip_depart_s[it->second] != small.demand.trip_depart_s[t]) {
      return false;
    }
  }
  return true;
}

Kpis simulate(const std::shared_ptr<const Scenario>& scenario) {
  Simulation sim(scenario, 2);
  while (!sim.done()) sim.step();
  return sim.kpis();
}

// Conservation (the simulation also asserts it) and KPIs a traffic engineer would accept.
void check_sane(const Scenario& scenario, const Kpis& k, double min_arrived_share) {
  INFO(scenario.name);
  CHECK(k.vehicles_inserted == k.vehicles_arrived + k.vehicles_en_route + k.vehicles_stuck);
  CHECK(k.vehicles_inserted + k.vehicles_waiting + k.vehicles_not_departed +
            k.vehicles_unroutable ==
        scenario.demand.trip_count());
  CHECK(k.vehicles_unroutable == 0);
  CHECK(double(k.vehicles_arrived) >= min_arrived_share * scenario.demand.trip_count());
  CHECK(k.vkt_km > 0.0);
  // A mean trip of between half a minute and the whole period, slower than free flow.
  CHECK(k.mean_travel_time_s > 30.0);
  CHECK(k.mean_travel_time_s < scenario.sim.end_s - scenario.sim.start_s);
  CHECK(k.mean_delay_s >= 0.0);
  CHECK(k.mean_delay_s < k.mean_travel_time_s);
}

}  // namespace

TEST_CASE("Sioux Falls runs its morning peak at 35 % of the peak-hour table") {
  const auto s = load("siouxfalls");
  CHECK(s->network.node_count == 24);
  CHECK(s->network.link_count == 76);
  CHECK(s->demand.trip_count() == 288480);  // round(0.8 x 360,600), no intrazonal trips
  const Kpis k = simulate(s);
  check_sane(*s, k, 1.0);
  CHECK(k.mean_delay_s > 60.0);  // a congested peak, which clears by noon
}

TEST_CASE("Anaheim loads its zones as centroids and runs (demand cut to a third)") {
  const auto s = load("anaheim", {"demand.scale=0.5"});
  CHECK(s->network.node_count == 416);
  CHECK(s->network.link_count == 914);
  Index centroids = 0;
  for (Index n = 0; n < s->network.node_count; ++n) centroids += s->network.node_is_centroid[n];
  CHECK(centroids == 38);
  check_sane(*s, simulate(s), 0.99);
  // Scale 0.5 keeps a subset of scale 1.5's trips, each at the same departure (one meaning of
  // "+x %": model/demand_scale.hpp).
  const auto full = load("anaheim");
  CHECK(nested_in(*s, *full));
  // Fractional cells round per cell: the totals are within 4 standard deviations (at most
  // sqrt(cells / 4)) of scale x the 104,694.4 trips between zones.
  const double bound = 4.0 * std::sqrt(1406.0 / 4.0);
  CHECK(std::abs(full->demand.trip_count() - 1.5 * 104694.4) <= bound);
  CHECK(std::abs(s->demand.trip_count() - 0.5 * 104694.4) <= bound);
}

TEST_CASE("Winnipeg loads and runs (demand cut to 30 %, period to 10:30)") {
  const auto s = load("winnipeg", {"demand.scale=0.3", "simulation.end=10:30"});
  CHECK(s->network.node_count == 1052);
  CHECK(s->network.link_count == 2836);
  // 30 % of the 64,775 trips between zones, each of the 4,344 pairs rounded on its own: within 4
  // standard deviations (at most sqrt(pairs / 4)).
  CHECK(std::abs(s->demand.trip_count() - 0.3 * 64775) <= 4.0 * std::sqrt(4344.0 / 4.0));
  check_sane(*s, simulate(s), 0.99);
}

TEST_CASE("Monaco and Andorra run their random morning demand end to end") {
  for (const auto& [name, nodes, links, signals] :
       // Ways whose maxweight or maxheight keeps trucks off are not merged with their neighbours.
       {std::tuple{"monaco", 1306u, 2601u, 19u}, std::tuple{"andorra", 1222u, 2490u, 1u}}) {
    const auto s = load(name);
    INFO(name);
    CHECK(s->network.node_count == nodes);
    CHECK(s->network.link_count == links);
    CHECK(s->network.signalised_node_count() == signals);
    CHECK(s->demand.trip_count() == 10000);
    check_sane(*s, simulate(s), 1.0);
    // The fixed seed gives the same trips on every load.
    const auto again = load(name);
    CHECK(again->demand.trip_origin == s->demand.trip_origin);
    CHECK(again->demand.trip_depart_s == s->demand.trip_depart_s);
  }
}

TEST_CASE("Porto imports at scale and runs a ten-minute cut") {
  // Every step visits all 125 k links: ten simulated minutes already take seconds.
  const auto s = load(
      "porto", {"demand.trips=300", "demand.zones=30", "demand.end=07:03", "simulation.end=07:10"});
  // 348 k OSM nodes; netconvert makes 114,803 edges of the same file but also joins clustered
  // junctions and keeps small components (tests/formats/test_osm_reader.cpp explains both).
  CHECK(s->network.node_count > 45000);
  CHECK(s->network.link_count > 110000);
  CHECK(s->network.signalised_node_count() > 250);
  CHECK(s->demand.trip_count() == 300);
  const Kpis k = simulate(s);
  check_sane(*s, k, 0.1);  // trips across the metro area take ~20 min: most still drive
  CHECK(k.vehicles_inserted == 300);
}

TEST_CASE("Bologna Acosta inserts and completes SUMO 1.15's 8,779 vehicles within 2 %") {
  const auto s = load("bologna_acosta");
  CHECK(s->network.link_count == 178);
  CHECK(s->network.signalised_node_count() == 16);
  CHECK(s->demand.trip_count() == 8779);
  const Kpis k = simulate(s);
  check_sane(*s, k, 0.98);
  // The data README: SUMO 1.15 inserts 8,779 and runs until every one has arrived. SUMO's
  // programs give turns phases of their own; lane groups keep a red turn from holding the
  // lanes of a green one (one queue per link locked up here, 6,763 inserted).
  CHECK(std::abs(double(k.vehicles_inserted) / 8779.0 - 1.0) <= 0.02);
  CHECK(std::abs(double(k.vehicles_arrived) / 8779.0 - 1.0) <= 0.02);
}

TEST_CASE("Bologna Acosta's lane groups move every vehicle the same at 1, 2 and 8 threads") {
  // Links with several groups draw their service order per group and choose queues by load;
  // none of it may depend on which thread serves which node.
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 8);
  const auto s = load("bologna_acosta");
  REQUIRE(s->network.group_count > s->network.link_count);
  auto run = [&](int threads) {
    Simulation sim(s, threads);
    while (!sim.done()) sim.step();
    return sim;
  };
  const Simulation one = run(1);
  for (const int threads : {2, 8}) {
    INFO(threads << " threads");
    const Simulation other = run(threads);
    CHECK(other.state().vehicles.motion == one.state().vehicles.motion);
    CHECK(other.state().vehicles.status == one.state().vehicles.status);
    CHECK(other.state().groups.tail == one.state().groups.tail);
    CHECK(other.state().groups.flow_credit == one.state().groups.flow_credit);
    const auto& a = one.state().vehicles.arrive_s;
    const auto& b = other.state().vehicles.arrive_s;
    CHECK(std::equal(a.begin(), a.end(), b.begin(), b.end(), [](double x, double y) {
      return x == y || (std::isnan(x) && std::isnan(y));
    }));
  }
}

TEST_CASE("Ingolstadt 21 inserts SUMO's 4,280 vehicles in its hour") {
  const auto s = load("ingolstadt21");
  CHECK(s->network.link_count == 853);
  CHECK(s->network.signalised_node_count() == 21);
  CHECK(s->demand.trip_count() == 4281);
  // Every trip between edges got a route from its first to its last edge.
  for (Index t = 0; t < s->demand.trip_count(); ++t) REQUIRE(s->demand.has_given_route(t));
  const Kpis k = simulate(s);
  // The hour ends with trips on the road (SUMO meso: 4,066 of them arrived).
  check_sane(*s, k, 0.9);
  CHECK(std::abs(double(k.vehicles_inserted) / 4280.0 - 1.0) <= 0.02);
}

TEST_CASE("real-data source tables check their keys, naming file, line and key") {
  TempDir dir;
  const std::string data = std::string(ARTERIA_DATA_DIR);
  const std::string sim = "\n[simulation]\nstart = \"07:00\"\nend = \"10:00\"\n";
  const std::string tntp_net =
      "[network]\nsource = \"tntp\"\nnet = \"" + data + "/tntp/SiouxFalls/SiouxFalls_net.tntp\"\n";
  const std::string tntp_demand = "[demand]\nsource = \"tntp\"\nfile = \"" + data +
                                  "/tntp/SiouxFalls/SiouxFalls_trips.tntp\"\n"
                                  "profile = [[\"07:00\", 1.0], [\"08:00\", 0.0]]\n";
  auto error_of = [&](const std::string& text) {
    const std::string path = dir.write("s.toml", text);
    return input_error_of([&] { load_scenario(path); });
  };

  SECTION("signals by approach, removed since links have lane groups") {
    const InputError e = error_of("[network]\nsource = \"sumo\"\nnet = \"" + data +
                                  "/sumo/bologna-acosta/acosta_buslanes.net.xml\"\n"
                                  "signals = \"approach\"\n" +
                                  tntp_demand + sim);
    CHECK(e.field() == "network.signals");
    CHECK(std::string(e.what()).find("was removed") != std::string::npos);
  }

  SECTION("a misspelt key of a tntp network") {
    const InputError e = error_of(tntp_net + "lane_capacity = 1800\n" + tntp_demand + sim);
    CHECK(e.line() == 4);
    CHECK(e.field() == "network.lane_capacity");
    CHECK(std::string(e.what()).find("lane_capacity_vph") != std::string::npos);
  }
  SECTION("a tntp length unit that is not one of mi, km, m, ft") {
    const InputError e = error_of(tntp_net + "length_unit = \"metric\"\n" + tntp_demand + sim);
    CHECK(e.field() == "network.length_unit");
  }
  SECTION("a tntp demand profile reaching past the end") {
    const InputError e = error_of(tntp_net + tntp_demand + "\n[simulation]\nend = \"07:30\"\n" +
                                  "start = \"07:00\"\n");
    CHECK(e.field() == "demand.profile");
  }
  SECTION("random demand without a number of trips") {
    const InputError e = error_of(tntp_net +
                                  "[demand]\nsource = \"random\"\nstart = \"07:00\"\n"
                                  "end = \"08:00\"\n" +
                                  sim);
    CHECK(e.field() == "demand.trips");
  }
  SECTION("random demand with both a window and a profile") {
    const InputError e =
        error_of(tntp_net +
                 "[demand]\nsource = \"random\"\ntrips = 10\n"
                 "start = \"07:00\"\nprofile = [[\"07:00\", 1], [\"08:00\", 0]]\n" +
                 sim);
    CHECK(e.field() == "demand.start");
  }
  SECTION("an OSM network for an unknown mode") {
    const InputError e =
        error_of("[network]\nsource = \"osm\"\nfile = \"" + data +
                 "/osm/monaco/monaco.osm.pbf\"\nmode = [\"car\", \"tram\"]\n" + tntp_demand + sim);
    CHECK(e.line() == 4);
    CHECK(e.field() == "network.mode[1]");
  }
  SECTION("a SUMO network with both a config and a net file") {
    const std::string cfg = data + "/sumo/ingolstadt7/ingolstadt7.sumocfg";
    const InputError e = error_of("[network]\nsource = \"sumo\"\nconfig = \"" + cfg +
                                  "\"\nnet = \"x.net.xml\"\n[demand]\nsource = \"sumo\"\n" + sim);
    CHECK(e.field() == "network.net");
  }
  SECTION("SUMO demand with no files and no config to take them from") {
    const InputError e =
        error_of("[network]\nsource = \"sumo\"\nnet = \"" + data +
                 "/sumo/ingolstadt7/ingolstadt7.net.xml\"\n[demand]\nsource = \"sumo\"\n" + sim);
    CHECK(e.line() == 4);  // the [demand] table, which lacks the key
    CHECK(e.field() == "demand.files");
  }
  SECTION("a SUMO route file list naming a missing file") {
    const InputError e =
        error_of("[network]\nsource = \"sumo\"\nnet = \"" + data +
                 "/sumo/ingolstadt7/ingolstadt7.net.xml\"\n[demand]\n"
                 "source = \"sumo\"\nfiles = [\"" +
                 data + "/sumo/ingolstadt7/ingolstadt7.rou.xml\", \"none.rou.xml\"]\n" + sim);
    CHECK(e.field() == "demand.files[1]");
    CHECK(std::string(e.what()).find("none.rou.xml") != std::string::npos);
  }
}
