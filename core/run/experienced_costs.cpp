#include "run/experienced_costs.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace arteria {
namespace {

// Fixed-point steps from the exit-bin time to the entry time's: enough for a queue that grows by
// less than a bin per bin (the step contracts then); more would not change a float.
constexpr int entry_time_steps = 4;

// The exit-bin times of one link (`stride` apart), linear between bin middles, at `bins_in`
// bins after the run's start.
double exit_time_at(const float* exit_s, std::size_t stride, Index bins, double bins_in) {
  const double position = bins_in - 0.5;
  if (!(position > 0.0)) return exit_s[0];
  if (position >= bins - 1) return exit_s[(bins - 1) * stride];
  const auto before = static_cast<Index>(position);
  const double a = exit_s[before * stride];
  const double b = exit_s[(before + 1) * stride];
  return a + (position - before) * (b - a);
}

}  // namespace

ExperiencedCosts::ExperiencedCosts(const Network& network, std::vector<float> car_free_flow_s,
                                   double start_s, double bin_s)
    : network_(network),
      free_flow_s_(std::move(car_free_flow_s)),
      start_s_(start_s),
      bin_s_(bin_s) {
  previous_s_.assign(free_flow_s_.begin(), free_flow_s_.end());
}

void ExperiencedCosts::add(const LinkBin& bin, std::span<const std::uint8_t> closed) {
  const Index links = network_.link_count;
  closed_.insert(closed_.end(), closed.begin(), closed.end());
  for (Index l = 0; l < links; ++l) {
    previous_s_[l] =
        experienced_link_time_s(network_.link_length_m[l], free_flow_s_[l], bin.mean_speed_mps[l],
                                bin.queue_veh[l], previous_s_[l], bin_s_);
    exit_estimate_s_.push_back(static_cast<float>(previous_s_[l]));
  }
  ++bins_;
}

LinkCostSeries ExperiencedCosts::series() const {
  const Index links = network_.link_count;
  LinkCostSeries series;
  series.link_count = links;
  series.start_s = start_s_;
  series.bin_s = bin_s_;
  series.cost_s.resize(static_cast<std::size_t>(bins_) * links);
  for (Index l = 0; l < links; ++l) {
    const float* exit_s = exit_estimate_s_.data() + l;
    for (Index b = 0; b < bins_; ++b) {
      double time = exit_s[static_cast<std::size_t>(b) * links];
      if (std::isfinite(time)) {
        for (int step = 0; step < entry_time_steps; ++step) {
          time = exit_time_at(exit_s, links, bins_, b + 0.5 + time / bin_s_);
        }
      }
      if (closed_[static_cast<std::size_t>(b) * links + l]) time += closed_link_penalty_s;
      series.cost_s[static_cast<std::size_t>(b) * links + l] = static_cast<float>(time);
    }
  }
  return series;
}

LinkCostSeries coarser_bins(const LinkCostSeries& costs, Index factor) {
  if (factor <= 1) return costs;
  LinkCostSeries out;
  out.link_count = costs.link_count;
  out.start_s = costs.start_s;
  out.bin_s = costs.bin_s * factor;
  const Index bins = costs.bin_count();
  std::vector<double> sum(costs.link_count);
  for (Index first = 0; first < bins; first += factor) {
    const Index last = std::min(bins, first + factor);
    std::fill(sum.begin(), sum.end(), 0.0);
    for (Index b = first; b < last; ++b) {
      const float* cost = costs.bin(b);
      for (Index l = 0; l < costs.link_count; ++l) sum[l] += cost[l];
    }
    for (Index l = 0; l < costs.link_count; ++l) {
      out.cost_s.push_back(static_cast<float>(sum[l] / (last - first)));
    }
  }
  return out;
}

double link_time_s(const LinkCostSeries& costs, Index link, double time_s) {
  const Index bins = costs.bin_count();
  const double position = bins > 1 ? (time_s - costs.start_s) / costs.bin_s - 0.5 : 0.0;
  if (!(position > 0.0)) return costs.bin(0)[link];
  if (position >= bins - 1) return costs.bin(bins - 1)[link];
  const auto before = static_cast<Index>(position);
  const double after_share = position - before;
  const double a = costs.bin(before)[link];
  const double b = costs.bin(before + 1)[link];
  if (!std::isfinite(a) || !std::isfinite(b)) return std::max(a, b);
  return a + after_share * (b - a);
}

double route_time_s(const LinkCostSeries& costs, std::span<const Index> links, double depart_s) {
  double time = depart_s;
  for (const Index link : links) time += link_time_s(costs, link, time);
  return time - depart_s;
}

}  // namespace arteria
