// Scenario files and the native tables: the example scenarios load with the expected contents,
// overrides apply, OD matrices expand deterministically, CSV networks round-trip, and the
// SHA-256 behind the scenario fingerprint matches the FIPS 180-4 examples.

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "base/sha256.hpp"
#include "formats/grid/grid_city.hpp"
#include "formats/native/csv_network.hpp"
#include "model/od_matrix.hpp"
#include "scenario/build_scenario.hpp"
#include "scenario/scenario_file.hpp"
#include "toy_files.hpp"

namespace {

namespace fs = std::filesystem;
using arteria::Index;
using arteria::testing::TempDir;

const std::string scenarios_dir = std::string(ARTERIA_SOURCE_DIR) + "/scenarios";
const std::string small_town = scenarios_dir + "/small_town/scenario.toml";

// Three nodes in a row and a fourth to the side, every street two-way.
void write_small_network(const TempDir& folder) {
  folder.write("nodes.csv", "id,x_m,y_m\na,0,0\nb,500,0\nc,1000,0\nd,500,500\n");
  folder.write("links.csv",
               "id,from,to,length_m,lanes,free_speed_mps,capacity_vph\n"
               "ab,a,b,500,1,13.9,900\nba,b,a,500,1,13.9,900\nbc,b,c,500,1,13.9,900\n"
               "cb,c,b,500,1,13.9,900\nbd,b,d,500,1,13.9,900\ndb,d,b,500,1,13.9,900\n");
}

arteria::Network small_network(const TempDir& folder) {
  write_small_network(folder);
  return arteria::compile_network(
      arteria::read_csv_network({folder.file("nodes.csv"), folder.file("links.csv"), "", ""}));
}

// Two compiled networks are the same when every array and every green time agrees.
void require_same_network(const arteria::Network& a, const arteria::Network& b) {
  REQUIRE(a.node_external_id == b.node_external_id);
  CHECK(a.node_x_m == b.node_x_m);
  CHECK(a.node_y_m == b.node_y_m);
  CHECK(a.node_is_centroid == b.node_is_centroid);
  REQUIRE(a.link_external_id == b.link_external_id);
  CHECK(a.link_from_node == b.link_from_node);
  CHECK(a.link_to_node == b.link_to_node);
  CHECK(a.link_length_m == b.link_length_m);
  CHECK(a.link_lanes == b.link_lanes);
  CHECK(a.link_free_speed_mps == b.link_free_speed_mps);
  CHECK(a.link_capacity_vph == b.link_capacity_vph);
  CHECK(a.link_modes == b.link_modes);
  CHECK(a.link_first_point == b.link_first_point);
  CHECK(a.point_x_m == b.point_x_m);
  CHECK(a.point_y_m == b.point_y_m);
  CHECK(a.link_first_turn == b.link_first_turn);
  CHECK(a.turn_to_link == b.turn_to_link);
  CHECK(a.node_initial_plan == b.node_initial_plan);
  REQUIRE(a.signal_plans.size() == b.signal_plans.size());
  for (Index plan = 0; plan < a.signal_plans.size(); ++plan) {
    CHECK(a.signal_plans.id(plan) == b.signal_plans.id(plan));
    CHECK(a.signal_plans.node(plan) == b.signal_plans.node(plan));
    CHECK(a.signal_plans.offset_s(plan) == b.signal_plans.offset_s(plan));
    CHECK(a.signal_plans.cycle_s(plan) == Approx(b.signal_plans.cycle_s(plan)));
    for (Index turn = 0; turn < a.turn_count; ++turn) {
      for (double t = 0.0; t < 2.0 * a.signal_plans.cycle_s(plan); t += 0.5) {
        if (a.signal_plans.is_green(plan, turn, t) != b.signal_plans.is_green(plan, turn, t)) {
          FAIL("plan " << a.signal_plans.id(plan) << " differs for turn " << turn << " at " << t);
        }
      }
    }
  }
}

}  // namespace

TEST_CASE("SHA-256 matches the FIPS 180-4 examples") {
  CHECK(arteria::sha256_hex("") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(arteria::sha256_hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(arteria::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  // A million 'a', fed in uneven pieces so blocks straddle update() calls.
  arteria::Sha256 hash;
  const std::string piece(997, 'a');
  std::size_t fed = 0;
  while (fed + piece.size() <= 1000000) {
    hash.update(piece);
    fed += piece.size();
  }
  hash.update(std::string(1000000 - fed, 'a'));
  CHECK(hash.hex_digest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("the small town scenario loads with its tables' contents") {
  const arteria::Scenario s = arteria::load_scenario(small_town);
  CHECK(s.name == "small_town");
  CHECK(s.network.node_count == 16);
  CHECK(s.network.link_count == 47);
  CHECK(s.network.signalised_node_count() == 3);
  CHECK(s.network.signal_plans.size() == 4);
  CHECK(s.demand.trip_count() == 372);
  CHECK(s.sim.start_s == 6.5 * 3600);
  CHECK(s.sim.end_s == 10.5 * 3600);
  CHECK(s.sim.stuck_action == arteria::StuckAction::push_through);
  CHECK(s.sim.backward_wave_speed_mps == Approx(15.0 / 3.6));
  CHECK(s.output.bin_s == 300);
  CHECK(fs::path(s.output.file) == fs::path(scenarios_dir) / "small_town" / "small_town.h5");

  // The buses come with their route along the main street.
  Index routed = 0;
  for (Index trip = 0; trip < s.demand.trip_count(); ++trip)
    routed += s.demand.has_given_route(trip);
  CHECK(routed == 12);
  // Trips remember their row, so later errors can name it.
  CHECK(s.demand.file_name(s.demand.trip_where[0]) ==
        (fs::path(scenarios_dir) / "small_town" / "trips.csv").string());
  CHECK(s.demand.trip_where[0].line == 2);

  REQUIRE(s.events.size() == 2);
  CHECK(s.events[0].kind == arteria::EventKind::set_signal_plan);
  CHECK(s.events[0].time_s == 7.75 * 3600);
  CHECK(s.network.signal_plans.id(s.events[0].plan) == "peak");
  CHECK(s.network.node_external_id[s.events[0].target] == "market");
  CHECK(s.file_name(s.events[0].where) == small_town);
  CHECK(s.events[0].where.line > 0);

  CHECK(arteria::load_scenario(scenarios_dir + "/small_town").source_path ==
        (fs::path(scenarios_dir) / "small_town" / "scenario.toml").string());
  CHECK(s.sha256.size() == 64);
  CHECK(arteria::load_scenario(small_town).sha256 == s.sha256);
}

TEST_CASE("the grid bridge-closure scenario loads with its events") {
  const arteria::Scenario s = arteria::load_scenario(scenarios_dir + "/grid_events.toml");
  CHECK(s.network.node_count == 31 * 31);
  CHECK(s.demand.trip_count() == 20000);
  REQUIRE(s.events.size() == 4);
  const Index bridge = s.network.find_link("10_15>10_16");
  REQUIRE(bridge != arteria::invalid_index);
  CHECK(s.events[0].kind == arteria::EventKind::close_link);
  CHECK(s.events[0].time_s == 7.5 * 3600);
  CHECK((s.events[0].target == bridge || s.events[1].target == bridge));
  CHECK(s.events[3].kind == arteria::EventKind::reopen_link);
}

TEST_CASE("overrides apply on top of the scenario file") {
  const arteria::Scenario base = arteria::load_scenario(small_town);
  const arteria::Scenario s = arteria::load_scenario(
      small_town,
      {"simulation.seed=3", "output.file=x.h5", "simulation.end=\"11:00\"",
       "simulation.stuck_action=remove", "output.trips=false", "scenario.name=variant"});
  CHECK(s.sim.seed == 3);
  CHECK(s.output.file == "x.h5");  // paths given with --set are taken from the working directory
  CHECK(s.sim.end_s == 11 * 3600);
  CHECK(s.sim.stuck_action == arteria::StuckAction::remove);
  CHECK_FALSE(s.output.trips);
  CHECK(s.name == "variant");
  CHECK(s.sha256 != base.sha256);
  // A value that is not TOML is read as a string, which a time key then parses.
  CHECK(arteria::load_scenario(small_town, {"simulation.start=6:00"}).sim.start_s == 6 * 3600);
}

TEST_CASE("a scale_demand event in the file scales the demand") {
  TempDir folder;
  write_small_network(folder);
  std::string trips = "id,origin,destination,depart\n";
  for (int i = 0; i < 100; ++i)
    trips += "t" + std::to_string(i) + ",a,c," + std::to_string(25200 + i) + "\n";
  folder.write("trips.csv", trips);
  const std::string path =
      folder.write("s.toml",
                   "[network]\nsource = \"csv\"\nnodes = \"nodes.csv\"\nlinks = \"links.csv\"\n"
                   "[demand]\nsource = \"trips\"\nfile = \"trips.csv\"\n"
                   "[simulation]\nstart = \"06:00\"\nend = \"09:00\"\n"
                   "[[events]]\ntime = \"06:00\"\naction = \"scale_demand\"\nvalue = 2.0\n");
  CHECK(arteria::load_scenario(path).demand.trip_count() == 200);
}

// A scenario on the small network with one trip, 06:00 to 09:00, and `events` (TOML from line
// 11 on) at its end; returns the file's path.
std::string write_events_scenario(const TempDir& folder, const std::string& events) {
  write_small_network(folder);
  folder.write("trips.csv", "id,origin,destination,depart\nt1,a,c,07:00\n");
  return folder.write("s.toml",
                      "[network]\nsource = \"csv\"\nnodes = \"nodes.csv\"\nlinks = \"links.csv\"\n"
                      "[demand]\nsource = \"trips\"\nfile = \"trips.csv\"\n"
                      "[simulation]\nstart = \"06:00\"\nend = \"09:00\"\n" +
                          events);
}

// The fields of an event that the simulation sees.
void check_same_event(const arteria::Event& built, const arteria::Event& expected) {
  auto fields = [](const arteria::Event& e) {
    return std::tuple(e.time_s, e.kind, e.target, e.value, e.plan, e.where.file, e.where.line);
  };
  CHECK(fields(built) == fields(expected));
}

TEST_CASE("a spec holds its [[events]] as data, and building resolves their names") {
  const arteria::ScenarioSpec spec = arteria::read_scenario_spec(small_town);
  REQUIRE(spec.events.size() == 2);
  const arteria::EventSpec& peak = spec.events[0];
  CHECK(peak.time_s == 7.75 * 3600);
  CHECK(peak.kind == arteria::EventKind::set_signal_plan);
  CHECK(peak.node.id == "market");
  CHECK(peak.plan.id == "peak");
  CHECK(peak.link.id.empty());
  CHECK(peak.field == "events[0]");
  CHECK(peak.where.file == 0);
  CHECK(peak.node.line == peak.where.line + 3);  // [[events]], time, action, node, plan
  CHECK(peak.plan.line == peak.where.line + 4);
  CHECK(spec.events[1].time_s == 9 * 3600);
  CHECK(spec.events[1].plan.id == "normal");

  const arteria::Scenario s = arteria::build_scenario(spec);
  const Index market = s.network.find_node("market");
  REQUIRE(s.events.size() == 2);
  for (std::size_t e = 0; e < 2; ++e) {
    arteria::Event expected;
    expected.time_s = spec.events[e].time_s;
    expected.kind = arteria::EventKind::set_signal_plan;
    expected.target = market;
    expected.plan = s.network.signal_plans.find(market, e == 0 ? "peak" : "normal");
    expected.where = spec.events[e].where;
    REQUIRE(expected.plan != arteria::invalid_index);
    check_same_event(s.events[e], expected);
  }
}

// Three events out of time order: a speed (km/h), a capacity and a closure.
const char* const three_events =
    "[[events]]\ntime = \"08:00\"\naction = \"set_link_speed\"\nlink = \"bc\"\nvalue = 36\n"
    "[[events]]\ntime = \"07:00\"\naction = \"set_link_capacity\"\nlink = \"ab\"\nvalue = 450\n"
    "[[events]]\ntime = \"06:30\"\naction = \"close_link\"\nlink = \"db\"\n";

TEST_CASE("event values are kept as written and converted when built, in time order") {
  TempDir folder;
  const arteria::ScenarioSpec spec =
      arteria::read_scenario_spec(write_events_scenario(folder, three_events));
  REQUIRE(spec.events.size() == 3);
  CHECK(spec.events[0].kind == arteria::EventKind::set_link_speed);
  CHECK(spec.events[0].link.id == "bc");
  CHECK(spec.events[0].link.line == 14);
  CHECK(spec.events[0].value == 36);  // km/h, as written
  CHECK(spec.events[1].link.id == "ab");
  CHECK(spec.events[1].value == 450);
  CHECK(spec.events[2].time_s == 6.5 * 3600);
  CHECK(spec.events[2].field == "events[2]");
  CHECK(spec.events[2].where.line == 21);

  const arteria::Scenario s = arteria::build_scenario(spec);
  REQUIRE(s.events.size() == 3);
  auto expected = [&](const arteria::EventSpec& e, const char* link, double value) {
    arteria::Event event;
    event.time_s = e.time_s;
    event.kind = e.kind;
    event.target = s.network.find_link(link);
    event.value = value;
    event.where = e.where;
    return event;
  };
  check_same_event(s.events[0], expected(spec.events[2], "db", 0.0));  // sorted by time
  check_same_event(s.events[1], expected(spec.events[1], "ab", 450.0));
  check_same_event(s.events[2], expected(spec.events[0], "bc", 36 / 3.6));  // m/s
}

TEST_CASE("an event naming an unknown link reads, and fails to build naming its field") {
  TempDir folder;
  const std::string path = write_events_scenario(
      folder, "[[events]]\ntime = \"07:00\"\naction = \"close_link\"\nlink = \"zz\"\n");
  const arteria::ScenarioSpec spec = arteria::read_scenario_spec(path);
  REQUIRE(spec.events.size() == 1);
  CHECK(spec.events[0].link.id == "zz");
  CHECK_THROWS_WITH(arteria::build_scenario(spec),
                    path + ":14: field 'events[0].link': unknown link 'zz'");
}

TEST_CASE("${ARTERIA_DATA} in a path expands to the data folder") {
  TempDir data, scenario_folder;
  write_small_network(data);
  scenario_folder.write("trips.csv", "id,origin,destination,depart\nt1,a,c,07:00\n");
  const std::string path =
      scenario_folder.write("s.toml",
                            "[network]\nsource = \"csv\"\nnodes = \"${ARTERIA_DATA}/nodes.csv\"\n"
                            "links = \"${ARTERIA_DATA}/links.csv\"\n"
                            "[demand]\nsource = \"trips\"\nfile = \"trips.csv\"\n");
  // Restores the variable however the test ends.
  struct DataVariable {
    std::optional<std::string> saved;
    explicit DataVariable(const std::string& value) {
      if (const char* old = std::getenv("ARTERIA_DATA")) saved = old;
      ::setenv("ARTERIA_DATA", value.c_str(), 1);
    }
    ~DataVariable() {
      if (saved) {
        ::setenv("ARTERIA_DATA", saved->c_str(), 1);
      } else {
        ::unsetenv("ARTERIA_DATA");
      }
    }
  } variable(data.path.string());
  const arteria::Scenario s = arteria::load_scenario(path);
  CHECK(s.network.node_count == 4);
  CHECK(s.demand.trip_count() == 1);
}

TEST_CASE("OD expansion rounds each cell to a neighbour of its count, nested in the scale") {
  TempDir folder;
  const arteria::Network network = small_network(folder);
  folder.write("od.csv", "origin,destination,trips\na,c,10.4\nc,a,0.3\na,d,3\nd,a,5.5\na,c,2\n");
  arteria::OdExpansion expansion;
  expansion.profile = {{7 * 3600.0, 8 * 3600.0}, {1.0, 0.0}};
  struct Expanded {
    std::map<std::string, double> depart_by_id;
    std::map<std::pair<Index, Index>, int> per_pair;
  };
  const auto expand = [&](double factor, std::uint64_t seed) {
    arteria::Demand demand;
    arteria::DemandBuilder builder(network, demand);
    expansion.seed = seed;
    arteria::DemandScale scale;
    scale.steps.push_back({-INFINITY, factor});
    arteria::expand_od_matrix(arteria::read_od_csv(folder.file("od.csv"), builder), expansion,
                              scale, network, builder);
    Expanded out;
    for (Index trip = 0; trip < demand.trip_count(); ++trip) {
      out.depart_by_id[demand.trip_external_id[trip]] = demand.trip_depart_s[trip];
      ++out.per_pair[{demand.trip_origin[trip], demand.trip_destination[trip]}];
    }
    return out;
  };
  const Index a = network.find_node("a"), c = network.find_node("c"), d = network.find_node("d");
  double fractional_c_a = 0.0;
  const int seeds = 2000;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    const Expanded base = expand(1.0, seed);
    // Whole cells are exact; a fractional one is its floor or its ceiling.
    CHECK(base.per_pair.count({a, d}) == 1);
    REQUIRE(base.per_pair.at({a, d}) == 3);
    const int a_c = base.per_pair.at({a, c});  // 10.4 and the repeated pair's 2
    REQUIRE((a_c == 12 || a_c == 13));
    const int d_a = base.per_pair.at({d, a});
    REQUIRE((d_a == 5 || d_a == 6));
    fractional_c_a += base.per_pair.count({c, a}) ? base.per_pair.at({c, a}) : 0;
    // The repeated pair's cell names its trips apart.
    REQUIRE(base.depart_by_id.count("a>c/2#1") == 1);
    REQUIRE(base.depart_by_id.count("a>c/2#2") == 0);
    // +20 % keeps every base trip, at the same departure, and adds others.
    const Expanded more = expand(1.2, seed);
    for (const auto& [id, depart] : base.depart_by_id) {
      REQUIRE(more.depart_by_id.count(id) == 1);
      REQUIRE(more.depart_by_id.at(id) == depart);
    }
    REQUIRE(more.depart_by_id.size() > base.depart_by_id.size());
  }
  // The fractional cell's mean is its count: 0.3 +- 4 standard errors over the seeds.
  CHECK(fractional_c_a / seeds == Approx(0.3).margin(4 * std::sqrt(0.3 * 0.7 / seeds)));
}

TEST_CASE("OD departure times follow the profile and are deterministic") {
  TempDir folder;
  const arteria::Network network = small_network(folder);
  folder.write("od.csv", "origin,destination,trips\na,c,600\nc,d,400\n");
  // 07:00-08:00 at weight 1, 08:00-08:30 at weight 3 (60 % of the trips), then nothing.
  arteria::OdExpansion expansion;
  expansion.profile = {{25200, 28800, 30600, 32400}, {1.0, 3.0, 0.0, 0.0}};
  expansion.seed = 11;
  arteria::DemandScale scale;
  scale.steps.push_back({-INFINITY, 1.5});
  auto expand = [&](std::uint64_t seed) {
    arteria::Demand demand;
    arteria::DemandBuilder builder(network, demand);
    expansion.seed = seed;
    arteria::expand_od_matrix(arteria::read_od_csv(folder.file("od.csv"), builder), expansion,
                              scale, network, builder);
    return demand.trip_depart_s;
  };
  const std::vector<double> first = expand(11);
  REQUIRE(first.size() == 1500);
  CHECK(expand(11) == first);
  CHECK(expand(12) != first);
  int in_peak = 0;
  for (double t : first) {
    REQUIRE(t >= 25200);
    REQUIRE(t < 30600);
    in_peak += t >= 28800;
  }
  CHECK(in_peak == Approx(900).margin(60));
}

TEST_CASE("an OD scenario expands its matrix") {
  TempDir folder;
  write_small_network(folder);
  folder.write("od.csv", "origin,destination,trips\na,c,30.5\nc,a,19.5\n");
  const std::string path =
      folder.write("s.toml",
                   "[network]\nsource = \"csv\"\nnodes = \"nodes.csv\"\nlinks = \"links.csv\"\n"
                   "[demand]\nsource = \"od\"\nfile = \"od.csv\"\nscale = 2.0\n"
                   "profile = [[\"07:00\", 1.0], [\"08:00\", 2.0], [\"09:00\", 0.0]]\n"
                   "[simulation]\nstart = \"06:00\"\nend = \"10:00\"\n");
  const arteria::Scenario s = arteria::load_scenario(path);
  CHECK(s.demand.trip_count() == 100);
  // 15.25 and 9.75 trips: each cell its floor or its ceiling.
  const Index halved = arteria::load_scenario(path, {"demand.scale=0.5"}).demand.trip_count();
  CHECK(halved >= 24);
  CHECK(halved <= 26);
  // One meaning of "+x %": the table's scale and a scale_demand event at the start multiply
  // into the same trips.
  const arteria::Scenario by_event = arteria::load_scenario(
      folder.write("e.toml",
                   "[network]\nsource = \"csv\"\nnodes = \"nodes.csv\"\nlinks = \"links.csv\"\n"
                   "[demand]\nsource = \"od\"\nfile = \"od.csv\"\n"
                   "profile = [[\"07:00\", 1.0], [\"08:00\", 2.0], [\"09:00\", 0.0]]\n"
                   "[simulation]\nstart = \"06:00\"\nend = \"10:00\"\n"
                   "[[events]]\ntime = \"06:00\"\naction = \"scale_demand\"\nvalue = 2.0\n"));
  CHECK(by_event.demand.trip_external_id == s.demand.trip_external_id);
  CHECK(by_event.demand.trip_depart_s == s.demand.trip_depart_s);
}

TEST_CASE("a CSV network written out reads back the same") {
  const arteria::Scenario s = arteria::load_scenario(small_town);
  TempDir folder;
  const arteria::CsvNetworkFiles files =
      arteria::write_csv_network(s.network, folder.path.string());
  CHECK(files.turns.empty());  // the default turn rule describes the town
  REQUIRE_FALSE(files.signals.empty());
  require_same_network(s.network, arteria::compile_network(arteria::read_csv_network(files)));
}

TEST_CASE("a generated grid round-trips through CSV, ids with '>' included") {
  arteria::GridCityParams params;
  params.columns = 7;
  params.rows = 7;
  params.arterial_every = 3;
  const arteria::Network grid = arteria::compile_network(arteria::make_grid_city(params));
  REQUIRE(grid.signalised_node_count() > 0);
  TempDir folder;
  const arteria::CsvNetworkFiles files = arteria::write_csv_network(grid, folder.path.string());
  require_same_network(grid, arteria::compile_network(arteria::read_csv_network(files)));
}

TEST_CASE("turns.csv: bans keep the default rule, allowed rows make the list explicit") {
  TempDir folder;
  write_small_network(folder);
  arteria::CsvNetworkFiles files{folder.file("nodes.csv"), folder.file("links.csv"),
                                 folder.write("turns.csv", "from_link,to_link,allowed\nab,bd,0\n"),
                                 ""};
  const arteria::Network banned = arteria::compile_network(arteria::read_csv_network(files));
  const Index ab = banned.find_link("ab");
  CHECK(banned.find_turn(ab, banned.find_link("bd")) == arteria::invalid_index);
  CHECK(banned.find_turn(ab, banned.find_link("bc")) != arteria::invalid_index);
  CHECK(banned.find_turn(banned.find_link("cb"), banned.find_link("bd")) != arteria::invalid_index);

  files.turns = folder.write("turns.csv", "from_link,to_link\nab,bd\n");
  const arteria::Network only = arteria::compile_network(arteria::read_csv_network(files));
  CHECK(only.turn_count == 1);
  CHECK(only.find_turn(ab, only.find_link("bd")) != arteria::invalid_index);

  // Written back, each reads the same again: bans as bans, the explicit list as a list.
  for (const arteria::Network* network : {&banned, &only}) {
    TempDir out;
    const auto written = arteria::write_csv_network(*network, out.path.string());
    REQUIRE_FALSE(written.turns.empty());
    require_same_network(*network, arteria::compile_network(arteria::read_csv_network(written)));
  }
}
