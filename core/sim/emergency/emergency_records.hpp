// The dispatches of a run as a table for the output (/emergency/dispatches) and their KPIs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/scenario.hpp"
#include "sim/run_records.hpp"
#include "sim/sim_state.hpp"

namespace arteria {

// One row per dispatch, in dispatch order. response_s = arrival_s - incident_s (NaN until it
// arrived); station is "" when no station reaches the incident.
struct DispatchRecords {
  std::vector<std::string> incident;
  std::vector<std::string> station;
  std::vector<Index> node;  // the incident's node
  std::vector<double> incident_s;
  std::vector<double> dispatch_s;
  std::vector<double> arrival_s;
  std::vector<double> response_s;
  std::vector<double> delay_caused_s;
  std::vector<std::uint64_t> vehicles_passed;
  std::vector<std::uint32_t> preemptions;
  std::vector<Index> route_first_link;  // CSR over the rows into route_links
  std::vector<Index> route_links;
  // The scenario's stations (/emergency/stations), for maps of who reaches where.
  std::vector<std::string> station_id;
  std::vector<Index> station_node;

  std::size_t rows() const { return incident.size(); }
};

DispatchRecords dispatch_records(const Scenario& scenario, const SimState& s);

// Fills the emergency_* KPIs: dispatches, those arrived, their mean and 90th percentile
// response time (nearest rank: the ceil(0.9 n)-th smallest) and the delay caused in total.
void add_emergency_kpis(const SimState& s, Kpis& kpis);

}  // namespace arteria
