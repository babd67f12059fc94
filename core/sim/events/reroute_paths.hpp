// What every re-route shares, for closures (reroute.cpp) and for en-route choice on current
// link times (en_route_rerouting.cpp): requests grouped by where the new path starts, one
// forward sweep per start on a customized CCH metric, in parallel, each path drawn among tied
// shortest paths by the vehicle's trip as in route_trips; the new routes appended in vehicle
// order so that the result does not depend on the thread count.
#pragma once

#include <cstdint>
#include <vector>

#include "routing/cch_metric.hpp"
#include "sim/events/apply_event.hpp"

namespace arteria {

// A vehicle to re-route and where its new path starts: (0, link) for a vehicle on the network
// (the path goes on from the end of that link), (1, node) for one not yet departed.
struct RerouteRequest {
  std::uint64_t start;
  Index vehicle;
};

// The start of a re-route of vehicle v in its current state.
std::uint64_t reroute_start(const Scenario& scenario, const SimState& s, Index v);

// The topology on first use (the order from the cache when it is there), and a metric for it.
void prepare_reroute_cch(const Network& net, RerouteCch& cch);

// Each request's new path (empty: none) on the customized metric; `requests` sorted by start.
// A path from a link starts with that link.
std::vector<std::vector<Index>> reroute_paths(const Scenario& scenario, const CchMetric& metric,
                                              const std::vector<RerouteRequest>& requests);

// Each request's new path (empty: none) on `base` (one cost per link) as its vehicle's class
// sees it (class_costs.hpp) with the bans in force when the path starts: now, or at its
// departure for a vehicle not yet departed. One customization of cch's metric per (class, ban
// period) with requests, and one on `base` itself for the classes that restrict nothing;
// `requests` sorted by start, each set's requests keep that order.
std::vector<std::vector<Index>> class_reroute_paths(const Scenario& scenario, RerouteCch& cch,
                                                    const SimState& s,
                                                    const std::vector<float>& base,
                                                    const std::vector<RerouteRequest>& requests);

// Gives each vehicle its new path (none: counted as failed; its own route again: left alone);
// the caller adds the counts to the state's.
RerouteCounts install_routes(const Network& net, SimState& s,
                             const std::vector<RerouteRequest>& requests,
                             const std::vector<std::vector<Index>>& paths);

}  // namespace arteria
