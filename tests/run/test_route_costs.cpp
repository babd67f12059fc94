// Routing on a previous run's link times: the series read back from a run file (by link id,
// with the rule for bins nobody left a link in), the refusal of a run on another network, and
// a two-route toy where the second run, routed on the first run's congestion, takes the other
// route.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <numeric>
#include <string>

#include "output/hdf5_handle.hpp"
#include "output/link_cost_reader.hpp"
#include "output/run_writer.hpp"
#include "run/route_costs.hpp"
#include "run/run_scenario.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario/scenario_writer.hpp"
#include "toy_files.hpp"

using namespace arteria;
using arteria::testing::input_error_of;
using arteria::testing::TempDir;

namespace {

const float nan = std::nanf("");

// ab: 300 m at 10 m/s, bc: 600 m at 20 m/s; both 30 s at free flow. `extra` adds cd.
Network two_links(bool reversed, bool extra = false) {
  NetworkSpec spec;
  spec.nodes = {{"a", 0, 0, false, {}}, {"b", 300, 0, false, {}}, {"c", 900, 0, false, {}}};
  LinkSpec ab{"ab", "a", "b", 300.0, 1.0, 10.0, 1800.0, road_modes, {}, {}};
  LinkSpec bc{"bc", "b", "c", 600.0, 1.0, 20.0, 1800.0, road_modes, {}, {}};
  spec.links = reversed ? std::vector<LinkSpec>{bc, ab} : std::vector<LinkSpec>{ab, bc};
  if (extra) {
    spec.nodes.push_back({"d", 900, 300, false, {}});
    spec.links.push_back({"cd", "c", "d", 300.0, 1.0, 10.0, 1800.0, road_modes, {}, {}});
  }
  return compile_network(spec);
}

LinkBin bin(double time_s, std::vector<float> speed, std::vector<float> queue) {
  LinkBin b;
  b.resize(2);
  b.time_s = time_s;
  b.mean_speed_mps = std::move(speed);
  b.queue_veh = std::move(queue);
  return b;
}

// Three bins of 300 s from 08:00 on two_links(false).
void write_run(const std::string& path) {
  const Network net = two_links(false);
  RunMeta meta;
  meta.scenario_name = "two links";
  meta.start_s = 28800.0;
  meta.end_s = 29700.0;
  meta.bin_s = 300.0;
  RunWriter writer(path, meta, net);
  writer.append_link_bin(bin(28800.0, {5.0f, nan}, {0.0f, 0.0f}));
  writer.append_link_bin(bin(29100.0, {20.0f, nan}, {0.0f, 2.0f}));
  writer.append_link_bin(bin(29400.0, {nan, nan}, {0.0f, 1.0f}));
  writer.finish({}, {});
}

}  // namespace

TEST_CASE("a run's link times come back per bin, by link id, with estimates where none left") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  write_run(path);
  const Network net = two_links(true);  // the same links, listed the other way round
  const Index ab = net.find_link("ab");
  const Index bc = net.find_link("bc");
  const LinkCostSeries costs = read_link_cost_series(path, net);
  REQUIRE(costs.bin_count() == 3);
  CHECK(costs.link_count == 2);
  CHECK(costs.start_s == 28800.0);
  CHECK(costs.bin_s == 300.0);
  CHECK(costs.bin_at(29150.0) == 1);
  // ab: 300 m at 5 m/s; then faster than free flow, kept at free flow; then nobody on it.
  CHECK(costs.bin(0)[ab] == Approx(60.0));
  CHECK(costs.bin(1)[ab] == Approx(30.0));
  CHECK(costs.bin(2)[ab] == Approx(30.0));
  // bc: empty (free flow); then queued with nobody leaving: the bin's length more than before,
  // and again.
  CHECK(costs.bin(0)[bc] == Approx(30.0));
  CHECK(costs.bin(1)[bc] == Approx(330.0));
  CHECK(costs.bin(2)[bc] == Approx(630.0));
}

TEST_CASE("link times of a run on another network are refused, naming the file and the link") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  write_run(path);
  const InputError extra =
      input_error_of([&] { read_link_cost_series(path, two_links(false, true)); });
  CHECK(extra.file() == path);
  CHECK(extra.field() == "/network/links/id");
  CHECK(std::string(extra.what()).find("scenario's link 'cd' is not in the run") !=
        std::string::npos);

  NetworkSpec one;
  one.nodes = {{"a", 0, 0, false, {}}, {"b", 300, 0, false, {}}};
  one.links = {{"ab", "a", "b", 300.0, 1.0, 10.0, 1800.0, road_modes, {}, {}}};
  const InputError fewer =
      input_error_of([&] { read_link_cost_series(path, compile_network(one)); });
  CHECK(std::string(fewer.what()).find("run's link 'bc' is not in the scenario") !=
        std::string::npos);

  const InputError none =
      input_error_of([&] { read_link_cost_series(dir.write("not.h5", "text"), two_links(false)); });
  CHECK(none.file() == dir.file("not.h5"));
}

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
  load_route_costs(*base);  // names no costs: nothing to load
  CHECK(base->route_costs.bin_count() == 0);
  const RunResult first = run_scenario(base, {dir.file("base.h5"), 2, false});
  CHECK(inflow(first.output_path, *base, "ob") == 0.0);
  CHECK(inflow(first.output_path, *base, "oa") == 400.0);

  const auto next = std::make_shared<Scenario>(load_scenario(next_toml));
  CHECK(next->route_costs_from == dir.file("base.h5"));  // relative to the scenario file
  CHECK_THROWS_AS(run_scenario(next, {dir.file("next.h5"), 2, false}), std::logic_error);
  load_route_costs(*next);
  CHECK(next->route_costs.bin_count() > 1);
  const RunResult second = run_scenario(next, {dir.file("next.h5"), 2, false});
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
  load_route_costs(*again);
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
