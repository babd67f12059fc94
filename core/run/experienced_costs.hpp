// What an iteration of dynamic assignment learns from its simulation: each link's experienced
// travel time per output bin, by the time vehicles *enter* it (kept in memory, bin by bin as
// the simulation hands them over), and what a route costs on them when a vehicle follows it
// through the bins.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "model/link_cost_series.hpp"
#include "model/network.hpp"
#include "sim/run_records.hpp"

namespace arteria {

// A run's link series give, per bin, the space-mean speed of the vehicles that *left* each link
// in it: experienced_link_time_s, the times [routing] costs_from reads. They lag: vehicles
// leaving a growing queue entered it when it was shorter. Routes are chosen at entry, so the
// cost of bin b here is the time τ of a vehicle entering at b's middle m, which leaves at m + τ:
// τ = e(m + τ), with e the exit-bin times linear between bin middles, solved by a few fixed-point
// steps from τ = e(m). On a link crossed within a bin this is e(m) itself. Never below free flow
// (e is not); infinite where cars may not drive.
class ExperiencedCosts {
 public:
  // `car_free_flow_s`: free_flow_costs() of the network; `start_s` and `bin_s`: the run's first
  // bin and bin length.
  ExperiencedCosts(const Network& network, std::vector<float> car_free_flow_s, double start_s,
                   double bin_s);

  // Keeps one finished bin's exit-bin times, and which links were closed at its end (a closed
  // link carries no traffic, so its measured time would be free flow: see closed_link_penalty_s).
  void add(const LinkBin& bin, std::span<const std::uint8_t> closed);
  // The series by entry bin, from the bins added.
  LinkCostSeries series() const;

 private:
  const Network& network_;
  std::vector<float> free_flow_s_;
  double start_s_;
  double bin_s_;
  Index bins_ = 0;
  std::vector<double> previous_s_;      // each link's exit-bin estimate in the last bin added
  std::vector<float> exit_estimate_s_;  // bin-major, bins_ × link_count
  std::vector<std::uint8_t> closed_;    // bin-major: closed at the bin's end
};

// Added to the cost of a link in a bin at whose end it was closed. It must not look free; an hour
// makes any detour shorter than an hour better, and unlike infinity keeps route times, gaps and
// the means of coarser bins defined (a route the assignment must still price may cross it).
inline constexpr double closed_link_penalty_s = 3600.0;

// `costs` on bins `factor` times as long (the mean of each run of `factor` bins, the last run
// possibly shorter): fewer metrics to customize when routing on them.
LinkCostSeries coarser_bins(const LinkCostSeries& costs, Index factor);

// A link's time for a vehicle entering at `time_s`: each bin's cost holds at the bin's middle,
// linear in between (constant before the first middle and after the last).
double link_time_s(const LinkCostSeries& costs, Index link, double time_s);

// The time to drive `links` leaving at `depart_s`, each link at link_time_s of the time the
// vehicle enters it: a time-dependent evaluation of a route on a run's costs, so a long trip
// sees the later bins it drives in, not only its departure's.
double route_time_s(const LinkCostSeries& costs, std::span<const Index> links, double depart_s);

}  // namespace arteria
