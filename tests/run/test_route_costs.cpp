// Routing on a previous run's link times: a two-route toy where the second run, routed on the
// first run's congestion, takes the other route; the scenario keys of [routing] and their
// errors. (Reading the series: tests/output/test_link_cost_reader.cpp.)
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "output/hdf5_handle.hpp"
#include "routing/link_dijkstra.hpp"
#include "run/result_inputs.hpp"
#include "run/run_scenario.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario/scenario_writer.hpp"
#include "sim/route_on_costs.hpp"
#include "toy_files.hpp"

using namespace arteria;
using arteria::testing::input_error_of;
using arteria::testing::TempDir;

namespace {

RunOptions two_threads(const std::string& output_path) {
  RunOptions options;
  options.output_path = output_path;
  options.threads = 2;
  return options;
}

}  // namespace

TEST_CASE("a second run routed on the first run's congestion takes the other route") {
  TempDir dir;
  // o -> a -> d is the quicker route (133 s against 160 s via b), but a -> d passes 600 veh/h
  // and 400 trips come at 1,200 veh/h.
  dir.write("nodes.csv", "id,x_m,y_m\no,0,0\na,1000,0\nb,600,900\nd,2000,0\n");
  dir.write("links.csv",
            "id,from,to,length_m,lanes,free_speed_mps,capacity_vph\n"
            "oa,o,a,1000,1,15,3600\nad,a,d,1000,1,15,600\n"
            "ob,o,b,1200,1,15,3600\nbd,b,d,1200,1,15,3600\n");
  std::string trips = "id,origin,destination,depart\n";
  for (int t = 0; t < 400; ++t)
    trips += "t" + std::to_string(t) + ",o,d," + std::to_string(25200 + 3 * t) + "\n";
  dir.write("trips.csv", trips);
  const std::string tables =
      "[network]\nsource = \"csv\"\nnodes = \"nodes.csv\"\nlinks = \"links.csv\"\n\n"
      "[demand]\nsource = \"trips\"\nfile = \"trips.csv\"\n\n"
      "[simulation]\nstart = \"07:00\"\nend = \"09:00\"\n\n";
  const std::string base_toml = dir.write("base.toml", tables + "[output]\nfile = \"base.h5\"\n");
  const std::string next_toml =
      dir.write("next.toml",
                tables + "[routing]\ncosts_from = \"base.h5\"\n\n[output]\nfile = \"next.h5\"\n");

  auto inflow = [](const std::string& h5_path, const Scenario& scenario, const char* link) {
    const h5::File file = h5::open_file_read_only(h5_path);
    const std::vector<float> series = h5::read_floats(file.get(), "/links/inflow");
    const Index l = scenario.network.find_link(link);
    double sum = 0.0;
    for (std::size_t i = l; i < series.size(); i += scenario.network.link_count) sum += series[i];
    return sum;
  };

  const auto base = std::make_shared<Scenario>(load_scenario(base_toml));
  load_result_inputs(*base);  // names no costs: nothing to load
  CHECK(base->route_costs.bin_count() == 0);
  const RunResult first = run_scenario(base, two_threads(dir.file("base.h5")));
  CHECK(inflow(first.output_path, *base, "ob") == 0.0);
  CHECK(inflow(first.output_path, *base, "oa") == 400.0);

  const auto next = std::make_shared<Scenario>(load_scenario(next_toml));
  CHECK(next->route_costs_from == dir.file("base.h5"));  // relative to the scenario file
  CHECK_THROWS_AS(run_scenario(next, two_threads(dir.file("next.h5"))), std::logic_error);
  load_result_inputs(*next);
  CHECK(next->route_costs.bin_count() > 1);
  const RunResult second = run_scenario(next, two_threads(dir.file("next.h5")));
  const double via_b = inflow(second.output_path, *next, "ob");
  INFO("trips via b: " << via_b);
  CHECK(via_b > 100.0);
  // The first run queued on a -> d from its first bin (1,200 veh/h into 600 veh/h), so even
  // the earliest departures found o -> a -> d slower than o -> b -> d at free flow.
  const float* first_bin = next->route_costs.bin(0);
  const Network& net = next->network;
  CHECK(first_bin[net.find_link("oa")] + first_bin[net.find_link("ad")] > 2400.0f / 15.0f);
  CHECK(first_bin[net.find_link("ob")] == Approx(1200.0 / 15.0));
  CHECK(second.kpis.mean_travel_time_s < first.kpis.mean_travel_time_s);
  // The same run again gives the same routes: costs and bins are read, not guessed.
  const auto again = std::make_shared<Scenario>(load_scenario(next_toml));
  load_result_inputs(*again);
  CHECK(again->route_costs.cost_s == next->route_costs.cost_s);
  // A saved copy keeps routing on the same run's costs.
  const SavedScenarioFiles saved = save_scenario(*next, dir.file("saved"));
  const Scenario copy = load_scenario(saved.scenario);
  CHECK(copy.route_costs_from == std::filesystem::absolute(dir.file("base.h5")).string());
}

TEST_CASE("[routing] costs_from must name an existing file") {
  TempDir dir;
  dir.write("nodes.csv", "id,x_m,y_m\no,0,0\nd,1000,0\n");
  dir.write("links.csv",
            "id,from,to,length_m,lanes,free_speed_mps,capacity_vph\nod,o,d,1000,1,15,3600\n");
  dir.write("trips.csv", "id,origin,destination,depart\nt,o,d,25200\n");
  const std::string path =
      dir.write("s.toml",
                "[network]\nsource = \"csv\"\nnodes = \"nodes.csv\"\nlinks = \"links.csv\"\n\n"
                "[demand]\nsource = \"trips\"\nfile = \"trips.csv\"\n\n"
                "[routing]\ncosts_from = \"missing.h5\"\n");
  const InputError e = input_error_of([&] { load_scenario(path); });
  CHECK(e.file() == path);
  CHECK(e.line() == 11);
  CHECK(e.field() == "routing.costs_from");
}

namespace {

// The [network] and [demand] tables of a uniform `side` x `side` grid city with generated trips.
std::string uniform_grid_tables(int side, int trips) {
  const std::string n = std::to_string(side);
  return "[network]\nsource = \"grid\"\n\n[network.grid]\ncolumns = " + n + "\nrows = " + n +
         "\narterial_every = 0\nriver = false\n\n[demand]\nsource = \"generated\"\ntrips = " +
         std::to_string(trips) + "\nseed = 3\n\n";
}

// `tables` loaded as they are, and with `line` (a key of [routing]) added.
std::pair<Scenario, Scenario> without_and_with(TempDir& dir, const std::string& tables,
                                               const std::string& line) {
  return {load_scenario(dir.write("without.toml", tables)),
          load_scenario(dir.write("with.toml", tables + "[routing]\n" + line + "\n"))};
}

// The error `line` (a bad value of a [routing] key) gives.
InputError routing_error(TempDir& dir, const std::string& tables, const std::string& line) {
  const std::string bad = dir.write("bad.toml", tables + "[routing]\n" + line + "\n");
  return input_error_of([&] { load_scenario(bad); });
}

}  // namespace

TEST_CASE("[routing] spread_ties = false puts an OD pair's trips on one path, and is kept") {
  TempDir dir;
  const std::string tables = uniform_grid_tables(6, 400);
  const auto [spread, first] = without_and_with(dir, tables, "spread_ties = false");
  CHECK(spread.route_spread_ties);
  CHECK_FALSE(first.route_spread_ties);
  RoutingReport report;
  const TripRoutes spread_routes = route_on_costs(spread, report);
  const TripRoutes first_routes = route_on_costs(first, report);
  // The same trips; on a uniform grid most OD pairs tie, so spreading changes some paths.
  CHECK(spread_routes.trip_first_link.size() == first_routes.trip_first_link.size());
  CHECK(spread_routes.links != first_routes.links);
  const LinkCostSeries free_flow = LinkCostSeries::constant(
      free_flow_costs(first.network, first.network.link_free_speed_mps, {}));
  const TripRoutes reference =
      route_trips(first.network, first.demand, free_flow, {.spread = false}, report);
  CHECK(first_routes.links == reference.links);
  const SavedScenarioFiles saved = save_scenario(first, dir.file("saved"));
  CHECK_FALSE(load_scenario(saved.scenario).route_spread_ties);

  CHECK(routing_error(dir, tables, "spread_ties = \"no\"").field() == "routing.spread_ties");
}

TEST_CASE("[routing] turn_penalty_s reaches every turn that changes direction, and is kept") {
  TempDir dir;
  const std::string tables = uniform_grid_tables(4, 50);
  const auto [by_default, custom] = without_and_with(dir, tables, "turn_penalty_s = 2.5");
  CHECK(by_default.route_turn_penalty_s == default_turn_penalty_s);
  CHECK(custom.route_turn_penalty_s == 2.5);
  // On a grid every turn is straight on, a right, a left or (at a dead end) a U-turn.
  const Network& net = custom.network;
  int straight = 0, turning = 0;
  for (Index t = 0; t < net.turn_count; ++t) {
    const float penalty = net.turn_penalty_s[t];
    CHECK((penalty == 0.0f || penalty == 2.5f));
    CHECK(by_default.network.turn_penalty_s[t] ==
          (penalty == 0.0f ? 0.0f : static_cast<float>(default_turn_penalty_s)));
    (penalty == 0.0f ? straight : turning) += 1;
  }
  // An inner node's approaches each go straight on once and turn twice; U-turns are banned.
  CHECK(straight > 0);
  CHECK(turning > straight);
  const SavedScenarioFiles saved = save_scenario(custom, dir.file("saved"));
  CHECK(load_scenario(saved.scenario).route_turn_penalty_s == 2.5);

  const InputError e = routing_error(dir, tables, "turn_penalty_s = -1");
  CHECK(e.field() == "routing.turn_penalty_s");
  CHECK(std::string(e.what()).find("must not be negative, got -1") != std::string::npos);
}
