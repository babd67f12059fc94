#include "sim/emergency/emergency_records.hpp"

#include <algorithm>
#include <cmath>

namespace arteria {

DispatchRecords dispatch_records(const Scenario& scenario, const SimState& s) {
  DispatchRecords r;
  r.route_first_link.push_back(0);
  for (const Dispatch& d : s.emergency.dispatches) {
    r.incident.push_back(d.incident);
    r.station.push_back(d.station == invalid_index ? std::string()
                                                   : scenario.emergency.stations[d.station].id);
    r.node.push_back(d.incident_node);
    r.incident_s.push_back(d.incident_s);
    r.dispatch_s.push_back(d.dispatch_s);
    r.arrival_s.push_back(d.arrival_s);
    r.response_s.push_back(d.arrival_s - d.incident_s);  // NaN when it did not arrive
    r.delay_caused_s.push_back(d.delay_caused_s);
    r.vehicles_passed.push_back(d.vehicles_passed);
    r.preemptions.push_back(d.preemptions);
    r.route_links.insert(r.route_links.end(), d.route.begin(), d.route.end());
    r.route_first_link.push_back(static_cast<Index>(r.route_links.size()));
  }
  for (const EmergencyStation& station : scenario.emergency.stations) {
    r.station_id.push_back(station.id);
    r.station_node.push_back(station.node);
  }
  return r;
}

void add_emergency_kpis(const SimState& s, Kpis& kpis) {
  std::vector<double> responses;
  double delay_caused_s = 0.0;
  for (const Dispatch& d : s.emergency.dispatches) {
    if (!std::isnan(d.arrival_s)) responses.push_back(d.arrival_s - d.incident_s);
    delay_caused_s += d.delay_caused_s;
  }
  kpis.emergency_dispatches = s.emergency.dispatches.size();
  kpis.emergency_arrived = responses.size();
  kpis.emergency_delay_caused_s = delay_caused_s;
  if (responses.empty()) return;
  double sum = 0.0;
  for (double r : responses) sum += r;  // in dispatch order: the same bits every run
  kpis.emergency_mean_response_s = sum / static_cast<double>(responses.size());
  std::sort(responses.begin(), responses.end());
  const auto rank =
      static_cast<std::size_t>(std::ceil(0.9 * static_cast<double>(responses.size())));
  kpis.emergency_p90_response_s = responses[std::max<std::size_t>(rank, 1) - 1];
}

}  // namespace arteria
