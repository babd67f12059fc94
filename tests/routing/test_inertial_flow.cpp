// Inertial flow separators: vertices at one point are linked (and stay linked in subgraphs when
// a vertex between them is gone), and a separator found on the graph of the points separates
// the link graph of real networks into two sizeable sides.
#include <catch2/catch.hpp>

#include <string>

#include "formats/grid/grid_city.hpp"
#include "routing/cch_order.hpp"
#include "scenario/scenario_file.hpp"

using namespace arteria;

namespace {

// A path 0 - 1 - 2 - 3 - 4 where 0, 2 and 4 share a point, and 1 and 3 sit alone.
PlaneGraph path_with_shared_points() {
  PlaneGraph graph;
  graph.first = {0, 1, 3, 5, 7, 8};
  graph.adjacent = {1, 0, 2, 1, 3, 2, 4, 3};
  graph.x = {5.0, 1.0, 5.0, 2.0, 5.0};
  graph.y = {5.0, 1.0, 5.0, 2.0, 5.0};
  return graph;
}

// The separator is not empty, and the graph without it falls apart into components of which
// none holds more than `max_share` of the vertices.
void check_separates(const PlaneGraph& graph, const std::vector<Index>& separator,
                     double max_share) {
  REQUIRE(!separator.empty());
  std::vector<std::uint8_t> removed(graph.size(), 0);
  for (Index v : separator) removed[v] = 1;
  std::vector<std::uint8_t> seen(removed);
  Index largest = 0;
  for (Index start = 0; start < graph.size(); ++start) {
    if (seen[start]) continue;
    std::vector<Index> queue{start};
    seen[start] = 1;
    for (std::size_t i = 0; i < queue.size(); ++i) {
      for (Index k = graph.first[queue[i]]; k < graph.first[queue[i] + 1]; ++k) {
        const Index w = graph.adjacent[k];
        if (!seen[w]) seen[w] = 1, queue.push_back(w);
      }
    }
    largest = std::max(largest, static_cast<Index>(queue.size()));
  }
  CHECK(largest <= max_share * graph.size());
}

}  // namespace

TEST_CASE("vertices at one point are linked, also in subgraphs missing one of them") {
  PlaneGraph graph = path_with_shared_points();
  link_same_points(graph);
  CHECK(graph.same_point_before ==
        std::vector<Index>{invalid_index, invalid_index, 0, invalid_index, 2});
  std::vector<Index> scratch;
  const PlaneGraph without_2 = induced_subgraph(graph, {0, 1, 3, 4}, scratch);
  CHECK(without_2.same_point_before ==
        std::vector<Index>{invalid_index, invalid_index, invalid_index, 0});
  const PlaneGraph without_0 = induced_subgraph(graph, {1, 2, 3, 4}, scratch);
  CHECK(without_0.same_point_before ==
        std::vector<Index>{invalid_index, invalid_index, invalid_index, 1});
  // More vertices at one point than the limit: a network without coordinates, nothing linked.
  link_same_points(graph, 2);
  CHECK(graph.same_point_before == std::vector<Index>(5, invalid_index));
}

TEST_CASE("separators on the graph of link midpoints separate grid and city link graphs") {
  const Network grid = compile_network(make_grid_city({.columns = 15, .rows = 15}));
  const PlaneGraph grid_graph = dissection_graph(build_cch_graph(grid, mode_car));
  check_separates(grid_graph, inertial_flow_separator(grid_graph), 0.8);

  const ScenarioSpec spec =
      read_scenario_spec(std::string(ARTERIA_SOURCE_DIR) + "/scenarios/monaco/scenario.toml");
  REQUIRE(spec.roads);
  const Network monaco = compile_network(spec.roads->spec);
  const PlaneGraph city = dissection_graph(build_cch_graph(monaco, mode_car));
  const std::vector<Index> separator = inertial_flow_separator(city);
  check_separates(city, separator, 0.8);
  CHECK(separator.size() < city.size() / 20);  // small: a city is cut along a few streets
}
