#include "run/route_costs.hpp"

#include "output/link_cost_reader.hpp"

namespace arteria {

void load_route_costs(Scenario& scenario) {
  if (scenario.route_costs_from.empty() || scenario.route_costs.bin_count() > 0) return;
  scenario.route_costs = read_link_cost_series(scenario.route_costs_from, scenario.network);
}

}  // namespace arteria
